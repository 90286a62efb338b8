import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { gestures, holdoutGroups, moments, orders } from '../db/schema.js';
import type { CohortOutcome, Digest } from './digest.js';
import { GIVEN_STATES } from './gesture-summary.js';
import type { Range } from './ranges.js';
import { DEFAULT_MIN_COUNT, meanDifference, proportionDifference } from './stats.js';

/**
 * Does delight pay? Customers who got a proactive gesture against customers
 * of the random holdout who had a moment just as worthy and got nothing.
 * Each customer counts once, from their first gift (or first held-out
 * moment), and only once their window has closed, so both groups had the
 * same time to order again. Recoveries are left out on both sides: they are
 * never held out, so they have no control group.
 */

export interface CohortMember {
  customerId: number;
  at: number;
  orderedAgain: boolean;
  /** Net of refunds, in the digest's currency only. */
  revenueCents: number;
}

export type CohortKind = 'gifted' | 'holdout';

const DAY_MS = 86_400_000;
/** Cohorts reach back a year: older history says little about the playbook as it is now. */
const COHORT_SPAN_MS = 365 * DAY_MS;

function entries(kind: CohortKind) {
  if (kind === 'gifted') {
    return sql`select ${gestures.customerId} as customer_id, min(${gestures.approvedAt}) as at from ${gestures}
      where ${gestures.state} in ${[...GIVEN_STATES]}
        and not exists (select 1 from ${moments} where ${moments.nudgeId} = ${gestures.nudgeId} and ${moments.proactive} = 0)
      group by ${gestures.customerId}`;
  }
  return sql`select ${moments.customerId} as customer_id, min(${moments.foundAt}) as at from ${moments}
      join ${holdoutGroups} on ${holdoutGroups.customerId} = ${moments.customerId} and ${holdoutGroups.grp} = 'holdout'
      where ${moments.suppressed} = 'holdout'
      group by ${moments.customerId}`;
}

/**
 * The members of a cohort whose first entry falls in `range`, each with the
 * orders placed after it, up to `windowMs` later but never after `until`.
 */
export function cohortMembers(db: Db, kind: CohortKind, range: Range, windowMs: number, until: number, currency: string): CohortMember[] {
  const rows = db.all<{ customer_id: number; at: number; ordered: number; revenue: number }>(sql`
    with entry as (${entries(kind)})
    select entry.customer_id, entry.at,
      count(${orders.id}) as ordered,
      coalesce(sum(case when ${orders.currency} = ${currency} then ${orders.totalCents} - ${orders.refundedCents} else 0 end), 0) as revenue
    from entry
    left join ${orders} on ${orders.customerId} = entry.customer_id
      and ${orders.placedAt} > entry.at and ${orders.placedAt} <= min(entry.at + ${windowMs}, ${until})
      and ${orders.cancelledAt} is null
    where entry.at >= ${range.from} and entry.at < ${range.to}
    group by entry.customer_id, entry.at
    order by entry.customer_id`);
  return rows.map((row) => ({ customerId: row.customer_id, at: row.at, orderedAgain: row.ordered > 0, revenueCents: row.revenue }));
}

function outcomeOf(members: CohortMember[]): CohortOutcome {
  return {
    customers: members.length,
    orderedAgain: members.filter((member) => member.orderedAgain).length,
    revenueCents: members.reduce((total, member) => total + member.revenueCents, 0),
  };
}

export interface ComparisonSettings {
  windowDays: number;
  currency: string;
  minCount?: number;
}

/** The repeat-purchase rate and revenue per customer, gifted vs holdout, with 95% intervals for the differences. */
export function holdoutComparison(db: Db, settings: ComparisonSettings, now: Date): Digest['outcome'] {
  const windowMs = settings.windowDays * DAY_MS;
  const minCount = settings.minCount ?? DEFAULT_MIN_COUNT;
  const cohortTo = now.getTime() - windowMs;
  const range = { from: cohortTo - COHORT_SPAN_MS, to: cohortTo };
  const gifted = cohortMembers(db, 'gifted', range, windowMs, now.getTime(), settings.currency);
  const holdout = cohortMembers(db, 'holdout', range, windowMs, now.getTime(), settings.currency);
  const giftedOutcome = outcomeOf(gifted);
  const holdoutOutcome = outcomeOf(holdout);
  return {
    windowDays: settings.windowDays,
    minCount,
    cohortFrom: range.from,
    cohortTo,
    gifted: giftedOutcome,
    holdout: holdoutOutcome,
    repeat: proportionDifference(
      { successes: giftedOutcome.orderedAgain, n: giftedOutcome.customers },
      { successes: holdoutOutcome.orderedAgain, n: holdoutOutcome.customers },
      minCount,
    ),
    revenue: meanDifference(
      gifted.map((member) => member.revenueCents),
      holdout.map((member) => member.revenueCents),
      minCount,
    ),
  };
}
