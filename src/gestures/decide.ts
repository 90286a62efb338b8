import { and, eq, inArray, max, sum } from 'drizzle-orm';
import { immediate, type Db } from '../db/client.js';
import { gestures, moments, nudges } from '../db/schema.js';
import { enqueueCardSync } from '../nudges/card-sync-queue.js';
import type { GestureKind } from '../nudges/moment.js';
import { enqueueThreadNotice } from '../nudges/notice-queue.js';
import { CORRECTION_KINDS } from '../nudges/settings.js';
import { formatMoney } from '../money.js';
import { audit } from './audit.js';
import { budgetMonthOf, chargeBudget, ensureBudgetMonth, type BudgetState } from './budget.js';
import { enqueueHomeRefresh } from './home-queue.js';
import { paceOf } from './pacing.js';
import { checkApproval, mayDecide, mentions, type ApprovalRules, type EscalationReason, type RefusalCode } from './policy.js';

export interface DecisionSettings extends ApprovalRules {
  monthlyBudgetCents: number;
  timeZone: string;
  /** Gesture kinds an automatic fulfiller makes happen; their approvals name delightbot as the fulfiller. Absent: none. */
  autoKinds?: ReadonlySet<GestureKind>;
}

/** Who already decided a nudge, and how: told to anyone who clicks after them. */
export interface EarlierDecision {
  state: 'approved' | 'skipped' | 'expired' | 'queued' | 'requested' | 'declined';
  by: string | null;
  amountCents: number | null;
}

export type DecisionResult =
  | { outcome: 'approved'; gestureId: number; budget: BudgetState }
  | { outcome: 'escalated'; gestureId: number; reason: EscalationReason; message: string }
  | { outcome: 'declined' }
  | { outcome: 'skipped' }
  | { outcome: 'already_decided'; earlier: EarlierDecision }
  | { outcome: 'refused'; code: RefusalCode | 'not_requested'; message: string }
  | { outcome: 'not_found' };

export interface ApproveInput {
  nudgeId: number;
  actorId: string;
  amountCents: number;
  kind: GestureKind;
  /** Who will make it happen; the approver when not chosen. */
  fulfillerId?: string | null;
  /** What the customer will be told, when the approver wrote it already (the Customize… window). */
  customerMessage?: string | null;
  /** Which control approved: a one-click button or the Customize… window. */
  via?: 'button' | 'suggested' | 'modal';
}

/** The fulfiller id of gestures an automatic fulfiller makes happen (instead of a person's Slack id). */
export const AUTO_FULFILLER_ID = 'delightbot';

/** Longest customer message or fulfilment note kept; the card shows them and Slack's inputs allow 3000. */
export const MESSAGE_MAX_LENGTH = 1000;

/**
 * Approves a gesture for a pending nudge — or, when the policy says a manager
 * must, records it as requested and calls the managers in the card's thread.
 * Policy, budget charge, gesture row, audit row and card update happen in one
 * `BEGIN IMMEDIATE` transaction, so a double click or two people clicking at
 * once decide a nudge once and never overspend.
 */
