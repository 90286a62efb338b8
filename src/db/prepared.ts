import { sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * Queries built once per database. Building a query's SQL text in drizzle
 * (walking the builder, checking every chunk's kind) cost more than running
 * most of delightbot's queries, and a webhook runs dozens: the hot ones are
 * built with `sql.placeholder(...)` for their values and `.prepare()`d once,
 * then run with `.get(values)`, `.all(values)` or `.run(values)`.
 *
 * The cache is keyed by drizzle's session, which a database and every
 * transaction opened on it share. better-sqlite3 runs everything on one
 * connection, so a query prepared outside a transaction and run inside
 * `db.transaction(...)` takes part in that transaction.
 *
 * Two things to know when writing one:
 * - A placeholder compared in a `where`, or set through `placeholderSql`, is
 *   bound as given, without the column's encoding: pass what SQLite stores
 *   (numbers for times, 0/1 for booleans, text for JSON). In
 *   `insert().values()` the column encodes it, as usual.
 * - An insert's columns and defaults are fixed when it is prepared: give
 *   every column it may write a placeholder, and pass null, never undefined.
 */

type Build<T> = (db: Db) => T;

const bySession = new WeakMap<object, Map<Build<unknown>, unknown>>();

/**
 * The query `build` makes, built and prepared the first time it is asked
 * for on this database (or any transaction on it), reused after that.
 * `build` must be a module-level function: it is the cache key.
 * @returns the prepared query.
 */
export function preparedFor<T>(db: Db, build: Build<T>): T {
  const session = sessionOf(db);
  let queries = bySession.get(session);
  if (!queries) {
    queries = new Map();
    bySession.set(session, queries);
  }
  let query = queries.get(build) as T | undefined;
  if (query === undefined) {
    query = build(db);
    queries.set(build, query);
  }
  return query;
}

/** drizzle keeps the session internal; a database and its transactions share it. */
function sessionOf(db: Db): object {
  return (db as unknown as { session: object }).session;
}

/**
 * A placeholder where drizzle's types take SQL but no placeholder
 * (`update().set()`, `onConflictDoUpdate({ set })`). Its value is bound as
 * given, without the column's encoding.
 * @returns the placeholder wrapped as SQL.
 */
export function placeholderSql(name: string): SQL {
  return sql`${sql.placeholder(name)}`;
}

/**
 * One placeholder per column, named after it, for `insert().values(...)`.
 * @returns `{ [name]: sql.placeholder(name) }` for every name.
 */
export function placeholders<K extends string>(...names: K[]): Record<K, Placeholder<K>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<K, Placeholder<K>>;
}

/**
 * One `placeholderSql` per column, named after it, for `update().set(...)`.
 * @returns `{ [name]: placeholderSql(name) }` for every name.
 */
export function placeholderSets<K extends string>(...names: K[]): Record<K, SQL> {
  return Object.fromEntries(names.map((name) => [name, placeholderSql(name)])) as Record<K, SQL>;
}
