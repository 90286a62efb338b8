import { and, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { auditLog, customerIdentities, customers, gestures, lineItems, moments, nudges, orders, payments, privacyRequests, ratings, tickets } from '../../db/schema.js';
import { enqueueCardSync } from '../../nudges/card-sync-queue.js';

/** How many rows each erasure step changed. Counts only: safe to log and print. */
export interface RedactionCounts {
  customers: number;
  identities: number;
  lineItems: number;
  nudgeNotes: number;
  ticketSubjects: number;
  ratingComments: number;
  paymentReasons: number;
  auditDetails: number;
  momentFacts: number;
  gestureTexts: number;
  cards: number;
}

export interface RedactionReport {
  counts: RedactionCounts;
  /** Export files of earlier data requests about these customers; deleted once the erasure is committed. */
  staleExports: string[];
}

/** Line item titles can identify a person (engraving text, monograms); the row stays for the amounts. */
export const REDACTED_TITLE = '[redacted]';

/** Audit detail keys whose string values are codes written by delightbot itself, never customer text. */
const SAFE_AUDIT_KEYS = new Set(['code', 'kind', 'month', 'currency', 'reason', 'escalation', 'via']);

function emptyCounts(): RedactionCounts {
  return { customers: 0, identities: 0, lineItems: 0, nudgeNotes: 0, ticketSubjects: 0, ratingComments: 0, paymentReasons: 0, auditDetails: 0, momentFacts: 0, gestureTexts: 0, cards: 0 };
}

/**
 * Erases the personal data of several customers (see `redactCustomer`) and
 * adds up what was changed. Must run inside a transaction.
 */
export function redactCustomers(tx: Db, customerIds: readonly number[], actor: string, now: Date): RedactionReport {
  const report: RedactionReport = { counts: emptyCounts(), staleExports: [] };
  for (const id of customerIds) {
    const one = redactCustomer(tx, id, actor, now);
    for (const key of Object.keys(one.counts) as (keyof RedactionCounts)[]) report.counts[key] += one.counts[key];
    report.staleExports.push(...one.staleExports);
  }
  return report;
}

/**
 * Erases one customer's personal data from every table while keeping the rows,
 * so counts, amounts and states in reports stay right: profile fields are
 * nulled, source ids deleted, free text nulled or replaced, and the customer's
 * Slack cards queued for re-rendering without the name. Idempotent.
 * Must run inside a transaction.
 */
export function redactCustomer(tx: Db, customerId: number, actor: string, now: Date): RedactionReport {
  const at = now.getTime();
  const ofCustomer = tx.select({ id: orders.id }).from(orders).where(eq(orders.customerId, customerId));
  const nudgeIds = tx.select({ id: nudges.id }).from(nudges).where(eq(nudges.customerId, customerId)).all().map((row) => row.id);
  const counts: RedactionCounts = {
    customers: tx
      .update(customers)
      .set({ email: null, firstName: null, lastName: null, birthday: null, redactedAt: sql`coalesce(${customers.redactedAt}, ${at})`, updatedAt: at })
      .where(eq(customers.id, customerId))
      .run().changes,
    identities: tx.delete(customerIdentities).where(eq(customerIdentities.customerId, customerId)).run().changes,
    lineItems: tx.update(lineItems).set({ title: REDACTED_TITLE, variantTitle: null }).where(inArray(lineItems.orderId, ofCustomer)).run().changes,
    nudgeNotes: tx.update(nudges).set({ note: null, updatedAt: at }).where(and(eq(nudges.customerId, customerId), isNotNull(nudges.note))).run().changes,
    ticketSubjects: tx.update(tickets).set({ subject: null, updatedAt: at }).where(and(eq(tickets.customerId, customerId), isNotNull(tickets.subject))).run().changes,
    ratingComments: tx.update(ratings).set({ comment: null }).where(and(eq(ratings.customerId, customerId), isNotNull(ratings.comment))).run().changes,
    paymentReasons: tx
      .update(payments)
      .set({ failureReason: null, updatedAt: at })
      .where(and(eq(payments.customerId, customerId), isNotNull(payments.failureReason)))
      .run().changes,
    auditDetails: scrubAuditDetails(tx, customerId, nudgeIds),
    momentFacts: scrubMomentFacts(tx, customerId),
    // What the customer was told and the team's note (a code, an address) are free text about them.
    gestureTexts: tx
      .update(gestures)
      .set({ customerMessage: null, fulfilmentNote: null, closeReason: null, updatedAt: at })
      .where(and(eq(gestures.customerId, customerId), or(isNotNull(gestures.customerMessage), isNotNull(gestures.fulfilmentNote), isNotNull(gestures.closeReason))))
      .run().changes,
    cards: nudgeIds.length,
  };
  // The cards already in Slack show the name: the outbox re-renders them from the erased rows.
  for (const nudgeId of nudgeIds) enqueueCardSync(tx, nudgeId, now);
  const staleExports = forgetRequestLinks(tx, customerId);
  tx.insert(auditLog).values({ at, actor, action: 'customer_redacted', customerId, detail: { ...counts } }).run();
  return { counts, staleExports };
}

/** Moment facts that describe the person rather than the moment: a birthday, a bank's decline text. */
const PERSONAL_FACT_KEYS = ['birthday', 'celebratedOn', 'failureReason'];

/** Removes personal facts from the customer's moments; a birthday's reason line names the date, so it goes too. */
function scrubMomentFacts(tx: Db, customerId: number): number {
  let changed = 0;
  for (const row of tx.select({ id: moments.id, kind: moments.kind, facts: moments.facts }).from(moments).where(eq(moments.customerId, customerId)).all()) {
    const kept = Object.fromEntries(Object.entries(row.facts).filter(([key]) => !PERSONAL_FACT_KEYS.includes(key) && !(row.kind === 'birthday' && key === 'why')));
    if (Object.keys(kept).length === Object.keys(row.facts).length) continue;
    tx.update(moments).set({ facts: kept }).where(eq(moments.id, row.id)).run();
    changed += 1;
  }
  return changed;
}

/** Keeps numbers, booleans and delightbot's own codes in audit details; drops anything that could be customer text. */
function scrubAuditDetails(tx: Db, customerId: number, nudgeIds: readonly number[]): number {
  const about = nudgeIds.length > 0 ? or(eq(auditLog.customerId, customerId), inArray(auditLog.nudgeId, [...nudgeIds])) : eq(auditLog.customerId, customerId);
  const rows = tx.select({ id: auditLog.id, detail: auditLog.detail }).from(auditLog).where(and(about, isNotNull(auditLog.detail))).all();
  let changed = 0;
  for (const row of rows) {
    if (!row.detail) continue;
    const kept = Object.fromEntries(Object.entries(row.detail).filter(([key, value]) => isSafeDetail(key, value)));
    if (Object.keys(kept).length === Object.keys(row.detail).length) continue;
    tx.update(auditLog).set({ detail: kept }).where(eq(auditLog.id, row.id)).run();
    changed += 1;
  }
  return changed;
}

function isSafeDetail(key: string, value: unknown): boolean {
  if (value === null || typeof value === 'number' || typeof value === 'boolean') return true;
  return typeof value === 'string' && SAFE_AUDIT_KEYS.has(key);
}

/**
 * Unlinks earlier privacy requests from the customer and collects their export
 * files: an export is a full copy of the personal data, so it must go too.
 */
function forgetRequestLinks(tx: Db, customerId: number): string[] {
  const linked = tx.select({ exportPath: privacyRequests.exportPath }).from(privacyRequests).where(eq(privacyRequests.customerId, customerId)).all();
  tx.update(privacyRequests).set({ customerId: null, exportPath: null }).where(eq(privacyRequests.customerId, customerId)).run();
  return linked.map((row) => row.exportPath).filter((path): path is string => path !== null);
}
