import { and, count, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedFor } from '../db/prepared.js';
import { lineItems, orders, refunds } from '../db/schema.js';
import type { OrderPlaced, OrderRefunded, OrderUpdated } from './events.js';
import { resolveCustomer } from './identity.js';
import { appendTimeline, isNewerVersion, versionKeyOf } from './timeline.js';

export interface RecordedOrder {
  orderId: number;
  customerId: number;
  /** True only the first time this order enters the history (not for redeliveries or updates). */
  isNew: boolean;
  /** Which of the customer's orders this is, counted from history: 1 for the first. */
  ordinal: number;
  cancelled: boolean;
  placedAt: Date;
}

type OrderRow = typeof orders.$inferSelect;

/**
 * Stores an order once, keyed by (source, order id): a redelivery under a new
 * delivery id changes nothing, and a newer version of a known order (an
 * `orders/updated`) updates it — an older one arriving late does not.
 * Must run inside a transaction.
 */
export function recordOrder(tx: Db, event: OrderPlaced, now: Date): RecordedOrder {
  const existing = findOrder(tx, event.source, event.externalId);
  if (existing) {
    const current = isNewerVersion(event.version, existing.sourceVersion) ? updateOrder(tx, existing, event, now) : existing;
    return {
      orderId: current.id,
      customerId: current.customerId,
      isNew: false,
      ordinal: ordinalOf(tx, current),
      cancelled: current.cancelledAt !== null,
      placedAt: new Date(current.placedAt),
    };
  }
  const customerId = resolveCustomer(tx, event.source, event.customer, now, event.version);
  const at = now.getTime();
  const values = {
    customerId,
    source: event.source,
    externalId: event.externalId,
    number: event.number ?? null,
    ...mutableFields(event),
    placedAt: event.placedAt.getTime(),
    createdAt: at,
    updatedAt: at,
  };
  const row = preparedFor(tx, insertOrderQuery).get(values);
  if (!row) throw new Error('order insert returned no row');
  // A new order has no items to replace: nothing can point at an id just made.
  insertLineItems(tx, row.id, event.lineItems);
  appendTimeline(
    tx,
    {
      customerId,
      source: event.source,
      kind: 'order_placed',
      externalId: event.externalId,
      versionKey: 'once',
      occurredAt: event.placedAt,
      facts: { orderId: row.id, totalCents: event.totalCents, currency: event.currency },
    },
    now,
  );
  return { orderId: row.id, customerId, isNew: true, ordinal: ordinalOf(tx, values), cancelled: values.cancelledAt !== null, placedAt: new Date(values.placedAt) };
}

/**
 * Applies a later state (paid, cancelled, new total) to a known order, unless
 * it is older than what is stored. Must run inside a transaction.
 * @returns the order's id, or null when the order is unknown or the change stale.
 */
export function recordOrderUpdate(tx: Db, event: OrderUpdated, now: Date): number | null {
  const existing = findOrder(tx, event.source, event.externalId);
  if (!existing || !isNewerVersion(event.version, existing.sourceVersion)) return null;
  const set: Partial<OrderRow> = { updatedAt: now.getTime(), sourceVersion: event.version?.getTime() ?? existing.sourceVersion };
  if (event.financialStatus !== undefined) set.financialStatus = event.financialStatus;
  if (event.cancelledAt !== undefined) set.cancelledAt = event.cancelledAt?.getTime() ?? null;
  if (event.totalCents !== undefined) set.totalCents = event.totalCents;
  tx.update(orders).set(set).where(eq(orders.id, existing.id)).run();
  appendTimeline(
    tx,
    {
      customerId: existing.customerId,
      source: event.source,
      kind: 'order_updated',
      externalId: event.externalId,
      versionKey: versionKeyOf(event.version),
      occurredAt: event.version ?? now,
      facts: { orderId: existing.id, financialStatus: set.financialStatus ?? null, cancelled: set.cancelledAt != null },
    },
    now,
  );
  return existing.id;
}

/**
 * Stores a refund once and adds it to the order's refunded amount.
 * @returns the order's id, or null for a refund already stored or of an unknown order.
 */
