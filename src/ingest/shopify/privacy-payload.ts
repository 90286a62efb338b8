import { z } from 'zod';
import type { PrivacyRequest, ShopRedactRequested } from '../../history/events.js';
import { present } from '../payload-kit.js';

/**
 * Shopify's mandatory privacy webhooks (`customers/redact`,
 * `customers/data_request`, `shop/redact`) and their translation into domain
 * events. Only the ids and the e-mail are read; `phone` and the order lists are
 * ignored, because every order of the customer is found through the customer.
 */

export const PRIVACY_TOPICS = new Set(['customers/redact', 'customers/data_request', 'shop/redact']);

/** Numeric ids, quoted or not; numbers past 2^53 have lost precision and cannot be trusted to match. */
const shopifyId = z.union([z.number().refine(Number.isSafeInteger, 'must be a numeric Shopify id'), z.string().regex(/^[1-9]\d*$/, 'must be a numeric Shopify id')]);

const customerSchema = z.looseObject({ id: shopifyId.nullish(), email: z.string().nullish() });

const payloadSchema = z.looseObject({
  shop_id: shopifyId.nullish(),
  shop_domain: z.string().min(1, 'is required'),
  customer: customerSchema.nullish(),
  data_request: z.looseObject({ id: shopifyId }).nullish(),
});

export type ParsedShopifyPrivacy = { ok: true; event: PrivacyRequest | ShopRedactRequested } | { ok: false; reason: string };

/**
 * Reads one privacy webhook. The request's external id is stable across
 * redeliveries: Shopify's data request id, the customer id for a redaction
 * (Shopify deletes that customer, so it is never reused), the shop id for a shop erasure.
 * @param deliveryId stands in when the payload carries no id at all.
 * @returns the event, or a reason naming the field without echoing its value.
 */
export function parseShopifyPrivacy(topic: string, json: unknown, deliveryId: string): ParsedShopifyPrivacy {
  const parsed = payloadSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: is invalid` : 'payload: must be an object' };
  }
  const payload = parsed.data;
  if (topic === 'shop/redact') {
    const externalId = payload.shop_id != null ? `shop-${String(payload.shop_id)}` : `shop-${payload.shop_domain}`;
    return { ok: true, event: { type: 'shop_redact_requested', source: 'shopify', externalId, shopDomain: payload.shop_domain } };
  }
  const customerId = payload.customer?.id != null ? String(payload.customer.id) : undefined;
  const email = present(payload.customer?.email);
  if (customerId === undefined && email === undefined) return { ok: false, reason: 'customer: needs an id or an email' };
  const customer = { ...(customerId !== undefined ? { externalId: customerId } : {}), ...(email !== undefined ? { email } : {}) };
  if (topic === 'customers/data_request') {
    const requestId = payload.data_request?.id;
    const externalId = requestId != null ? `data-request-${String(requestId)}` : `delivery-${deliveryId}`;
    return { ok: true, event: { type: 'customer_data_requested', source: 'shopify', externalId, customer } };
  }
  const externalId = customerId !== undefined ? `customer-${customerId}` : `delivery-${deliveryId}`;
  return { ok: true, event: { type: 'customer_redact_requested', source: 'shopify', externalId, customer } };
}
