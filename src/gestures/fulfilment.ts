import { and, eq } from 'drizzle-orm';
import { immediate, type Db } from '../db/client.js';
import { gestures, nudges } from '../db/schema.js';
import { enqueueCardSync } from '../nudges/card-sync-queue.js';
import { audit } from './audit.js';
import { chargeBudget, ensureBudgetMonth, refundBudget } from './budget.js';
import { clip, earlierDecision, type DecisionResult, type DecisionSettings } from './decide.js';
import { enqueueHomeRefresh } from './home-queue.js';
import { checkApproval, isManager, mayDecide } from './policy.js';
import { paceOf } from './pacing.js';
import { enqueueThreadNotice } from '../nudges/notice-queue.js';

/**
 * What happens to a gesture after the decision. A gesture moves only along
 * these edges; everything else is refused, so a double click or a stale card
 * can never fulfil a cancelled gesture or cancel a fulfilled one.
 */
export type GestureState = 'requested' | 'approved' | 'fulfilled' | 'cancelled' | 'failed' | 'declined';

const GESTURE_TRANSITIONS: Readonly<Record<GestureState, readonly GestureState[]>> = {
  requested: ['approved', 'declined'],
  approved: ['fulfilled', 'cancelled', 'failed'],
  fulfilled: [],
  cancelled: [],
  failed: ['approved'],
  declined: [],
};

function canMove(from: GestureState, to: GestureState): boolean {
  return GESTURE_TRANSITIONS[from].includes(to);
}

type GestureRow = typeof gestures.$inferSelect;

export type FulfilmentResult =
  | { outcome: 'done'; gesture: GestureRow }
  | { outcome: 'refused'; code: 'wrong_state' | 'not_allowed' | 'over_budget'; message: string }
  | { outcome: 'not_found' };

/**
 * A manager approves or declines a gesture an approver asked for. Approval
 * charges the budget (checked again: it may have run low meanwhile);
 * declining closes the nudge as skipped.
 */
export function decideRequest(db: Db, input: { nudgeId: number; actorId: string; approve: boolean }, settings: DecisionSettings, now: Date): DecisionResult {
  return immediate(db, (tx) => {
    const nudge = tx.select().from(nudges).where(eq(nudges.id, input.nudgeId)).get();
    const gesture = tx.select().from(gestures).where(eq(gestures.nudgeId, input.nudgeId)).get();
    if (!nudge) return { outcome: 'not_found' } as const;
    const base = { actor: input.actorId, nudgeId: nudge.id, customerId: nudge.customerId, gestureId: gesture?.id, amountCents: gesture?.amountCents };
    if (!gesture || gesture.state !== 'requested') {
      audit(tx, { ...base, action: 'approve_refused', detail: { code: 'already_decided' } }, now);
      return { outcome: 'already_decided', earlier: earlierDecision(tx, nudge) } as const;
    }
    if (!isManager(settings, input.actorId)) {
      audit(tx, { ...base, action: input.approve ? 'approve_refused' : 'decline', detail: { code: 'needs_manager' } }, now);
      return { outcome: 'refused', code: 'needs_manager', message: `Only a manager can ${input.approve ? 'approve' : 'decline'} this request.` } as const;
    }
    const at = now.getTime();
    if (!input.approve) {
      tx.update(gestures).set({ state: 'declined', closedBy: input.actorId, closedAt: at, updatedAt: at }).where(eq(gestures.id, gesture.id)).run();
      tx.update(nudges).set({ state: 'skipped', decidedBy: input.actorId, decidedAt: at, updatedAt: at }).where(eq(nudges.id, nudge.id)).run();
      audit(tx, { ...base, action: 'decline', detail: { kind: gesture.kind, escalation: gesture.escalation } }, now);
      enqueueThreadNotice(tx, nudge.id, `<@${gesture.requestedBy}>: <@${input.actorId}> declined the gesture you asked for.`, now);
      enqueueCardSync(tx, nudge.id, now);
      enqueueHomeRefresh(tx, [input.actorId, gesture.requestedBy, ...settings.managerIds], now);
      return { outcome: 'declined' } as const;
    }
    const budget = ensureBudgetMonth(tx, gesture.budgetMonth, settings.monthlyBudgetCents, settings.currency, now);
    const verdict = checkApproval(settings, {
      actorId: input.actorId,
      amountCents: gesture.amountCents,
      kind: gesture.kind as never,
      budget,
      pace: paceOf(budget, now, settings.timeZone),
      actorMonthCents: 0,
      customerLastGestureAt: null,
      nudge: { priority: nudge.priority, proactive: true, correction: false },
      now,
    });
    if (verdict.verdict === 'refuse' || !chargeBudget(tx, gesture.budgetMonth, gesture.amountCents, now)) {
      const message = verdict.verdict === 'refuse' ? verdict.message : 'The budget changed meanwhile.';
      audit(tx, { ...base, action: 'approve_refused', detail: { code: verdict.verdict === 'refuse' ? verdict.code : 'over_budget' } }, now);
      return { outcome: 'refused', code: verdict.verdict === 'refuse' ? verdict.code : 'over_budget', message } as const;
    }
    tx.update(gestures).set({ state: 'approved', approvedBy: input.actorId, approvedAt: at, updatedAt: at }).where(eq(gestures.id, gesture.id)).run();
    tx.update(nudges).set({ state: 'approved', decidedBy: input.actorId, decidedAt: at, updatedAt: at }).where(eq(nudges.id, nudge.id)).run();
    audit(tx, { ...base, action: 'approve', detail: { kind: gesture.kind, month: gesture.budgetMonth, escalation: gesture.escalation } }, now);
    enqueueThreadNotice(tx, nudge.id, `<@${gesture.requestedBy}>${gesture.fulfillerId && gesture.fulfillerId !== gesture.requestedBy ? `, <@${gesture.fulfillerId}>` : ''}: <@${input.actorId}> approved it — go ahead.`, now);
    enqueueCardSync(tx, nudge.id, now);
    enqueueHomeRefresh(tx, [input.actorId, gesture.requestedBy, gesture.fulfillerId, ...settings.managerIds], now);
    const spentCents = budget.spentCents + gesture.amountCents;
    return { outcome: 'approved', gestureId: gesture.id, budget: { ...budget, spentCents, leftCents: budget.limitCents - spentCents } } as const;
  });
}

