import { calendarDate, count, isYearlyDate, pad2 } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface AnniversaryInput {
  history: CustomerHistory;
  now: Date;
  /** The team's IANA time zone: both the first order's date and "today" are read there. */
  timeZone: string;
  settings: RuleSettings;
}

/**
 * Daily scan: today, in the team's time zone, is a whole number of years
 * since the customer's first order (not cancelled). A first order on Feb 29
 * is remembered on Feb 28 in other years. The dedupe key includes the year.
 */
export function anniversary(input: AnniversaryInput): PlaybookSuggestion | null {
  const { history, now, timeZone, settings } = input;
  if (!history.firstOrderAt) return null;
  const first = calendarDate(history.firstOrderAt, timeZone);
  const today = calendarDate(now, timeZone);
  const years = today.year - first.year;
  if (years < 1 || !isYearlyDate(first.month, first.day, today)) return null;
  const { gesture, cents } = settings.gestures.anniversary;
  return {
    kind: 'first_order_anniversary',
    dedupeKey: `first_order_anniversary:${history.customerId}:${today.year}`,
    facts: {
      why: `${count(years, 'year')} since the first order`,
      years,
      firstOrderOn: `${first.year}-${pad2(first.month)}-${pad2(first.day)}`,
    },
    suggestedGesture: gesture,
    suggestedAmountCents: cents,
    proactive: true,
    // Longer relationships rank a little higher, up to the birthday's priority.
    priority: PRIORITY.warm.min + 5 + Math.min(5, years - 1),
  };
}
