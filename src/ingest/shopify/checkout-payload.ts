import { z } from 'zod';
import type { CheckoutAbandoned } from '../../history/events.js';
import { decimalToMinor } from '../../money.js';
import { decimalAmount, expecting, optionalText, partyNames, present } from '../payload-kit.js';
import { dateTime, exactId, shopifyId, withPayload, type ParsedTopic } from './payload-helpers.js';

/**
 * `checkouts/create` and `checkouts/update`: the Checkout resource, sent again
 * at every step of the checkout. `completed_at` stays null until the order is
 * placed. Shopify sends no "abandoned" event: a checkout is abandoned when no
 * order follows, and the payment-trouble rule waits for one, so every open
 * checkout is recorded as abandoned at its last change. A completed one is
 * left to the order's own topics. Its money (`total_price`) is in the
 * customer's `presentment_currency`; `currency` is the shop's.
 */

const currencyCode = z
  .string({ error: expecting('a three-letter currency code such as USD') })
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as USD')
  .transform((code) => code.toUpperCase());

const nameFields = { first_name: optionalText, last_name: optionalText };

const checkoutSchema = z.looseObject({
  id: shopifyId,
  email: optionalText,
  created_at: dateTime,
  updated_at: dateTime.nullish(),
  completed_at: dateTime.nullish(),
  currency: currencyCode.nullish(),
  presentment_currency: currencyCode.nullish(),
  total_price: decimalAmount,
  customer: z.looseObject({ id: shopifyId.nullish(), admin_graphql_api_id: optionalText, email: optionalText, ...nameFields }).nullish(),
  billing_address: z.looseObject(nameFields).nullish(),
  shipping_address: z.looseObject(nameFields).nullish(),
});

type Checkout = z.infer<typeof checkoutSchema>;

/**
 * Validates a checkout body and converts it.
 * @param rawText the body as received: Shopify's test notification uses ids
 * above 2^53, which only the raw text still holds exactly.
 * @returns one `checkout_abandoned` event for an open checkout, none for a
 * completed one, or `{ ok: false, reason }` naming the first bad field. Does
 * not throw for bad input.
 */
export function parseShopifyCheckout(json: unknown, rawText: string): ParsedTopic {
  return withPayload(checkoutSchema, json, (checkout) => {
    if (checkout.completed_at) return { ok: true, events: [] };
    const externalId = exactId(checkout.id, { raw: { text: rawText, key: 'id' } });
    if (externalId === undefined) return { ok: false, reason: 'id: is larger than 2^53 and cannot be recovered exactly' };
    const currency = checkout.presentment_currency ?? checkout.currency;
    if (!currency) return { ok: false, reason: 'presentment_currency: is required when currency is missing' };
    const amountCents = decimalToMinor(checkout.total_price, currency);
    if (amountCents === null) return { ok: false, reason: `total_price: must be a decimal amount valid in ${currency}` };
    const changedAt = new Date(checkout.updated_at ?? checkout.created_at);
    const event: CheckoutAbandoned = {
      type: 'checkout_abandoned',
      source: 'shopify',
      externalId,
      version: changedAt,
      customer: customerRef(checkout),
      amountCents,
      currency,
      abandonedAt: changedAt,
    };
    return { ok: true, events: [event] };
  });
}

function customerRef(checkout: Checkout): CheckoutAbandoned['customer'] {
  const customer = checkout.customer ?? undefined;
  // A customer id that lost precision is dropped: the e-mail still finds the customer, a rounded id could name another.
  const externalId = customer?.id == null ? undefined : exactId(customer.id, { gid: customer.admin_graphql_api_id });
  const names = partyNames([customer, checkout.billing_address, checkout.shipping_address]);
  return { externalId, email: present(customer?.email) ?? present(checkout.email), firstName: names?.firstName, lastName: names?.lastName };
}