/**
 * The gesture happened: who did it, what the customer was told, and an
 * optional note for the team (e.g. the discount code). The fulfiller, an
 * approver or a manager may mark it.
 */
export function markFulfilled(
  db: Db,
  input: { nudgeId: number; actorId: string; customerMessage: string | null; note: string | null },
  settings: DecisionSettings,
  now: Date,
): FulfilmentResult {
  return move(db, input.nudgeId, input.actorId, 'fulfilled', settings, now, (gesture, at) => ({
    fulfilledBy: input.actorId,
    fulfilledAt: at,
    customerMessage: clip(input.customerMessage) ?? gesture.customerMessage,
    fulfilmentNote: clip(input.note),
  }));
}

/** Cancels an approved gesture that will not happen; its amount goes back to the month's budget. */
export function cancelGesture(db: Db, input: { nudgeId: number; actorId: string; reason: string | null }, settings: DecisionSettings, now: Date): FulfilmentResult {
  return move(db, input.nudgeId, input.actorId, 'cancelled', settings, now, (_gesture, at) => ({ closedBy: input.actorId, closedAt: at, closeReason: clip(input.reason) }), (tx, gesture) =>
    refundBudget(tx, gesture.budgetMonth, gesture.amountCents, now),
  );
}

/**
 * An automatic fulfiller (a store API) could not do it: the gesture is failed
 * and its card says why, so a person can do it by hand. The amount stays
 * charged until someone cancels it.
 */
export function failGesture(db: Db, input: { nudgeId: number; reason: string }, settings: DecisionSettings, now: Date): FulfilmentResult {
  return move(db, input.nudgeId, 'delightbot', 'failed', settings, now, (_gesture, at) => ({ closedBy: 'delightbot', closedAt: at, closeReason: clip(input.reason) }));
}

const ACTIONS = { fulfilled: 'fulfil', cancelled: 'cancel', failed: 'fail' } as const;

function move(
  db: Db,
  nudgeId: number,
  actorId: string,
  to: 'fulfilled' | 'cancelled' | 'failed',
  settings: DecisionSettings,
  now: Date,
  fields: (gesture: GestureRow, at: number) => Partial<GestureRow>,
  effect?: (tx: Db, gesture: GestureRow) => void,
): FulfilmentResult {
  return immediate(db, (tx) => {
    const gesture = tx.select().from(gestures).where(eq(gestures.nudgeId, nudgeId)).get();
    if (!gesture) return { outcome: 'not_found' } as const;
    const base = { actor: actorId, nudgeId, customerId: gesture.customerId, gestureId: gesture.id, amountCents: gesture.amountCents };
    const refusedAction = to === 'fulfilled' ? 'fulfil_refused' : 'cancel_refused';
    if (!canMove(gesture.state as GestureState, to)) {
      audit(tx, { ...base, action: refusedAction, detail: { code: 'wrong_state', from: gesture.state } }, now);
      return { outcome: 'refused', code: 'wrong_state', message: wrongState(gesture, to) } as const;
    }
    const allowed = actorId === 'delightbot' || actorId === gesture.fulfillerId || mayDecide(settings, actorId) || isManager(settings, actorId);
    if (!allowed) {
      audit(tx, { ...base, action: refusedAction, detail: { code: 'not_allowed' } }, now);
      return { outcome: 'refused', code: 'not_allowed', message: `Only <@${gesture.fulfillerId}>, an approver or a manager can change this gesture.` } as const;
    }
    const at = now.getTime();
    const changed = tx
      .update(gestures)
      .set({ ...fields(gesture, at), state: to, updatedAt: at })
      .where(and(eq(gestures.id, gesture.id), eq(gestures.state, gesture.state)))
      .returning()
      .get();
    if (!changed) throw new Error('gesture changed inside an immediate transaction');
    effect?.(tx, gesture);
    audit(tx, { ...base, action: ACTIONS[to], detail: { kind: gesture.kind, from: gesture.state } }, now);
    enqueueCardSync(tx, nudgeId, now);
    enqueueHomeRefresh(tx, [actorId === 'delightbot' ? null : actorId, gesture.fulfillerId, gesture.approvedBy], now);
    return { outcome: 'done', gesture: changed } as const;
  });
}

function wrongState(gesture: GestureRow, to: string): string {
  switch (gesture.state) {
    case 'fulfilled':
      return `Already done: <@${gesture.fulfilledBy}> marked it done. Nothing changed.`;
    case 'cancelled':
      return `This gesture was cancelled by <@${gesture.closedBy}>. Nothing changed.`;
    case 'declined':
      return `A manager declined this gesture. Nothing changed.`;
    case 'requested':
      return `This gesture still waits for a manager's approval; it cannot be ${to} yet.`;
    default:
      return `This gesture is ${gesture.state}; it cannot be ${to}.`;
  }
}
