import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { placeholders, placeholderSql, preparedFor } from '../db/prepared.js';
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
  const byEmail = email ? customerWithEmail(tx, email) : undefined;
  const known = identity?.customerId ?? byEmail;
  let customerId: number;
  if (identity && byEmail !== undefined && identity.customerId !== byEmail) {
    customerId = mergeCustomers(tx, { keepId: byEmail, dropId: identity.customerId }, now);
  } else {
    // A new customer is made with the source's profile: what applyProfile would otherwise write straight after.
    customerId = known ?? createCustomer(tx, email, ref, at);
  }
  const versionMs = version?.getTime() ?? at;
  // Read before any write above: creating a customer adds no identity, and a merge moves identities without changing their versions.
  const stale = identity?.profileVersion != null && versionMs < identity.profileVersion;
  if (!stale && known !== undefined) applyProfile(tx, customerId, email, ref, at);
  const linkedVersion = stale ? undefined : versionMs;
  // Rewriting a link that already says the same would only dirty pages for the commit to write.
  const unchanged = identity?.customerId === customerId && (linkedVersion === undefined || identity.profileVersion === linkedVersion);
  if (ref.externalId && !unchanged) linkIdentity(tx, customerId, source, ref.externalId, linkedVersion, at);
  return customerId;
}

const findIdentityQuery = (db: Db) =>
  db
    .select({ customerId: customerIdentities.customerId, profileVersion: customerIdentities.profileVersion })
    .from(customerIdentities)
    .where(and(eq(customerIdentities.source, sql.placeholder('source')), eq(customerIdentities.externalId, sql.placeholder('externalId'))))
    .prepare();

function findIdentity(tx: Db, source: Source, externalId: string) {
  return preparedFor(tx, findIdentityQuery).get({ source, externalId });
}

const customerWithEmailQuery = (db: Db) =>
  db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.email, sql.placeholder('email')))
    .prepare();

function customerWithEmail(tx: Db, email: string): number | undefined {
  return preparedFor(tx, customerWithEmailQuery).get({ email })?.id;
}

const createCustomerQuery = (db: Db) =>
  db
    .insert(customers)
    .values({
      ...placeholders('email', 'firstName', 'lastName', 'birthday'),
      createdAt: sql.placeholder('at'),
      updatedAt: sql.placeholder('at'),
    })
    .returning({ id: customers.id })
    .prepare();

/** Called only when no customer has this e-mail, so it is theirs. @returns the new customer's id. */
function createCustomer(tx: Db, email: string | null, ref: CustomerRef, at: number): number {
  const created = preparedFor(tx, createCustomerQuery).get({ email, firstName: clean(ref.firstName), lastName: clean(ref.lastName), birthday: clean(ref.birthday), at });
  if (!created) throw new Error('customer insert returned no row');
  return created.id;
}

const identityValues = {
  customerId: sql.placeholder('customerId'),
  source: sql.placeholder('source'),
  externalId: sql.placeholder('externalId'),
  profileVersion: sql.placeholder('profileVersion'),
  createdAt: sql.placeholder('createdAt'),
};
const identityTarget = [customerIdentities.source, customerIdentities.externalId];

/** Links the source id to the customer and records the profile version applied. */
const linkIdentityQuery = (db: Db) =>
  db
    .insert(customerIdentities)
    .values(identityValues)
    .onConflictDoUpdate({ target: identityTarget, set: { customerId: placeholderSql('customerId'), profileVersion: placeholderSql('profileVersion') } })
    .prepare();

/** Links the source id to the customer, keeping the newer profile version already recorded. */
const linkIdentityKeepingVersionQuery = (db: Db) =>
  db
    .insert(customerIdentities)
    .values(identityValues)
    .onConflictDoUpdate({ target: identityTarget, set: { customerId: placeholderSql('customerId') } })
    .prepare();

function linkIdentity(tx: Db, customerId: number, source: Source, externalId: string, versionMs: number | undefined, at: number): void {
  const query = versionMs === undefined ? linkIdentityKeepingVersionQuery : linkIdentityQuery;
  preparedFor(tx, query).run({ customerId, source, externalId, profileVersion: versionMs ?? null, createdAt: at });
}

const customerRowQuery = (db: Db) =>
  db
    .select()
    .from(customers)
    .where(eq(customers.id, sql.placeholder('id')))
    .prepare();

/** Fills in what the source knows. An e-mail is only taken when no other customer has it. */
function applyProfile(tx: Db, customerId: number, email: string | null, ref: CustomerRef, at: number): void {
  const current = preparedFor(tx, customerRowQuery).get({ id: customerId });
  if (!current || current.redactedAt !== null) return;
  const emailFree = email !== null && (email === current.email || customerWithEmail(tx, email) === undefined);
  const next = {
    firstName: clean(ref.firstName) ?? current.firstName,
    lastName: clean(ref.lastName) ?? current.lastName,
    birthday: clean(ref.birthday) ?? current.birthday,
    email: emailFree ? email : current.email,
  };
  if (next.firstName === current.firstName && next.lastName === current.lastName && next.birthday === current.birthday && next.email === current.email) return;
  preparedFor(tx, updateProfileQuery).run({ ...next, updatedAt: at, id: customerId });
}

const updateProfileQuery = (db: Db) =>
  db
    .update(customers)
    .set({
      firstName: placeholderSql('firstName'),
      lastName: placeholderSql('lastName'),
      birthday: placeholderSql('birthday'),
      email: placeholderSql('email'),
      updatedAt: placeholderSql('updatedAt'),
    })
    .where(eq(customers.id, sql.placeholder('id')))
    .prepare();

function clean(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
