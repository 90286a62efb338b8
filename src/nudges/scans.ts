import { and, asc, eq, gt, inArray, isNotNull, isNull, like, lte, or, sql } from 'drizzle-orm';
import { readState, writeState } from '../db/app-state.js';
import { immediate, type Db } from '../db/client.js';
import { preparedFor } from '../db/prepared.js';
import { claimRun, finishRun } from '../db/job-runs.js';
import { customers, orders, payments, tickets, timelineEvents } from '../db/schema.js';
import { loadCustomerHistory } from './history-snapshot.js';
import { localTime } from './local-time.js';
import type { MomentSuggestion } from './moment.js';
import { placeAll, type PlacementSettings } from './placement.js';
import { anniversary } from './rules/anniversary.js';
import { birthday } from './rules/birthday.js';
import { duplicateCharge } from './rules/duplicate-charge.js';
import { lapsed, lapsePoint } from './rules/lapsed.js';
import { overpayment } from './rules/overpayment.js';
import { paymentTrouble } from './rules/payment-trouble.js';
import { recovery } from './rules/recovery.js';
import { calendarDate, isLeapYear, isYearlyDate, pad2 } from './rules/shared.js';
import type { CustomerHistory } from './rules/types.js';

/**
 * The moments no event marks: a payment that nothing followed within the
 * hour, a duplicate charge once its window closed, a ticket left waiting,
 * birthdays, anniversaries and lapsed customers. Each scan finds its few
 * candidates with an indexed query, then runs the pure rules on their
 * history; dedupe keys make a repeated scan a no-op.
 */

const RECENT_WATERMARK = 'scan.recent.at';
/** Customers per write transaction: short enough that webhooks never wait long for the lock. */
const CHUNK = 100;
const WAITING_TICKET_STATES = ['new', 'open', 'on_hold'];

type Rule = (history: CustomerHistory) => (MomentSuggestion | null)[];

/**
 * Frequent scan (every minute): payment trouble, duplicate charges and
 * overpayments for customers whose payments or abandoned checkouts changed or
 * whose waiting windows closed since the last scan, and tickets that just
 * passed the open-too-long threshold.
 * @returns the nudges touched.
 */
export function scanRecent(db: Db, settings: PlacementSettings, now: Date): number[] {
  const { rules, enabled } = settings.playbook;
  const at = now.getTime();
  const stored = Number(readState(db, RECENT_WATERMARK));
  const since = Number.isFinite(stored) && stored > 0 ? Math.min(stored, at) : at - rules.maxFactAgeMs;
  const lookback = Math.max(rules.paymentFollowUpMs, rules.duplicateChargeWindowMs);
  const window = { closedAfter: since - lookback, at, since };
  const paymentCustomers = preparedFor(db, paymentCustomersQuery).all(window);
  const checkoutCustomers = preparedFor(db, checkoutCustomersQuery).all(window);
  const customerIds = unique([...paymentCustomers, ...checkoutCustomers].map((row) => row.id));
  const paymentRules: Rule = (history) => [
    ...(enabled.payment_trouble ? paymentTrouble({ history, now, settings: rules }) : []),
    ...(enabled.duplicate_charge ? duplicateCharge({ history, now, settings: rules }) : []),
    ...(enabled.overpayment ? overpayment({ history, now, settings: rules }) : []),
  ];
  const touched = runRules(db, customerIds, paymentRules, settings, now);
  if (enabled.recovery) {
    const threshold = rules.ticketOpenTooLongMs;
    const waiting = preparedFor(db, waitingTicketsQuery).all({ openedAfter: since - threshold, openedBy: at - threshold });
    for (const ticket of waiting) {
      touched.push(...runRules(db, [ticket.customerId], (history) => [recovery({ trigger: { ticketId: ticket.id }, history, now, settings: rules })], settings, now));
    }
  }
  immediate(db, (tx) => writeState(tx, RECENT_WATERMARK, String(at), now));
  return unique(touched);
}

/** A window that closed since the last scan: the fact happened in (closedAfter, at]. */
const windowClosed = (column: typeof payments.occurredAt | typeof timelineEvents.occurredAt) =>
  and(gt(column, sql.placeholder('closedAfter')), lte(column, sql.placeholder('at')));

const paymentCustomersQuery = (db: Db) =>
  db
    .selectDistinct({ id: payments.customerId })
    .from(payments)
    .where(or(windowClosed(payments.occurredAt), gt(payments.updatedAt, sql.placeholder('since'))))
    .prepare();

const checkoutCustomersQuery = (db: Db) =>
  db
    .selectDistinct({ id: timelineEvents.customerId })
    .from(timelineEvents)
    .where(
      and(
        eq(timelineEvents.kind, 'checkout_abandoned'),
        isNotNull(timelineEvents.customerId),
        or(windowClosed(timelineEvents.occurredAt), gt(timelineEvents.createdAt, sql.placeholder('since'))),
      ),
    )
    .prepare();

const waitingTicketsQuery = (db: Db) =>
  db
    .select({ id: tickets.id, customerId: tickets.customerId })
    .from(tickets)
    .where(and(inArray(tickets.status, WAITING_TICKET_STATES), gt(tickets.openedAt, sql.placeholder('openedAfter')), lte(tickets.openedAt, sql.placeholder('openedBy'))))
    .prepare();

/** Daily scan: "today" in the team's time zone, once its scan time has passed. */
const DAILY_JOB = 'daily_scan';
const DAILY_STALE_MS = 15 * 60_000;

