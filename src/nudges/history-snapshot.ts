import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import type { Db } from '../db/client.js';
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
  const customer = tx.select({ birthday: customers.birthday }).from(customers).where(eq(customers.id, customerId)).get();
  const lastGesture = tx
    .select({ at: max(gestures.createdAt) })
    .from(gestures)
    .where(and(eq(gestures.customerId, customerId), inArray(gestures.state, GIVEN_GESTURE_STATES)))
    .get()?.at;
  const lastSurprise = tx
    .select({ orderId: moments.orderId })
    .from(moments)
    .where(and(eq(moments.customerId, customerId), eq(moments.kind, 'surprise')))
    .orderBy(desc(moments.foundAt), desc(moments.id))
    .get();
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

function loadOrders(tx: Db, customerId: number): HistoryOrder[] {
  const rows = tx.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(asc(orders.placedAt), asc(orders.id)).all();
  const ids = rows.map((row) => row.id);
  const items = new Map<number, HistoryLineItem[]>();
  if (ids.length > 0) {
    for (const item of tx.select().from(lineItems).where(inArray(lineItems.orderId, ids)).orderBy(asc(lineItems.id)).all()) {
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

function loadPayments(tx: Db, customerId: number): HistoryPayment[] {
  return tx
    .select()
    .from(payments)
    .where(eq(payments.customerId, customerId))
    .orderBy(asc(payments.occurredAt), asc(payments.id))
    .all()
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

function loadTickets(tx: Db, customerId: number): HistoryTicket[] {
  return tx
    .select()
    .from(tickets)
    .where(eq(tickets.customerId, customerId))
    .orderBy(asc(tickets.openedAt), asc(tickets.id))
    .all()
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

function loadRatings(tx: Db, customerId: number): HistoryRating[] {
  return tx
    .select()
    .from(ratings)
    .where(eq(ratings.customerId, customerId))
    .orderBy(asc(ratings.ratedAt), asc(ratings.id))
    .all()
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
