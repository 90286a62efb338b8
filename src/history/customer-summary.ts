import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedFor } from '../db/prepared.js';
import { customers, gestures, lineItems, orders } from '../db/schema.js';
import { displayName } from './names.js';
import { supportSummary, type SupportSummary } from './support-summary.js';

export interface MoneyAmount {
  cents: number;
  currency: string;
}

export interface OrderSummary {
  orderId: number;
  number: string | null;
  total: MoneyAmount;
  placedAt: Date;
  items: { title: string; variantTitle: string | null; quantity: number }[];
}

export interface GestureSummary {
  kind: string;
  amount: MoneyAmount;
  /** requested | approved | fulfilled | cancelled | failed | declined */
  state: string;
  /** Null while a request waits for a manager. */
  approvedBy: string | null;
  requestedBy: string;
  /** When it was approved (or asked for, while it waits). */
  at: Date;
  fulfilledBy: string | null;
  fulfilledAt: Date | null;
  /** What the customer was told: customer text, escape before showing. */
  customerMessage: string | null;
}

export interface CustomerSummary {
  customerId: number;
  name: string | null;
  email: string | null;
  ordersCount: number;
  /** One entry per currency: no exchange rates are invented. */
  lifetimeSpend: MoneyAmount[];
  firstOrderAt: Date | null;
  /** Newest first, at most five. */
  recentOrders: OrderSummary[];
  /** Newest first, at most five. */
  recentGestures: GestureSummary[];
  /** Payments, tickets and ratings from every source. */
  support: SupportSummary;
}

const customerIdParam = sql.placeholder('customerId');
const liveOrdersOf = and(eq(orders.customerId, customerIdParam), isNull(orders.cancelledAt));

const customerQuery = (db: Db) =>
  db.select().from(customers).where(eq(customers.id, customerIdParam)).prepare();

const spendQuery = (db: Db) =>
  db
    .select({ currency: orders.currency, cents: sql<number>`sum(${orders.totalCents})`, n: sql<number>`count(*)` })
    .from(orders)
    .where(liveOrdersOf)
    .groupBy(orders.currency)
    .orderBy(asc(orders.currency))
    .prepare();

const firstOrderQuery = (db: Db) =>
  db
    .select({ at: sql<number | null>`min(${orders.placedAt})` })
    .from(orders)
    .where(liveOrdersOf)
    .prepare();

/**
 * Everything a card needs to know about a customer, read from history.
 * @returns null when the customer does not exist (e.g. erased).
 */
export function customerSummary(db: Db, customerId: number): CustomerSummary | null {
  const byCustomer = { customerId };
  const customer = preparedFor(db, customerQuery).get(byCustomer);
  if (!customer) return null;
  const spend = preparedFor(db, spendQuery).all(byCustomer);
  const first = preparedFor(db, firstOrderQuery).get(byCustomer);
  return {
    customerId,
    name: displayName(customer.firstName, customer.lastName),
    email: customer.email,
    ordersCount: spend.reduce((total, row) => total + row.n, 0),
    lifetimeSpend: spend.map((row) => ({ cents: row.cents, currency: row.currency })),
    firstOrderAt: first?.at ? new Date(first.at) : null,
    recentOrders: recentOrders(db, customerId, 5),
    recentGestures: recentGestures(db, customerId, 5),
    support: supportSummary(db, customerId),
  };
}

const recentOrdersQuery = (db: Db) =>
  db
    .select()
    .from(orders)
    .where(liveOrdersOf)
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .limit(sql.placeholder('limit'))
    .prepare();

/** The customer's newest orders with their items, newest first. */
export function recentOrders(db: Db, customerId: number, limit: number): OrderSummary[] {
  return withItems(db, preparedFor(db, recentOrdersQuery).all({ customerId, limit }));
}

const orderQuery = (db: Db) =>
  db
    .select()
    .from(orders)
    .where(eq(orders.id, sql.placeholder('orderId')))
    .prepare();

/** One order with its items, or null. */
export function orderSummary(db: Db, orderId: number): OrderSummary | null {
  return withItems(db, preparedFor(db, orderQuery).all({ orderId }))[0] ?? null;
}

const itemsQuery = (db: Db) =>
  db
    .select()
    .from(lineItems)
    .where(eq(lineItems.orderId, sql.placeholder('orderId')))
    .orderBy(asc(lineItems.id))
    .prepare();

function withItems(db: Db, rows: (typeof orders.$inferSelect)[]): OrderSummary[] {
  const items = preparedFor(db, itemsQuery);
  return rows.map((row) => ({
    orderId: row.id,
    number: row.number,
    total: { cents: row.totalCents, currency: row.currency },
    placedAt: new Date(row.placedAt),
    items: items.all({ orderId: row.id }).map((item) => ({ title: item.title, variantTitle: item.variantTitle, quantity: item.quantity })),
  }));
}

const recentGesturesQuery = (db: Db) =>
  db
    .select()
    .from(gestures)
    .where(eq(gestures.customerId, customerIdParam))
    .orderBy(desc(gestures.createdAt))
    .limit(sql.placeholder('limit'))
    .prepare();

function recentGestures(db: Db, customerId: number, limit: number): GestureSummary[] {
  return preparedFor(db, recentGesturesQuery)
    .all({ customerId, limit })
    .map((row) => ({
      kind: row.kind,
      amount: { cents: row.amountCents, currency: row.currency },
      state: row.state,
      approvedBy: row.approvedBy,
      requestedBy: row.requestedBy,
      at: new Date(row.approvedAt ?? row.createdAt),
      fulfilledBy: row.fulfilledBy,
      fulfilledAt: row.fulfilledAt !== null ? new Date(row.fulfilledAt) : null,
      customerMessage: row.customerMessage,
    }));
}
