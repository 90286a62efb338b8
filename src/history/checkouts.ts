import { and, asc, eq, gt, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/client.js';
import { preparedFor } from '../db/prepared.js';
import { timelineEvents } from '../db/schema.js';
import type { HistoryCheckout } from '../nudges/rules/types.js';
import type { CheckoutAbandoned } from './events.js';
import { resolveCustomer } from './identity.js';
import { normalizeEmail } from './names.js';
import { appendTimeline, versionKeyOf } from './timeline.js';

/**
 * Abandoned checkouts live in the timeline alone: a `checkout_abandoned` row
 * per state of a checkout (source, checkout id, abandonment time), with the
 * amount and currency as facts. A checkout changed again (Shopify sends every
 * edit) gets a newer row; readers take the newest row of each checkout.
 */
const KIND = 'checkout_abandoned';

/**
 * Stores an abandoned checkout on its customer's timeline; the same state
 * delivered again (any delivery id) is stored once. A checkout that names
 * nobody — no source customer id, no e-mail — is not stored and creates no
 * customer. Must run inside a transaction.
 * @returns the customer's id (null when nobody is named) and whether the state was new.
 */
export function recordCheckoutAbandoned(tx: Db, event: CheckoutAbandoned, now: Date): { customerId: number | null; fresh: boolean } {
  if (!event.customer.externalId?.trim() && normalizeEmail(event.customer.email) === null) return { customerId: null, fresh: false };
  const customerId = resolveCustomer(tx, event.source, event.customer, now, event.version);
  const fresh = appendTimeline(
    tx,
    {
      customerId,
      source: event.source,
      kind: KIND,
      externalId: event.externalId,
      versionKey: versionKeyOf(event.abandonedAt),
      occurredAt: event.abandonedAt,
      facts: { amountCents: event.amountCents, currency: event.currency },
    },
    now,
  );
  return { customerId, fresh };
}

/**
 * The customer's abandoned checkouts, one per checkout in its newest state,
 * ascending by `abandonedAt` (then checkout id). A checkout whose newest state
 * belongs to another customer (the e-mail was changed during checkout) is not
 * theirs. Whether an order followed is left to the reader.
 * @returns an empty list for a customer without any.
 */
export function loadAbandonedCheckouts(tx: Db, customerId: number): HistoryCheckout[] {
  const rows = preparedFor(tx, newestStatesQuery).all({ customerId });
  return rows.flatMap((row) => {
    const { amountCents, currency } = row.facts;
    // Written only by recordCheckoutAbandoned; anything else is not a checkout this code can read.
    if (typeof amountCents !== 'number' || !Number.isSafeInteger(amountCents) || typeof currency !== 'string') return [];
    return [{ source: row.source, externalId: row.externalId, amount: { cents: amountCents, currency }, abandonedAt: new Date(row.occurredAt) }];
  });
}

const newer = alias(timelineEvents, 'newer');

/** The newest state of each of the customer's abandoned checkouts: no newer row of the same checkout exists. */
const newestStatesQuery = (db: Db) =>
  db
    .select({ source: timelineEvents.source, externalId: timelineEvents.externalId, occurredAt: timelineEvents.occurredAt, facts: timelineEvents.facts })
    .from(timelineEvents)
    .where(
      and(
        eq(timelineEvents.customerId, sql.placeholder('customerId')),
        eq(timelineEvents.kind, KIND),
        notExists(
          db
            .select({ id: newer.id })
            .from(newer)
            .where(
              and(
                eq(newer.source, timelineEvents.source),
                eq(newer.externalId, timelineEvents.externalId),
                eq(newer.kind, KIND),
                or(
                  gt(newer.occurredAt, timelineEvents.occurredAt),
                  and(eq(newer.occurredAt, timelineEvents.occurredAt), gt(newer.id, timelineEvents.id)),
                ),
              ),
            ),
        ),
      ),
    )
    .orderBy(asc(timelineEvents.occurredAt), asc(timelineEvents.externalId), asc(timelineEvents.id))
    .prepare();
