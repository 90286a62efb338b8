import { DAY, HOUR, LAPSE_MIN_SILENCE, SEED_AGE } from './model.js';
import { genericCustomerEvent } from './payloads.js';
import { hasAnniversaryInWindow, localDate } from './plan-checks.js';
import { commit } from './order-moments.js';
import { price, shoppingTime, until } from './schedules.js';
import type { OrderPlan, StoreBuilder } from './store-builder.js';

/**
 * Moments the daily scan finds: birthdays, first-order anniversaries and
 * loyal customers gone quiet. Each customer here has one or two old orders
 * (too few to lapse) unless they are planted to lapse.
 */

const wholeSecond = (ms: number): Date => new Date(Math.round(ms / 1000) * 1000);

/** "MM-DD" of window day `day` in the team's time zone. */
function monthDay(b: StoreBuilder, day: number): string {
  return localDate(new Date(b.start.getTime() + day * DAY + 12 * HOUR), b.timeZone).slice(5);
}

/** One or two old orders, the first of them with no anniversary in the window. */
function oldOrders(b: StoreBuilder): OrderPlan[] {
  const cutoff = b.start.getTime() - SEED_AGE;
  const first = until('an old first order', () => {
    const at = wholeSecond(cutoff - b.rng.between(1, 400) * DAY);
    return hasAnniversaryInWindow(at, b) ? null : at;
  });
  const plans: OrderPlan[] = [{ at: first, cents: price(b, 2000, 9000) }];
  const second = first.getTime() + b.rng.between(5, 60) * DAY;
  if (b.rng.chance(0.5) && second < cutoff) plans.push({ at: wholeSecond(second), cents: price(b, 2000, 9000) });
  return plans;
}

/** A customer who has ordered, with a birthday on a window day: "--MM-DD" or with the year. */
function birthday(b: StoreBuilder): void {
  const date = monthDay(b, b.rng.int(0, b.days - 1));
  const birthday = b.rng.chance(0.5) ? `--${date}` : `${b.rng.int(1950, 2004)}-${date}`;
  const customer = b.customer('birthday', { birthday });
  commit(b, customer, oldOrders(b));
  b.plant(customer, 'birthday', `birthday ${birthday}`);
}

/** A new customer who tells the shop their birthday with their first order, days before it comes. */
function newcomerBirthday(b: StoreBuilder): void {
  const firstDay = b.rng.int(0, b.days - 4);
  const date = monthDay(b, b.rng.int(firstDay + 2, b.days - 1));
  const customer = b.customer('new-birthday', { birthday: `--${date}` });
  commit(b, customer, [{ at: shoppingTime(b, firstDay), cents: price(b, 2000, 9000), via: 'generic', expect: ['first_order'] }]);
  b.plant(customer, 'birthday', `birthday --${date}, told with the first order`);
}

/** A window birthday but no order ever: the scan must leave them alone. */
function prospectWithBirthday(b: StoreBuilder): void {
  const customer = b.customer('prospect', { birthday: `--${monthDay(b, b.rng.int(0, b.days - 1))}` });
  b.seed.push(genericCustomerEvent(customer.person, `seed-${b.id()}`, new Date(b.start.getTime() - SEED_AGE - 30 * DAY)));
}

/** A first order `years` ago, at noon UTC, on a window day (the same local date in any European or American zone). */
function anniversary(b: StoreBuilder): void {
  const day = new Date(b.start.getTime() + b.rng.int(0, b.days - 1) * DAY);
  const years = b.rng.pick([1, 2, 3, 4, 6]);
  const first = new Date(Date.UTC(day.getUTCFullYear() - years, day.getUTCMonth(), day.getUTCDate(), 12));
  const plans: OrderPlan[] = [{ at: first, cents: price(b, 2000, 9000) }];
  const second = first.getTime() + b.rng.between(15, 200) * DAY;
  if (b.rng.chance(0.5) && second < b.start.getTime() - SEED_AGE) plans.push({ at: wholeSecond(second), cents: price(b, 2000, 9000) });
  const customer = b.customer('anniversary');
  commit(b, customer, plans);
  b.plant(customer, 'first_order_anniversary', `first order ${first.toISOString().slice(0, 10)}`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Four to six orders every 8–22 days, then silence: the lapse point (last
 * order + the larger of twice the median gap and 30 days) falls between half
 * a day and 22 days into the window, so the last order is old history.
 */
function lapsed(b: StoreBuilder): void {
  const { times, lapsesAt } = until('a lapse in the window', () => {
    const rhythm = b.rng.between(8, 22) * DAY;
    const gaps = Array.from({ length: b.rng.int(3, 5) }, () => Math.round((rhythm * b.rng.between(0.9, 1.1)) / 1000) * 1000);
    const lapsesAt = b.start.getTime() + b.rng.between(0.5, 22) * DAY;
    const times = [lapsesAt - Math.max(2 * median(gaps), LAPSE_MIN_SILENCE)];
    for (const gap of gaps) times.unshift((times[0] ?? 0) - gap);
    const first = new Date(times[0] ?? 0);
    const last = times.at(-1) ?? 0;
    return last > b.start.getTime() - SEED_AGE || hasAnniversaryInWindow(first, b) ? null : { times, lapsesAt };
  });
  const customer = b.customer('lapsed');
  commit(b, customer, times.map((at) => ({ at: wholeSecond(at), cents: price(b, 2000, 9000) })));
  b.plant(customer, 'lapsed', `${times.length} orders, lapse point ${new Date(lapsesAt).toISOString().slice(0, 16)}`);
}

export interface CalendarMomentCounts {
  birthday: number;
  newcomerBirthday: number;
  prospects: number;
  anniversary: number;
  lapsed: number;
}

export function plantCalendarMoments(b: StoreBuilder, counts: CalendarMomentCounts): void {
  for (let i = 0; i < counts.birthday; i++) birthday(b);
  for (let i = 0; i < counts.newcomerBirthday; i++) newcomerBirthday(b);
  for (let i = 0; i < counts.prospects; i++) prospectWithBirthday(b);
  for (let i = 0; i < counts.anniversary; i++) anniversary(b);
  for (let i = 0; i < counts.lapsed; i++) lapsed(b);
}
