import { and, asc, count, desc, eq, gt, gte, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog, budgetMonths, customers, gestures, moments, orders } from '../db/schema.js';
import { displayName } from '../history/names.js';

/**
 * Reading the audit log: who decided what, for whom, for how much, and when.
 * The rows are written by the domain (decide, fulfilment, budget, reminders,
 * the queue's expiry, erasures); this module only reads them.
 */

/**
 * Which entries to read. Every field narrows the trail and they combine; an
 * empty filter is the whole log. `orderId` means "the customer of that order".
 * `from` is inclusive, `to` exclusive.
 */
export interface AuditFilter {
  customerId?: number;
  orderId?: number;
  actorId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditTrailEntry {
  id: number;
  at: Date;
  /** A Slack user id, "delightbot", "config" (a changed setting) or "cli" (an operator's command). */
  actor: string;
  /** An `AuditAction`, or `customer_redacted` from an erasure. */
  action: string;
  /** The entry's own amount, else its gesture's; null for entries about no money (a skip, a note). */
  amountCents: number | null;
  /** The gesture's currency, else the budget month's; null when neither is known. */
  currency: string | null;
  nudgeId: number | null;
  customerId: number | null;
  /** Null for a guest without a name and after an erasure. */
  customerName: string | null;
  /** Null for a guest without one and after an erasure. */
  customerEmail: string | null;
  customerErased: boolean;
  /** The number of the order behind the nudge's first moment, e.g. "#1005". */
  orderNumber: string | null;
  gestureId: number | null;
  gestureKind: string | null;
  /** Codes and counts written with the entry, e.g. { code: 'over_budget' }. */
  detail: Record<string, unknown> | null;
}

/**
 * The filtered trail, newest first, at most `limit` entries. Uses the
 * `audit_log` indexes on `customer_id` and `at`; an actor filter walks the
 * `at` index from the newest entry.
 */
export function loadAuditTrail(db: Db, filter: AuditFilter, limit: number): AuditTrailEntry[] {
  return selectEntries(db, whereOf(filter), 'newest', limit);
}

/** How many entries match the filter. */
export function countAuditEntries(db: Db, filter: AuditFilter): number {
  return db.select({ n: count() }).from(auditLog).where(whereOf(filter)).get()?.n ?? 0;
}

/**
 * Every matching entry, oldest first, in batches of `batchSize`: each batch is
 * its own short query resuming after the last entry of the one before, so an
 * export of any size holds one batch in memory and never keeps a statement
 * open between batches.
 */
export function* auditEntriesOldestFirst(db: Db, filter: AuditFilter, batchSize = 500): Generator<AuditTrailEntry[]> {
  const where = whereOf(filter);
  let after: AuditTrailEntry | undefined;
  for (;;) {
    const resume = after ? or(gt(auditLog.at, after.at.getTime()), and(eq(auditLog.at, after.at.getTime()), gt(auditLog.id, after.id))) : undefined;
    const batch = selectEntries(db, and(where, resume), 'oldest', batchSize);
    if (batch.length > 0) yield batch;
    if (batch.length < batchSize) return;
    after = batch[batch.length - 1];
  }
}

function whereOf(filter: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (filter.customerId !== undefined) parts.push(eq(auditLog.customerId, filter.customerId));
  if (filter.orderId !== undefined) {
    parts.push(sql`${auditLog.customerId} = (select ${orders.customerId} from ${orders} where ${orders.id} = ${filter.orderId})`);
  }
  if (filter.actorId !== undefined) parts.push(eq(auditLog.actor, filter.actorId));
  if (filter.from) parts.push(gte(auditLog.at, filter.from.getTime()));
  if (filter.to) parts.push(lt(auditLog.at, filter.to.getTime()));
  return and(...parts);
}

/** The order behind a nudge: the first of its moments that came from an order. */
const orderNumberOfNudge = sql<string | null>`(
  select ${orders.number} from ${moments} inner join ${orders} on ${orders.id} = ${moments.orderId}
  where ${moments.nudgeId} = ${auditLog.nudgeId} order by ${moments.id} limit 1)`;

/** The budget month an entry belongs to: its own (budget changes, approvals), its gesture's, else the UTC month it was written in. */
const budgetMonthOfEntry = sql`coalesce(json_extract(${auditLog.detail}, '$.month'), ${gestures.budgetMonth}, strftime('%Y-%m', ${auditLog.at} / 1000, 'unixepoch'))`;

function selectEntries(db: Db, where: SQL | undefined, order: 'newest' | 'oldest', limit: number): AuditTrailEntry[] {
  const rows = db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actor: auditLog.actor,
      action: auditLog.action,
      amountCents: sql<number | null>`coalesce(${auditLog.amountCents}, ${gestures.amountCents})`,
      currency: sql<string | null>`coalesce(${gestures.currency}, ${budgetMonths.currency})`,
      nudgeId: auditLog.nudgeId,
      customerId: auditLog.customerId,
      firstName: customers.firstName,
      lastName: customers.lastName,
      email: customers.email,
      redactedAt: customers.redactedAt,
      orderNumber: orderNumberOfNudge,
      gestureId: auditLog.gestureId,
      gestureKind: sql<string | null>`coalesce(${gestures.kind}, json_extract(${auditLog.detail}, '$.kind'))`,
      detail: auditLog.detail,
    })
    .from(auditLog)
    .leftJoin(customers, eq(customers.id, auditLog.customerId))
    .leftJoin(gestures, eq(gestures.id, auditLog.gestureId))
    .leftJoin(budgetMonths, eq(budgetMonths.month, budgetMonthOfEntry))
    .where(where)
    .orderBy(...(order === 'newest' ? [desc(auditLog.at), desc(auditLog.id)] : [asc(auditLog.at), asc(auditLog.id)]))
    .limit(limit)
    .all();
  return rows.map((row) => ({
    id: row.id,
    at: new Date(row.at),
    actor: row.actor,
    action: row.action,
    amountCents: row.amountCents,
    currency: row.currency,
    nudgeId: row.nudgeId,
    customerId: row.customerId,
    customerName: displayName(row.firstName, row.lastName),
    customerEmail: row.email,
    customerErased: row.redactedAt !== null,
    orderNumber: row.orderNumber,
    gestureId: row.gestureId,
    gestureKind: row.gestureKind,
    detail: row.detail ?? null,
  }));
}
