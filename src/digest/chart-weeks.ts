import { and, count, gte, inArray, lt, sum } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { gestures } from '../db/schema.js';
import { MAX_CHART_WEEKS, type ChartWeek } from './chart-data.js';
import { GIVEN_STATES } from './gesture-summary.js';
import { cohortMembers, type CohortKind } from './holdout-comparison.js';
import { addDays, isoWeekOf, startOfLocalDate, type DigestPeriod } from './week.js';

/** Fewer customers than this in a cohort draw no point: one customer would swing the line 0–100 %. */
const CHART_MIN_COHORT = 5;
/** The chart's lines look this far after a gift: short enough that most of the twelve weeks have an answer. */
export const CHART_REPEAT_DAYS = 30;
/** Each point pools the cohorts of its week and the three before: a 10 % holdout is too small for one week alone. */
const POOLED_WEEKS = 4;

export interface ChartSettings {
  windowDays: number;
  currency: string;
  timeZone: string;
}

/**
 * Twelve weeks up to the digest's week: gestures and spend per week, and for
 * the customers first gifted (or first held out) in the four weeks to that
 * week, the share who ordered again within 30 days. A point is drawn only
 * once every customer in it has had the 30 days: recent weeks stay empty
 * rather than dip because their customers had less time.
 */
export function chartWeeks(db: Db, period: DigestPeriod, settings: ChartSettings, now: Date): ChartWeek[] {
  const windowMs = Math.min(CHART_REPEAT_DAYS, settings.windowDays) * 86_400_000;
  const local = (day: string) => startOfLocalDate(day, settings.timeZone).getTime();
  const firstMonday = addDays(period.firstDay, -7 * (MAX_CHART_WEEKS - 1));
  // Every customer any point pools, read once per group; each point then picks its four weeks.
  const span = { from: local(addDays(firstMonday, -7 * (POOLED_WEEKS - 1))), to: local(addDays(period.firstDay, 7)) };
  const members = {
    gifted: cohortMembers(db, 'gifted', span, windowMs, now.getTime(), settings.currency),
    holdout: cohortMembers(db, 'holdout', span, windowMs, now.getTime(), settings.currency),
  };
  const weeks: ChartWeek[] = [];
  for (let back = MAX_CHART_WEEKS - 1; back >= 0; back--) {
    const monday = addDays(period.firstDay, -7 * back);
    const range = { from: local(monday), to: local(addDays(monday, 7)) };
    const given = db
      .select({ n: count(), cents: sum(gestures.amountCents).mapWith(Number) })
      .from(gestures)
      .where(and(inArray(gestures.state, [...GIVEN_STATES]), gte(gestures.approvedAt, range.from), lt(gestures.approvedAt, range.to)))
      .get()!;
    const pooled = { from: local(addDays(monday, -7 * (POOLED_WEEKS - 1))), to: range.to };
    const closed = pooled.to + windowMs <= now.getTime();
    const rate = (kind: CohortKind): number | null => {
      if (!closed) return null;
      const pool = members[kind].filter((member) => member.at >= pooled.from && member.at < pooled.to);
      if (pool.length < CHART_MIN_COHORT) return null;
      return pool.filter((member) => member.orderedAgain).length / pool.length;
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
