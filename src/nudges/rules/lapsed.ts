import { count, DAY_MS, liveOrders, median, wholeDays } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface LapsedInput {
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

/**
 * When a customer with these live order times becomes lapsed: the last order
 * plus `lapsedGapFactor` (2) times their median gap between orders, and never
 * sooner than `lapsedMinSilenceMs` after it, so orders placed minutes apart
 * cannot make someone "lapsed" the next day.
 * @returns epoch ms, or null with fewer than `lapsedMinOrders` (3) orders.
 */
export function lapsePoint(placedAts: readonly number[], settings: RuleSettings): number | null {
  if (placedAts.length < settings.lapsedMinOrders) return null;
  const sorted = [...placedAts].sort((a, b) => a - b);
  const gaps = sorted.slice(1).map((at, index) => at - (sorted[index] ?? at));
  const last = sorted.at(-1) ?? 0;
  return last + Math.max(settings.lapsedGapFactor * median(gaps), settings.lapsedMinSilenceMs);
}

/**
 * Daily scan: a loyal customer (at least `lapsedMinOrders` orders, cancelled
 * ones not counted) has gone silent past their lapse point (see
 * {@link lapsePoint}) → win-back. It fires only while that point is at most
 * `maxFactAgeMs` (7 days) old, so customers who drifted away years ago in an
 * imported history do not flood the channel on the first scan. The dedupe key
 * is per customer and last order: it fires once per lapse, and again only
 * after they order and lapse again.
 */
export function lapsed(input: LapsedInput): PlaybookSuggestion | null {
  const { history, now, settings } = input;
  const live = liveOrders(history);
  const last = live.at(-1);
  const point = lapsePoint(
    live.map((order) => order.placedAt.getTime()),
    settings,
  );
  if (point === null || !last) return null;
  const sinceLapse = now.getTime() - point;
  // Strictly past the point: silent for exactly twice the usual gap is not yet lapsed.
  if (sinceLapse <= 0 || sinceLapse > settings.maxFactAgeMs) return null;
  const gaps = live.slice(1).map((order, index) => order.placedAt.getTime() - (live[index]?.placedAt.getTime() ?? 0));
  const medianGapMs = median(gaps);
  const silentMs = now.getTime() - last.placedAt.getTime();
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
