import { MINUTE } from './model.js';
import { genericPayment, stripeCharge, stripeCheckoutPaid, type Shipping } from './payloads.js';
import { following, leadingTo, placeAll, price, shoppingTime } from './schedules.js';
import type { Customer, OrderPlan, StoreBuilder } from './store-builder.js';

/**
 * The store's everyday traffic, designed to fire nothing: returning
 * customers with a steady rhythm whose history lies more than a week before
 * the start, whose window orders stay between milestones and whose lifetime
 * spend stays under the first threshold; standard shipping (or express that
 * standard would not have matched); payments that equal their order.
 */

export interface Rhythm {
  /** Old orders sent as seed history. */
  seeds: number;
  /** The highest ordinal a window order may reach. */
  maxOrdinal: number;
  min: number;
  max: number;
  periodDays: number;
}

/**
 * Three kinds of returning customer, each kept off every milestone and under
 * $500 for life: a regular buying small things every few days (window
 * ordinals 11–24, at most $20 each), a monthly-ish shopper (ordinals 6–9)
 * and a slow one (ordinals 3–4), both at most $49 an order. The seed counts
 * are the fewest that keep the window's ordinals ordinary.
 */
export function drawRhythm(b: StoreBuilder): Rhythm {
  const periodDays = b.rng.between(2, 15);
  if (periodDays < 4.5) return { seeds: 10, maxOrdinal: 24, min: 1200, max: 2000, periodDays };
  if (periodDays < 9) return { seeds: 5, maxOrdinal: 9, min: 1500, max: 4900, periodDays };
  return { seeds: 2, maxOrdinal: 4, min: 1500, max: 4900, periodDays };
}

/** The latest first window order that keeps the silence since the last seed under the shortest lapse. */
const LATEST_FIRST_DAY = 17;

/**
 * Orders of a customer with this rhythm: seeds, then window orders. The
 * first window order comes within a period of the start, or later for a
 * customer whose window ordinals would run out early, so the month's
 * volume stays even; the seeds stay before the start either way.
 */
export function rhythmPlans(b: StoreBuilder, r: Rhythm): OrderPlan[] {
  const span = (r.maxOrdinal - r.seeds - 1) * r.periodDays;
  const latest = Math.min(LATEST_FIRST_DAY, b.days - 1, Math.max(r.periodDays, b.days - span));
  const first = shoppingTime(b, Math.floor(b.rng.between(0, latest)));
  const times = [...leadingTo(b, first, r.seeds, r.periodDays, false), first, ...following(b, first, r.maxOrdinal - r.seeds - 1, r.periodDays)];
  return times.map((at) => ({ at, cents: price(b, r.min, r.max) }));
}

/** Shipping lines that never make express "unneeded": standard, express where standard is slow, express costing no more than standard. */
const EVERYDAY_SHIPPING: readonly { weight: number; shipping: Shipping }[] = [
  { weight: 6, shipping: { title: 'Flat rate', cents: 490, country: 'US' } },
  { weight: 2, shipping: { title: 'Standard', cents: 890, country: 'CA' } },
  { weight: 2, shipping: { title: 'Express', cents: 2490, country: 'CA' } },
  { weight: 1, shipping: { title: 'Express', cents: 490, country: 'US' } },
];

/** Most orders come from Shopify; some from the in-house POS (generic) and the WooCommerce wholesale shop. */
export function everydayVia(b: StoreBuilder, plan: OrderPlan, maxCents: number): OrderPlan {
  const roll = b.rng.next();
  if (roll < 0.9) return plan;
  if (roll < 0.95) return { ...plan, via: 'generic' };
  const choice = EVERYDAY_SHIPPING[b.rng.weighted(EVERYDAY_SHIPPING.map((s) => s.weight))];
  // The order total includes shipping; keep it inside the rhythm's spend.
  if (!choice || choice.shipping.cents + 1000 > maxCents) return plan;
  return { ...plan, via: 'woocommerce', shipping: choice.shipping, cents: Math.max(plan.cents, choice.shipping.cents + 1000) };
}

/**
 * Payments for an order that pay exactly its total: a Stripe charge, a
 * Checkout Session with its charge (one purchase, reported twice), a
 * declined card retried within minutes, or the POS's own payment record.
 */
export function payFor(b: StoreBuilder, customer: Customer, orderId: string, plan: OrderPlan): void {
  const p = customer.person;
  const at = (ms: number) => new Date(plan.at.getTime() + Math.round(ms / 1000) * 1000);
  const spec = (ms: number, status: 'succeeded' | 'failed' = 'succeeded') => {
    const n = b.id();
    return { eventId: `evt_replay_${n}`, paymentId: `ch_replay${n}`, at: at(ms), cents: plan.cents, status, orderId };
  };
  if (plan.via === 'generic') {
    if (!b.rng.chance(0.5)) return;
    const n = b.id();
    b.deliver(customer, at(20_000), 'generic', genericPayment(p, { eventId: `g-${n}`, paymentId: `pay-${n}`, at: at(20_000), cents: plan.cents, status: 'succeeded', orderId }));
    return;
  }
  if (plan.via === 'woocommerce' || !b.rng.chance(0.12)) return;
  const roll = b.rng.next();
  if (roll < 0.12) {
    const session = { ...spec(20_000), paymentId: `cs_replay${b.id()}` };
    b.deliver(customer, session.at, 'stripe', stripeCheckoutPaid(p, session));
  } else if (roll < 0.2 && plan.at.getTime() - 10 * MINUTE >= b.start.getTime()) {
    const declined = spec(-b.rng.between(2, 8) * MINUTE, 'failed');
    b.deliver(customer, declined.at, 'stripe', stripeCharge(p, declined));
  }
  const charge = spec(b.rng.between(5_000, 90_000));
  b.deliver(customer, charge.at, 'stripe', stripeCharge(p, charge));
}

/** A birthday the window's daily scans never see, so a background customer stays silent. */
function everydayBirthday(b: StoreBuilder): string | undefined {
  if (!b.rng.chance(0.4)) return undefined;
  const special = b.rng.pick(['03-01', '02-29', '04-01', '03-01']);
  const ordinary = `${String(b.rng.pick([1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12])).padStart(2, '0')}-${String(b.rng.int(1, 28)).padStart(2, '0')}`;
  const date = b.rng.chance(0.1) ? special : ordinary;
  return b.rng.chance(0.5) ? `--${date}` : `${b.rng.int(1950, 2004)}-${date}`;
}

/**
 * Adds background customers until the window holds `ordersPerDay` orders a
 * day on average (the planters' orders included).
 * @returns the background customers, for support traffic.
 */
export function background(b: StoreBuilder, ordersPerDay: number): Customer[] {
  const added: Customer[] = [];
  let windowOrders = b.orders.filter((order) => !order.seed).length;
  while (windowOrders < ordersPerDay * b.days) {
    const r = drawRhythm(b);
    const birthday = everydayBirthday(b);
    const customer = b.customer(r.seeds === 10 ? 'regular' : 'shopper', { background: true, ...(birthday ? { birthday } : {}) });
    const plans = rhythmPlans(b, r).map((plan) => (plan.at >= b.start ? everydayVia(b, plan, r.max) : plan));
    placeAll(b, customer, plans).forEach((orderId, i) => {
      const plan = plans[i];
      if (plan && plan.at >= b.start) payFor(b, customer, orderId, plan);
    });
    windowOrders += plans.filter((plan) => plan.at >= b.start).length;
    added.push(customer);
  }
  return added;
}
