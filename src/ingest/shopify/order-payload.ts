import { z } from 'zod';
import type { CustomerRef, LineItemFacts, OrderPlaced } from '../../history/events.js';
import { decimalToMinor } from '../../money.js';

/**
 * The part of Shopify's Admin REST `orders/create` webhook payload we use, and
 * its translation into the `OrderPlaced` domain event. Objects are loose:
 * Shopify adds fields with every API version, and an order must never bounce
 * because of a field we do not read. Fields we only use for enrichment are
 * nullish, because Shopify sends null (or omits them) for guests, POS orders
 * and apps without protected-customer-data access.
 */

const DECIMAL = /^\d+(?:\.\d+)?$/;

/** A field-level message that still says "is required" when the field is absent. */
function expecting(what: string): (issue: { input: unknown }) => string {
  return (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`);
}

/**
 * A non-negative money amount. Shopify sends decimal strings ("24.90"); plain
 * numbers are tolerated. It stays text here because how many decimals are
 * allowed depends on the order's currency, which `toOrderPlaced` applies.
 */
const amount = z
  .union([z.string(), z.number()], { error: expecting('a decimal amount') })
  .transform((value) => (typeof value === 'number' ? String(value) : value.trim()))
  .refine((value) => DECIMAL.test(value), 'must be a decimal amount');

/**
 * Shopify ids are 64-bit integers. They usually arrive as JSON numbers; some
 * tools quote them, which is the only way to keep ids above 2^53 exact.
 */
const shopifyId = z.union(
  [
    // Not z.int(): that caps at 2^53, and bigger ids are handled in toOrderPlaced.
    z.number().refine((n) => Number.isInteger(n) && n > 0, 'must be a numeric Shopify id'),
    z.string().regex(/^[1-9]\d*$/, 'must be a numeric Shopify id'),
  ],
  { error: expecting('a numeric Shopify id') },
);

const dateTime = z
  .iso.datetime({ offset: true, error: expecting('an ISO 8601 date-time such as 2026-11-20T10:15:00-05:00') })
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date and time');

const optionalText = z.string().nullish();

const personName = {
  first_name: optionalText,
  last_name: optionalText,
};

const addressSchema = z.looseObject({ ...personName, name: optionalText });

const customerSchema = z.looseObject({
  id: shopifyId.nullish(),
  admin_graphql_api_id: optionalText,
  email: optionalText,
  ...personName,
});

const lineItemSchema = z.looseObject({
  title: z.string(),
  variant_title: optionalText,
  quantity: z.number().int().nonnegative(),
  price: amount,
});

const shippingLineSchema = z.looseObject({
  price: amount,
  is_removed: z.boolean().nullish(),
});

const moneySetSchema = z.looseObject({
  shop_money: z.looseObject({ amount, currency_code: optionalText }).nullish(),
});

export const shopifyOrderSchema = z.looseObject({
  id: shopifyId,
  admin_graphql_api_id: optionalText,
  name: optionalText,
  order_number: z.union([z.number(), z.string()]).nullish(),
  email: optionalText,
  contact_email: optionalText,
  created_at: dateTime,
  processed_at: dateTime.nullish(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as USD')
    .transform((code) => code.toUpperCase()),
  total_price: amount,
  total_shipping_price_set: moneySetSchema.nullish(),
  shipping_lines: z.array(shippingLineSchema).nullish(),
  financial_status: optionalText,
  customer: customerSchema.nullish(),
  billing_address: addressSchema.nullish(),
  shipping_address: addressSchema.nullish(),
  line_items: z.array(lineItemSchema),
  cancelled_at: optionalText,
  test: z.boolean().nullish(),
});

export type ShopifyOrderPayload = z.infer<typeof shopifyOrderSchema>;

type Path = readonly (string | number)[];

/** A payload that passed the schema but cannot be converted faithfully. */
export class ShopifyPayloadError extends Error {
  readonly code = 'shopify_payload_invalid';
  constructor(
    readonly path: Path,
    readonly problem: string,
  ) {
    super(`${formatPath(path)}: ${problem}`);
    this.name = 'ShopifyPayloadError';
  }
}

/**
 * Translates a schema-validated Shopify order into the domain event.
 * @returns the `OrderPlaced` event; money is in integer minor units of the
 * order's (shop) currency.
 * @throws ShopifyPayloadError when an amount has more decimals than the
 * currency allows (e.g. "12.50" in JPY) or the order id lost precision in
 * JSON.parse and no `admin_graphql_api_id` can restore it.
 */
export function toOrderPlaced(payload: ShopifyOrderPayload): OrderPlaced {
  const currency = payload.currency;
  const externalId = exactId(payload.id, payload.admin_graphql_api_id);
  if (externalId === undefined) {
    throw new ShopifyPayloadError(['id'], 'is larger than 2^53 and has no admin_graphql_api_id to recover it from');
  }
  return {
    type: 'order_placed',
    source: 'shopify',
    externalId,
    number: orderNumber(payload),
    customer: customerRef(payload),
    currency,
    totalCents: toMinor(payload.total_price, currency, ['total_price']),
    shippingCents: shippingMinor(payload, currency),
    financialStatus: present(payload.financial_status),
    // processed_at is when the customer actually bought; created_at differs
    // for imported and draft orders.
    placedAt: new Date(payload.processed_at ?? payload.created_at),
    lineItems: payload.line_items.map((item, index) => lineItemFacts(item, index, currency)),
  };
}

export type ParsedShopifyOrder = { ok: true; event: OrderPlaced } | { ok: false; reason: string };

/**
 * Validates a JSON-parsed `orders/create` body and converts it.
 * @returns `{ ok: true, event }`, or `{ ok: false, reason }` where reason names
 * the first bad field path (e.g. "total_price: must be a decimal amount") and
 * never quotes the payload's values, so it is safe to log. Does not throw for
 * bad input.
 */
export function parseShopifyOrder(json: unknown): ParsedShopifyOrder {
  const parsed = shopifyOrderSchema.safeParse(json, { error: friendlyMessage });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: issue ? `${formatPath(issue.path)}: ${issue.message}` : 'payload: is invalid' };
  }
  try {
    return { ok: true, event: toOrderPlaced(parsed.data) };
  } catch (error) {
    if (error instanceof ShopifyPayloadError) return { ok: false, reason: error.message };
    throw error;
  }
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/** Zod's default wording ("Invalid input: expected string, received undefined") reads badly in a log line. */
const friendlyMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
  }
  if (issue.code === 'too_small' && issue.origin === 'number') {
    if (issue.minimum === 0 && issue.inclusive) return 'must not be negative';
    return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
  }
  return undefined;
};

function formatPath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : 'payload';
}

function toMinor(value: string, currency: string, path: Path): number {
  const minor = decimalToMinor(value, currency);
  if (minor === null) throw new ShopifyPayloadError(path, `must be a decimal amount valid in ${currency}`);
  return minor;
}

/**
 * Shopify ids are 64-bit; JSON.parse rounds any above 2^53 (Shopify's own
 * sample payloads use such ids). The GraphQL gid carries the same id as text,
 * so it recovers the exact value when the number has lost precision.
 */
function exactId(id: number | string, gid: string | null | undefined): string | undefined {
  if (typeof id === 'string') return id;
  if (Number.isSafeInteger(id)) return String(id);
  const digits = gid ? /\/(\d+)$/.exec(gid)?.[1] : undefined;
  // The gid must round to the same number, or it names some other record.
  return digits !== undefined && Number(digits) === id ? digits : undefined;
}

function orderNumber(payload: ShopifyOrderPayload): string | undefined {
  const name = present(payload.name);
  if (name) return name;
  // "#" + order_number is Shopify's default name format; shops with a custom
  // prefix always send `name`, so this only fills in for trimmed payloads.
  return payload.order_number == null ? undefined : `#${payload.order_number}`;
}

function shippingMinor(payload: ShopifyOrderPayload, currency: string): number {
  const setAmount = payload.total_shipping_price_set?.shop_money?.amount;
  if (setAmount !== undefined) {
    return toMinor(setAmount, currency, ['total_shipping_price_set', 'shop_money', 'amount']);
  }
  let total = 0;
  for (const [index, line] of (payload.shipping_lines ?? []).entries()) {
    // A shipping line removed by an order edit no longer costs anything.
    if (line.is_removed === true) continue;
    total += toMinor(line.price, currency, ['shipping_lines', index, 'price']);
  }
  return total;
}

function customerRef(payload: ShopifyOrderPayload): CustomerRef {
  const customer = payload.customer ?? undefined;
  // A customer id that lost precision is dropped rather than rejected: the
  // e-mail still identifies the customer, while a rounded id could merge two.
  const externalId = customer?.id == null ? undefined : exactId(customer.id, customer.admin_graphql_api_id);
  const names = firstNames([customer, payload.billing_address, payload.shipping_address]);
  return {
    externalId,
    email: present(customer?.email) ?? present(payload.email) ?? present(payload.contact_email),
    firstName: names?.firstName,
    lastName: names?.lastName,
  };
}

interface NamedParty {
  first_name?: string | null | undefined;
  last_name?: string | null | undefined;
  name?: string | null | undefined;
}

/**
 * Both names come from the same party: mixing the customer's first name with
 * a gift recipient's last name from the shipping address would invent a person.
 */
function firstNames(
  parties: readonly (NamedParty | null | undefined)[],
): { firstName?: string; lastName?: string } | undefined {
  for (const party of parties) {
    const firstName = present(party?.first_name);
    const lastName = present(party?.last_name);
    if (firstName || lastName) return { firstName, lastName };
  }
  for (const party of parties) {
    const full = present(party?.name);
    if (full) {
      const [firstName, ...rest] = full.split(/\s+/);
      return { firstName, lastName: rest.length > 0 ? rest.join(' ') : undefined };
    }
  }
  return undefined;
}

function lineItemFacts(
  item: ShopifyOrderPayload['line_items'][number],
  index: number,
  currency: string,
): LineItemFacts {
  return {
    title: item.title,
    variantTitle: present(item.variant_title),
    quantity: item.quantity,
    priceCents: toMinor(item.price, currency, ['line_items', index, 'price']),
  };
}

/** Shopify sends "" as readily as null for an absent e-mail or name. */
function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
