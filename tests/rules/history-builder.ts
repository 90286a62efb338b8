import { DEFAULT_RULE_SETTINGS } from '../../src/nudges/rules/types.js';
import type {
  CustomerHistory,
  HistoryCheckout,
  HistoryLineItem,
  HistoryOrder,
  HistoryPayment,
  HistoryRating,
  HistoryTicket,
  Money,
  RuleSettings,
} from '../../src/nudges/rules/types.js';

/**
 * Builds realistic `CustomerHistory` snapshots for the rule tests:
 *
 *   const h = history().order('2026-01-05T10:00:00Z', { cents: 4_900 }).order(NOW);
 *   rule({ orderId: h.lastOrderId, history: h.build(), now: NOW, settings: settings() });
 *
 * Ids are predictable: orders 101, 102…, payments 201…, tickets 301…, ratings 401….
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A Tuesday afternoon in New York (EDT), 15:00 UTC. */
export const NOW = new Date('2026-03-10T15:00:00Z');

export function at(when: Date | string): Date {
  return typeof when === 'string' ? new Date(when) : when;
}

/** `ms` later than `when` (negative for earlier). */
export function plus(when: Date | string, ms: number): Date {
  return new Date(at(when).getTime() + ms);
}

export function settings(overrides: Partial<RuleSettings> = {}): RuleSettings {
  return { ...DEFAULT_RULE_SETTINGS, ...overrides };
}

export interface OrderOptions {
  cents: number;
  currency: string;
  externalId: string;
  cancelled: boolean;
  refundedCents: number;
  shippingTitle: string | null;
  shippingCents: number;
  country: string | null;
  promisedBy: Date | null;
  items: HistoryLineItem[];
}

export interface PaymentOptions {
  cents: number;
  currency: string;
  source: string;
  externalId: string;
  orderExternalId: string | null;
  failureReason: string | null;
}

export interface TicketOptions {
  status: HistoryTicket['status'];
  subject: string | null;
  reopenCount: number;
  solvedAt: Date | null;
  source: string;
}

export interface RatingOptions {
  comment: string | null;
  ticketExternalId: string | null;
  source: string;
}

export class HistoryBuilder {
  private readonly orders: HistoryOrder[] = [];
  private readonly payments: HistoryPayment[] = [];
  private readonly checkouts: HistoryCheckout[] = [];
  private readonly tickets: HistoryTicket[] = [];
  private readonly ratings: HistoryRating[] = [];
  private birthdayText: string | null = null;
  private lastGestureAt: Date | null = null;
  private lastSurpriseOrderId: number | null = null;

  constructor(readonly customerId: number) {}

  order(placedAt: Date | string, options: Partial<OrderOptions> = {}): this {
    const orderId = 101 + this.orders.length;
    const currency = options.currency ?? 'USD';
    this.orders.push({
      orderId,
      source: 'shopify',
      externalId: options.externalId ?? `shop-${orderId}`,
      number: `#${1000 + orderId}`,
      placedAt: at(placedAt),
      total: { cents: options.cents ?? 4_900, currency },
      refundedCents: options.refundedCents ?? 0,
      shipping: {
        title: options.shippingTitle === undefined ? 'Standard' : options.shippingTitle,
        cents: options.shippingCents ?? 500,
        country: options.country === undefined ? 'US' : options.country,
        promisedBy: options.promisedBy ?? null,
      },
      cancelled: options.cancelled ?? false,
      items: options.items ?? [{ title: 'Merino scarf', variantTitle: 'Blue', quantity: 1, priceCents: 4_400 }],
    });
    return this;
  }

  /** Adds `count` orders, `gapMs` apart, the last one at `last`. */
  ordersEvery(count: number, gapMs: number, last: Date | string, options: Partial<OrderOptions> = {}): this {
    for (let i = count - 1; i >= 0; i--) this.order(plus(last, -i * gapMs), options);
    return this;
  }

