import { and, asc, count, eq, gte, inArray, lt, lte, sql, sum } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { gestures, moments } from '../db/schema.js';
import { budgetFor, budgetMonthOf } from '../gestures/budget.js';
import { paceOf } from '../gestures/pacing.js';
import type { Digest, OverdueGesture } from './digest.js';
import { baselineRange, toWeekCount, weekRange, type Range } from './ranges.js';
import type { DigestPeriod } from './week.js';

/** Gestures that happened or will: approved and not taken back (cancelled, failed). */
export const GIVEN_STATES = ['approved', 'fulfilled'] as const;

/** A gesture repairs when its card carried a recovery or a correction; otherwise it delights. */
export const isRecoveryGesture = sql<number>`exists (select 1 from ${moments} where ${moments.nudgeId} = ${gestures.nudgeId} and ${moments.proactive} = 0)`;

const givenIn = (range: Range) => and(inArray(gestures.state, [...GIVEN_STATES]), gte(gestures.approvedAt, range.from), lt(gestures.approvedAt, range.to));

export interface GestureSummarySettings {
  monthlyBudgetCents: number;
  currency: string;
  timeZone: string;
  overdueMs: number;
}

/** Gestures given in the week by type, the proactive share, the month's budget and the promises overdue now. */
export function gestureSummary(db: Db, period: DigestPeriod, settings: GestureSummarySettings, now: Date): Pick<Digest, 'gestures' | 'budget' | 'overdue'> {
  const byKind = db
    .select({ kind: gestures.kind, n: count(), cents: sum(gestures.amountCents).mapWith(Number) })
    .from(gestures)
    .where(givenIn(weekRange(period)))
    .groupBy(gestures.kind)
    .all()
    .map((row) => ({ kind: row.kind, count: row.n, spendCents: row.cents ?? 0 }))
    .sort((a, b) => b.spendCents - a.spendCents || b.count - a.count || a.kind.localeCompare(b.kind));
  // One look per span gives the count, the spend and the split into delight and repair.
  const totals = (range: Range) => {
    const row = db
      .select({ all: count(), cents: sum(gestures.amountCents).mapWith(Number), recovery: sql<number>`coalesce(sum(${isRecoveryGesture}), 0)` })
      .from(gestures)
      .where(givenIn(range))
      .get()!;
    return { all: row.all, cents: row.cents ?? 0, recovery: row.recovery, share: row.all === 0 ? null : (row.all - row.recovery) / row.all };
  };
  const week = totals(weekRange(period));
  const before = totals(baselineRange(period));
  const month = budgetMonthOf(now, settings.timeZone);
  const budget = budgetFor(db, month, settings.monthlyBudgetCents, settings.currency);
  const pace = paceOf(budget, now, settings.timeZone);
  return {
    gestures: {
      count: toWeekCount(week.all, before.all),
      spendCents: toWeekCount(week.cents, before.cents),
      byKind,
      proactive: week.all - week.recovery,
      recovery: week.recovery,
      proactiveShare: week.share,
      baselineProactiveShare: before.share,
    },
    budget: { month, limitCents: budget.limitCents, spentCents: budget.spentCents, expectedCents: pace.expectedCents, status: pace.status },
    overdue: overdueGestures(db, now.getTime() - settings.overdueMs),
  };
}

const OVERDUE_SHOWN = 5;

/** Approved, not done, and approved before `approvedBefore`: the oldest first. */
function overdueGestures(db: Db, approvedBefore: number): Digest['overdue'] {
  const overdue = and(eq(gestures.state, 'approved'), lte(gestures.approvedAt, approvedBefore));
  const total = db.select({ n: count() }).from(gestures).where(overdue).get()!.n;
  const oldest: OverdueGesture[] = db
    .select({
      gestureId: gestures.id,
      customerId: gestures.customerId,
      fulfillerId: gestures.fulfillerId,
      kind: gestures.kind,
      amountCents: gestures.amountCents,
      approvedAt: sql<number>`${gestures.approvedAt}`,
    })
    .from(gestures)
    .where(overdue)
    .orderBy(asc(gestures.approvedAt), asc(gestures.id))
    .limit(OVERDUE_SHOWN)
    .all();
  return { total, oldest };
}
