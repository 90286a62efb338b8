import { formatMoney } from '../../money.js';
import { isFresh, liveOrderAt, liveOrders, lookup, spendThrough } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface LifetimeSpendInput {
  /** The order that was just placed. */
  orderId: number;
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

/**
 * The order that carries a customer's lifetime spend in its currency across a
 * threshold. Spend is summed per currency (no exchange rates are invented)
 * over orders not cancelled, in the order they were placed, so an order
 * delivered late is judged by what came before it. When one large order
 * crosses several thresholds, only the highest is recognised. The dedupe key
 * is per customer, currency and threshold: each is recognised once, ever.
 */
export function lifetimeSpend(input: LifetimeSpendInput): PlaybookSuggestion | null {
  const { orderId, history, now, settings } = input;
  const found = liveOrderAt(history, orderId);
  if (!found) return null;
  const { order, ordinal } = found;
  if (!isFresh(order.placedAt, now, settings.maxFactAgeMs)) return null;
  const { currency } = order.total;
  const thresholds = [...(lookup(settings.lifetimeSpendThresholds, currency) ?? [])].sort((a, b) => a - b);
  const live = liveOrders(history);
  const before = spendThrough(live, ordinal, currency, false);
  const after = before + order.total.cents;
  const rank = thresholds.findLastIndex((threshold) => before < threshold && threshold <= after);
  const threshold = thresholds[rank];
  if (threshold === undefined) return null;
  const { gesture, cents } = settings.gestures.lifetimeSpend;
  const span = PRIORITY.milestone.max - PRIORITY.milestone.min;
  return {
    kind: 'lifetime_spend',
    dedupeKey: `lifetime_spend:${history.customerId}:${currency}:${threshold}`,
    facts: {
      why: `lifetime spend passed ${formatMoney(threshold, currency)} (now ${formatMoney(after, currency)}) with this order`,
      orderId,
      ordinal,
      thresholdCents: threshold,
      lifetimeSpendCents: after,
      currency,
    },
    suggestedGesture: gesture,
    suggestedAmountCents: cents,
    proactive: true,
    // Higher thresholds are rarer: the first lands mid-band, the top one at the top.
    priority: PRIORITY.milestone.min + 5 + Math.round(((span - 5) * rank) / Math.max(1, thresholds.length - 1)),
  };
}
