import { calendarDate, isYearlyDate, liveOrders, pad2 } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface BirthdayInput {
  history: CustomerHistory;
  now: Date;
  /** The team's IANA time zone: "today" is today there. */
  timeZone: string;
  settings: RuleSettings;
}

/** "YYYY-MM-DD" or "--MM-DD" (year unknown). */
const BIRTHDAY = /^(?:\d{4}-|--)(\d{2})-(\d{2})$/;

/**
 * Daily scan: today, in the team's time zone, is the customer's birthday.
 * "--MM-DD" birthdays work; a Feb 29 birthday is celebrated on Feb 28 in
 * other years. Only customers who have ordered (a profile alone is not a
 * relationship). The dedupe key includes the year, so it fires once a year
 * however often the scan runs. Facts hold the date, never the age.
 */
export function birthday(input: BirthdayInput): PlaybookSuggestion | null {
  const { history, now, timeZone, settings } = input;
  const date = parseBirthday(history.birthday);
  if (!date || liveOrders(history).length === 0) return null;
  const today = calendarDate(now, timeZone);
  if (!isYearlyDate(date.month, date.day, today)) return null;
  const { gesture, cents } = settings.gestures.birthday;
  const celebratedOn = `${today.year}-${pad2(today.month)}-${pad2(today.day)}`;
  return {
    kind: 'birthday',
    dedupeKey: `birthday:${history.customerId}:${today.year}`,
    facts: {
      why: date.month === today.month && date.day === today.day ? 'birthday today' : 'birthday on Feb 29, celebrated today',
      birthday: `--${pad2(date.month)}-${pad2(date.day)}`,
      celebratedOn,
    },
    suggestedGesture: gesture,
    suggestedAmountCents: cents,
    proactive: true,
    priority: PRIORITY.warm.min + 10,
  };
}

function parseBirthday(text: string | null): { month: number; day: number } | null {
  const match = text === null ? null : BIRTHDAY.exec(text.trim());
  if (!match) return null;
  const month = Number(match[1]);
  const day = Number(match[2]);
  // Day 29 of February is valid for a birthday whatever year is given.
  const daysIn = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (daysIn === undefined || day < 1 || day > daysIn) return null;
  return { month, day };
}
