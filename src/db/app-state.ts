import { eq } from 'drizzle-orm';
import type { Db } from './client.js';
import { appState } from './schema.js';

/** A value kept between runs (a scan watermark, the holdout salt), or null before the first write. */
export function readState(db: Db, key: string): string | null {
  return db.select({ value: appState.value }).from(appState).where(eq(appState.key, key)).get()?.value ?? null;
}

/** Stores a value kept between runs, in the caller's transaction. */
export function writeState(tx: Db, key: string, value: string, now: Date): void {
  tx.insert(appState)
    .values({ key, value, updatedAt: now.getTime() })
    .onConflictDoUpdate({ target: appState.key, set: { value, updatedAt: now.getTime() } })
    .run();
}
