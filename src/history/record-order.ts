import { and, count, eq, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { lineItems, orders } from '../db/schema.js';
import type { OrderPlaced } from './events.js';
import { resolveCustomer } from './identity.js';

export interface RecordedOrder {
  orderId: number;
  customerId: number;
  /** False when this order was already in the history (a redelivery or a replay). */
  isNew: boolean;
  /** Which of the customer's orders this is, counted from history: 1 for the first. */
  ordinal: number;
}

/**
 * Stores an order and its line items once, keyed by (source, order id), so a
 * webhook redelivered under a new delivery id changes nothing. Must run inside a
 * transaction.
 */
export function recordOrder(tx: Db, event: OrderPlaced, now: Date): RecordedOrder {
  const existing = tx
    .select({ id: orders.id, customerId: orders.customerId, placedAt: orders.placedAt })
    .from(orders)
    .where(and(eq(orders.source, event.source), eq(orders.externalId, event.externalId)))
    .get();
  if (existing) {
    return {
      orderId: existing.id,
      customerId: existing.customerId,
      isNew: false,
      ordinal: ordinalOf(tx, existing.customerId, existing.placedAt),
    };
  }
  const customerId = resolveCustomer(tx, event.source, event.customer, now);
  const at = now.getTime();
  const placedAt = event.placedAt.getTime();
  const orderId = tx
    .insert(orders)
    .values({
      customerId,
      source: event.source,
      externalId: event.externalId,
      number: event.number ?? null,
      currency: event.currency,
      totalCents: event.totalCents,
      shippingCents: event.shippingCents,
      financialStatus: event.financialStatus ?? null,
      placedAt,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: orders.id })
    .get().id;
  if (event.lineItems.length > 0) {
    tx.insert(lineItems)
      .values(event.lineItems.map((item) => ({ orderId, ...item, variantTitle: item.variantTitle ?? null })))
      .run();
  }
  return { orderId, customerId, isNew: true, ordinal: ordinalOf(tx, customerId, placedAt) };
}

/** Counts the customer's orders placed up to and including `placedAt`, cancelled ones excluded. */
function ordinalOf(tx: Db, customerId: number, placedAt: number): number {
  const row = tx
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.customerId, customerId), lte(orders.placedAt, placedAt), isNull(orders.cancelledAt)))
    .get();
  return row?.n ?? 0;
}