/**
 * The daily scan (birthdays, first-order anniversaries, lapsed customers),
 * run once per local date after `dailyScanMinute` (09:00) so the cards land
 * in the team's morning. Claimed in `job_runs`, so a restart or a second
 * instance never runs a day twice; a run missed while the process was down
 * happens at the next tick of the same day.
 * @returns the nudges touched, or null when no run was due.
 */
export function scanDaily(db: Db, settings: PlacementSettings, now: Date): number[] | null {
  const { noise, rules, enabled } = settings.playbook;
  const local = localTime(now, settings.timeZone);
  if (local.minuteOfDay < noise.dailyScanMinute) return null;
  if (!claimRun(db, DAILY_JOB, local.dateKey, now, DAILY_STALE_MS)) return null;
  const dailyRules: Rule = (history) => [
    enabled.birthday ? birthday({ history, now, timeZone: settings.timeZone, settings: rules }) : null,
    enabled.first_order_anniversary ? anniversary({ history, now, timeZone: settings.timeZone, settings: rules }) : null,
    enabled.lapsed ? lapsed({ history, now, settings: rules }) : null,
  ];
  const candidates = unique([
    ...(enabled.birthday ? birthdayCandidates(db, now, settings.timeZone) : []),
    ...(enabled.first_order_anniversary ? anniversaryCandidates(db, now, settings.timeZone) : []),
    ...(enabled.lapsed ? lapsedCandidates(db, settings, now) : []),
  ]);
  const touched = runRules(db, candidates, dailyRules, settings, now);
  finishRun(db, DAILY_JOB, local.dateKey, now);
  return touched;
}

function birthdayCandidates(db: Db, now: Date, timeZone: string): number[] {
  const today = calendarDate(now, timeZone);
  const patterns = [`%-${pad2(today.month)}-${pad2(today.day)}`];
  // Leap-day birthdays are celebrated on Feb 28 in other years.
  if (today.month === 2 && today.day === 28 && !isLeapYear(today.year)) patterns.push('%-02-29');
  return db
    .select({ id: customers.id })
    .from(customers)
    .where(and(isNotNull(customers.birthday), or(...patterns.map((pattern) => like(customers.birthday, pattern)))))
    .all()
    .map((row) => row.id);
}

const firstOrdersQuery = (db: Db) =>
  db
    .select({ id: orders.customerId, first: sql<number>`min(${orders.placedAt})` })
    .from(orders)
    .where(isNull(orders.cancelledAt))
    .groupBy(orders.customerId)
    .prepare();

function anniversaryCandidates(db: Db, now: Date, timeZone: string): number[] {
  const today = calendarDate(now, timeZone);
  return preparedFor(db, firstOrdersQuery)
    .all()
    .filter((row) => {
      const first = calendarDate(new Date(row.first), timeZone);
      return first.year < today.year && isYearlyDate(first.month, first.day, today);
    })
    .map((row) => row.id);
}

/** The order times of customers with at least `minOrders` live orders and none since `silentSince`. */
const silentCustomersOrdersQuery = (db: Db) =>
  db
    .select({ id: orders.customerId, placedAt: orders.placedAt })
    .from(orders)
    .where(
      and(
        isNull(orders.cancelledAt),
        inArray(
          orders.customerId,
          db
            .select({ id: orders.customerId })
            .from(orders)
            .where(isNull(orders.cancelledAt))
            .groupBy(orders.customerId)
            .having(and(sql`count(*) >= ${sql.placeholder('minOrders')}`, sql`max(${orders.placedAt}) <= ${sql.placeholder('silentSince')}`)),
        ),
      ),
    )
    .orderBy(asc(orders.customerId), asc(orders.placedAt))
    .prepare();

/** Customers whose lapse point passed within the fact-age window; cheap: one query over order times. */
function lapsedCandidates(db: Db, settings: PlacementSettings, now: Date): number[] {
  const { rules } = settings.playbook;
  const at = now.getTime();
  const rows = preparedFor(db, silentCustomersOrdersQuery).all({ minOrders: rules.lapsedMinOrders, silentSince: at - rules.lapsedMinSilenceMs });
  const byCustomer = new Map<number, number[]>();
  for (const row of rows) {
    const times = byCustomer.get(row.id);
    if (times) times.push(row.placedAt);
    else byCustomer.set(row.id, [row.placedAt]);
  }
  return [...byCustomer]
    .filter(([, times]) => {
      const point = lapsePoint(times, rules);
      return point !== null && point < at && at - point <= rules.maxFactAgeMs;
    })
    .map(([id]) => id);
}

/** Runs `rule` over each customer's history and places what it finds, a chunk of customers per transaction. */
function runRules(db: Db, customerIds: readonly number[], rule: Rule, settings: PlacementSettings, now: Date): number[] {
  const touched: number[] = [];
  for (let start = 0; start < customerIds.length; start += CHUNK) {
    const chunk = customerIds.slice(start, start + CHUNK);
    immediate(db, (tx) => {
      for (const customerId of chunk) {
        const found = rule(loadCustomerHistory(tx, customerId)).filter((suggestion): suggestion is MomentSuggestion => suggestion !== null);
        if (found.length > 0) touched.push(...placeAll(tx, { customerId, orderId: null }, found, settings, now));
      }
    });
  }
  return touched;
}

function unique<T>(values: readonly (T | null)[]): T[] {
  return [...new Set(values.filter((value): value is T => value !== null))];
}
