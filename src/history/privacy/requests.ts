import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { privacyRequests } from '../../db/schema.js';

export type PrivacyKind = 'customer_redact' | 'customer_data_request' | 'shop_redact';

/** What makes a request the same request: a redelivery under a new delivery id carries the same key. */
export interface RequestKey {
  /** A webhook source, or "cli" for requests carried out by hand. */
  source: string;
  kind: PrivacyKind;
  externalId: string;
}

export type PrivacyRequestRow = typeof privacyRequests.$inferSelect;

/**
 * Records a privacy request unless the same one (source, kind, external id)
 * was recorded before, so a redelivered request is acted on once.
 * Must run inside a transaction.
 * @returns the new request's id, or null when it was already recorded.
 */
export function openRequest(tx: Db, key: RequestKey, customerId: number | null, now: Date): number | null {
  // Looked up first rather than `on conflict do nothing`: a conflicting insert still uses up an id, and a repeat must change nothing.
  const existing = tx
    .select({ id: privacyRequests.id })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.source, key.source), eq(privacyRequests.kind, key.kind), eq(privacyRequests.externalId, key.externalId)))
    .get();
  if (existing) return null;
  return tx
    .insert(privacyRequests)
    .values({ ...key, customerId, state: 'pending', receivedAt: now.getTime() })
    .returning({ id: privacyRequests.id })
    .get().id;
}

/**
 * Marks a request done. A redaction also drops its customer link: the row
 * must not point at a person it was asked to forget.
 * @returns false when the request was not pending any more (another run finished it).
 */
export function completeRequest(tx: Db, id: number, now: Date, changes: { exportPath?: string; forgetCustomer?: boolean } = {}): boolean {
  const result = tx
    .update(privacyRequests)
    .set({
      state: 'done',
      completedAt: now.getTime(),
      ...(changes.exportPath !== undefined ? { exportPath: changes.exportPath } : {}),
      ...(changes.forgetCustomer ? { customerId: null } : {}),
    })
    .where(and(eq(privacyRequests.id, id), eq(privacyRequests.state, 'pending')))
    .run();
  return result.changes > 0;
}

/** Data requests recorded but not exported yet (e.g. the process stopped in between), oldest first. */
export function pendingDataRequests(db: Db): PrivacyRequestRow[] {
  return db
    .select()
    .from(privacyRequests)
    .where(and(eq(privacyRequests.kind, 'customer_data_request'), eq(privacyRequests.state, 'pending')))
    .orderBy(asc(privacyRequests.id))
    .all();
}
