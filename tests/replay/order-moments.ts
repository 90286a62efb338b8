import { payFor, rhythmPlans, type Rhythm } from './background.js';
import type { Kind } from './model.js';
import type { Shipping } from './payloads.js';
import { following, leadingTo, placeAll, planHolds, price, shoppingTime, split, until, windowTime } from './schedules.js';
import type { Customer, OrderPlan, StoreBuilder } from './store-builder.js';

/**
 * Moments that fire when an order arrives: first orders of new customers
 * (and their second, "came back"), milestone orders, lifetime-spend
 * thresholds, unneeded express shipping and random surprises. Each planter
 * decides the customer's whole history so the planted order lands exactly
 * where it should; `planHolds` re-draws a plan whose other window orders
 * would not be ordinary.
 */

const EXPRESS_TITLES = ['Express', 'UPS Next Day Air', 'Priority Mail Express', '2-Day Shipping'];

/** Express to the US, where standard ships as fast, costing more than standard. */
function needlessExpress(b: StoreBuilder): Shipping {
  return { title: b.rng.pick(EXPRESS_TITLES), cents: price(b, 990, 2490), country: 'US' };
}

/** Places the orders and pays the window ones, except those a planter pays itself. @returns the orders' ids. */
export function commit(b: StoreBuilder, customer: Customer, plans: readonly OrderPlan[], unpaid: ReadonlySet<number> = new Set()): string[] {
  const ids = placeAll(b, customer, plans);
  ids.forEach((orderId, i) => {
    const plan = plans[i];
    if (plan && plan.at >= b.start && !unpaid.has(i)) payFor(b, customer, orderId, plan);
  });
  return ids;
}

/** An occasional shopper's plan (window ordinals 6–9, under $500 for life) and the indexes of its window orders. */
export function occasional(b: StoreBuilder): { plans: OrderPlan[]; window: number[] } {
  const rhythm: Rhythm = { seeds: 5, maxOrdinal: 9, min: 1500, max: 4900, periodDays: b.rng.between(6, 15) };
  const plans = rhythmPlans(b, rhythm);
  const window = plans.flatMap((plan, i) => (plan.at >= b.start ? [i] : []));
  return { plans, window };
}

/**
 * New customers, `perDay` a day: every first order is a moment; about a
 * quarter come back within the window (a moment), a few a third time (not one).
 */
export function newcomers(b: StoreBuilder, perDay: readonly [number, number]): void {
  for (let day = 0; day < b.days; day++) {
    const count = b.rng.int(perDay[0], perDay[1]);
    for (let i = 0; i < count; i++) {
      const customer = b.customer('new');
      const first: OrderPlan = { at: shoppingTime(b, day), cents: price(b, 2000, 9000), expect: ['first_order'] };
      const roll = b.rng.next();
      if (roll < 0.06) Object.assign(first, { via: 'generic' });
      else if (roll < 0.1) Object.assign(first, { via: 'woocommerce', shipping: { title: 'Flat rate', cents: 490, country: 'US' } });
      else if (roll < 0.12) {
        const shipping = needlessExpress(b);
        Object.assign(first, { via: 'woocommerce', shipping, cents: Math.max(first.cents, shipping.cents + 1000), expect: ['first_order', 'unneeded_express'] });
      }
      const plans = [first];
      if (b.rng.chance(0.25)) {
        const [second] = following(b, first.at, 1, b.rng.between(1, 20));
        if (second) plans.push({ at: second, cents: price(b, 2000, 9000), expect: ['came_back'] });
        const [third] = second && b.rng.chance(0.2) ? following(b, second, 1, b.rng.between(1, 8)) : [];
        if (third) plans.push({ at: third, cents: price(b, 2000, 9000) });
      }
      commit(b, customer, plans);
    }
  }
}

/** The `k`th order lands in the window; the orders before it are mostly old history. */
function milestone(b: StoreBuilder, k: number): void {
  const plans = until(`a ${k}th order`, () => {
    const key = windowTime(b, 1, b.days - 2);
    const times = leadingTo(b, key, k - 1, b.rng.between(3, 12));
    const plans: OrderPlan[] = [...times.map((at) => ({ at, cents: price(b, 1500, 4500) })), { at: key, cents: price(b, 1500, 4500), expect: ['order_milestone'] }];
    return planHolds(b, plans) ? plans : null;
  });
  commit(b, b.customer(`milestone${k}`), plans);
}

/** History that ends just under `threshold`, then a window order that carries the spend across it. */
function lifetime(b: StoreBuilder, threshold: number, seeds: readonly [number, number]): void {
  const plans = until(`a $${threshold / 100} crossing`, () => {
    const count = b.rng.int(seeds[0], seeds[1]);
    const key = windowTime(b, 1, b.days - 2);
    const short = price(b, 300, 4000);
    const amounts = split(b, threshold - short, count, 1000);
    const times = leadingTo(b, key, count, b.rng.between(4, 12));
    const plans: OrderPlan[] = [
      ...times.map((at, i) => ({ at, cents: amounts[i] ?? 0 })),
      { at: key, cents: short + price(b, 500, 6000), expect: ['lifetime_spend'] },
    ];
    return planHolds(b, plans) ? plans : null;
  });
  commit(b, b.customer(`spend${threshold / 100}`), plans);
}

/** One old order, then the second in the window. */
function cameBackAfterLongAgo(b: StoreBuilder): void {
  const key = windowTime(b, 1, b.days - 2);
  const [first] = leadingTo(b, key, 1, b.rng.between(20, 300));
  if (!first) throw new Error('plan error: no first order');
  commit(b, b.customer('returning'), [
    { at: first, cents: price(b, 2000, 9000) },
    { at: key, cents: price(b, 2000, 9000), expect: ['came_back'] },
  ]);
}

/** An occasional shopper whose one window order gets `change`. */
function changeOneOrder(b: StoreBuilder, tag: string, change: (plan: OrderPlan) => OrderPlan): void {
  const { plans, window } = occasional(b);
  const index = b.rng.pick(window);
  const plan = plans[index];
  if (plan) plans[index] = change(plan);
  commit(b, b.customer(tag), plans);
}

export interface OrderMomentCounts {
  milestones: Readonly<Record<number, number>>;
  spend: Readonly<Record<number, number>>;
  cameBack: number;
  express: number;
  surprise: number;
}

export function plantOrderMoments(b: StoreBuilder, counts: OrderMomentCounts): void {
  for (const [k, n] of Object.entries(counts.milestones)) for (let i = 0; i < n; i++) milestone(b, Number(k));
  const seedsFor: Record<number, [number, number]> = { 50_000: [6, 8], 100_000: [11, 20], 500_000: [26, 40] };
  for (const [threshold, n] of Object.entries(counts.spend)) {
    for (let i = 0; i < n; i++) lifetime(b, Number(threshold), seedsFor[Number(threshold)] ?? [6, 8]);
  }
  for (let i = 0; i < counts.cameBack; i++) cameBackAfterLongAgo(b);
  const express: readonly Kind[] = ['unneeded_express'];
  for (let i = 0; i < counts.express; i++) {
    changeOneOrder(b, 'express', (plan) => {
      const shipping = needlessExpress(b);
      return { ...plan, via: 'woocommerce', shipping, cents: Math.max(plan.cents, shipping.cents + 1000), expect: express };
    });
  }
  for (let i = 0; i < counts.surprise; i++) changeOneOrder(b, 'surprise', (plan) => ({ ...plan, expect: ['surprise'] }));
}
