import { z } from 'zod';
import type { CheckoutAbandoned } from '../../history/events.js';
import { amount, currency, customerRef, dateTime, head, sourceId, toMinor } from './fields.js';

/**
 * The `checkout` event type (docs/generic-webhook.md): a checkout the
 * customer left without paying. `status` is "abandoned", the only state the
 * format has: a checkout that was paid is sent as its `order`.
 */
export const checkoutSchema = z.object({
  ...head,
  type: z.literal('checkout'),
  checkout_id: sourceId,
  status: z.enum(['abandoned']),
  currency,
  total: amount,
  abandoned_at: dateTime,
});

/**
 * @returns the `checkout_abandoned` event, versioned by its abandonment time.
 * @throws ConversionError when `total` has more decimals than the currency.
 */
export function toCheckoutAbandoned(checkout: z.infer<typeof checkoutSchema>): CheckoutAbandoned {
  const abandonedAt = new Date(checkout.abandoned_at);
  return {
    type: 'checkout_abandoned',
    source: 'generic',
    externalId: checkout.checkout_id,
    version: abandonedAt,
    customer: customerRef(checkout.customer),
    amountCents: toMinor(checkout.total, checkout.currency, ['total']),
    currency: checkout.currency,
    abandonedAt,
  };
}
