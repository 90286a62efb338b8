import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { customerIdentities, customers } from '../db/schema.js';
import type { CustomerRef, Source } from './events.js';
import { normalizeEmail } from './names.js';

/**
 * Finds the customer a source's reference points at — by the source's own id
 * first, then by e-mail — or creates one, and remembers the source id.
 * Names are filled in when the source knows them. Must run inside a transaction.
 * @returns the customer's id.
 */
export function resolveCustomer(tx: Db, source: Source, ref: CustomerRef, now: Date): number {
  const at = now.getTime();
  const email = normalizeEmail(ref.email);
  let customerId = ref.externalId ? findBySourceId(tx, source, ref.externalId) : undefined;
  if (customerId === undefined && email) {
    customerId = tx.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).get()?.id;
  }
  if (customerId === undefined) {
    customerId = tx
      .insert(customers)
      .values({ email, firstName: clean(ref.firstName), lastName: clean(ref.lastName), createdAt: at, updatedAt: at })
      .returning({ id: customers.id })
      .get().id;
  } else {
    fillKnownFields(tx, customerId, email, ref, at);
  }
  if (ref.externalId) {
    tx.insert(customerIdentities)
      .values({ customerId, source, externalId: ref.externalId, createdAt: at })
      .onConflictDoNothing()
      .run();
  }
  return customerId;
}

function findBySourceId(tx: Db, source: Source, externalId: string): number | undefined {
  return tx
    .select({ customerId: customerIdentities.customerId })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.source, source), eq(customerIdentities.externalId, externalId)))
    .get()?.customerId;
}

function fillKnownFields(tx: Db, customerId: number, email: string | null, ref: CustomerRef, at: number): void {
  const current = tx.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!current) return;
  const firstName = clean(ref.firstName) ?? current.firstName;
  const lastName = clean(ref.lastName) ?? current.lastName;
  const emailTaken =
    email !== null &&
    email !== current.email &&
    tx.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).get() !== undefined;
  const nextEmail = current.email ?? (emailTaken ? null : email);
  if (firstName === current.firstName && lastName === current.lastName && nextEmail === current.email) return;
  tx.update(customers)
    .set({ firstName, lastName, email: nextEmail, updatedAt: at })
    .where(eq(customers.id, customerId))
    .run();
}

function clean(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
