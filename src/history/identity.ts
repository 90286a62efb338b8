import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { customerIdentities, customers } from '../db/schema.js';
import type { CustomerRef, Source } from './events.js';
import { mergeCustomers } from './merge-customers.js';
import { normalizeEmail } from './names.js';

/**
 * Finds the customer a source's reference points at — by the source's own id,
 * then by e-mail — or creates one, and remembers the source id. When the two
 * lead to different customers (a Zendesk requester first seen without an
 * e-mail, later revealed), they are merged without losing history.
 * Profile fields are taken only from a change at least as new as the last one
 * applied from that source. Must run inside a transaction.
 * @returns the customer's id.
 */
export function resolveCustomer(tx: Db, source: Source, ref: CustomerRef, now: Date, version?: Date): number {
  const at = now.getTime();
  const email = normalizeEmail(ref.email);
  const identity = ref.externalId ? findIdentity(tx, source, ref.externalId) : undefined;
  const byEmail = email ? tx.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).get()?.id : undefined;
  let customerId: number;
  if (identity && byEmail !== undefined && identity.customerId !== byEmail) {
    customerId = mergeCustomers(tx, { keepId: byEmail, dropId: identity.customerId }, now);
  } else {
    customerId = identity?.customerId ?? byEmail ?? createCustomer(tx, email, at);
  }
  const versionMs = version?.getTime() ?? at;
  const current = ref.externalId ? findIdentity(tx, source, ref.externalId) : undefined;
  const stale = current?.profileVersion != null && versionMs < current.profileVersion;
  if (!stale) applyProfile(tx, customerId, email, ref, at);
  if (ref.externalId) linkIdentity(tx, customerId, source, ref.externalId, stale ? undefined : versionMs, at);
  return customerId;
}

function findIdentity(tx: Db, source: Source, externalId: string) {
  return tx
    .select({ customerId: customerIdentities.customerId, profileVersion: customerIdentities.profileVersion })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.source, source), eq(customerIdentities.externalId, externalId)))
    .get();
}

function createCustomer(tx: Db, email: string | null, at: number): number {
  return tx.insert(customers).values({ email, createdAt: at, updatedAt: at }).returning({ id: customers.id }).get().id;
}

function linkIdentity(tx: Db, customerId: number, source: Source, externalId: string, versionMs: number | undefined, at: number): void {
  tx.insert(customerIdentities)
    .values({ customerId, source, externalId, profileVersion: versionMs ?? null, createdAt: at })
    .onConflictDoUpdate({
      target: [customerIdentities.source, customerIdentities.externalId],
      set: versionMs === undefined ? { customerId } : { customerId, profileVersion: versionMs },
    })
    .run();
}

/** Fills in what the source knows. An e-mail is only taken when no other customer has it. */
function applyProfile(tx: Db, customerId: number, email: string | null, ref: CustomerRef, at: number): void {
  const current = tx.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!current || current.redactedAt !== null) return;
  const emailFree =
    email !== null && (email === current.email || tx.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).get() === undefined);
  const next = {
    firstName: clean(ref.firstName) ?? current.firstName,
    lastName: clean(ref.lastName) ?? current.lastName,
    birthday: clean(ref.birthday) ?? current.birthday,
    email: emailFree ? email : current.email,
  };
  if (next.firstName === current.firstName && next.lastName === current.lastName && next.birthday === current.birthday && next.email === current.email) return;
  tx.update(customers)
    .set({ ...next, updatedAt: at })
    .where(eq(customers.id, customerId))
    .run();
}

function clean(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
