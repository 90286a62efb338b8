/**
 * The vocabulary of the 30-day replay: what the generator hands the test
 * (deliveries in time order, the old history that seeds the store, the
 * moments it planted) and the playbook numbers the plan is built around.
 */

import type { MomentKind } from '../../src/nudges/moment.js';
import { MOMENT_KINDS } from '../../src/nudges/settings.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Order counts the playbook celebrates; 1 is the first order, 2 "came back". */
export const MILESTONES: readonly number[] = [5, 10, 25, 50, 100];
/** Lifetime-spend thresholds, in cents of one currency. */
export const SPEND_THRESHOLDS: readonly number[] = [50_000, 100_000, 500_000];
/** Facts older than this never fire, so history placed before `start - SEED_AGE` can seed the store silently. */
export const MAX_FACT_AGE = 7 * DAY;
/** A day of margin on top of the rule's week, so seeding never races the boundary. */
export const SEED_AGE = MAX_FACT_AGE + DAY;
/** Nobody is "lapsed" with less silence than this, whatever their rhythm. */
export const LAPSE_MIN_SILENCE = 30 * DAY;
/** The failed-payment follow-up window and the duplicate-charge window. */
export const PAYMENT_FOLLOW_UP = HOUR;
export const DUPLICATE_WINDOW = 10 * MINUTE;
/** A ticket still waiting after this long needs a recovery. */
export const TICKET_WAIT = 72 * HOUR;

/** The moment kinds, from the app itself: the replay plants every one of them. */
export type Kind = MomentKind;
export const KINDS: readonly Kind[] = MOMENT_KINDS;

/** Money owed to the customer: never held out. */
export const CORRECTIONS: readonly Kind[] = ['duplicate_charge', 'overpayment'];

/** A moment the generator put into the stream on purpose. */
export interface Planted {
  /** The customer's e-mail, lower case: how the test finds them in the database. */
  customer: string;
  kind: Kind;
  /** What was planted, for failure messages ("5th order on Mar 14"). */
  why: string;
}

export type Source = 'shopify' | 'woocommerce' | 'stripe' | 'generic';

/** One webhook the store's systems send during the replay. */
export interface Delivery {
  /** When the fact happened; the test delivers it within that simulated hour. */
  at: Date;
  /** Whose event it is: one customer's deliveries are sent in order, never concurrently. */
  customer: string;
  source: Source;
  /** Shopify and WooCommerce name the topic in a header. */
  topic?: string;
  payload: Record<string, unknown>;
  /** A planted surprise: the random draw must say yes for this order only. */
  surprise?: true;
}

/** Every order of the store, for the generator's own checks and test diagnostics. */
export interface OrderRecord {
  customer: string;
  at: Date;
  cents: number;
  ordinal: number;
  /** Placed before the replay and sent as seed history. */
  seed: boolean;
  /** A background customer's order: must fire nothing. */
  background: boolean;
}

export interface GeneratedStore {
  start: Date;
  end: Date;
  days: number;
  timeZone: string;
  /** Old history as generic-webhook events, sent in batches before the replay starts. */
  seed: Record<string, unknown>[];
  /** Background customers' old history, in the same format, for `delight import` (one event a line) before going live. */
  imported: Record<string, unknown>[];
  /** Sorted by `at`. */
  deliveries: Delivery[];
  planted: Planted[];
  orders: OrderRecord[];
}
