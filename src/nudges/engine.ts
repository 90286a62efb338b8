import type { Db } from '../db/client.js';
import { eq } from 'drizzle-orm';
import { moments, nudges } from '../db/schema.js';
import type { RecordedOrder } from '../history/record-order.js';
import { enqueueCardSync } from './card-sync-queue.js';
import type { MomentSuggestion } from './moment.js';
import { orderMilestone } from './rules/order-milestone.js';

export interface NudgeSettings {
  orderMilestones: readonly number[];
}

/**
 * Runs the order rules over a freshly recorded order and turns each new moment
 * into a pending nudge whose card is queued for the channel. Must run inside
 * the transaction that recorded the order, so an order and its nudge commit
 * together or not at all.
 * @returns the ids of the nudges created (empty for a replayed order).
 */
export function noticeOrder(tx: Db, order: RecordedOrder, settings: NudgeSettings, now: Date): number[] {
  if (!order.isNew || order.cancelled) return [];
  const suggestions = [
    orderMilestone({
      customerId: order.customerId,
      orderId: order.orderId,
      ordinal: order.ordinal,
      milestones: settings.orderMilestones,
    }),
  ].filter((suggestion): suggestion is MomentSuggestion => suggestion !== null);
  const created: number[] = [];
  for (const suggestion of suggestions) {
    const nudgeId = recordMoment(tx, order.customerId, order.orderId, suggestion, now);
    if (nudgeId !== null) created.push(nudgeId);
  }
  return created;
}

/**
 * Stores the moment once (its dedupe key is unique) and opens a nudge for it.
 * @returns the new nudge's id, or null when the moment had fired before.
 */
function recordMoment(tx: Db, customerId: number, orderId: number, suggestion: MomentSuggestion, now: Date): number | null {
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
