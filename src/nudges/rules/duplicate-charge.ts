import { formatMoney } from '../../money.js';
import { duplicatePurchases, purchasesOf } from './payments.js';
import { isFresh } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface DuplicateChargeInput {
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

/**
 * Scan: two successful payments from the same customer, same amount and
 * currency, within the window (10 min), from any sources → refund the
 * duplicate before the customer notices.
 *
 * Not a duplicate: a Stripe Checkout Session (`cs_…`) and its charge
 * (`ch_…`) — or an invoice (`in_…`) and its charge — of the same amount:
 * Stripe sends both for one purchase, see payments.ts. Nor two payments
 * naming two different orders: that is two orders.
 *
 * A duplicate fires once the window after it has passed, so Stripe's other
 * reports of the same purchase have arrived and the purchase is keyed by its
 * charge; the dedupe key is that payment.
 */
export function duplicateCharge(input: DuplicateChargeInput): PlaybookSuggestion[] {
  const { history, now, settings } = input;
  const windowMs = settings.duplicateChargeWindowMs;
  return duplicatePurchases(purchasesOf(history.payments, windowMs), windowMs)
    .filter(({ duplicate }) => now.getTime() >= duplicate.at.getTime() + windowMs && isFresh(duplicate.at, now, settings.maxFactAgeMs))
    .map(({ duplicate, original }) => {
      const { cents, currency } = duplicate.amount;
      const secondsApart = Math.round((duplicate.at.getTime() - original.at.getTime()) / 1000);
      return {
        kind: 'duplicate_charge',
        dedupeKey: `duplicate_charge:${history.customerId}:${duplicate.primary.source}:${duplicate.primary.externalId}`,
        facts: {
          why: `charged ${formatMoney(cents, currency)} twice, ${secondsApart < 60 ? `${secondsApart} s` : `${Math.round(secondsApart / 60)} min`} apart`,
          amountCents: cents,
          currency,
          secondsApart,
          duplicate: { source: duplicate.primary.source, externalId: duplicate.primary.externalId },
          original: { source: original.primary.source, externalId: original.primary.externalId },
          orderExternalId: duplicate.orderExternalId ?? original.orderExternalId,
        },
        suggestedGesture: 'fee_refund' as const,
        suggestedAmountCents: cents,
        proactive: true,
        priority: PRIORITY.trouble.max,
      };
    });
}
