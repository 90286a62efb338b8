import { z } from 'zod';
import type { OrderRefunded } from '../../history/events.js';
import { decimalToMinor } from '../../money.js';
import { decimalAmount, optionalText, present } from '../payload-kit.js';
import { dateTime, exactId, shopifyId, withPayload, type ParsedTopic } from './payload-helpers.js';

/**
 * `refunds/create`: the Refund resource. Money actually returned is in
 * `transactions` (kind "refund", status "success"; amounts are decimal text);
 * a refund with no such transaction (restock only, or money returned outside
 * Shopify) falls back to its `refund_line_items`, whose `subtotal` is a JSON
 * number and `subtotal_set.shop_money` the same amount as text.
 */

const moneySchema = z.looseObject({ amount: decimalAmount, currency_code: optionalText });

const refundSchema = z.looseObject({
  id: shopifyId,
  admin_graphql_api_id: optionalText,
  order_id: shopifyId,
  created_at: dateTime,
  processed_at: dateTime.nullish(),
  transactions: z
    .array(z.looseObject({ kind: optionalText, status: optionalText, amount: decimalAmount, currency: optionalText }))
    .nullish(),
  refund_line_items: z
    .array(
      z.looseObject({
        subtotal: decimalAmount.nullish(),
        subtotal_set: z.looseObject({ shop_money: moneySchema.nullish() }).nullish(),
      }),
    )
    .nullish(),
});

type Refund = z.infer<typeof refundSchema>;
type Amount = { value: string; currency: string | undefined; path: string };

/**
 * Validates a `refunds/create` body and converts it.
 * @param rawText the body as received: Shopify's test payloads use order ids
 * above 2^53, which only the raw text still holds exactly.
 * @returns one `order_refunded` event (none when nothing was refunded and no
 * currency is known), or `{ ok: false, reason }`. Does not throw for bad input.
 */
export function parseShopifyRefund(json: unknown, rawText: string): ParsedTopic {
  return withPayload(refundSchema, json, (refund) => {
    const externalId = exactId(refund.id, { gid: refund.admin_graphql_api_id, raw: { text: rawText, key: 'id' } });
    if (externalId === undefined) return { ok: false, reason: 'id: is larger than 2^53 and cannot be recovered exactly' };
    const orderExternalId = exactId(refund.order_id, { raw: { text: rawText, key: 'order_id' } });
    if (orderExternalId === undefined) return { ok: false, reason: 'order_id: is larger than 2^53 and cannot be recovered exactly' };
    const amounts = refundedAmounts(refund);
    const currency = amounts.find((a) => a.currency !== undefined)?.currency;
    if (currency === undefined) {
      return amounts.length === 0 ? { ok: true, events: [] } : { ok: false, reason: 'transactions: no currency for the refunded amount' };
    }
    const total = sumMinor(amounts, currency);
    if ('reason' in total) return { ok: false, reason: total.reason };
    const event: OrderRefunded = {
      type: 'order_refunded',
      source: 'shopify',
      externalId,
      orderExternalId,
      amountCents: total.minor,
      currency,
      refundedAt: new Date(refund.processed_at ?? refund.created_at),
    };
    return { ok: true, events: [event] };
  });
}

/** The successful refund transactions, or else the refunded line items' subtotals. */
function refundedAmounts(refund: Refund): Amount[] {
  const fromTransactions: Amount[] = [];
  for (const [index, tx] of (refund.transactions ?? []).entries()) {
    if (tx.kind !== 'refund' || tx.status !== 'success') continue;
    fromTransactions.push({ value: tx.amount, currency: upper(tx.currency), path: `transactions.${index}.amount` });
  }
  if (fromTransactions.length > 0) return fromTransactions;
  const fromLines: Amount[] = [];
  for (const [index, line] of (refund.refund_line_items ?? []).entries()) {
    const money = line.subtotal_set?.shop_money;
    // The *_set text is exact; the bare `subtotal` number is the fallback for trimmed payloads.
    const value = money?.amount ?? line.subtotal;
    if (value == null) continue;
    fromLines.push({ value, currency: upper(money?.currency_code), path: `refund_line_items.${index}.subtotal` });
  }
  return fromLines;
}

function sumMinor(amounts: readonly Amount[], currency: string): { minor: number } | { reason: string } {
  let minor = 0;
  for (const amount of amounts) {
    if (amount.currency !== undefined && amount.currency !== currency) return { reason: `${amount.path}: is in a different currency` };
    const value = decimalToMinor(amount.value, currency);
    if (value === null) return { reason: `${amount.path}: must be a decimal amount valid in ${currency}` };
    minor += value;
  }
  return { minor };
}

function upper(code: string | null | undefined): string | undefined {
  return present(code)?.toUpperCase();
}
