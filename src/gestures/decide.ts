import { and, eq } from 'drizzle-orm';
import { immediate, type Db } from '../db/client.js';
import { gestures, nudges } from '../db/schema.js';
import { enqueueCardSync } from '../nudges/card-sync-queue.js';
import type { GestureKind } from '../nudges/moment.js';
import { audit } from './audit.js';
import { budgetMonthOf, chargeBudget, ensureBudgetMonth, type BudgetState } from './budget.js';
import { checkApproval, mayDecide, type ApprovalRules, type RefusalCode } from './policy.js';

export interface DecisionSettings extends ApprovalRules {
  monthlyBudgetCents: number;
  timeZone: string;
}

/** Who already decided a nudge, and how: told to anyone who clicks after them. */
export interface EarlierDecision {
  state: 'approved' | 'skipped' | 'expired';
  by: string | null;
  amountCents: number | null;
}

export type DecisionResult =
  | { outcome: 'approved'; gestureId: number; budget: BudgetState }
  | { outcome: 'skipped' }
  | { outcome: 'already_decided'; earlier: EarlierDecision }
  | { outcome: 'refused'; code: RefusalCode; message: string }
  | { outcome: 'not_found' };

export interface ApproveInput {
  nudgeId: number;
  actorId: string;
  amountCents: number;
  kind: GestureKind;
}

/**
 * Approves a gesture for a pending nudge: checks the policy, charges the
 * month's budget, records the gesture and the audit row, and queues the card
 * update — all in one `BEGIN IMMEDIATE` transaction, so a double click or two
 * people clicking at once can decide a nudge only once and never overspend.
 */
export function approveNudge(db: Db, input: ApproveInput, settings: DecisionSettings, now: Date): DecisionResult {
  return immediate(db, (tx) => {
    const nudge = tx.select().from(nudges).where(eq(nudges.id, input.nudgeId)).get();
    if (!nudge) return { outcome: 'not_found' } as const;
    const base = { actor: input.actorId, nudgeId: nudge.id, customerId: nudge.customerId, amountCents: input.amountCents };
    if (nudge.state !== 'pending') {
      audit(tx, { ...base, action: 'approve_refused', detail: { code: 'already_decided' } }, now);
      return { outcome: 'already_decided', earlier: earlierDecision(tx, nudge) } as const;
    }
    const month = budgetMonthOf(now, settings.timeZone);
    const budget = ensureBudgetMonth(tx, month, settings.monthlyBudgetCents, settings.currency, now);
    const verdict = checkApproval(settings, { actorId: input.actorId, amountCents: input.amountCents, budget });
    if (!verdict.allowed) {
      audit(tx, { ...base, action: 'approve_refused', detail: { code: verdict.code } }, now);
      return { outcome: 'refused', code: verdict.code, message: verdict.message } as const;
    }
    if (!chargeBudget(tx, month, input.amountCents, now)) {
      throw new Error('budget changed inside an immediate transaction');
    }
    const at = now.getTime();
    tx.update(nudges)
      .set({ state: 'approved', decidedBy: input.actorId, decidedAt: at, updatedAt: at })
      .where(and(eq(nudges.id, nudge.id), eq(nudges.state, 'pending')))
      .run();
    const gestureId = tx
      .insert(gestures)
      .values({
        nudgeId: nudge.id,
        customerId: nudge.customerId,
        kind: input.kind,
        amountCents: input.amountCents,
        currency: settings.currency,
        state: 'approved',
        approvedBy: input.actorId,
        budgetMonth: month,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: gestures.id })
      .get().id;
    audit(tx, { ...base, action: 'approve', gestureId, detail: { kind: input.kind, month } }, now);
    enqueueCardSync(tx, nudge.id, now);
    const spentCents = budget.spentCents + input.amountCents;
    return {
      outcome: 'approved',
      gestureId,
      budget: { ...budget, spentCents, leftCents: budget.limitCents - spentCents },
    } as const;
  });
}

/** Marks a pending nudge skipped, once; same guarantees as {@link approveNudge}. */
export function skipNudge(
  db: Db,
  input: { nudgeId: number; actorId: string },
  settings: DecisionSettings,
  now: Date,
): DecisionResult {
  return immediate(db, (tx) => {
    const nudge = tx.select().from(nudges).where(eq(nudges.id, input.nudgeId)).get();
    if (!nudge) return { outcome: 'not_found' } as const;
    const base = { actor: input.actorId, nudgeId: nudge.id, customerId: nudge.customerId };
    if (nudge.state !== 'pending') {
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
    tx.update(nudges)
      .set({ state: 'skipped', decidedBy: input.actorId, decidedAt: at, updatedAt: at })
      .where(eq(nudges.id, nudge.id))
      .run();
    audit(tx, { ...base, action: 'skip' }, now);
    enqueueCardSync(tx, nudge.id, now);
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

function earlierDecision(tx: Db, nudge: typeof nudges.$inferSelect): EarlierDecision {
  const gesture = tx.select().from(gestures).where(eq(gestures.nudgeId, nudge.id)).get();
  return {
    state: nudge.state as EarlierDecision['state'],
    by: nudge.decidedBy,
    amountCents: gesture?.amountCents ?? null,
  };
}
