import { shopifyOrder } from '../helpers/shopify-orders.js';

/**
 * Webhook bodies as each sender shapes them (Shopify REST orders, WooCommerce
 * wc/v3 orders, Stripe snapshot events, docs/generic-webhook.md events), cut
 * down to what a real sender always includes. Pure: ids and times come in.
 */

/** One customer as every source knows them: same e-mail, each source's own id. */
export interface Person {
  email: string;
  firstName: string;
  lastName: string;
  shopifyId: number;
  wooId: number;
  stripeId: string;
  genericId: string;
  /** "YYYY-MM-DD" or "--MM-DD"; only generic events carry one. */
  birthday?: string;
}

export interface Shipping {
  title: string;
  cents: number;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

type Json = Record<string, unknown>;

const PRODUCTS = ['Merino scarf', 'Pour-over set', 'Trail socks', 'Linen apron', 'Ceramic mug', 'Wool beanie', 'Coffee beans 1 kg', 'Notebook'];

export const decimal = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const seconds = (at: Date): number => Math.floor(at.getTime() / 1000);
/** WooCommerce writes `*_gmt` times in UTC without an offset. */
const wooTime = (at: Date): string => at.toISOString().slice(0, 19);
const product = (n: number): string => PRODUCTS[n % PRODUCTS.length] ?? 'Gift box';

export function shopifyOrderCreated(person: Person, order: { id: number; at: Date; cents: number }): Json {
  return shopifyOrder({
    id: order.id,
    number: order.id % 1_000_000,
    email: person.email,
    customerId: person.shopifyId,
    firstName: person.firstName,
    lastName: person.lastName,
    total: decimal(order.cents),
    createdAt: order.at.toISOString(),
    items: [{ title: product(order.id), variant: null, price: decimal(order.cents) }],
  });
}

export function wooOrderCreated(person: Person, order: { id: number; at: Date; cents: number; shipping: Shipping }): Json {
  const address = { first_name: person.firstName, last_name: person.lastName, country: order.shipping.country };
  return {
    id: order.id,
    number: String(order.id),
    status: 'processing',
    currency: 'USD',
    total: decimal(order.cents),
    shipping_total: decimal(order.shipping.cents),
    date_created_gmt: wooTime(order.at),
    date_modified_gmt: wooTime(new Date(order.at.getTime() + 60_000)),
    date_paid_gmt: wooTime(new Date(order.at.getTime() + 30_000)),
    customer_id: person.wooId,
    billing: { ...address, email: person.email },
    shipping: address,
    line_items: [{ name: product(order.id), parent_name: null, quantity: 1, total: decimal(order.cents - order.shipping.cents) }],
    shipping_lines: [{ method_title: order.shipping.title, total: decimal(order.shipping.cents) }],
  };
}

export function genericCustomer(person: Person): Json {
  return {
    id: person.genericId,
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    ...(person.birthday ? { birthday: person.birthday } : {}),
  };
}

export function genericOrder(person: Person, order: { eventId: string; orderId: string; at: Date; cents: number }): Json {
  return {
    id: order.eventId,
    type: 'order',
    order_id: order.orderId,
    number: `#${order.orderId}`,
    customer: genericCustomer(person),
    currency: 'USD',
    total: decimal(order.cents),
    placed_at: order.at.toISOString(),
    updated_at: order.at.toISOString(),
    items: [{ title: product(order.cents), quantity: 1, price: decimal(order.cents) }],
    status: 'paid',
  };
}

export interface PaymentSpec {
  eventId: string;
  paymentId: string;
  at: Date;
  cents: number;
  status: 'succeeded' | 'failed';
  orderId?: string;
}

export function genericPayment(person: Person, p: PaymentSpec): Json {
  return {
    id: p.eventId,
    type: 'payment',
    payment_id: p.paymentId,
    status: p.status,
    amount: decimal(p.cents),
    currency: 'USD',
    ...(p.orderId ? { order_id: p.orderId } : {}),
    ...(p.status === 'failed' ? { failure_reason: 'card_declined' } : {}),
    occurred_at: p.at.toISOString(),
    customer: genericCustomer(person),
  };
}

function stripeEvent(id: string, type: string, at: Date, object: Json): Json {
  return { id, object: 'event', api_version: '2026-02-25.clover', created: seconds(at), livemode: false, pending_webhooks: 1, type, data: { object } };
}

/** `charge.succeeded` / `charge.failed`; the paymentId is the charge id (ch_…). */
export function stripeCharge(person: Person, p: PaymentSpec): Json {
  const failed = p.status === 'failed';
  return stripeEvent(p.eventId, `charge.${p.status}`, p.at, {
    id: p.paymentId,
    object: 'charge',
    amount: p.cents,
    amount_captured: failed ? 0 : p.cents,
    amount_refunded: 0,
    currency: 'usd',
    created: seconds(p.at),
    customer: person.stripeId,
    billing_details: { email: person.email, name: `${person.firstName} ${person.lastName}` },
    receipt_email: person.email,
    metadata: p.orderId ? { order_id: p.orderId } : {},
    paid: !failed,
    status: p.status,
    failure_code: failed ? 'card_declined' : null,
    failure_message: failed ? 'Your card was declined.' : null,
  });
}

/** A paid `checkout.session.completed`; Stripe sends the session's charge separately. */
export function stripeCheckoutPaid(person: Person, p: PaymentSpec): Json {
  return stripeEvent(p.eventId, 'checkout.session.completed', p.at, {
    id: p.paymentId,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    amount_total: p.cents,
    currency: 'usd',
    customer: person.stripeId,
    customer_details: { email: person.email, name: `${person.firstName} ${person.lastName}` },
    metadata: p.orderId ? { order_id: p.orderId } : {},
  });
}

export type TicketChange = { change: 'opened' | 'agent_replied' | 'customer_replied' } | { change: 'status_changed'; status: 'open' | 'pending' | 'solved' };

export function genericTicket(person: Person, t: { eventId: string; ticketId: string; subject: string; at: Date } & TicketChange): Json {
  const status = t.change === 'status_changed' ? t.status : t.change === 'opened' ? 'open' : undefined;
  return {
    id: t.eventId,
    type: 'ticket',
    ticket_id: t.ticketId,
    change: t.change,
    ...(status ? { status } : {}),
    subject: t.subject,
    occurred_at: t.at.toISOString(),
    updated_at: t.at.toISOString(),
    customer: genericCustomer(person),
  };
}

export function genericSatisfaction(person: Person, r: { eventId: string; ratingId: string; rating: 'good' | 'okay' | 'bad'; comment?: string; ticketId: string; at: Date }): Json {
  return {
    id: r.eventId,
    type: 'satisfaction',
    rating_id: r.ratingId,
    rating: r.rating,
    ...(r.comment ? { comment: r.comment } : {}),
    ticket_id: r.ticketId,
    rated_at: r.at.toISOString(),
    customer: genericCustomer(person),
  };
}

export function genericNps(person: Person, r: { eventId: string; responseId: string; score: number; comment?: string; at: Date }): Json {
  return {
    id: r.eventId,
    type: 'nps',
    response_id: r.responseId,
    score: r.score,
    ...(r.comment ? { comment: r.comment } : {}),
    answered_at: r.at.toISOString(),
    customer: genericCustomer(person),
  };
}

export function genericCustomerEvent(person: Person, eventId: string, at: Date): Json {
  return { id: eventId, type: 'customer', customer: genericCustomer(person), updated_at: at.toISOString() };
}
