import { z } from 'zod';
import type { OrderPlaced, OrderUpdated } from '../../history/events.js';
import { decimalToMinor } from '../../money.js';
import { parseShopifyOrder } from './order-payload.js';
import { decimalAmount, expecting, optionalText, present } from '../payload-kit.js';
import { dateTime, exactId, shopifyId, withPayload, type ParsedTopic } from './payload-helpers.js';

/**
 * `orders/paid`, `orders/updated` and `orders/cancelled`: each body is the
 * whole Order resource as it is after the change, the same shape as
 * `orders/create`. Only the fields describing its state are read for
 * `order_updated`; `updated_at` orders the changes.
 */

const orderStateSchema = z.looseObject({
  id: shopifyId,
  admin_graphql_api_id: optionalText,
  updated_at: dateTime,
  currency: z.string({ error: expecting('a three-letter currency code such as USD') }).regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as USD'),
  total_price: decimalAmount,
  financial_status: optionalText,
  cancelled_at: dateTime.nullish(),
});

type OrderState = z.infer<typeof orderStateSchema>;

/**
 * Converts a paid or cancelled order's body into its new state.
 * @returns one `order_updated` event with `version` = `updated_at`, or
 * `{ ok: false, reason }` naming the first bad field. Does not throw for bad input.
 */
export function parseOrderStateChange(json: unknown): ParsedTopic {
  return withPayload(orderStateSchema, json, (state) => {
    const updated = toOrderUpdated(state);
    return 'reason' in updated ? { ok: false, reason: updated.reason } : { ok: true, events: [updated] };
  });
}

/**
 * Converts an `orders/updated` body. It is read as a whole order too: an
 * order first seen through `orders/updated` (created before the webhook
 * existed, or its `orders/create` lost) is still placed, and for a known
 * order the newer version updates it.
 * @returns `order_placed` (with `version` and `cancelledAt`) followed by
 * `order_updated`, or `{ ok: false, reason }`. Does not throw for bad input.
 */
export function parseOrderUpdated(json: unknown): ParsedTopic {
  return withPayload(orderStateSchema, json, (state) => {
    const updated = toOrderUpdated(state);
    if ('reason' in updated) return { ok: false, reason: updated.reason };
    const placed = parseShopifyOrder(json);
    if (!placed.ok) return placed;
    const order: OrderPlaced = { ...placed.event, version: updated.version, cancelledAt: updated.cancelledAt ?? undefined };
    return { ok: true, events: [order, updated], ignored: placed.ignored };
  });
}

function toOrderUpdated(state: OrderState): OrderUpdated | { reason: string } {
  const externalId = exactId(state.id, { gid: state.admin_graphql_api_id });
  if (externalId === undefined) return { reason: 'id: is larger than 2^53 and has no admin_graphql_api_id to recover it from' };
  const currency = state.currency.toUpperCase();
  const totalCents = decimalToMinor(state.total_price, currency);
  if (totalCents === null) return { reason: `total_price: must be a decimal amount valid in ${currency}` };
  return {
    type: 'order_updated',
    source: 'shopify',
    externalId,
    version: new Date(state.updated_at),
    financialStatus: present(state.financial_status),
    // null, not undefined: every one of these bodies says whether the order is cancelled.
    cancelledAt: state.cancelled_at ? new Date(state.cancelled_at) : null,
    totalCents,
  };
}
