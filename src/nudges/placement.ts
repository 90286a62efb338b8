import { and, desc, eq, gte, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
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
export function placeMoment(
  tx: Db,
  target: { customerId: number; orderId: number | null },
  suggestion: MomentSuggestion,
  settings: PlacementSettings,
  now: Date,
): Placement {
  const at = now.getTime();
  const { customerId, orderId } = target;
  const moment = tx
    .insert(moments)
    .values({
      customerId,
      orderId,
      kind: suggestion.kind,
      dedupeKey: suggestion.dedupeKey,
      facts: { ...suggestion.facts, suggestedGesture: suggestion.suggestedGesture, suggestedAmountCents: suggestion.suggestedAmountCents },
      proactive: suggestion.proactive,
      priority: suggestion.priority,
      foundAt: at,
    })
    .onConflictDoNothing()
    .returning({ id: moments.id })
    .get();
  if (!moment) return { placed: 'duplicate' };
  const reason = suppression(tx, customerId, suggestion, settings.playbook, now);
  if (reason) {
    tx.update(moments).set({ suppressed: reason }).where(eq(moments.id, moment.id)).run();
    return { placed: 'suppressed', reason };
  }
  const open = tx
    .select({ id: nudges.id, state: nudges.state })
    .from(nudges)
    .where(and(eq(nudges.customerId, customerId), inArray(nudges.state, ['queued', 'pending'])))
    .orderBy(desc(nudges.id))
    .get();
  if (open) {
    tx.update(moments).set({ nudgeId: open.id }).where(eq(moments.id, moment.id)).run();
    tx.update(nudges)
      .set({ priority: sql`max(${nudges.priority}, ${suggestion.priority})`, updatedAt: at })
      .where(eq(nudges.id, open.id))
      .run();
    if (open.state === 'pending') enqueueCardSync(tx, open.id, now);
    return { placed: 'joined', nudgeId: open.id };
  }
  const nudgeId = tx
    .insert(nudges)
    .values({ customerId, state: 'queued', priority: suggestion.priority, createdAt: at, updatedAt: at })
    .returning({ id: nudges.id })
    .get().id;
  tx.update(moments).set({ nudgeId }).where(eq(moments.id, moment.id)).run();
  const released = releaseQueue(tx, { noise: settings.playbook.noise, timeZone: settings.timeZone }, now);
  return { placed: 'opened', nudgeId, released };
}

function suppression(tx: Db, customerId: number, suggestion: MomentSuggestion, playbook: PlaybookSettings, now: Date): 'holdout' | 'cooldown' | null {
  if (!suggestion.proactive || CORRECTION_KINDS.has(suggestion.kind)) return null;
  if (holdoutGroupOf(tx, customerId, playbook.holdout, now) === 'holdout') return 'holdout';
  const since = now.getTime() - playbook.noise.cooldownMs;
  const lastGesture = tx
    .select({ at: max(gestures.createdAt) })
    .from(gestures)
    .where(and(eq(gestures.customerId, customerId), inArray(gestures.state, GIVEN_GESTURE_STATES), gte(gestures.createdAt, since)))
    .get()?.at;
  return lastGesture != null ? 'cooldown' : null;
}

/** The nudges a placement touched: opened, joined or released; the outbox must look at them. */
export function touchedNudges(placement: Placement): number[] {
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