  payment(status: HistoryPayment['status'], occurredAt: Date | string, options: Partial<PaymentOptions> = {}): this {
    const paymentId = 201 + this.payments.length;
    this.payments.push({
      paymentId,
      source: options.source ?? 'generic',
      externalId: options.externalId ?? `pay-${paymentId}`,
      status,
      amount: { cents: options.cents ?? 4_900, currency: options.currency ?? 'USD' },
      orderExternalId: options.orderExternalId ?? null,
      failureReason: options.failureReason ?? (status === 'failed' ? 'Your card was declined.' : null),
      occurredAt: at(occurredAt),
    });
    return this;
  }

  abandonedCheckout(abandonedAt: Date | string, amount: Money = { cents: 4_900, currency: 'USD' }): this {
    this.checkouts.push({ source: 'shopify', externalId: `checkout-${this.checkouts.length + 1}`, amount, abandonedAt: at(abandonedAt) });
    return this;
  }

  ticket(openedAt: Date | string, options: Partial<TicketOptions> = {}): this {
    const ticketId = 301 + this.tickets.length;
    this.tickets.push({
      ticketId,
      source: options.source ?? 'zendesk',
      externalId: `zd-${ticketId}`,
      status: options.status ?? 'open',
      subject: options.subject === undefined ? 'Question about my order' : options.subject,
      openedAt: at(openedAt),
      reopenCount: options.reopenCount ?? 0,
      solvedAt: options.solvedAt ?? null,
    });
    return this;
  }

  satisfaction(rating: 'good' | 'okay' | 'bad', ratedAt: Date | string, options: Partial<RatingOptions> = {}): this {
    return this.rating({ kind: 'satisfaction', rating, score: null }, ratedAt, options);
  }

  nps(score: number, ratedAt: Date | string, options: Partial<RatingOptions> = {}): this {
    return this.rating({ kind: 'nps', rating: null, score }, ratedAt, options);
  }

  birthday(text: string | null): this {
    this.birthdayText = text;
    return this;
  }

  lastGesture(when: Date | string | null): this {
    this.lastGestureAt = when === null ? null : at(when);
    return this;
  }

  /** Marks the order at 1-based `position` (in the order added) as the last one that got a surprise. */
  surprisedOrder(position: number): this {
    this.lastSurpriseOrderId = this.orderId(position);
    return this;
  }

  /** The id of the order added at 1-based `position`. */
  orderId(position: number): number {
    return 100 + position;
  }

  get lastOrderId(): number {
    return 100 + this.orders.length;
  }

  get lastTicketId(): number {
    return 300 + this.tickets.length;
  }

  get lastRatingId(): number {
    return 400 + this.ratings.length;
  }

  build(): CustomerHistory {
    const byTime = <T>(time: (item: T) => Date) => (a: T, b: T) => time(a).getTime() - time(b).getTime();
    const orders = [...this.orders].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime() || a.orderId - b.orderId);
    const live = orders.filter((order) => !order.cancelled);
    const spend = new Map<string, number>();
    for (const order of live) spend.set(order.total.currency, (spend.get(order.total.currency) ?? 0) + order.total.cents);
    return {
      customerId: this.customerId,
      orders,
      payments: [...this.payments].sort(byTime((p) => p.occurredAt)),
      abandonedCheckouts: [...this.checkouts].sort(byTime((c) => c.abandonedAt)),
      tickets: [...this.tickets],
      ratings: [...this.ratings].sort(byTime((r) => r.ratedAt)),
      birthday: this.birthdayText,
      firstOrderAt: live[0]?.placedAt ?? null,
      lastGestureAt: this.lastGestureAt,
      lifetimeSpend: [...spend].map(([currency, cents]) => ({ cents, currency })),
      lastSurpriseOrderId: this.lastSurpriseOrderId,
    };
  }

  private rating(value: Pick<HistoryRating, 'kind' | 'rating' | 'score'>, ratedAt: Date | string, options: Partial<RatingOptions>): this {
    const ratingId = 401 + this.ratings.length;
    this.ratings.push({
      ratingId,
      source: options.source ?? 'zendesk',
      externalId: `rating-${ratingId}`,
      ...value,
      comment: options.comment ?? null,
      ticketExternalId: options.ticketExternalId ?? null,
      ratedAt: at(ratedAt),
    });
    return this;
  }
}

export function history(customerId = 7): HistoryBuilder {
  return new HistoryBuilder(customerId);
}
