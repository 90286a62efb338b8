import { z } from 'zod';
import type { CustomerRef, CustomerUpserted, DomainEvent, LineItemFacts, OrderPlaced } from '../../history/events.js';
import { decimalToMinor } from '../../money.js';
import { BIRTHDAY_KEYS, birthdayFrom, ignoredList, keyedCandidates, type BirthdayFinding } from '../birthday-fields.js';
import { checkPayload, decimalAmount, expecting, optionalText, partyNames, present, type IgnoredValue } from '../payload-kit.js';

/**
 * WooCommerce webhook bodies: the REST API (wc/v3) representation of the
 * order or customer, as `GET /wp-json/wc/v3/orders/<id>` would return it.
 * Money is decimal text ("29.35"), except a line item's `price`, which is a
 * float. `*_gmt` dates are UTC written without an offset ("2026-11-20T15:14:58").
 * Objects are loose: extensions add fields freely, and an order must never
 * bounce because of a field we do not read.
 */

/** A body's delivery key, domain events and the values dropped as unreadable, or why it was refused. */
export type ParsedWoo = { ok: true; deliveryId: string; events: DomainEvent[]; ignored?: IgnoredValue[] } | { ok: false; reason: string };

const HAS_ZONE = /(?:[zZ]|[+-]\d{2}:?\d{2})$/;

/**
 * Statuses that are not a placed order: the block checkout saves the cart as
 * a `checkout-draft` order before the customer pays, and older versions used
 * `auto-draft` the same way.
 */
const DRAFT_STATUSES = new Set(['checkout-draft', 'auto-draft']);

/**
 * WooCommerce has no birthday field; plugins keep it in `meta_data` (order or
 * customer) under one of these keys. Checkout field plugins name a billing
 * field `billing_<name>`, some with a leading underscore to hide it from the
 * order's custom fields box.
 */
const WOO_BIRTHDAY_KEYS = [...BIRTHDAY_KEYS, 'billing_birthdate', '_billing_birthdate'];

/** `meta_data` is `[{ id, key, value }]` whose values are anything a plugin stored: read leniently, never validated. */
const metaData = z.unknown().optional();

const gmtDateTime = z.iso.datetime({ local: true, offset: true, error: expecting('a date-time such as 2026-11-20T15:14:58') });
const wooId = z.int({ error: expecting('a numeric WooCommerce id') }).positive('must be a numeric WooCommerce id');

const addressSchema = z.looseObject({ first_name: optionalText, last_name: optionalText, email: optionalText, country: optionalText });

const orderSchema = z.looseObject({
  id: wooId,
  number: z.union([z.string(), z.number()]).nullish(),
  status: z.string({ error: expecting('an order status') }),
  currency: z
    .string({ error: expecting('a three-letter currency code such as USD') })
    .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as USD')
    .transform((code) => code.toUpperCase()),
  total: decimalAmount,
  shipping_total: decimalAmount.nullish(),
  date_created_gmt: gmtDateTime,
  date_modified_gmt: gmtDateTime.nullish(),
  date_paid_gmt: gmtDateTime.nullish(),
  // 0 is a guest checkout.
  customer_id: z.int().nonnegative().nullish(),
  billing: addressSchema.nullish(),
  shipping: addressSchema.nullish(),
  line_items: z.array(
    z.looseObject({ name: z.string(), parent_name: optionalText, quantity: z.int().nonnegative(), total: decimalAmount }),
  ),
  shipping_lines: z.array(z.looseObject({ method_title: optionalText })).nullish(),
  meta_data: metaData,
});

const customerSchema = z.looseObject({
  id: wooId,
  email: optionalText,
  first_name: optionalText,
  last_name: optionalText,
  date_created_gmt: gmtDateTime,
  date_modified_gmt: gmtDateTime.nullish(),
  billing: addressSchema.nullish(),
  meta_data: metaData,
});

type WooOrder = z.infer<typeof orderSchema>;
type WooCustomer = z.infer<typeof customerSchema>;

/**
 * Validates an `order.created` / `order.updated` body and converts it.
 * @returns the delivery key `order:<id>:<date_modified_gmt>` — WooCommerce
 * gives every delivery a new X-WC-Webhook-Delivery-ID, so only the order's own
 * state can tell a redelivery apart — and one `order_placed` event carrying
 * `version` (none for a checkout draft), with the buyer's birthday from
 * `meta_data` when readable (`ignored` lists an unreadable one).
 * `{ ok: false, reason }` names the first bad field and never quotes payload
 * values. Does not throw for bad input.
 */
export function parseWooOrder(json: unknown): ParsedWoo {
  const parsed = checkPayload(orderSchema, json);
  if (!parsed.ok) return parsed;
  const order = parsed.value;
  const changedAt = order.date_modified_gmt ?? order.date_created_gmt;
  const deliveryId = `order:${order.id}:${changedAt}`;
  if (DRAFT_STATUSES.has(order.status)) return { ok: true, deliveryId, events: [] };
  const total = toMinor(order.total, order.currency);
  if (total === undefined) return { ok: false, reason: `total: must be a decimal amount valid in ${order.currency}` };
  const shipping = toMinor(order.shipping_total ?? '0', order.currency);
  if (shipping === undefined) return { ok: false, reason: `shipping_total: must be a decimal amount valid in ${order.currency}` };
  const lineItems = lineItemFacts(order);
  if (!Array.isArray(lineItems)) return { ok: false, reason: lineItems.reason };
  const birthday = wooBirthday(order.meta_data);
  return { ok: true, deliveryId, events: [toOrderPlaced(order, { total, shipping, lineItems, changedAt }, birthday)], ignored: ignoredList(birthday) };
}

