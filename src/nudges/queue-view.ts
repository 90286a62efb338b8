import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { customers, moments, nudges } from '../db/schema.js';
import { displayName } from '../history/names.js';
import { isWorkingTime } from './local-time.js';
import type { MomentKind } from './moment.js';
import { postedToday } from './queue.js';
import type { NoiseSettings } from './settings.js';

export interface QueuedNudge {
  nudgeId: number;
  /** Null for a guest or an erased customer. */
  customerName: string | null;
  kinds: MomentKind[];
  priority: number;
  recovery: boolean;
  queuedAt: Date;
}

/** What `/delight queue` shows: the waiting nudges, highest priority first, and why they wait. */
export interface QueueView {
  queued: QueuedNudge[];
  total: number;
  postedToday: number;
  dailyCap: number;
  recoveryReserve: number;
  workingNow: boolean;
  /** When a waiting proactive nudge is dropped unposted. */
  queueMaxWaitMs: number;
}

/** Reads the queue in release order (priority, then age). */
export function loadQueueView(db: Db, settings: { noise: NoiseSettings; timeZone: string }, now: Date, limit: number): QueueView {
  const { noise, timeZone } = settings;
  const rows = db
    .select({ id: nudges.id, priority: nudges.priority, createdAt: nudges.createdAt, firstName: customers.firstName, lastName: customers.lastName, email: customers.email })
    .from(nudges)
    .innerJoin(customers, eq(customers.id, nudges.customerId))
    .where(eq(nudges.state, 'queued'))
    .orderBy(desc(nudges.priority), asc(nudges.createdAt), asc(nudges.id))
    .limit(limit)
    .all();
  const ids = rows.map((row) => row.id);
  const momentRows =
    ids.length === 0
      ? []
      : db.select({ nudgeId: moments.nudgeId, kind: moments.kind, proactive: moments.proactive }).from(moments).where(inArray(moments.nudgeId, ids)).orderBy(desc(moments.priority)).all();
  const total = db.select({ n: count() }).from(nudges).where(eq(nudges.state, 'queued')).get()?.n ?? 0;
  return {
    queued: rows.map((row) => {
      const own = momentRows.filter((moment) => moment.nudgeId === row.id);
      return {
        nudgeId: row.id,
        customerName: displayName(row.firstName, row.lastName) ?? row.email,
        kinds: own.map((moment) => moment.kind as MomentKind),
        priority: row.priority,
        recovery: own.some((moment) => !moment.proactive),
        queuedAt: new Date(row.createdAt),
      };
    }),
    total,
    postedToday: postedToday(db, now, timeZone),
    dailyCap: noise.dailyCap,
    recoveryReserve: noise.recoveryReserve,
    workingNow: isWorkingTime(now, noise.workingHours, timeZone),
    queueMaxWaitMs: noise.queueMaxWaitMs,
  };
}
