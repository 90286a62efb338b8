import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  close(): void;
}

/**
 * Opens (creating its folder if needed) the SQLite file with the pragmas
 * delightbot relies on. `synchronous=FULL` because a 2xx to a webhook is a
 * promise: the sender will not retry, so a commit must survive a power cut.
 * `secure_delete=ON` because an erased customer must be gone from the file
 * too: SQLite otherwise leaves deleted and overwritten text in free space.
 */
export function openDatabase(path: string): OpenedDatabase {
  if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('secure_delete = ON');
  cacheStatements(sqlite, STATEMENT_CACHE_SIZE);
  const db: Db = drizzle({ client: sqlite, schema });
  return { db, sqlite, close: () => sqlite.close() };
}

/** Distinct SQL texts kept compiled; delightbot's queries number in the low hundreds. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * drizzle compiles every query anew (`client.prepare(sql)` on each call), and
 * compiling costs more than running most of delightbot's queries: a webhook
 * runs dozens. Statements are reusable, so `prepare` returns the compiled one
 * for a SQL text seen before (least recently used evicted). Each is reset to
 * row objects, because drizzle switches some to raw arrays; none is iterated,
 * so two callers never share one mid-query.
 */
function cacheStatements(sqlite: Database.Database, size: number): void {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Database.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
    } else {
      statement = compile(source);
      if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    }
    cache.set(source, statement);
    if (statement.reader) statement.raw(false);
    return statement;
  }) as typeof sqlite.prepare;
}

/** The committed `migrations/` folder, found from this file whether it runs from src/ or dist/. */
export function migrationsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('migrations/ folder not found next to the delightbot installation');
    dir = parent;
  }
}

/**
 * Applies pending migrations. drizzle runs them all in one transaction, where
 * `PRAGMA foreign_keys=OFF` inside a generated table rebuild is a no-op, so a
 * rebuild could cascade-delete child rows: foreign keys are switched off around
 * the whole run and checked afterwards instead.
 * @throws Error when a migration leaves rows that break a foreign key.
 */
export function runMigrations(opened: OpenedDatabase, folder = migrationsFolder()): void {
  opened.sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(opened.db, { migrationsFolder: folder });
    const broken = opened.sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length > 0) {
      throw new Error(`migration left ${broken.length} rows that break foreign keys: ${JSON.stringify(broken.slice(0, 5))}`);
    }
  } finally {
    opened.sqlite.pragma('foreign_keys = ON');
  }
}

/**
 * Runs `work` inside `BEGIN IMMEDIATE`, taking the write lock before the first
 * read so a read-then-write decision cannot race another connection.
 * `work` must be synchronous: with better-sqlite3 an awaited write would land
 * after the commit. A throw rolls everything back; a nested call is a savepoint.
 *
 * `work` is handed `db` itself: better-sqlite3 runs every query on its one
 * connection, so each query `work` makes is inside the transaction. drizzle's
 * transaction object would add nothing but its construction, which cost more
 * than some of the webhooks' queries.
 */
export function immediate<T>(db: Db, work: (tx: Db) => T): T {
  const client = (db as Partial<Db>).$client;
  // A drizzle transaction handed on has no client of its own: nest the way drizzle does.
  if (!client) return db.transaction((tx) => work(tx as unknown as Db), { behavior: 'immediate' });
  let run = transactions.get(client);
  if (!run) {
    run = client.transaction((inside: () => unknown) => inside());
    transactions.set(client, run);
  }
  return run.immediate(() => work(db)) as T;
}

/**
 * Runs read-only `work` in one deferred transaction: every query sees the
 * same snapshot (WAL), so a report's numbers add up even while webhooks write.
 */
export function snapshot<T>(db: Db, work: (tx: Db) => T): T {
  const client = (db as Partial<Db>).$client;
  if (!client) return db.transaction((tx) => work(tx as unknown as Db), { behavior: 'deferred' });
  return client.transaction(() => work(db)).deferred();
}

/** One better-sqlite3 transaction function per connection, reused: making one builds five wrappers. */
const transactions = new WeakMap<Database.Database, Database.Transaction<(inside: () => unknown) => unknown>>();
