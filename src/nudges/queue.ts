import { and, asc, count, desc, eq, gte, inArray, lte, not, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { placeholderSql, preparedFor } from '../db/prepared.js';
import { gestures, moments, nudges } from '../db/schema.js';
import { audit } from '../gestures/audit.js';
import { enqueueCardSync } from './card-sync-queue.js';
import { isWorkingTime, startOfLocalDay } from './local-time.js';
import type { NoiseSettings } from './settings.js';

/**
 * The channel's gate. Every new nudge starts `queued`; the queue releases
 * nudges to the channel (state `pending`, card queued for Slack) while the
 * day's cap allows and it is working time, highest priority first. Recovery
 * nudges may use the whole cap; proactive ones stop `recoveryReserve` short
 * of it, so a late complaint still gets a slot the same day.
 */

export interface QueueSettings {
  noise: NoiseSettings;
  timeZone: string;
}

/** A nudge holding at least one recovery (not proactive) moment. */
const hasRecoveryMoment = sql`exists (select 1 from ${moments} where ${moments.nudgeId} = ${nudges.id} and ${moments.proactive} = 0)`;

/**
 * Releases what fits now. Must run inside a write transaction.
 * @returns the ids of the nudges released (their cards are queued for Slack).
 */
export function releaseQueue(tx: Db, settings: QueueSettings, now: Date): number[] {
  const { noise, timeZone } = settings;
  const working = isWorkingTime(now, noise.workingHours, timeZone);
  if (!working && !noise.recoveryDuringQuietHours) return [];
  let posted = postedToday(tx, now, timeZone);
  const proactiveLimit = Math.max(0, noise.dailyCap - noise.recoveryReserve);
  if (posted >= noise.dailyCap) return [];
  const candidates = [
    ...queued(tx, queuedRecoveryQuery, noise.dailyCap - posted).map((row) => ({ ...row, recovery: true })),
    ...(working ? queued(tx, queuedProactiveQuery, proactiveLimit - posted).map((row) => ({ ...row, recovery: false })) : []),
  ].sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt || a.id - b.id);
  const released: number[] = [];
  for (const candidate of candidates) {
    if (posted >= (candidate.recovery ? noise.dailyCap : proactiveLimit)) continue;
    preparedFor(tx, releaseQuery).run({ id: candidate.id, at: now.getTime() });
    enqueueCardSync(tx, candidate.id, now);
    released.push(candidate.id);
    posted++;
  }
  return released;
}

/** How many nudges were posted to the channel since local midnight: what counts against the day's cap. */
export function postedToday(db: Db, now: Date, timeZone: string): number {
  return preparedFor(db, postedSinceQuery).get({ since: startOfLocalDay(now, timeZone).getTime() })?.n ?? 0;
}

const postedSinceQuery = (db: Db) =>
  db
    .select({ n: count() })
    .from(nudges)
    .where(gte(nudges.postedAt, sql.placeholder('since')))
    .prepare();

const releaseQuery = (db: Db) =>
  db
    .update(nudges)
    .set({ state: 'pending', postedAt: placeholderSql('at'), updatedAt: placeholderSql('at') })
    .where(and(eq(nudges.id, sql.placeholder('id')), eq(nudges.state, 'queued')))
    .prepare();

/** Queued nudges matching `filter`, the first `limit` in release order. */
function queuedQuery(filter: SQL) {
  return (db: Db) =>
    db
      .select({ id: nudges.id, priority: nudges.priority, createdAt: nudges.createdAt })
      .from(nudges)
      .where(and(eq(nudges.state, 'queued'), filter))
      .orderBy(desc(nudges.priority), asc(nudges.createdAt), asc(nudges.id))
      .limit(sql.placeholder('limit'))
      .prepare();
}

const queuedRecoveryQuery = queuedQuery(hasRecoveryMoment);
const queuedProactiveQuery = queuedQuery(not(hasRecoveryMoment));

function queued(tx: Db, query: typeof queuedRecoveryQuery, limit: number) {
  if (limit <= 0) return [];
  return preparedFor(tx, query).all({ limit });
}

export interface Expired {
  /** Posted cards nobody decided: their cards now say so. */
  undecided: number[];
  /** Queued nudges that waited too long and were never posted. */
  unposted: number[];
}

/**
 * Expires posted cards left undecided for `undecidedExpiryMs` (48 h) — a
 * request waiting for a manager is not undecided — and
 * queued proactive nudges older than `queueMaxWaitMs`. Recovery nudges never
 * expire from the queue: an unhappy customer always gets their card.
 * Must run inside a write transaction.
 */
export function expireNudges(tx: Db, noise: NoiseSettings, now: Date): Expired {
  const at = now.getTime();
  const undecided = preparedFor(tx, postedBeforeQuery).all({ before: at - noise.undecidedExpiryMs });
  const unposted = preparedFor(tx, queuedProactiveBeforeQuery).all({ before: at - noise.queueMaxWaitMs });
  for (const [rows, reason] of [
    [undecided, 'undecided'],
    [unposted, 'stale_in_queue'],
  ] as const) {
    if (rows.length === 0) continue;
    tx.update(nudges)
      .set({ state: 'expired', decidedAt: at, updatedAt: at })
      .where(inArray(nudges.id, rows.map((row) => row.id)))
      .run();
    for (const row of rows) audit(tx, { actor: 'delightbot', action: 'expire', nudgeId: row.id, customerId: row.customerId, detail: { reason } }, now);
  }
  for (const row of undecided) enqueueCardSync(tx, row.id, now);
  return { undecided: undecided.map((row) => row.id), unposted: unposted.map((row) => row.id) };
}

/** A gesture is waiting for a manager on the card: it is decided, just not yet by the one who may. */
const hasRequest = sql`exists (select 1 from ${gestures} where ${gestures.nudgeId} = ${nudges.id})`;

/** Cards on the channel since before `before`, still undecided and with no request waiting for a manager. */
const postedBeforeQuery = (db: Db) =>
  db
    .select({ id: nudges.id, customerId: nudges.customerId })
    .from(nudges)
    .where(and(eq(nudges.state, 'pending'), lte(nudges.postedAt, sql.placeholder('before')), not(hasRequest)))
    .prepare();

/** Proactive nudges queued since before `before`, never posted. */
const queuedProactiveBeforeQuery = (db: Db) =>
  db
    .select({ id: nudges.id, customerId: nudges.customerId })
    .from(nudges)
    .where(and(eq(nudges.state, 'queued'), lte(nudges.createdAt, sql.placeholder('before')), not(hasRecoveryMoment)))
    .prepare();
