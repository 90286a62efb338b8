import { and, count, eq, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { moments, nudges } from '../db/schema.js';
import type { Digest, KindCount } from './digest.js';
import { baselineRange, toWeekCount, weekCount, weekRange, type Range } from './ranges.js';
import { median } from './stats.js';
import type { DigestPeriod } from './week.js';

/** Moments found, by kind, with those the holdout or a cooldown kept out of the channel. */
export function momentActivity(db: Db, period: DigestPeriod): Digest['moments'] {
  const byKindIn = (range: Range) =>
    new Map(
      db
        .select({ kind: moments.kind, n: count() })
        .from(moments)
        .where(and(gte(moments.foundAt, range.from), lt(moments.foundAt, range.to)))
        .groupBy(moments.kind)
        .all()
        .map((row) => [row.kind, row.n]),
    );
  const week = byKindIn(weekRange(period));
  const baseline = byKindIn(baselineRange(period));
  const kinds = [...new Set([...week.keys(), ...baseline.keys()])];
  const byKind: KindCount[] = kinds
    .map((kind) => ({ kind, count: toWeekCount(week.get(kind) ?? 0, baseline.get(kind) ?? 0) }))
    .sort((a, b) => b.count.week - a.count.week || b.count.baselineWeekly - a.count.baselineWeekly || a.kind.localeCompare(b.kind));
  const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  const suppressed = (reason: 'holdout' | 'cooldown') => {
    const range = weekRange(period);
    return db
      .select({ n: count() })
      .from(moments)
      .where(and(eq(moments.suppressed, reason), gte(moments.foundAt, range.from), lt(moments.foundAt, range.to)))
      .get()!.n;
  };
  return {
    total: toWeekCount(sum(week), sum(baseline)),
    byKind,
    heldOut: suppressed('holdout'),
    cooledDown: suppressed('cooldown'),
  };
}

/** Cards posted and decided in the week, what still waits now, and how long a decision took. */
export function nudgeActivity(db: Db, period: DigestPeriod): Digest['nudges'] {
  const posted = (range: Range) =>
    db.select({ n: count() }).from(nudges).where(and(gte(nudges.postedAt, range.from), lt(nudges.postedAt, range.to))).get()!.n;
  const decided = (state: 'approved' | 'skipped' | 'expired') => (range: Range) =>
    db
      .select({ n: count() })
      .from(nudges)
      .where(and(eq(nudges.state, state), gte(nudges.decidedAt, range.from), lt(nudges.decidedAt, range.to)))
      .get()!.n;
  const now = (state: 'pending' | 'queued') => db.select({ n: count() }).from(nudges).where(eq(nudges.state, state)).get()!.n;
  return {
    posted: weekCount(period, posted),
    approved: weekCount(period, decided('approved')),
    skipped: weekCount(period, decided('skipped')),
    expired: weekCount(period, decided('expired')),
    waiting: now('pending'),
    queued: now('queued'),
    medianDecisionMs: medianDecision(db, weekRange(period)),
    baselineMedianDecisionMs: medianDecision(db, baselineRange(period)),
  };
}

/** From the card's post to a person's decision (expiry is no decision). */
function medianDecision(db: Db, range: Range): number | null {
  const waits = db
    .select({ ms: sql<number>`${nudges.decidedAt} - ${nudges.postedAt}` })
    .from(nudges)
    .where(
      and(
        inArray(nudges.state, ['approved', 'skipped']),
        isNotNull(nudges.postedAt),
        gte(nudges.decidedAt, range.from),
        lt(nudges.decidedAt, range.to),
      ),
    )
    .all()
    .map((row) => Math.max(0, row.ms));
  return median(waits);
}
