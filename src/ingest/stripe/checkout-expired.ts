import type { z } from 'zod';
import type { CheckoutAbandoned } from '../../history/events.js';
import { customerRef, stripeToMinor, type checkoutSessionSchema } from './objects.js';

/**
 * `checkout.session.expired`: a Checkout Session that reached its
 * `expires_at`, or was expired through the API, before the customer paid.
 * A session created with `after_expiration.recovery` is abandoned all the
 * same: its recovery URL opens a new session, whose payment arrives as that
 * session's `checkout.session.completed` and counts as what followed.
 * @returns one `checkout_abandoned` event at the expiry; none for a session
 * that did not expire unpaid or had nothing to pay (setup mode, a 0 total).
 */
export function checkoutExpired(session: z.infer<typeof checkoutSessionSchema>, eventAt: Date): CheckoutAbandoned[] {
  if (session.status !== 'expired' || session.payment_status === 'paid') return [];
  if (!session.amount_total || session.currency == null) return [];
  const details = session.customer_details;
  // A session expired through the API goes before its expires_at: the event's time is then the expiry.
  const expiredAt = session.expires_at && session.expires_at < eventAt ? session.expires_at : eventAt;
  return [
    {
      type: 'checkout_abandoned',
      source: 'stripe',
      externalId: session.id,
      version: eventAt,
      customer: customerRef(session.customer, details?.email ?? session.customer_email, details?.name),
      amountCents: stripeToMinor(session.amount_total, session.currency),
      currency: session.currency,
      abandonedAt: expiredAt,
    },
  ];
}
