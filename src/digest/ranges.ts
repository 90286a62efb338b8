import type { WeekCount } from './digest.js';
import type { DigestPeriod } from './week.js';

/** A half-open span of time in UTC ms: from ≤ t < to. */
export interface Range {
  from: number;
  to: number;
}

export function weekRange(period: DigestPeriod): Range {
  return { from: period.start.getTime(), to: period.end.getTime() };
}

export function baselineRange(period: DigestPeriod): Range {
  return { from: period.baselineStart.getTime(), to: period.start.getTime() };
}

/** Counts the same thing over the week and the four weeks before. */
export function weekCount(period: DigestPeriod, countIn: (range: Range) => number): WeekCount {
  return { week: countIn(weekRange(period)), baselineWeekly: countIn(baselineRange(period)) / 4 };
}