export function approveNudge(db: Db, input: ApproveInput, settings: DecisionSettings, now: Date): DecisionResult {
  return immediate(db, (tx) => {
    const nudge = tx.select().from(nudges).where(eq(nudges.id, input.nudgeId)).get();
    if (!nudge) return { outcome: 'not_found' } as const;
    const base = { actor: input.actorId, nudgeId: nudge.id, customerId: nudge.customerId, amountCents: input.amountCents };
    const existing = tx.select().from(gestures).where(eq(gestures.nudgeId, nudge.id)).get();
    if (nudge.state !== 'pending' || existing) {
      audit(tx, { ...base, action: 'approve_refused', detail: { code: 'already_decided' } }, now);
      return { outcome: 'already_decided', earlier: earlierDecision(tx, nudge) } as const;
    }
    const month = budgetMonthOf(now, settings.timeZone);
    const budget = ensureBudgetMonth(tx, month, settings.monthlyBudgetCents, settings.currency, now);
    const verdict = checkApproval(settings, {
      actorId: input.actorId,
      amountCents: input.amountCents,
      kind: input.kind,
      budget,
      pace: paceOf(budget, now, settings.timeZone),
      actorMonthCents: approvedThisMonth(tx, input.actorId, month),
      customerLastGestureAt: lastGestureAt(tx, nudge.customerId),
      nudge: nudgeTraits(tx, nudge.id, nudge.priority),
      now,
    });
    if (verdict.verdict === 'refuse') {
      audit(tx, { ...base, action: 'approve_refused', detail: { code: verdict.code } }, now);
      return { outcome: 'refused', code: verdict.code, message: verdict.message } as const;
    }
    const at = now.getTime();
    // A kind an integration makes happen goes to it, unless the approver chose a person in the Customize… window.
    const fulfillerId = input.fulfillerId ?? (settings.autoKinds?.has(input.kind) ? AUTO_FULFILLER_ID : input.actorId);
    const values = {
      nudgeId: nudge.id,
      customerId: nudge.customerId,
      kind: input.kind,
      amountCents: input.amountCents,
      currency: settings.currency,
      requestedBy: input.actorId,
      fulfillerId,
      customerMessage: clip(input.customerMessage),
      budgetMonth: month,
      createdAt: at,
      updatedAt: at,
    };
    if (verdict.verdict === 'escalate') {
      const gestureId = tx.insert(gestures).values({ ...values, state: 'requested', escalation: verdict.reason }).returning({ id: gestures.id }).get().id;
      audit(tx, { ...base, action: 'escalate', gestureId, detail: { kind: input.kind, reason: verdict.reason, via: input.via ?? 'button' } }, now);
      const amount = formatMoney(input.amountCents, settings.currency);
      enqueueThreadNotice(tx, nudge.id, `${mentions(settings.managerIds)}: <@${input.actorId}> asks for a ${amount} gesture here. ${verdict.message}`, now);
      enqueueCardSync(tx, nudge.id, now);
      enqueueHomeRefresh(tx, [input.actorId, ...settings.managerIds], now);
      return { outcome: 'escalated', gestureId, reason: verdict.reason, message: verdict.message } as const;
    }
    if (!chargeBudget(tx, month, input.amountCents, now)) throw new Error('budget changed inside an immediate transaction');
    const gestureId = tx
      .insert(gestures)
      .values({ ...values, state: 'approved', approvedBy: input.actorId, approvedAt: at })
      .returning({ id: gestures.id })
      .get().id;
    tx.update(nudges).set({ state: 'approved', decidedBy: input.actorId, decidedAt: at, updatedAt: at }).where(eq(nudges.id, nudge.id)).run();
    audit(tx, { ...base, action: input.via === 'modal' ? 'customize' : 'approve', gestureId, detail: { kind: input.kind, month, via: input.via ?? 'button' } }, now);
    if (fulfillerId !== input.actorId && fulfillerId !== AUTO_FULFILLER_ID) {
      enqueueThreadNotice(tx, nudge.id, `<@${fulfillerId}>: <@${input.actorId}> approved this gesture and asked you to make it happen. Press *Mark as done* on the card once the customer has it.`, now);
    }
    enqueueCardSync(tx, nudge.id, now);
    enqueueHomeRefresh(tx, [input.actorId, fulfillerId], now);
    const spentCents = budget.spentCents + input.amountCents;
    return { outcome: 'approved', gestureId, budget: { ...budget, spentCents, leftCents: budget.limitCents - spentCents } } as const;
  });
}

/** Marks a pending nudge skipped, once; same guarantees as {@link approveNudge}. */
export function skipNudge(db: Db, input: { nudgeId: number; actorId: string }, settings: DecisionSettings, now: Date): DecisionResult {
  return immediate(db, (tx) => {
    const nudge = tx.select().from(nudges).where(eq(nudges.id, input.nudgeId)).get();
    if (!nudge) return { outcome: 'not_found' } as const;
    const base = { actor: input.actorId, nudgeId: nudge.id, customerId: nudge.customerId };
    const requested = tx.select().from(gestures).where(eq(gestures.nudgeId, nudge.id)).get();
    if (nudge.state !== 'pending' || requested) {
      audit(tx, { ...base, action: 'skip_refused', detail: { code: 'already_decided' } }, now);
      return { outcome: 'already_decided', earlier: earlierDecision(tx, nudge) } as const;
    }
    if (!mayDecide(settings, input.actorId)) {
      audit(tx, { ...base, action: 'skip_refused', detail: { code: 'not_an_approver' } }, now);
      return {
        outcome: 'refused',
        code: 'not_an_approver',
        message: 'Only approvers and managers can skip a nudge. Add a note instead, or ask an approver.',
      } as const;
    }
    const at = now.getTime();
    tx.update(nudges).set({ state: 'skipped', decidedBy: input.actorId, decidedAt: at, updatedAt: at }).where(eq(nudges.id, nudge.id)).run();
    audit(tx, { ...base, action: 'skip' }, now);
    enqueueCardSync(tx, nudge.id, now);
    enqueueHomeRefresh(tx, [input.actorId], now);
    return { outcome: 'skipped' } as const;
  });
}

