import { z } from 'zod';
import type { CustomerRef, LineItemFacts, OrderPlaced } from '../../history/events.js';
import { decimalToMinor } from '../../money.js';
import { checkPayload, decimalAmount, formatPath, friendlyMessage, optionalText, partyNames, present, splitName, type NamedParty, type PersonNames } from '../payload-kit.js';
import { ignoredList, type BirthdayFinding } from '../birthday-fields.js';
import type { IgnoredValue } from '../payload-kit.js';
import { birthdayFields, customerBirthday, dateTime, exactId, shopifyId } from './payload-helpers.js';

/**
 * The part of Shopify's Admin REST `orders/create` webhook payload we use, and
 * its translation into the `OrderPlaced` domain event. Objects are loose:
 * Shopify adds fields with every API version, and an order must never bounce
 * because of a field we do not read. Fields we only use for enrichment are
 * nullish, because Shopify sends null (or omits them) for guests, POS orders
 * and apps without protected-customer-data access.
 */

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
  // The customer's own note: the order's `note` is about the order (gift wrap, delivery), never read for a birthday.
  ...birthdayFields,
});

const lineItemSchema = z.looseObject({
  title: z.string(),
  variant_title: optionalText,
  quantity: z.number().int().nonnegative(),
  price: decimalAmount,
});

const shippingLineSchema = z.looseObject({
  price: decimalAmount,
  is_removed: z.boolean().nullish(),
});

const moneySetSchema = z.looseObject({
  shop_money: z.looseObject({ amount: decimalAmount, currency_code: optionalText }).nullish(),
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
  total_price: decimalAmount,
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
 * @param birthday what the order's customer record says about the birthday
 * (see `customerBirthday`); read from the payload when not given.
 * @returns the `OrderPlaced` event; money is in integer minor units of the
 * order's (shop) currency.
 * @throws ShopifyPayloadError when an amount has more decimals than the
 * currency allows (e.g. "12.50" in JPY) or the order id lost precision in
 * JSON.parse and no `admin_graphql_api_id` can restore it.
 */
export function toOrderPlaced(payload: ShopifyOrderPayload, birthday: BirthdayFinding = customerBirthday(payload.customer, 'customer.')): OrderPlaced {
  const currency = payload.currency;
  const externalId = exactId(payload.id, { gid: payload.admin_graphql_api_id });
  if (externalId === undefined) {
    throw new ShopifyPayloadError(['id'], 'is larger than 2^53 and has no admin_graphql_api_id to recover it from');
  }
  return {
    type: 'order_placed',
    source: 'shopify',
    externalId,
    number: orderNumber(payload),
    customer: { ...customerRef(payload), birthday: birthday.birthday },
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

export type ParsedShopifyOrder = { ok: true; event: OrderPlaced; ignored?: IgnoredValue[] } | { ok: false; reason: string };

/**
 * Validates a JSON-parsed `orders/create` body and converts it.
 * @returns `{ ok: true, event, ignored }` (`ignored` lists an unreadable
 * birthday the event goes without), or `{ ok: false, reason }` where reason names
 * the first bad field path (e.g. "total_price: must be a decimal amount") and
 * never quotes the payload's values, so it is safe to log. Does not throw for
 * bad input.
 */
export function parseShopifyOrder(json: unknown): ParsedShopifyOrder {
  const parsed = checkPayload(shopifyOrderSchema, json, { messages: orderMessages });
  if (!parsed.ok) return parsed;
  const birthday = customerBirthday(parsed.value.customer, 'customer.');
  try {
    return { ok: true, event: toOrderPlaced(parsed.value, birthday), ignored: ignoredList(birthday) };
  } catch (error) {
    if (error instanceof ShopifyPayloadError) return { ok: false, reason: error.message };
    throw error;
  }
}

/** The friendly messages, plus a bound for numbers such as a line item's quantity. */
const orderMessages: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === 'too_small' && issue.origin === 'number') {
    if (issue.minimum === 0 && issue.inclusive) return 'must not be negative';
    return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
  }
  return friendlyMessage(issue);
};

function toMinor(value: string, currency: string, path: Path): number {
  const minor = decimalToMinor(value, currency);
  if (minor === null) throw new ShopifyPayloadError(path, `must be a decimal amount valid in ${currency}`);
  return minor;
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
  const externalId = customer?.id == null ? undefined : exactId(customer.id, { gid: customer.admin_graphql_api_id });
  const names = firstNames([customer, payload.billing_address, payload.shipping_address]);
  return {
    externalId,
    email: present(customer?.email) ?? present(payload.email) ?? present(payload.contact_email),
    firstName: names?.firstName,
    lastName: names?.lastName,
  };
}

interface NamedAddress extends NamedParty {
  name?: string | null | undefined;
}

/**
 * Both names from the same party (see `partyNames`); an address's single
 * `name` field counts only when no party has separate names.
 */
function firstNames(parties: readonly (NamedAddress | null | undefined)[]): PersonNames | undefined {
  const named = partyNames(parties);
  if (named) return named;
  for (const party of parties) {
    const split = splitName(party?.name);
    if (split.firstName) return split;
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
