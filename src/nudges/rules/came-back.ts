import { count, isFresh, liveOrderAt, wholeDays } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface CameBackInput {
  /** The order that was just placed. */
  orderId: number;
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

/**
 * A customer's second order (neither it nor the first cancelled): the first
 * sign they chose to come back — "great to hear from you again". Fires once
 * per customer, however orders are later cancelled or replayed.
 */
export function cameBack(input: CameBackInput): PlaybookSuggestion | null {
  const { orderId, history, now, settings } = input;
  const found = liveOrderAt(history, orderId);
  if (!found || found.ordinal !== 2 || !found.previous) return null;
  const { order, previous } = found;
  if (!isFresh(order.placedAt, now, settings.maxFactAgeMs)) return null;
  const daysSinceFirstOrder = wholeDays(order.placedAt.getTime() - previous.placedAt.getTime());
  return {
    kind: 'came_back',
    dedupeKey: `came_back:${history.customerId}`,
    facts: {
      why: `2nd order, ${count(daysSinceFirstOrder, 'day')} after the first`,
      orderId,
      ordinal: 2,
      previousOrderId: previous.orderId,
      daysSinceFirstOrder,
    },
    suggestedGesture: settings.gestures.comeBack.gesture,
    suggestedAmountCents: settings.gestures.comeBack.cents,
    proactive: true,
    priority: PRIORITY.warm.min + 5,
  };
}
