import { count, DAY_MS, liveOrders, median, wholeDays } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface LapsedInput {
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

/**
 * Scan: a loyal customer (at least `lapsedMinOrders` (3) orders, cancelled
 * ones not counted) has been silent for more than `lapsedGapFactor` (2)
 * times their median gap between orders — and at least
 * `lapsedMinSilenceMs`, so orders placed minutes apart cannot make someone
 * "lapsed" the next day → win-back. The dedupe key is per customer and last
 * order: it fires once per lapse, and again only after they order and lapse again.
 */
export function lapsed(input: LapsedInput): PlaybookSuggestion | null {
  const { history, now, settings } = input;
  const live = liveOrders(history);
  const last = live.at(-1);
  if (live.length < settings.lapsedMinOrders || !last) return null;
  const gaps = live.slice(1).map((order, index) => order.placedAt.getTime() - (live[index]?.placedAt.getTime() ?? 0));
  const medianGapMs = median(gaps);
  const silentMs = now.getTime() - last.placedAt.getTime();
  if (!(silentMs > settings.lapsedGapFactor * medianGapMs) || silentMs < settings.lapsedMinSilenceMs) return null;
  const { gesture, cents } = settings.gestures.lapsed;
  const medianGapDays = Math.round((medianGapMs / DAY_MS) * 10) / 10;
  const daysSilent = wholeDays(silentMs);
  return {
    kind: 'lapsed',
    dedupeKey: `lapsed:${history.customerId}:${last.orderId}`,
    facts: {
      why: `${count(live.length, 'order')}, usually every ${medianGapDays} days; silent for ${count(daysSilent, 'day')}`,
      ordersCount: live.length,
      medianGapDays,
      daysSilent,
      lastOrderId: last.orderId,
    },
    suggestedGesture: gesture,
    suggestedAmountCents: cents,
    proactive: true,
    priority: PRIORITY.warm.min + 10,
  };
}
