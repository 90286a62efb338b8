import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { gestures } from '../db/schema.js';
import type { GestureKind } from '../nudges/moment.js';
import { AUTO_FULFILLER_ID, type DecisionSettings } from './decide.js';
import { failGesture, markFulfilled } from './fulfilment.js';

/** What an automatic fulfiller is given: ids and money, never the customer's name. */
export interface AutoGesture {
  gestureId: number;
  customerId: number;
  kind: GestureKind;
  amountCents: number;
  currency: string;
  customerMessage: string | null;
}

export type AutoOutcome = { ok: true; customerMessage: string; reference: string } | { ok: false; reason: string };

/**
 * An integration that makes a gesture happen by itself — a Shopify discount
 * code or gift card, a Stripe refund. None ships yet: the state machine is
 * ready for one (approved → fulfilled | failed), and a failure leaves the
 * gesture on the card for a person to finish or cancel.
 */
export interface AutoFulfiller {
  name: string;
  kinds: readonly GestureKind[];
  fulfil(gesture: AutoGesture): Promise<AutoOutcome>;
}

/** The gesture kinds some fulfiller handles: approvals of these kinds name delightbot as the fulfiller. */
export function autoKinds(fulfillers: readonly AutoFulfiller[]): ReadonlySet<GestureKind> {
  return new Set(fulfillers.flatMap((fulfiller) => fulfiller.kinds));
}

/**
 * Runs every approved gesture assigned to delightbot through the fulfiller for
 * its kind, one at a time, recording fulfilled or failed. The call to the
 * outside world happens outside any transaction; each result is committed on
 * its own. A gesture another run already finished is not changed twice (the
 * state machine refuses).
 * @returns how many gestures were attempted.
 */
export async function runAutoFulfilment(db: Db, fulfillers: readonly AutoFulfiller[], settings: DecisionSettings, now: () => Date): Promise<number> {
  const kinds = [...autoKinds(fulfillers)];
  if (kinds.length === 0) return 0;
  const due = db
    .select()
    .from(gestures)
    .where(and(eq(gestures.state, 'approved'), eq(gestures.fulfillerId, AUTO_FULFILLER_ID), inArray(gestures.kind, kinds)))
    .all();
  for (const row of due) {
    const fulfiller = fulfillers.find((candidate) => candidate.kinds.includes(row.kind as GestureKind));
    if (!fulfiller) continue;
    const gesture: AutoGesture = { gestureId: row.id, customerId: row.customerId, kind: row.kind as GestureKind, amountCents: row.amountCents, currency: row.currency, customerMessage: row.customerMessage };
    let outcome: AutoOutcome;
    try {
      outcome = await fulfiller.fulfil(gesture);
    } catch (error) {
      outcome = { ok: false, reason: `${fulfiller.name} failed: ${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}` };
    }
    if (outcome.ok) {
      markFulfilled(db, { nudgeId: row.nudgeId, actorId: AUTO_FULFILLER_ID, customerMessage: outcome.customerMessage, note: outcome.reference }, settings, now());
    } else {
      failGesture(db, { nudgeId: row.nudgeId, reason: outcome.reason }, settings, now());
    }
  }
  return due.length;
}
