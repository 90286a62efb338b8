import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  auditLog,
  customerIdentities,
  customers,
  gestures,
  holdoutGroups,
  moments,
  nudges,
  orders,
  payments,
  ratings,
  tickets,
  timelineEvents,
} from '../db/schema.js';

/** Every table that points at a customer; a merge moves each of them. */
const CUSTOMER_TABLES = [customerIdentities, orders, nudges, moments, gestures, auditLog, payments, tickets, ratings, timelineEvents] as const;

/**
 * Folds one customer record into another when a later event shows they are the
 * same person: every order, ticket, rating, nudge and audit row moves to the
 * kept record, missing profile fields are filled from the dropped one, and
 * the dropped record is deleted. Must run inside a transaction.
 * @returns the kept customer's id.
 */
export function mergeCustomers(tx: Db, ids: { keepId: number; dropId: number }, now: Date): number {
  const { keepId, dropId } = ids;
  if (keepId === dropId) return keepId;
  const keep = tx.select().from(customers).where(eq(customers.id, keepId)).get();
  const drop = tx.select().from(customers).where(eq(customers.id, dropId)).get();
  if (!keep || !drop) return keepId;
  for (const table of CUSTOMER_TABLES) {
    tx.update(table).set({ customerId: keepId }).where(eq(table.customerId, dropId)).run();
  }
  // One holdout assignment per person: the kept record's stands; the dropped one's carries over only if there is none.
  const keptGroup = tx.select({ id: holdoutGroups.customerId }).from(holdoutGroups).where(eq(holdoutGroups.customerId, keepId)).get();
  if (!keptGroup) tx.update(holdoutGroups).set({ customerId: keepId }).where(eq(holdoutGroups.customerId, dropId)).run();
  tx.delete(customers).where(eq(customers.id, dropId)).run();
  tx.update(customers)
    .set({
      firstName: keep.firstName ?? drop.firstName,
      lastName: keep.lastName ?? drop.lastName,
      birthday: keep.birthday ?? drop.birthday,
      email: keep.email ?? drop.email,
      createdAt: Math.min(keep.createdAt, drop.createdAt),
      updatedAt: now.getTime(),
    })
    .where(eq(customers.id, keepId))
    .run();
  return keepId;
}
