import { and, count, gte, inArray, lt, sum } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { gestures } from '../db/schema.js';
import type { ChartWeek } from './chart-data.js';
import { GIVEN_STATES } from './gesture-summary.js';
import { cohortMembers, type CohortKind } from './holdout-comparison.js';
import { addDays, isoWeekOf, startOfLocalDate, type DigestPeriod } from './week.js';

export const CHART_WEEKS = 12;
/** Fewer customers than this in a week's cohort draw no point: one customer would swing the line 0–100 %. */
export const CHART_MIN_COHORT = 5;

export interface ChartSettings {
  windowDays: number;
  currency: string;
  timeZone: string;
}

/**
 * Twelve weeks up to the digest's week: gestures and spend per week, and for
 * the customers first gifted (or first held out) that week, the share who
 * ordered again so far (within the window). Recent weeks have had less time;
 * both groups of a week have had the same, so the two lines compare fairly.
 */
export function chartWeeks(db: Db, period: DigestPeriod, settings: ChartSettings, now: Date): ChartWeek[] {
  const windowMs = settings.windowDays * 86_400_000;
  const weeks: ChartWeek[] = [];
  for (let back = CHART_WEEKS - 1; back >= 0; back--) {
    const monday = addDays(period.firstDay, -7 * back);
    const range = { from: startOfLocalDate(monday, settings.timeZone).getTime(), to: startOfLocalDate(addDays(monday, 7), settings.timeZone).getTime() };
    const given = db
      .select({ n: count(), cents: sum(gestures.amountCents).mapWith(Number) })
      .from(gestures)
      .where(and(inArray(gestures.state, [...GIVEN_STATES]), gte(gestures.approvedAt, range.from), lt(gestures.approvedAt, range.to)))
      .get()!;
    const rate = (kind: CohortKind): number | null => {
      const members = cohortMembers(db, kind, range, windowMs, now.getTime(), settings.currency);
      if (members.length < CHART_MIN_COHORT) return null;
      return members.filter((member) => member.orderedAgain).length / members.length;
    };
    weeks.push({
      label: `W${isoWeekOf(monday).week.slice(-2)}`,
      weekOf: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(`${monday}T12:00:00Z`)),
      spendCents: given.cents ?? 0,
      gestures: given.n,
      giftedRepeatRate: rate('gifted'),
      holdoutRepeatRate: rate('holdout'),
    });
  }
  return weeks;
}
