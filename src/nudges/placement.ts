import { and, desc, eq, gte, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { placeholderSql, preparedFor } from '../db/prepared.js';
import { gestures, moments, nudges } from '../db/schema.js';
import { enqueueCardSync } from './card-sync-queue.js';
import { GIVEN_GESTURE_STATES } from './history-snapshot.js';
import { holdoutGroupOf } from './holdout.js';
import type { MomentSuggestion } from './moment.js';
import { releaseQueue } from './queue.js';
import { CORRECTION_KINDS, type PlaybookSettings } from './settings.js';

export interface PlacementSettings {
  playbook: PlaybookSettings;
  timeZone: string;
}

/** What became of a moment. */
export type Placement =
  | { placed: 'duplicate' }
  | { placed: 'suppressed'; reason: 'holdout' | 'cooldown' }
  | { placed: 'joined'; nudgeId: number }
  | { placed: 'opened'; nudgeId: number; released: number[] };

/**
 * Stores a moment once (its dedupe key is unique) and decides where it goes:
 * 1. a held-out customer's proactive moment is recorded, never posted;
 * 2. a proactive moment within the cooldown after a gesture is recorded, not posted;
 * 3. a customer with an undecided nudge gets the moment added to that card;
 * 4. otherwise a new nudge is queued and the queue releases what fits.
 * Recovery moments and corrections (money owed) skip 1 and 2.
 * Must run inside the transaction that recorded the triggering fact.
 */
function placeMoment(
  tx: Db,
  target: { customerId: number; orderId: number | null },
  suggestion: MomentSuggestion,
  settings: PlacementSettings,
  now: Date,
): Placement {
  const at = now.getTime();
  const { customerId, orderId } = target;
  const moment = preparedFor(tx, insertMomentQuery).get({
    customerId,
    orderId,
    kind: suggestion.kind,
    dedupeKey: suggestion.dedupeKey,
    facts: { ...suggestion.facts, suggestedGesture: suggestion.suggestedGesture, suggestedAmountCents: suggestion.suggestedAmountCents },
    proactive: suggestion.proactive,
    priority: suggestion.priority,
    foundAt: at,
  });
  if (!moment) return { placed: 'duplicate' };
  const reason = suppression(tx, customerId, suggestion, settings.playbook, now);
  if (reason) {
    preparedFor(tx, suppressMomentQuery).run({ id: moment.id, reason });
    return { placed: 'suppressed', reason };
  }
  const open = preparedFor(tx, openNudgeQuery).get({ customerId });
  if (open) {
    preparedFor(tx, attachMomentQuery).run({ id: moment.id, nudgeId: open.id });
    preparedFor(tx, raisePriorityQuery).run({ id: open.id, priority: suggestion.priority, updatedAt: at });
    if (open.state === 'pending') enqueueCardSync(tx, open.id, now);
    return { placed: 'joined', nudgeId: open.id };
  }
  const nudge = preparedFor(tx, insertNudgeQuery).get({ customerId, priority: suggestion.priority, at });
  if (!nudge) throw new Error('nudge insert returned no row');
  preparedFor(tx, attachMomentQuery).run({ id: moment.id, nudgeId: nudge.id });
  const released = releaseQueue(tx, { noise: settings.playbook.noise, timeZone: settings.timeZone }, now);
  return { placed: 'opened', nudgeId: nudge.id, released };
}

const insertMomentQuery = (db: Db) =>
  db
    .insert(moments)
    .values({
      customerId: sql.placeholder('customerId'),
      orderId: sql.placeholder('orderId'),
      kind: sql.placeholder('kind'),
      dedupeKey: sql.placeholder('dedupeKey'),
      facts: sql.placeholder('facts'),
      proactive: sql.placeholder('proactive'),
      priority: sql.placeholder('priority'),
      foundAt: sql.placeholder('foundAt'),
    })
    .onConflictDoNothing()
    .returning({ id: moments.id })
    .prepare();

const suppressMomentQuery = (db: Db) =>
  db
    .update(moments)
    .set({ suppressed: placeholderSql('reason') })
    .where(eq(moments.id, sql.placeholder('id')))
    .prepare();

const attachMomentQuery = (db: Db) =>
  db
    .update(moments)
    .set({ nudgeId: placeholderSql('nudgeId') })
    .where(eq(moments.id, sql.placeholder('id')))
    .prepare();

/** The customer's newest nudge still waiting for a decision (queued or on the channel). */
const openNudgeQuery = (db: Db) =>
  db
    .select({ id: nudges.id, state: nudges.state })
    .from(nudges)
    .where(and(eq(nudges.customerId, sql.placeholder('customerId')), inArray(nudges.state, ['queued', 'pending'])))
    .orderBy(desc(nudges.id))
    .prepare();

const raisePriorityQuery = (db: Db) =>
  db
    .update(nudges)
    .set({ priority: sql`max(${nudges.priority}, ${sql.placeholder('priority')})`, updatedAt: placeholderSql('updatedAt') })
    .where(eq(nudges.id, sql.placeholder('id')))
    .prepare();

const insertNudgeQuery = (db: Db) =>
  db
    .insert(nudges)
    .values({
      customerId: sql.placeholder('customerId'),
      state: 'queued',
      priority: sql.placeholder('priority'),
      createdAt: sql.placeholder('at'),
      updatedAt: sql.placeholder('at'),
    })
    .returning({ id: nudges.id })
    .prepare();

function suppression(tx: Db, customerId: number, suggestion: MomentSuggestion, playbook: PlaybookSettings, now: Date): 'holdout' | 'cooldown' | null {
  if (!suggestion.proactive || CORRECTION_KINDS.has(suggestion.kind)) return null;
  if (holdoutGroupOf(tx, customerId, playbook.holdout, now) === 'holdout') return 'holdout';
  const since = now.getTime() - playbook.noise.cooldownMs;
  const lastGesture = preparedFor(tx, gestureSinceQuery).get({ customerId, since })?.at;
  return lastGesture != null ? 'cooldown' : null;
}

const gestureSinceQuery = (db: Db) =>
  db
    .select({ at: max(gestures.createdAt) })
    .from(gestures)
    .where(and(eq(gestures.customerId, sql.placeholder('customerId')), inArray(gestures.state, GIVEN_GESTURE_STATES), gte(gestures.createdAt, sql.placeholder('since'))))
    .prepare();

/** The nudges a placement touched: opened, joined or released; the outbox must look at them. */
function touchedNudges(placement: Placement): number[] {
  switch (placement.placed) {
    case 'duplicate':
    case 'suppressed':
      return [];
    case 'joined':
      return [placement.nudgeId];
    case 'opened':
      return [placement.nudgeId, ...placement.released];
  }
}

/**
 * Places several suggestions about one customer, highest priority first, so
 * the most urgent moment opens the card and the others join it.
 * @returns the nudges touched, without repeats.
 */
export function placeAll(
  tx: Db,
  target: { customerId: number; orderId: number | null },
  suggestions: readonly MomentSuggestion[],
  settings: PlacementSettings,
  now: Date,
): number[] {
  const touched = new Set<number>();
  for (const suggestion of [...suggestions].sort((a, b) => b.priority - a.priority)) {
    // A scan's moment about one of the customer's orders (an overpayment) shows that order on the card.
    const orderId = typeof suggestion.facts.orderId === 'number' ? suggestion.facts.orderId : target.orderId;
    for (const id of touchedNudges(placeMoment(tx, { customerId: target.customerId, orderId }, suggestion, settings, now))) touched.add(id);
  }
  return [...touched];
}
