import { DAY, LAPSE_MIN_SILENCE, MILESTONES, type Kind } from './model.js';
import type { Customer, StoreBuilder } from './store-builder.js';

/**
 * The generator's checks on its own plan. They read only what the plan put
 * in (ordinals, sums, dates) against the playbook's documented thresholds, so
 * a planting mistake (a background customer drifting onto a 10th order, a
 * regular who would lapse mid-window) stops the generator with a clear
 * message instead of failing the replay's precision check.
 */

/** Gaps of a customer with 3+ orders stay this far under the shortest lapse. */
const LAPSE_MARGIN = 2 * DAY;

/**
 * @throws Error when an order's planted moments differ from what its ordinal,
 * spend and shipping fire, or a planted surprise is not an ordinary order.
 */
export function checkPlan(customer: Customer, ordinal: number, spendBefore: number, cents: number, fired: readonly Kind[], expected: readonly Kind[]): void {
  const plain = expected.filter((kind) => kind !== 'surprise');
  const same = plain.length === fired.length && plain.every((kind) => fired.includes(kind));
  const where = `${customer.person.email}'s order #${ordinal} (spend ${spendBefore} + ${cents} cents)`;
  if (!same) throw new Error(`plan error: ${where} fires [${fired.join(', ')}] but plans [${plain.join(', ')}]`);
  if (expected.includes('surprise') && (ordinal < 3 || MILESTONES.includes(ordinal) || fired.length > 0)) {
    throw new Error(`plan error: ${where} is not an ordinary order of a good customer and cannot be a surprise`);
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "YYYY-MM-DD" of an instant in the team's time zone. */
export function localDate(at: Date, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    // Building a formatter costs far more than using one: one per zone.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, format);
  }
  return format.format(at);
}

type Window = Pick<StoreBuilder, 'start' | 'days' | 'timeZone'>;
const scanDayCache = new WeakMap<Window, Set<string>>();

/** "MM-DD" of every local day whose daily scan runs inside the window (the scan is at 09:00). */
export function scanDays(window: Window): Set<string> {
  const cached = scanDayCache.get(window);
  if (cached) return cached;
  const days = new Set<string>();
  for (let i = 0; i < window.days; i++) days.add(localDate(new Date(window.start.getTime() + i * DAY + 12 * 3_600_000), window.timeZone).slice(5));
  scanDayCache.set(window, days);
  return days;
}

/** Whether a first order placed at `at` would have its anniversary on a scan day of the window. */
export function hasAnniversaryInWindow(at: Date, builder: Window, days = scanDays(builder)): boolean {
  const date = localDate(at, builder.timeZone);
  return date.slice(0, 4) < localDate(builder.start, builder.timeZone).slice(0, 4) && days.has(date.slice(5));
}

/**
 * Checks the whole plan once everything is placed.
 * @throws Error naming the first customer who would fire an unplanned
 * lapse, first-order anniversary or birthday.
 */
export function checkStore(builder: StoreBuilder): void {
  const days = scanDays(builder);
  for (const customer of builder.customers) {
    const { email, birthday } = customer.person;
    const orders = customer.orders;
    const first = orders[0];
    if (!customer.planted.has('lapsed') && orders.length >= 3) {
      // From the third order on, every silence must end before the shortest lapse, and the last order must be recent enough.
      for (let i = 2; i + 1 < orders.length; i++) {
        const gap = (orders[i + 1]?.at.getTime() ?? 0) - (orders[i]?.at.getTime() ?? 0);
        if (gap >= LAPSE_MIN_SILENCE - LAPSE_MARGIN) throw new Error(`plan error: ${email} would lapse after order #${i + 1}`);
      }
      const last = orders.at(-1);
      if (last && last.at.getTime() < builder.start.getTime()) throw new Error(`plan error: ${email} has 3+ orders and none in the window: could lapse`);
    }
    if (first && !customer.planted.has('first_order_anniversary') && hasAnniversaryInWindow(first.at, builder, days)) {
      throw new Error(`plan error: ${email}'s first-order anniversary falls in the window`);
    }
    if (birthday && orders.length > 0 && !customer.planted.has('birthday') && days.has(birthday.slice(-5))) {
      throw new Error(`plan error: ${email}'s birthday falls in the window`);
    }
  }
}
