import { DAY, MILESTONES, SEED_AGE, SPEND_THRESHOLDS, type Delivery, type GeneratedStore, type Kind, type OrderRecord, type Planted, type Source } from './model.js';
import { genericOrder, shopifyOrderCreated, wooOrderCreated, type Person, type Shipping } from './payloads.js';
import type { Rng } from './rng.js';
import { checkPlan } from './plan-checks.js';

/**
 * Collects the store the planters describe: customers, their orders (old
 * ones become seed events, recent ones deliveries) and every moment planted.
 * Each order says which order-time moments it is planted to fire; the
 * builder refuses one whose ordinal or spend says otherwise, so a plan
 * mistake fails the generator, not the replay.
 */

export type Via = 'shopify' | 'woocommerce' | 'generic';

export interface OrderPlan {
  at: Date;
  cents: number;
  /** The moments this order is planted to fire; none for an ordinary order. */
  expect?: readonly Kind[];
  via?: Via;
  /** WooCommerce orders only: the shipping line. */
  shipping?: Shipping;
}

export interface Customer {
  person: Person;
  background: boolean;
  orders: { at: Date; cents: number }[];
  spend: number;
  planted: Set<Kind>;
}

const NAMES = ['Ada', 'Bo', 'Chen', 'Dara', 'Emil', 'Fatima', 'Gus', 'Hana', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Maya', 'Noor', 'Omar', 'Pia'];
const SURNAMES = ['Berg', 'Costa', 'Dubois', 'Eze', 'Fischer', 'Garcia', 'Haddad', 'Ito', 'Jensen', 'Kowalski', 'Lindqvist', 'Moreau'];
/** Matches what the playbook counts as expedited shipping. */
const EXPEDITED = /express|expedited|overnight|next.?day|priority|2.?day/i;
/** Countries whose standard shipping arrives as soon as express (the replay's playbook file), with their standard rate. */
export const FAST_STANDARD: Readonly<Record<string, number>> = { US: 490 };

/**
 * The playbook file the replay runs with: standard rates for the US and
 * Canada, and US standard shipping as fast as express (2 days), so paid
 * express to the US is unneeded (FAST_STANDARD) while express to Canada,
 * where standard keeps its default 7 days, is not.
 */
export const SHIPPING_PLAYBOOK_YAML = `moments:
  unneeded_express:
    standard_rates:
      US: "4.90 USD"
      CA: "8.90 USD"
    standard_transit_days:
      US: 2
    express_transit_days:
      US: 2
`;

export class StoreBuilder {
  readonly end: Date;
  readonly customers: Customer[] = [];
  readonly seed: Record<string, unknown>[] = [];
  readonly imported: Record<string, unknown>[] = [];
  readonly deliveries: Delivery[] = [];
  readonly planted: Planted[] = [];
  readonly orders: OrderRecord[] = [];
  private sequence = 0;

  constructor(
    readonly rng: Rng,
    readonly start: Date,
    readonly days: number,
    readonly timeZone: string,
  ) {
    this.end = new Date(start.getTime() + days * DAY);
  }

  /** A fresh number for ids, unique across the store. */
  id(): number {
    return ++this.sequence;
  }

  customer(tag: string, options: { background?: boolean; birthday?: string } = {}): Customer {
    const n = this.id();
    const person: Person = {
      email: `${tag}-${n}@replay.example`,
      firstName: this.rng.pick(NAMES),
      lastName: this.rng.pick(SURNAMES),
      shopifyId: 6_100_000 + n,
      wooId: 40_000 + n,
      stripeId: `cus_replay${n.toString(36)}`,
      genericId: `c-${n}`,
      ...(options.birthday ? { birthday: options.birthday } : {}),
    };
    const customer: Customer = { person, background: options.background ?? false, orders: [], spend: 0, planted: new Set() };
    this.customers.push(customer);
    return customer;
  }

  plant(customer: Customer, kind: Kind, why: string): void {
    customer.planted.add(kind);
    this.planted.push({ customer: customer.person.email, kind, why });
  }

  /**
   * Adds the customer's next order. Before the start it must be older than
   * the seed age and goes into the seed (imported history, for background
   * customers); in the window it is delivered.
   * @returns the order's id at its source, which payments name.
   * @throws Error when the order is out of time order, or its ordinal, spend
   * or shipping would fire moments other than `plan.expect`.
   */
  order(customer: Customer, plan: OrderPlan): string {
    const last = customer.orders.at(-1);
    if (last && plan.at.getTime() <= last.at.getTime()) throw new Error(`plan error: ${customer.person.email}'s orders are out of time order`);
    const ordinal = customer.orders.length + 1;
    const seed = plan.at.getTime() < this.start.getTime();
    const n = this.id();
    const via = seed ? 'generic' : (plan.via ?? (plan.shipping ? 'woocommerce' : 'shopify'));
    const externalId = via === 'shopify' ? String(5_100_000_000 + n) : via === 'woocommerce' ? String(70_000 + n) : `SO-${n}`;
    if (seed) {
      if (plan.at.getTime() > this.start.getTime() - SEED_AGE) throw new Error(`plan error: seed order of ${customer.person.email} is less than ${SEED_AGE / DAY} days old`);
      // Background history comes in through `delight import`, the rest by webhook: both must stay silent.
      (customer.background ? this.imported : this.seed).push(genericOrder(customer.person, { eventId: `seed-${n}`, orderId: externalId, at: plan.at, cents: plan.cents }));
    } else {
      const fired = orderTimeKinds(ordinal, customer.spend, plan.cents, plan.shipping);
      const expected = plan.expect ?? [];
      checkPlan(customer, ordinal, customer.spend, plan.cents, fired, expected);
      for (const kind of expected) this.plant(customer, kind, `${kind} on order #${ordinal} at ${plan.at.toISOString().slice(0, 16)}`);
      const payload =
        via === 'shopify'
          ? shopifyOrderCreated(customer.person, { id: Number(externalId), at: plan.at, cents: plan.cents })
          : via === 'woocommerce'
            ? wooOrderCreated(customer.person, { id: Number(externalId), at: plan.at, cents: plan.cents, shipping: plan.shipping ?? { title: 'Flat rate', cents: 0, country: 'US' } })
            : genericOrder(customer.person, { eventId: `g-${n}`, orderId: externalId, at: plan.at, cents: plan.cents });
      const topic = via === 'shopify' ? 'orders/create' : via === 'woocommerce' ? 'order.created' : undefined;
      this.deliver(customer, plan.at, via, payload, topic, expected.includes('surprise'));
    }
    customer.orders.push({ at: plan.at, cents: plan.cents });
    customer.spend += plan.cents;
    this.orders.push({ customer: customer.person.email, at: plan.at, cents: plan.cents, ordinal, seed, background: customer.background });
    return externalId;
  }

  /**
   * Queues a delivery. Facts at or after the end are dropped: the replay is
   * over before they happen.
   * @returns whether it was queued.
   * @throws Error for a fact before the start (old facts belong in the seed).
   */
  deliver(customer: Customer, at: Date, source: Source, payload: Record<string, unknown>, topic?: string, surprise = false): boolean {
    if (at.getTime() < this.start.getTime()) throw new Error(`plan error: delivery before the start for ${customer.person.email}`);
    if (at.getTime() >= this.end.getTime()) return false;
    this.deliveries.push({ at, customer: customer.person.email, source, payload, ...(topic ? { topic } : {}), ...(surprise ? { surprise: true as const } : {}) });
    return true;
  }

  /** The store, deliveries in time order (a stable sort keeps one customer's same-instant events in plan order). */
  finish(): GeneratedStore {
    const deliveries = [...this.deliveries].sort((a, b) => a.at.getTime() - b.at.getTime());
    return { start: this.start, end: this.end, days: this.days, timeZone: this.timeZone, seed: this.seed, imported: this.imported, deliveries, planted: this.planted, orders: this.orders };
  }
}

/**
 * The order-time moments an order fires by construction: its ordinal (1st,
 * 2nd, a milestone), the lifetime-spend threshold it crosses, and paid express
 * shipping where standard would have been as fast.
 */
export function orderTimeKinds(ordinal: number, spendBefore: number, cents: number, shipping?: Shipping): Kind[] {
  const kinds: Kind[] = [];
  if (ordinal === 1) kinds.push('first_order');
  if (ordinal === 2) kinds.push('came_back');
  if (MILESTONES.includes(ordinal)) kinds.push('order_milestone');
  if (SPEND_THRESHOLDS.some((threshold) => spendBefore < threshold && threshold <= spendBefore + cents)) kinds.push('lifetime_spend');
  const standard = shipping ? FAST_STANDARD[shipping.country] : undefined;
  if (shipping && standard !== undefined && EXPEDITED.test(shipping.title) && shipping.cents > standard) kinds.push('unneeded_express');
  return kinds;
}
