import { and, asc, desc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedFor } from '../db/prepared.js';
import { loadAbandonedCheckouts } from '../history/checkouts.js';
import { customers, gestures, lineItems, moments, orders, payments, ratings, tickets } from '../db/schema.js';
import type {
  CustomerHistory,
  HistoryLineItem,
  HistoryOrder,
  HistoryPayment,
  HistoryRating,
  HistoryTicket,
  HistoryTicketStatus,
  Money,
  PaymentStatus,
} from './rules/types.js';

/** Gesture states that count as "the customer got a gesture". */
export const GIVEN_GESTURE_STATES = ['approved', 'fulfilled'];

/**
 * Builds the database-free snapshot of one customer's history that the
 * playbook rules read: ids, amounts, dates and states, no name or e-mail.
 * Must run inside the transaction that recorded the triggering event, so the
 * snapshot includes it.
 */
export function loadCustomerHistory(tx: Db, customerId: number): CustomerHistory {
  const orderList = loadOrders(tx, customerId);
  const live = orderList.filter((order) => !order.cancelled);
  const byCustomer = { customerId };
  const customer = preparedFor(tx, birthdayQuery).get(byCustomer);
  const lastGesture = preparedFor(tx, lastGestureQuery).get(byCustomer)?.at;
  const lastSurprise = preparedFor(tx, lastSurpriseQuery).get(byCustomer);
  return {
    customerId,
    orders: orderList,
    payments: loadPayments(tx, customerId),
    abandonedCheckouts: loadAbandonedCheckouts(tx, customerId),
    tickets: loadTickets(tx, customerId),
    ratings: loadRatings(tx, customerId),
    birthday: customer?.birthday ?? null,
    firstOrderAt: live[0]?.placedAt ?? null,
    lastGestureAt: lastGesture != null ? new Date(lastGesture) : null,
    lifetimeSpend: spendPerCurrency(live),
    lastSurpriseOrderId: lastSurprise?.orderId ?? null,
  };
}

const customerIdParam = sql.placeholder('customerId');

const birthdayQuery = (db: Db) =>
  db.select({ birthday: customers.birthday }).from(customers).where(eq(customers.id, customerIdParam)).prepare();

const lastGestureQuery = (db: Db) =>
  db
    .select({ at: max(gestures.createdAt) })
    .from(gestures)
    .where(and(eq(gestures.customerId, customerIdParam), inArray(gestures.state, GIVEN_GESTURE_STATES)))
    .prepare();

const lastSurpriseQuery = (db: Db) =>
  db
    .select({ orderId: moments.orderId })
    .from(moments)
    .where(and(eq(moments.customerId, customerIdParam), eq(moments.kind, 'surprise')))
    .orderBy(desc(moments.foundAt), desc(moments.id))
    .prepare();

const ordersQuery = (db: Db) =>
  db
    .select({
      id: orders.id,
      source: orders.source,
      externalId: orders.externalId,
      number: orders.number,
      placedAt: orders.placedAt,
      totalCents: orders.totalCents,
      currency: orders.currency,
      refundedCents: orders.refundedCents,
      shippingTitle: orders.shippingTitle,
      shippingCents: orders.shippingCents,
      shippingCountry: orders.shippingCountry,
      cancelledAt: orders.cancelledAt,
    })
    .from(orders)
    .where(eq(orders.customerId, customerIdParam))
    .orderBy(asc(orders.placedAt), asc(orders.id))
    .prepare();

/** The items of all the customer's orders, in insertion order (as `orderId in (…the customer's orders)` read them). */
const lineItemsQuery = (db: Db) =>
  db
    .select({ orderId: lineItems.orderId, title: lineItems.title, variantTitle: lineItems.variantTitle, quantity: lineItems.quantity, priceCents: lineItems.priceCents })
    .from(lineItems)
    .innerJoin(orders, eq(orders.id, lineItems.orderId))
    .where(eq(orders.customerId, customerIdParam))
    .orderBy(asc(lineItems.id))
    .prepare();

function loadOrders(tx: Db, customerId: number): HistoryOrder[] {
  const rows = preparedFor(tx, ordersQuery).all({ customerId });
  const items = new Map<number, HistoryLineItem[]>();
  if (rows.length > 0) {
    for (const item of preparedFor(tx, lineItemsQuery).all({ customerId })) {
      const list = items.get(item.orderId) ?? [];
      list.push({ title: item.title, variantTitle: item.variantTitle, quantity: item.quantity, priceCents: item.priceCents });
      items.set(item.orderId, list);
    }
  }
  return rows.map((row) => ({
    orderId: row.id,
    source: row.source,
    externalId: row.externalId,
    number: row.number,
    placedAt: new Date(row.placedAt),
    total: { cents: row.totalCents, currency: row.currency },
    refundedCents: row.refundedCents,
    shipping: { title: row.shippingTitle, cents: row.shippingCents, country: row.shippingCountry?.toUpperCase() ?? null, promisedBy: null },
    cancelled: row.cancelledAt !== null,
    items: items.get(row.id) ?? [],
  }));
}

const paymentsQuery = (db: Db) =>
  db.select().from(payments).where(eq(payments.customerId, customerIdParam)).orderBy(asc(payments.occurredAt), asc(payments.id)).prepare();

function loadPayments(tx: Db, customerId: number): HistoryPayment[] {
  return preparedFor(tx, paymentsQuery)
    .all({ customerId })
    .map((row) => ({
      paymentId: row.id,
      source: row.source,
      externalId: row.externalId,
      status: row.status as PaymentStatus,
      amount: { cents: row.amountCents, currency: row.currency },
      orderExternalId: row.orderExternalId,
      failureReason: row.failureReason,
      occurredAt: new Date(row.occurredAt),
    }));
}

const ticketsQuery = (db: Db) =>
  db.select().from(tickets).where(eq(tickets.customerId, customerIdParam)).orderBy(asc(tickets.openedAt), asc(tickets.id)).prepare();

function loadTickets(tx: Db, customerId: number): HistoryTicket[] {
  return preparedFor(tx, ticketsQuery)
    .all({ customerId })
    .map((row) => ({
      ticketId: row.id,
      source: row.source,
      externalId: row.externalId,
      status: row.status as HistoryTicketStatus,
      subject: row.subject,
      openedAt: new Date(row.openedAt),
      reopenCount: row.reopenCount,
      solvedAt: row.solvedAt !== null ? new Date(row.solvedAt) : null,
    }));
}

const ratingsQuery = (db: Db) =>
  db.select().from(ratings).where(eq(ratings.customerId, customerIdParam)).orderBy(asc(ratings.ratedAt), asc(ratings.id)).prepare();

function loadRatings(tx: Db, customerId: number): HistoryRating[] {
  return preparedFor(tx, ratingsQuery)
    .all({ customerId })
    .map((row) => ({
      ratingId: row.id,
      source: row.source,
      externalId: row.externalId,
      kind: row.kind as HistoryRating['kind'],
      rating: row.rating as HistoryRating['rating'],
      score: row.score,
      comment: row.comment,
      ticketExternalId: row.ticketExternalId,
      ratedAt: new Date(row.ratedAt),
    }));
}

/** Sums live order totals per currency, in first-seen order; never across currencies. */
function spendPerCurrency(live: readonly HistoryOrder[]): Money[] {
  const sums = new Map<string, number>();
  for (const order of live) sums.set(order.total.currency, (sums.get(order.total.currency) ?? 0) + order.total.cents);
  return [...sums].map(([currency, cents]) => ({ currency, cents }));
}
