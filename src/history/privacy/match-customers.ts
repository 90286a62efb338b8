import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customerIdentities, customers } from '../../db/schema.js';
import type { CustomerRef } from '../events.js';
import { normalizeEmail } from '../names.js';

/**
 * The customers a privacy request is about: the one the source's own id points
 * at and the one with the e-mail. Usually the same; when two records were never
 * merged both are returned, because a request to forget must reach every copy.
 * Never creates a customer.
 * @returns customer ids, the source-id match first; empty when nothing is held.
 */
export function matchCustomers(db: Db, source: string, ref: CustomerRef): number[] {
  const ids: number[] = [];
  const externalId = ref.externalId?.trim();
  if (externalId) {
    const identity = db
      .select({ customerId: customerIdentities.customerId })
      .from(customerIdentities)
      .where(and(eq(customerIdentities.source, source), eq(customerIdentities.externalId, externalId)))
      .get();
    if (identity) ids.push(identity.customerId);
  }
  const email = normalizeEmail(ref.email);
  if (email) {
    const byEmail = db.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).get();
    if (byEmail && !ids.includes(byEmail.id)) ids.push(byEmail.id);
  }
  return ids;
}

/** Every customer record: delightbot serves one shop per database, so a shop erasure means all of them. */
export function allCustomerIds(db: Db): number[] {
  return db
    .select({ id: customers.id })
    .from(customers)
    .all()
    .map((row) => row.id);
}