/** Longest note kept on a nudge; Slack's input limit is 3000 and the card needs room for the rest. */
export const NOTE_MAX_LENGTH = 1000;

/**
 * Saves a team member's note on a nudge (replacing an earlier one) and queues the card update.
 * @returns false when the nudge does not exist.
 */
export function saveNote(db: Db, input: { nudgeId: number; actorId: string; note: string }, now: Date): boolean {
  // By characters, as the modal's max_length counts them: a UTF-16 slice would drop half a note of emoji and could split one.
  const note = Array.from(input.note.trim()).slice(0, NOTE_MAX_LENGTH).join('');
  return immediate(db, (tx) => {
    const nudge = tx.select().from(nudges).where(eq(nudges.id, input.nudgeId)).get();
    if (!nudge) return false;
    tx.update(nudges)
      .set({ note: note || null, noteBy: note ? input.actorId : null, updatedAt: now.getTime() })
      .where(eq(nudges.id, nudge.id))
      .run();
    audit(tx, { actor: input.actorId, action: 'note', nudgeId: nudge.id, customerId: nudge.customerId, detail: { length: note.length } }, now);
    enqueueCardSync(tx, nudge.id, now);
    return true;
  });
}

/** Free text kept by characters (never a split emoji), trimmed; null when empty. */
export function clip(text: string | null | undefined): string | null {
  const kept = Array.from((text ?? '').trim()).slice(0, MESSAGE_MAX_LENGTH).join('');
  return kept || null;
}

export function earlierDecision(tx: Db, nudge: typeof nudges.$inferSelect): EarlierDecision {
  const gesture = tx.select().from(gestures).where(eq(gestures.nudgeId, nudge.id)).get();
  if (gesture?.state === 'requested') return { state: 'requested', by: gesture.requestedBy, amountCents: gesture.amountCents };
  if (gesture?.state === 'declined') return { state: 'declined', by: gesture.closedBy, amountCents: gesture.amountCents };
  return {
    state: nudge.state === 'pending' ? 'approved' : (nudge.state as EarlierDecision['state']),
    by: nudge.decidedBy,
    amountCents: gesture?.amountCents ?? null,
  };
}

/** Gesture states that count as "the customer got a gesture". */
const GIVEN = ['approved', 'fulfilled'];

function approvedThisMonth(tx: Db, actorId: string, month: string): number {
  const row = tx
    .select({ cents: sum(gestures.amountCents) })
    .from(gestures)
    .where(and(eq(gestures.approvedBy, actorId), eq(gestures.budgetMonth, month), inArray(gestures.state, GIVEN)))
    .get();
  return Number(row?.cents ?? 0);
}

function lastGestureAt(tx: Db, customerId: number): Date | null {
  const at = tx.select({ at: max(gestures.approvedAt) }).from(gestures).where(and(eq(gestures.customerId, customerId), inArray(gestures.state, GIVEN))).get()?.at;
  return at != null ? new Date(at) : null;
}

/** A nudge holding a recovery is not proactive; one holding a duplicate charge or overpayment is a correction. */
function nudgeTraits(tx: Db, nudgeId: number, priority: number): { priority: number; proactive: boolean; correction: boolean } {
  const rows = tx.select({ kind: moments.kind, proactive: moments.proactive }).from(moments).where(eq(moments.nudgeId, nudgeId)).all();
  return {
    priority,
    proactive: rows.every((row) => row.proactive),
    correction: rows.some((row) => CORRECTION_KINDS.has(row.kind as never)),
  };
}
