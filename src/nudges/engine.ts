import type { Db } from '../db/client.js';
import { eq } from 'drizzle-orm';
import { moments, nudges } from '../db/schema.js';
import type { RecordOutcome } from '../history/record-event.js';
import type { RecordedOrder } from '../history/record-order.js';
import { enqueueCardSync } from './card-sync-queue.js';
import type { MomentSuggestion } from './moment.js';
import { loadCustomerHistory } from './history-snapshot.js';
import { cameBack } from './rules/came-back.js';
import { lifetimeSpend } from './rules/lifetime-spend.js';
import { orderMilestone } from './rules/order-milestone.js';
import { promoter } from './rules/promoter.js';
import { recovery } from './rules/recovery.js';
import { surprise } from './rules/surprise.js';
import { DEFAULT_RULE_SETTINGS, type RuleSettings } from './rules/types.js';
import { unneededExpress } from './rules/unneeded-express.js';

export interface NudgeSettings {
  orderMilestones: readonly number[];
  /** Uniform in [0, 1), like Math.random; the composition root supplies it, tests pin it. */
  random: () => number;
}

/**
 * Runs the order-time rules (milestone, came back, lifetime spend, unneeded
 * express, surprise) over a freshly recorded order and turns each new moment
 * into a pending nudge — one nudge per moment for now — whose card is queued
 * for the channel. Must run inside the transaction that recorded the order,
 * so an order and its nudges commit together or not at all.
 * @returns the ids of the nudges created (empty for a replayed order).
 */
export function noticeOrder(tx: Db, order: RecordedOrder, settings: NudgeSettings, now: Date): number[] {
  if (!order.isNew || order.cancelled) return [];
  const milestone = orderMilestone({
    customerId: order.customerId,
    orderId: order.orderId,
    ordinal: order.ordinal,
    milestones: settings.orderMilestones,
  });
  const ruleSettings: RuleSettings = { ...DEFAULT_RULE_SETTINGS, orderMilestones: settings.orderMilestones };
  const input = { orderId: order.orderId, history: loadCustomerHistory(tx, order.customerId), now, settings: ruleSettings };
  const suggestions: MomentSuggestion[] = [
    milestone,
    cameBack(input),
    lifetimeSpend(input),
    unneededExpress(input),
    surprise({ ...input, random: settings.random }),
  ].filter((suggestion): suggestion is MomentSuggestion => suggestion !== null);
  const created: number[] = [];
  for (const suggestion of suggestions) {
    const nudgeId = recordMoment(tx, order.customerId, order.orderId, suggestion, now);
    if (nudgeId !== null) created.push(nudgeId);
  }
  return created;
}

/**
 * Runs the support-time rules over a freshly stored rating (promoter, and
 * recovery for a bad rating or an NPS detractor) or ticket change (recovery:
 * reopened too often, a refund request) and opens a nudge per new moment.
 * Must run inside the transaction that recorded the event; a replayed rating
 * or ticket state is not fresh and notices nothing.
 * @returns the ids of the nudges created.
 */
export function noticeSupport(tx: Db, outcome: RecordOutcome, settings: NudgeSettings, now: Date): number[] {
  if (outcome.type !== 'rating_recorded' && outcome.type !== 'ticket_changed') return [];
  if (!outcome.fresh) return [];
  const ruleSettings: RuleSettings = { ...DEFAULT_RULE_SETTINGS, orderMilestones: settings.orderMilestones };
  const base = { history: loadCustomerHistory(tx, outcome.customerId), now, settings: ruleSettings };
  const found =
    outcome.type === 'rating_recorded'
      ? [promoter({ ...base, ratingId: outcome.ratingId }), recovery({ ...base, trigger: { ratingId: outcome.ratingId } })]
      : [recovery({ ...base, trigger: { ticketId: outcome.ticketId } })];
  const created: number[] = [];
  for (const suggestion of found) {
    if (suggestion === null) continue;
    const nudgeId = recordMoment(tx, outcome.customerId, null, suggestion, now);
    if (nudgeId !== null) created.push(nudgeId);
  }
  return created;
}

/**
 * Stores the moment once (its dedupe key is unique) and opens a nudge for it.
 * @param orderId the order the moment is about, or null for a support moment.
 * @returns the new nudge's id, or null when the moment had fired before.
 */
export function recordMoment(tx: Db, customerId: number, orderId: number | null, suggestion: MomentSuggestion, now: Date): number | null {
  const at = now.getTime();
  const moment = tx
    .insert(moments)
    .values({
      customerId,
      orderId,
      kind: suggestion.kind,
      dedupeKey: suggestion.dedupeKey,
      facts: { ...suggestion.facts, suggestedGesture: suggestion.suggestedGesture, suggestedAmountCents: suggestion.suggestedAmountCents },
      proactive: suggestion.proactive,
      priority: suggestion.priority,
      foundAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: moments.id })
    .get();
  if (!moment) return null;
  const nudgeId = tx
    .insert(nudges)
    .values({ customerId, state: 'pending', createdAt: at, updatedAt: at })
    .returning({ id: nudges.id })
    .get().id;
  tx.update(moments).set({ nudgeId }).where(eq(moments.id, moment.id)).run();
  enqueueCardSync(tx, nudgeId, now);
  return nudgeId;
}
