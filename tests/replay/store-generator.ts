import { background } from './background.js';
import { plantCalendarMoments, type CalendarMomentCounts } from './calendar-moments.js';
import type { GeneratedStore } from './model.js';
import { plantMoneyMoments, type MoneyMomentCounts } from './money-moments.js';
import { newcomers, plantOrderMoments, type OrderMomentCounts } from './order-moments.js';
import { checkStore } from './plan-checks.js';
import { mulberry32 } from './rng.js';
import { StoreBuilder } from './store-builder.js';
import { support, type SupportCounts } from './support.js';

/**
 * Generates 30 days of a store's webhooks — about 300 orders a day, their
 * payments, a few hundred support events — with moments of every playbook
 * kind planted on purpose, and the background traffic designed to fire
 * none. Pure and deterministic: the same options give the same store.
 *
 * What is planted is known by construction (this customer's 5th order lands
 * on day 12); the rules are never consulted. See model.ts for the output.
 */

export interface StoreOptions {
  seed?: number;
  /** A UTC midnight. */
  start?: Date;
  days?: number;
  /** The team's time zone: the daily scan's days and the cap's days are read there. */
  timeZone?: string;
  ordersPerDay?: number;
  /** New customers a day, from–to. */
  newcomersPerDay?: readonly [number, number];
  plants?: Partial<Plants>;
}

export interface Plants {
  orders: OrderMomentCounts;
  calendar: CalendarMomentCounts;
  money: MoneyMomentCounts;
  support: SupportCounts;
}

export const DEFAULT_PLANTS: Plants = {
  orders: {
    milestones: { 5: 8, 10: 6, 25: 4, 50: 3, 100: 3 },
    spend: { 50_000: 5, 100_000: 4, 500_000: 3 },
    cameBack: 6,
    express: 8,
    surprise: 10,
  },
  calendar: { birthday: 8, newcomerBirthday: 4, prospects: 5, anniversary: 8, lapsed: 8 },
  money: { paymentTrouble: 10, duplicateCharge: 10, overpayment: 10 },
  support: { everydayTickets: 80, everydayNps: 100, recoveryEach: 6, promoterNps: 10, promoterComment: 6 },
};

/**
 * @returns the seed history, the deliveries in time order and the planted moments.
 * @throws Error when the plan cannot keep its promises (a bug in the generator, named in the message).
 */
export function generateStore(options: StoreOptions = {}): GeneratedStore {
  const plants = { ...DEFAULT_PLANTS, ...options.plants };
  const b = new StoreBuilder(
    mulberry32(options.seed ?? 20_260_302),
    options.start ?? new Date('2026-03-02T00:00:00Z'),
    options.days ?? 30,
    options.timeZone ?? 'Europe/Berlin',
  );
  newcomers(b, options.newcomersPerDay ?? [10, 20]);
  plantOrderMoments(b, plants.orders);
  plantCalendarMoments(b, plants.calendar);
  plantMoneyMoments(b, plants.money);
  const everyday = background(b, options.ordersPerDay ?? 300);
  support(b, everyday, plants.support);
  checkStore(b);
  return b.finish();
}