/**
 * Validates a `customer.created` body and converts it.
 * @returns the delivery key `customer:<id>:<date_modified_gmt>` and one
 * `customer_upserted` event, with the birthday from `meta_data` when readable
 * (`ignored` lists an unreadable one), or `{ ok: false, reason }`. Does not
 * throw for bad input.
 */
export function parseWooCustomer(json: unknown): ParsedWoo {
  const parsed = checkPayload(customerSchema, json);
  if (!parsed.ok) return parsed;
  const customer = parsed.value;
  const changedAt = customer.date_modified_gmt ?? customer.date_created_gmt;
  const birthday = wooBirthday(customer.meta_data);
  return { ok: true, deliveryId: `customer:${customer.id}:${changedAt}`, events: [toCustomerUpserted(customer, changedAt, birthday)], ignored: ignoredList(birthday) };
}

interface OrderAmounts {
  total: number;
  shipping: number;
  lineItems: LineItemFacts[];
  changedAt: string;
}

function toOrderPlaced(order: WooOrder, amounts: OrderAmounts, birthday: BirthdayFinding): OrderPlaced {
  const version = utc(amounts.changedAt);
  return {
    type: 'order_placed',
    source: 'woocommerce',
    externalId: String(order.id),
    // The timeline treats a repeat of a known order as an update, newest version winning.
    version,
    number: `#${String(order.number ?? order.id)}`,
    customer: { ...orderCustomer(order), birthday: birthday.birthday },
    currency: order.currency,
    totalCents: amounts.total,
    shippingCents: amounts.shipping,
    financialStatus: financialStatus(order),
    shippingTitle: present(order.shipping_lines?.[0]?.method_title),
    shippingCountry: present(order.shipping?.country),
    // WooCommerce records no cancellation time; the change that cancelled it is the last one.
    cancelledAt: order.status === 'cancelled' ? version : undefined,
    placedAt: utc(order.date_created_gmt),
    lineItems: amounts.lineItems,
  };
}

/**
 * WooCommerce's statuses mix fulfilment and payment ("processing" is paid and
 * unshipped, but cash on delivery is "processing" too), so whether it is paid
 * comes from `date_paid_gmt`, in the vocabulary Shopify's orders use.
 */
function financialStatus(order: WooOrder): string {
  if (order.status === 'refunded') return 'refunded';
  if (order.status === 'failed') return 'failed';
  return order.date_paid_gmt ? 'paid' : 'pending';
}

function orderCustomer(order: WooOrder): CustomerRef {
  return {
    externalId: order.customer_id ? String(order.customer_id) : undefined,
    email: present(order.billing?.email),
    // Both names from the same address: a gift's shipping name must not complete the buyer's.
    ...partyNames([order.billing, order.shipping]),
  };
}

function toCustomerUpserted(customer: WooCustomer, changedAt: string, birthday: BirthdayFinding): CustomerUpserted {
  const id = String(customer.id);
  return {
    type: 'customer_upserted',
    source: 'woocommerce',
    externalId: id,
    version: utc(changedAt),
    customer: {
      externalId: id,
      email: present(customer.email) ?? present(customer.billing?.email),
      ...partyNames([customer, customer.billing]),
      birthday: birthday.birthday,
    },
  };
}

function wooBirthday(metaData: unknown): BirthdayFinding {
  return birthdayFrom(keyedCandidates(metaData, WOO_BIRTHDAY_KEYS, 'meta_data'));
}

/**
 * `price` is WooCommerce's `total / quantity` as a float (3.3333333333333335),
 * which no decimal parser takes exactly; the same division on the exact total
 * gives the unit price after discounts, rounded to the minor unit.
 */
function lineItemFacts(order: WooOrder): LineItemFacts[] | { reason: string } {
  const facts: LineItemFacts[] = [];
  for (const [index, item] of order.line_items.entries()) {
    const total = toMinor(item.total, order.currency);
    if (total === undefined) return { reason: `line_items.${index}.total: must be a decimal amount valid in ${order.currency}` };
    facts.push({ ...titles(item.name, item.parent_name), quantity: item.quantity, priceCents: Math.round(total / Math.max(1, item.quantity)) });
  }
  return facts;
}

/** A variation is named "Hoodie - Blue, Large" with `parent_name` "Hoodie": split it like Shopify's title and variant. */
function titles(name: string, parentName: string | null | undefined): Pick<LineItemFacts, 'title' | 'variantTitle'> {
  const parent = present(parentName);
  const prefix = parent ? `${parent} - ` : undefined;
  if (parent && prefix && name.startsWith(prefix)) return { title: parent, variantTitle: present(name.slice(prefix.length)) };
  return { title: name.trim() };
}


function toMinor(value: string, currency: string): number | undefined {
  return decimalToMinor(value, currency) ?? undefined;
}

/** `*_gmt` fields are UTC without an offset; read them as UTC, not as the server's local time. */
function utc(value: string): Date {
  return new Date(HAS_ZONE.test(value) ? value : `${value}Z`);
}
