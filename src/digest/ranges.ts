import type { WeekCount } from './digest.js';
import { BASELINE_WEEKS, type DigestPeriod } from './week.js';

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

/** The week's figure beside the weekly average of the comparison weeks' total. */
export function toWeekCount(week: number, baselineTotal: number): WeekCount {
  return { week, baselineWeekly: baselineTotal / BASELINE_WEEKS };
}

/** Counts the same thing over the week and the weeks before. */
export function weekCount(period: DigestPeriod, countIn: (range: Range) => number): WeekCount {
  return toWeekCount(countIn(weekRange(period)), countIn(baselineRange(period)));
}