export function recordRefund(tx: Db, event: OrderRefunded, now: Date): number | null {
  const order = findOrder(tx, event.source, event.orderExternalId);
  if (!order) return null;
  const inserted = tx
    .insert(refunds)
    .values({ orderId: order.id, source: event.source, externalId: event.externalId, amountCents: event.amountCents, currency: event.currency, refundedAt: event.refundedAt.getTime() })
    .onConflictDoNothing()
    .returning({ id: refunds.id })
    .get();
  if (!inserted) return null;
  tx.update(orders)
    .set({ refundedCents: sql`${orders.refundedCents} + ${event.amountCents}`, updatedAt: now.getTime() })
    .where(eq(orders.id, order.id))
    .run();
  appendTimeline(
    tx,
    {
      customerId: order.customerId,
      source: event.source,
      kind: 'order_refunded',
      externalId: event.externalId,
      versionKey: 'once',
      occurredAt: event.refundedAt,
      facts: { orderId: order.id, amountCents: event.amountCents, currency: event.currency },
    },
    now,
  );
  return order.id;
}

const findOrderQuery = (db: Db) =>
  db
    .select()
    .from(orders)
    .where(and(eq(orders.source, sql.placeholder('source')), eq(orders.externalId, sql.placeholder('externalId'))))
    .prepare();

function findOrder(tx: Db, source: string, externalId: string): OrderRow | undefined {
  return preparedFor(tx, findOrderQuery).get({ source, externalId });
}

const insertOrderQuery = (db: Db) =>
  db
    .insert(orders)
    .values({
      customerId: sql.placeholder('customerId'),
      source: sql.placeholder('source'),
      externalId: sql.placeholder('externalId'),
      number: sql.placeholder('number'),
      currency: sql.placeholder('currency'),
      totalCents: sql.placeholder('totalCents'),
      shippingCents: sql.placeholder('shippingCents'),
      financialStatus: sql.placeholder('financialStatus'),
      shippingTitle: sql.placeholder('shippingTitle'),
      shippingCountry: sql.placeholder('shippingCountry'),
      cancelledAt: sql.placeholder('cancelledAt'),
      sourceVersion: sql.placeholder('sourceVersion'),
      placedAt: sql.placeholder('placedAt'),
      createdAt: sql.placeholder('createdAt'),
      updatedAt: sql.placeholder('updatedAt'),
    })
    .returning({ id: orders.id })
    .prepare();

function mutableFields(event: OrderPlaced) {
  return {
    currency: event.currency,
    totalCents: event.totalCents,
    shippingCents: event.shippingCents,
    financialStatus: event.financialStatus ?? null,
    shippingTitle: event.shippingTitle ?? null,
    shippingCountry: event.shippingCountry ?? null,
    cancelledAt: event.cancelledAt?.getTime() ?? null,
    sourceVersion: event.version?.getTime() ?? null,
  };
}

/** @returns the order as stored now: the update's row, read back by the caller before. */
function updateOrder(tx: Db, existing: OrderRow, event: OrderPlaced, now: Date): OrderRow {
  const set = { ...mutableFields(event), number: event.number ?? existing.number, updatedAt: now.getTime() };
  tx.update(orders).set(set).where(eq(orders.id, existing.id)).run();
  replaceLineItems(tx, existing.id, event.lineItems);
  return { ...existing, ...set };
}

const deleteLineItemsQuery = (db: Db) =>
  db
    .delete(lineItems)
    .where(eq(lineItems.orderId, sql.placeholder('orderId')))
    .prepare();

const insertLineItemQuery = (db: Db) =>
  db
    .insert(lineItems)
    .values({
      orderId: sql.placeholder('orderId'),
      title: sql.placeholder('title'),
      variantTitle: sql.placeholder('variantTitle'),
      quantity: sql.placeholder('quantity'),
      priceCents: sql.placeholder('priceCents'),
    })
    .prepare();

function replaceLineItems(tx: Db, orderId: number, items: OrderPlaced['lineItems']): void {
  preparedFor(tx, deleteLineItemsQuery).run({ orderId });
  insertLineItems(tx, orderId, items);
}

/** One insert per item, in the items' order: the ids come out as one multi-row insert would give them. */
function insertLineItems(tx: Db, orderId: number, items: OrderPlaced['lineItems']): void {
  const insert = preparedFor(tx, insertLineItemQuery);
  for (const item of items) {
    insert.run({ orderId, title: item.title, variantTitle: item.variantTitle ?? null, quantity: item.quantity, priceCents: item.priceCents });
  }
}

const ordinalQuery = (db: Db) =>
  db
    .select({ n: count() })
    .from(orders)
    .where(and(eq(orders.customerId, sql.placeholder('customerId')), lte(orders.placedAt, sql.placeholder('placedAt')), isNull(orders.cancelledAt)))
    .prepare();

/** Counts the customer's orders placed up to and including this one, cancelled ones excluded. */
function ordinalOf(tx: Db, order: Pick<OrderRow, 'customerId' | 'placedAt'>): number {
  return preparedFor(tx, ordinalQuery).get({ customerId: order.customerId, placedAt: order.placedAt })?.n ?? 0;
}
