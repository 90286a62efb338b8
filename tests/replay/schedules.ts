import { DAY, HOUR, SEED_AGE, type Kind } from './model.js';
import type { Shipping } from './payloads.js';
import { hasAnniversaryInWindow } from './plan-checks.js';
import { orderTimeKinds, type Customer, type OrderPlan, type StoreBuilder } from './store-builder.js';

/**
 * When customers order and what they pay: rhythms around a planted order,
 * shopping hours, amounts. Times are whole seconds (Stripe counts seconds).
 */

/** Relative order volume per UTC hour: a European shop, busiest in the evening. */
const HOURLY = [0.5, 0.3, 0.2, 0.2, 0.3, 0.8, 1.5, 2.5, 3, 3.2, 3.4, 3.6, 3.4, 3.2, 3.2, 3.4, 3.8, 4.4, 5, 5.2, 4.6, 3.2, 1.8, 1];

const wholeSecond = (ms: number): Date => new Date(Math.round(ms / 1000) * 1000);

/** A time on window day `day` (0 = the start's day), at a shopping hour. */
export function shoppingTime(b: StoreBuilder, day: number): Date {
  const hour = b.rng.weighted(HOURLY);
  return wholeSecond(b.start.getTime() + day * DAY + hour * HOUR + b.rng.between(0, HOUR));
}

/** A shopping time on a window day from `fromDay` to `toDay`, both included. */
export function windowTime(b: StoreBuilder, fromDay: number, toDay: number): Date {
  return shoppingTime(b, b.rng.int(fromDay, toDay));
}

/** Cents from min to max in steps of 10 cents, the way prices look. */
export function price(b: StoreBuilder, min: number, max: number): number {
  return b.rng.int(Math.ceil(min / 10), Math.floor(max / 10)) * 10;
}

/**
 * Times of `count` orders leading up to `key`, about every `periodDays`
 * (±15 %), ascending. One that would land in the week before the start —
 * too recent to seed silently, too early to deliver — moves back past it
 * (so does one in the window when `windowOrders` is false); a first order
 * whose anniversary would fall in the window moves back 40 days (the gap
 * after a first order never counts towards a lapse).
 */
export function leadingTo(b: StoreBuilder, key: Date, count: number, periodDays: number, windowOrders = true): Date[] {
  const times: Date[] = [];
  const cutoff = b.start.getTime() - SEED_AGE;
  const latest = windowOrders ? b.start.getTime() : Infinity;
  let t = key.getTime();
  for (let i = 0; i < count; i++) {
    t -= periodDays * DAY * b.rng.between(0.85, 1.15);
    if (t > cutoff && t < latest) t = cutoff - b.rng.between(HOUR, DAY);
    times.unshift(wholeSecond(t));
  }
  const first = times[0];
  if (first && hasAnniversaryInWindow(first, b)) times[0] = new Date(first.getTime() - 40 * DAY);
  return times;
}

/** Times after `from`, about every `periodDays`, while before `until` and fewer than `count`. */
export function following(b: StoreBuilder, from: Date, count: number, periodDays: number, until = b.end): Date[] {
  const times: Date[] = [];
  let t = from.getTime();
  while (times.length < count) {
    t += periodDays * DAY * b.rng.between(0.85, 1.15);
    if (t >= until.getTime() - HOUR) break;
    times.push(wholeSecond(t));
  }
  return times;
}

/** `total` cents split into `n` parts of at least `min`, each a little different. */
export function split(b: StoreBuilder, total: number, n: number, min: number): number[] {
  const weights = Array.from({ length: n }, () => b.rng.between(0.7, 1.3));
  const sum = weights.reduce((a, w) => a + w, 0);
  const parts = weights.map((w) => Math.max(min, Math.floor((total * w) / sum)));
  const last = parts.length - 1;
  parts[last] = (parts[last] ?? 0) + total - parts.reduce((a, p) => a + p, 0);
  if ((parts[last] ?? 0) < min) throw new Error(`cannot split ${total} cents into ${n} parts of at least ${min}`);
  return parts;
}

/**
 * What each order of a plan fires, replaying only its ordinals and sums:
 * null for orders before the start (seed history is too old to fire).
 */
export function firedBy(b: StoreBuilder, plans: readonly { at: Date; cents: number; shipping?: Shipping }[], spend = 0, ordinal = 0): (Kind[] | null)[] {
  return plans.map((plan) => {
    const fired = plan.at.getTime() < b.start.getTime() ? null : orderTimeKinds(ordinal + 1, spend, plan.cents, plan.shipping);
    ordinal += 1;
    spend += plan.cents;
    return fired;
  });
}

/** Whether every window order of a plan fires exactly what it plans (nothing, for an ordinary order). */
export function planHolds(b: StoreBuilder, plans: readonly OrderPlan[]): boolean {
  return firedBy(b, plans).every((fired, i) => {
    const expected: readonly Kind[] = (plans[i]?.expect ?? []).filter((kind) => kind !== 'surprise');
    return fired === null || (fired.length === expected.length && fired.every((kind) => expected.includes(kind)));
  });
}

/** Commits a customer's planned orders. @returns each order's id at its source, in plan order. */
export function placeAll(b: StoreBuilder, customer: Customer, plans: readonly OrderPlan[]): string[] {
  return plans.map((plan) => b.order(customer, plan));
}

/**
 * Retries `attempt` (which draws a fresh plan each call) until it returns
 * one; deterministic, since the draws come from the store's seeded source.
 * @throws Error after 200 failed attempts: the plan's constraints cannot be met.
 */
export function until<T>(what: string, attempt: () => T | null): T {
  for (let i = 0; i < 200; i++) {
    const found = attempt();
    if (found !== null) return found;
  }
  throw new Error(`plan error: could not plan ${what}`);
}
