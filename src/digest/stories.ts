import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { gestures, moments, orders, ratings } from '../db/schema.js';
import type { Story } from './digest.js';
import { GIVEN_STATES } from './gesture-summary.js';

const STORIES = 3;
/** Stories come from the last twelve weeks: long enough for a reorder, recent enough to remember. */
const STORY_SPAN_MS = 84 * 86_400_000;

/**
 * The gestures with the best outcomes lately: the customer ordered again
 * (the most revenue since first) or answered NPS as a promoter afterwards.
 * A gesture with neither is no story yet.
 */
export function topStories(db: Db, currency: string, now: Date): Story[] {
  const from = now.getTime() - STORY_SPAN_MS;
  const rows = db.all<{
    gesture_id: number;
    customer_id: number;
    kind: string;
    amount_cents: number;
    approved_by: string | null;
    moment_kind: string | null;
    orders_since: number;
    revenue_since: number;
    nps_since: number | null;
  }>(sql`
    select g.id as gesture_id, g.customer_id, g.kind, g.amount_cents, g.approved_by,
      (select ${moments.kind} from ${moments} where ${moments.nudgeId} = g.nudge_id order by ${moments.priority} desc, ${moments.id} limit 1) as moment_kind,
      (select count(*) from ${orders} where ${orders.customerId} = g.customer_id and ${orders.placedAt} > g.approved_at and ${orders.cancelledAt} is null) as orders_since,
      (select coalesce(sum(${orders.totalCents} - ${orders.refundedCents}), 0) from ${orders}
        where ${orders.customerId} = g.customer_id and ${orders.placedAt} > g.approved_at and ${orders.cancelledAt} is null and ${orders.currency} = ${currency}) as revenue_since,
      (select max(${ratings.score}) from ${ratings} where ${ratings.customerId} = g.customer_id and ${ratings.kind} = 'nps' and ${ratings.ratedAt} > g.approved_at) as nps_since
    from ${gestures} g
    where g.state in ${[...GIVEN_STATES]} and g.approved_at >= ${from} and g.approved_at <= ${now.getTime()}`);
  return rows
    .filter((row) => row.orders_since > 0 || (row.nps_since ?? 0) >= 9)
    .sort((a, b) => b.revenue_since - a.revenue_since || b.orders_since - a.orders_since || (b.nps_since ?? -1) - (a.nps_since ?? -1) || b.gesture_id - a.gesture_id)
    .slice(0, STORIES)
    .map((row) => ({
      gestureId: row.gesture_id,
      customerId: row.customer_id,
      gestureKind: row.kind,
      amountCents: row.amount_cents,
      approvedBy: row.approved_by,
      momentKind: row.moment_kind ?? 'surprise',
      ordersSince: row.orders_since,
      revenueSinceCents: row.revenue_since,
      npsSince: row.nps_since,
    }));
}
