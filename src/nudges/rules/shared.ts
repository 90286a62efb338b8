import type { CustomerHistory, HistoryOrder } from './types.js';

/**
 * Small pure helpers the playbook rules share: counting orders, reading a
 * per-country or per-currency table, calendar dates in the team's time zone.
 */

export const DAY_MS = 86_400_000;

/** Orders that were not cancelled, in history order (ascending by placedAt). */
export function liveOrders(history: CustomerHistory): HistoryOrder[] {
  return history.orders.filter((order) => !order.cancelled);
}

/**
 * The live order with this id and its 1-based position among the customer's
 * live orders; null when unknown or cancelled.
 */
export function liveOrderAt(history: CustomerHistory, orderId: number): { order: HistoryOrder; ordinal: number; previous: HistoryOrder | null } | null {
  const live = liveOrders(history);
  const index = live.findIndex((order) => order.orderId === orderId);
  const order = live[index];
  if (index < 0 || !order) return null;
  return { order, ordinal: index + 1, previous: live[index - 1] ?? null };
}

/** Sum of live order totals in `currency` up to (and, when `inclusive`, including) the order at `ordinal`. */
export function spendThrough(live: readonly HistoryOrder[], ordinal: number, currency: string, inclusive: boolean): number {
  const end = inclusive ? ordinal : ordinal - 1;
  return live.slice(0, end).reduce((sum, order) => (order.total.currency === currency ? sum + order.total.cents : sum), 0);
}

/** A table keyed by country or currency, with a `default` row for anything not listed. */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string | null): T | undefined {
  if (key !== null && Object.hasOwn(table, key)) return table[key];
  return Object.hasOwn(table, 'default') ? table.default : undefined;
}

/** Whether `pattern` matches; `search` ignores `lastIndex`, so a /g pattern cannot make the answer flip. */
export function matches(pattern: RegExp, text: string | null): boolean {
  return text !== null && text.search(pattern) !== -1;
}

/** Whether a customer's text (a comment) says anything at all. */
export function hasText(text: string | null): boolean {
  return text !== null && text.trim().length > 0;
}

/** Whether a fact happened no later than now and no longer than `maxAgeMs` ago. */
export function isFresh(at: Date, now: Date, maxAgeMs: number): boolean {
  const age = now.getTime() - at.getTime();
  return age >= 0 && age <= maxAgeMs;
}

export function wholeDays(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** "1 day", "3 days". */
export function count(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in an IANA time zone.
 * @throws RangeError for an unknown time zone (configuration validates it at startup).
 */
export function calendarDate(at: Date, timeZone: string): CalendarDate {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: 'year' | 'month' | 'day') => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Whether a yearly date (month, day) falls on `today`. A Feb 29 date falls on
 * Feb 28 in years without one, so leap-day birthdays are never skipped.
 */
export function isYearlyDate(month: number, day: number, today: CalendarDate): boolean {
  if (month === 2 && day === 29 && !isLeapYear(today.year)) return today.month === 2 && today.day === 28;
  return today.month === month && today.day === day;
}

export function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
