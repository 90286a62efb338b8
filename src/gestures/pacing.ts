import { localTime, startOfLocalDay } from '../nudges/local-time.js';

export interface Pace {
  /** What spending evenly over the month would have spent by now. */
  expectedCents: number;
  /** Spent minus expected: positive means ahead of pace. */
  aheadByCents: number;
  status: 'on_pace' | 'ahead';
  /** How far through the month we are, 0–1. */
  monthFraction: number;
}

/**
 * Where the month's spending stands against an even spread of the budget over
 * the month (in the team's time zone): $1,000 in a 30-day month is $100 by the
 * end of the 3rd day.
 */
export function paceOf(budget: { limitCents: number; spentCents: number }, now: Date, timeZone: string): Pace {
  const monthFraction = fractionOfMonth(now, timeZone);
  const expectedCents = Math.round(budget.limitCents * monthFraction);
  const aheadByCents = budget.spentCents - expectedCents;
  return { expectedCents, aheadByCents, status: aheadByCents > 0 ? 'ahead' : 'on_pace', monthFraction };
}

/** Whether spending runs ahead of pace by more than `marginShare` of the budget. */
export function isAheadBeyondMargin(pace: Pace, limitCents: number, marginShare: number): boolean {
  return pace.aheadByCents > marginShare * limitCents;
}

/** Elapsed share of the local calendar month containing `now`, by the clock (DST days count as they are). */
export function fractionOfMonth(now: Date, timeZone: string): number {
  const { dateKey } = localTime(now, timeZone);
  const [year, month] = dateKey.split('-').map(Number) as [number, number];
  const start = startOfLocal(year, month, timeZone);
  const end = startOfLocal(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, timeZone);
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}

/** Local midnight of the 1st of a month, as an instant. */
function startOfLocal(year: number, month: number, timeZone: string): number {
  // Noon UTC on the 1st is the 1st everywhere from UTC−11 to UTC+11; its local midnight is the month's start.
  return startOfLocalDay(new Date(Date.UTC(year, month - 1, 1, 12)), timeZone).getTime();
}
