import { HOUR, MINUTE } from './model.js';
import { genericPayment, stripeCharge, type PaymentSpec } from './payloads.js';
import { commit, occasional } from './order-moments.js';
import { price, shoppingTime, until } from './schedules.js';
import type { Customer, OrderPlan, StoreBuilder } from './store-builder.js';

/**
 * Moments the frequent scan finds in payments: a declined card nobody
 * retried, a purchase charged twice, an order paid more than its total.
 * Payments come from Stripe and from the in-house POS (generic webhook), so
 * a duplicate can span two sources.
 */

const later = (at: Date, ms: number): Date => new Date(at.getTime() + Math.round(ms / 1000) * 1000);

function pay(b: StoreBuilder, customer: Customer, via: 'stripe' | 'generic', spec: Omit<PaymentSpec, 'eventId' | 'paymentId'>): void {
  const n = b.id();
  const p = customer.person;
  if (via === 'stripe') b.deliver(customer, spec.at, 'stripe', stripeCharge(p, { ...spec, eventId: `evt_replay_${n}`, paymentId: `ch_replay${n}` }));
  else b.deliver(customer, spec.at, 'generic', genericPayment(p, { ...spec, eventId: `g-${n}`, paymentId: `pay-${n}` }));
}

/**
 * The order a payment moment is about: a new customer's first order (a
 * first_order moment too) or an occasional shopper's window order, at least
 * two hours before the end so the scan after the duplicate window still runs.
 * The order is placed unpaid; the caller pays it.
 */
function orderToPay(b: StoreBuilder, tag: string, newcomer: boolean): { customer: Customer; orderId: string; plan: OrderPlan } {
  const customer = b.customer(tag);
  const { plans, index } = newcomer
    ? { plans: [{ at: shoppingTime(b, b.rng.int(0, b.days - 2)), cents: price(b, 2000, 9000), expect: ['first_order' as const] }], index: 0 }
    : until('a window order to pay', () => {
        const { plans, window } = occasional(b);
        const early = window.filter((i) => (plans[i]?.at.getTime() ?? Infinity) <= b.end.getTime() - 2 * HOUR);
        return early.length > 0 ? { plans, index: b.rng.pick(early) } : null;
      });
  const ids = commit(b, customer, plans, new Set([index]));
  const plan = plans[index];
  const orderId = ids[index];
  if (!plan || orderId === undefined) throw new Error('plan error: no order to pay');
  return { customer, orderId, plan };
}

/** Charged twice for one order within minutes: by Stripe twice, or by Stripe and the POS. */
function duplicateCharge(b: StoreBuilder, newcomer: boolean): void {
  const { customer, orderId, plan } = orderToPay(b, 'double', newcomer);
  const first = later(plan.at, b.rng.between(10_000, 60_000));
  const second = later(first, b.rng.between(2, 8) * MINUTE);
  pay(b, customer, 'stripe', { at: first, cents: plan.cents, status: 'succeeded', orderId });
  pay(b, customer, b.rng.chance(0.5) ? 'stripe' : 'generic', { at: second, cents: plan.cents, status: 'succeeded', orderId });
  b.plant(customer, 'duplicate_charge', `charged ${plan.cents} cents twice for order ${orderId}`);
}

/** Paid more than the order's total: one payment too large, or two unequal payments adding up to too much. */
function overpayment(b: StoreBuilder, newcomer: boolean): void {
  const { customer, orderId, plan } = orderToPay(b, 'overpaid', newcomer);
  const excess = price(b, 300, 2000);
  const at = later(plan.at, b.rng.between(10_000, 60_000));
  if (b.rng.chance(0.5)) {
    pay(b, customer, 'stripe', { at, cents: plan.cents + excess, status: 'succeeded', orderId });
  } else {
    let part = price(b, 1000, plan.cents - 500);
    // Two equal payments would be a duplicate charge, not an overpayment.
    if (part * 2 === plan.cents + excess) part -= 10;
    pay(b, customer, 'generic', { at, cents: part, status: 'succeeded', orderId });
    pay(b, customer, 'stripe', { at: later(at, b.rng.between(1, 30) * MINUTE), cents: plan.cents + excess - part, status: 'succeeded', orderId });
  }
  b.plant(customer, 'overpayment', `paid ${excess} cents too much for order ${orderId}`);
}

/**
 * One to three declined attempts within minutes, at a quiet time (no order
 * of the customer within six hours), then nothing: the scan after the hour
 * finds it.
 */
function paymentTrouble(b: StoreBuilder): void {
  const customer = b.customer('declined');
  commit(b, customer, occasional(b).plans);
  const at = until('a quiet time', () => {
    const t = later(b.start, b.rng.between(HOUR, b.end.getTime() - b.start.getTime() - 3 * HOUR));
    const busy = customer.orders.some((order) => Math.abs(order.at.getTime() - t.getTime()) < 6 * HOUR);
    return busy ? null : t;
  });
  const cents = price(b, 2000, 9000);
  const attempts = b.rng.int(1, 3);
  const via = b.rng.chance(0.6) ? 'stripe' : 'generic';
  let attempt = at;
  for (let i = 0; i < attempts; i++) {
    pay(b, customer, via, { at: attempt, cents, status: 'failed' });
    attempt = later(attempt, b.rng.between(1, 4) * MINUTE);
  }
  b.plant(customer, 'payment_trouble', `${attempts} declined attempt(s) at ${at.toISOString().slice(0, 16)}, never paid`);
}

export interface MoneyMomentCounts {
  paymentTrouble: number;
  duplicateCharge: number;
  overpayment: number;
}

/** About a third of the corrections fall on new customers' first orders. */
export function plantMoneyMoments(b: StoreBuilder, counts: MoneyMomentCounts): void {
  for (let i = 0; i < counts.paymentTrouble; i++) paymentTrouble(b);
  for (let i = 0; i < counts.duplicateCharge; i++) duplicateCharge(b, i % 3 === 0);
  for (let i = 0; i < counts.overpayment; i++) overpayment(b, i % 3 === 0);
}
