import { asc, eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../src/db/client.js';
import { customers, timelineEvents } from '../../src/db/schema.js';
import { loadAbandonedCheckouts } from '../../src/history/checkouts.js';
import type { HistoryCheckout } from '../../src/nudges/rules/types.js';
import type { Harness } from './harness.js';

/** What the database file holds about abandoned checkouts, read the way the nudge engine will read it. */
export interface CommittedCheckouts {
  /** Every `checkout_abandoned` timeline row, oldest id first. */
  rows: (typeof timelineEvents.$inferSelect)[];
  /** `loadAbandonedCheckouts` for the customer with the e-mail; empty when nobody has it. */
  checkouts: HistoryCheckout[];
  customerId: number | null;
}

/**
 * Reads the app's SQLite file through a connection of its own, so only what
 * the app committed is seen.
 * @param email the customer whose checkouts are loaded (lower-case, as stored).
 */
export function committedCheckouts(h: Harness, email: string): CommittedCheckouts {
  return withDatabaseFile(h, (db) => {
    const customerId = db.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).get()?.id ?? null;
    return {
      rows: db.select().from(timelineEvents).where(eq(timelineEvents.kind, 'checkout_abandoned')).orderBy(asc(timelineEvents.id)).all(),
      checkouts: customerId === null ? [] : loadAbandonedCheckouts(db, customerId),
      customerId,
    };
  });
}

/**
 * Runs `read` on a second connection to the harness's database file.
 * @returns what `read` returns; the connection is closed either way.
 */
export function withDatabaseFile<T>(h: Harness, read: (db: Db) => T): T {
  const opened = openDatabase(h.config.databasePath);
  try {
    return read(opened.db);
  } finally {
    opened.close();
  }
}
