import { isFresh, liveOrderAt, liveOrders, lookup, spendThrough } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface SurpriseInput {
  /** The order that was just placed. */
  orderId: number;
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
  /** Uniform in [0, 1), like Math.random; injected so the rule stays pure and testable. */
  random: () => number;
}

/**
 * Random, not routine: a good customer's ordinary order is picked for a
 * surprise with probability `surpriseProbability` (3 %). A freebie that comes
 * on a schedule becomes an expectation, so there is no schedule at all:
 * - good customer: at least `surpriseMinOrders` (3) orders with this one, or
 *   lifetime spend in the order's currency over its first threshold;
 * - ordinary order: not the 1st or 2nd (thanked and welcomed back), not an
 *   order milestone, not one crossing a lifetime threshold — those have
 *   their own moments;
 * - never twice in a row: not when the previous order got the last surprise;
 * - not within `surpriseCooldownMs` of any gesture.
 * `random` is drawn only once every other condition holds, exactly once.
 */
export function surprise(input: SurpriseInput): PlaybookSuggestion | null {
  const { orderId, history, now, settings, random } = input;
  const found = liveOrderAt(history, orderId);
  if (!found) return null;
  const { order, ordinal, previous } = found;
  if (!isFresh(order.placedAt, now, settings.maxFactAgeMs)) return null;
  if (ordinal <= 2 || settings.orderMilestones.includes(ordinal)) return null;
  if (history.lastSurpriseOrderId !== null && (history.lastSurpriseOrderId === orderId || history.lastSurpriseOrderId === previous?.orderId)) return null;
  if (history.lastGestureAt && now.getTime() - history.lastGestureAt.getTime() < settings.surpriseCooldownMs) return null;
  const { currency } = order.total;
  const thresholds = [...(lookup(settings.lifetimeSpendThresholds, currency) ?? [])].sort((a, b) => a - b);
  const live = liveOrders(history);
  const before = spendThrough(live, ordinal, currency, false);
  const after = before + order.total.cents;
  if (thresholds.some((threshold) => before < threshold && threshold <= after)) return null;
  const first = thresholds[0];
  const good = ordinal >= settings.surpriseMinOrders || (first !== undefined && after > first);
  if (!good) return null;
  if (!(random() < settings.surpriseProbability)) return null;
  const { gesture, cents } = settings.gestures.surprise;
  return {
    kind: 'surprise',
    dedupeKey: `surprise:${history.customerId}:${orderId}`,
    facts: {
      why: `picked at random (${Math.round(settings.surpriseProbability * 1000) / 10} % of good customers' ordinary orders)`,
      orderId,
      ordinal,
      probability: settings.surpriseProbability,
    },
    suggestedGesture: gesture,
    suggestedAmountCents: cents,
    proactive: true,
    priority: PRIORITY.surprise,
  };
}
