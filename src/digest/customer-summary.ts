import { and, count, countDistinct, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { gestures, moments, orders, ratings } from '../db/schema.js';
import type { Digest, RatingCounts } from './digest.js';
import { GIVEN_STATES, isRecoveryGesture } from './gesture-summary.js';
import { baselineRange, weekCount, weekRange, type Range } from './ranges.js';
import type { DigestPeriod } from './week.js';

const REPEAT_KINDS = ['order_milestone', 'came_back', 'lifetime_spend', 'first_order_anniversary'];
const RECENT_RECOVERIES_MS = 84 * 86_400_000;

const cardHad = (kinds: string[]) =>
  sql<boolean>`exists (select 1 from ${moments} where ${moments.nudgeId} = ${gestures.nudgeId} and ${inArray(moments.kind, kinds)})`;

function customersGiven(db: Db, range: Range, which: ReturnType<typeof sql>): number {
  return db
    .select({ n: countDistinct(gestures.customerId) })
    .from(gestures)
    .where(and(inArray(gestures.state, [...GIVEN_STATES]), gte(gestures.approvedAt, range.from), lt(gestures.approvedAt, range.to), which))
    .get()!.n;
}

/** New customers thanked, repeat customers recognised, recoveries, and whether the recovered came back. */
export function customerSummary(db: Db, period: DigestPeriod, now: Date): Digest['customers'] {
  const recentFrom = period.end.getTime() - RECENT_RECOVERIES_MS;
  // The first recovery of each customer lately, and whether an order came after it.
  const lately = db.get<{ customers: number; orderedAgain: number }>(sql`
    with recovered as (
      select ${gestures.customerId} as customer_id, min(${gestures.approvedAt}) as at from ${gestures}
      where ${gestures.state} in ${[...GIVEN_STATES]} and ${gestures.approvedAt} >= ${recentFrom} and ${gestures.approvedAt} < ${now.getTime()}
        and ${isRecoveryGesture} = 1
      group by ${gestures.customerId})
    select count(*) as customers,
      coalesce(sum(exists (select 1 from ${orders} where ${orders.customerId} = recovered.customer_id and ${orders.placedAt} > recovered.at and ${orders.cancelledAt} is null)), 0) as orderedAgain
    from recovered`);
  return {
    newThanked: weekCount(period, (range) => customersGiven(db, range, cardHad(['first_order']))),
    repeatRecognised: weekCount(period, (range) => customersGiven(db, range, cardHad(REPEAT_KINDS))),
    recoveries: weekCount(period, (range) => customersGiven(db, range, sql`${isRecoveryGesture} = 1`)),
    recoveredLately: { customers: lately.customers, orderedAgain: lately.orderedAgain },
  };
}

/** NPS answers of the week (9–10 promote, 0–6 detract) and the support satisfaction ratings. */
export function ratingSummary(db: Db, period: DigestPeriod): Pick<Digest, 'nps' | 'satisfaction'> {
  const nps = (range: Range): RatingCounts => {
    const row = db
      .select({
        promoters: sql<number>`coalesce(sum(${ratings.score} >= 9), 0)`,
        passives: sql<number>`coalesce(sum(${ratings.score} between 7 and 8), 0)`,
        detractors: sql<number>`coalesce(sum(${ratings.score} <= 6), 0)`,
      })
      .from(ratings)
      .where(and(eq(ratings.kind, 'nps'), gte(ratings.ratedAt, range.from), lt(ratings.ratedAt, range.to)))
      .get()!;
    const answers = row.promoters + row.passives + row.detractors;
    return { ...row, score: answers === 0 ? null : Math.round((100 * (row.promoters - row.detractors)) / answers) };
  };
  const satisfaction = (range: Range) => {
    const rows = db
      .select({ rating: ratings.rating, n: count() })
      .from(ratings)
      .where(and(eq(ratings.kind, 'satisfaction'), gte(ratings.ratedAt, range.from), lt(ratings.ratedAt, range.to)))
      .groupBy(ratings.rating)
      .all();
    const of = (rating: string) => rows.find((row) => row.rating === rating)?.n ?? 0;
    return { good: of('good'), okay: of('okay'), bad: of('bad') };
  };
  const week = satisfaction(weekRange(period));
  const before = satisfaction(baselineRange(period));
  const beforeTotal = before.good + before.okay + before.bad;
  return {
    nps: { ...nps(weekRange(period)), baselineScore: nps(baselineRange(period)).score },
    satisfaction: { ...week, baselineGoodShare: beforeTotal === 0 ? null : before.good / beforeTotal },
  };
}
