import { formatMoney } from '../../money.js';
import { count, DAY_MS, isFresh, liveOrderAt, lookup, matches } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface UnneededExpressInput {
  /** The order that was just placed. */
  orderId: number;
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

/**
 * The customer paid for expedited shipping while standard shipping to the
 * same country would have arrived as soon → refund the difference before
 * they notice. "As soon": standard transit days ≤ express days + slack,
 * where the express days are the shop's promise for this order when the
 * source sent one (the specific promise beats the general table), or else
 * the express transit table. The refund is the shipping paid minus the
 * standard rate for the country, in the order's currency; with no standard
 * rate known in that currency the rule stays silent rather than guess.
 */
export function unneededExpress(input: UnneededExpressInput): PlaybookSuggestion | null {
  const { orderId, history, now, settings } = input;
  const found = liveOrderAt(history, orderId);
  if (!found) return null;
  const { order } = found;
  const { shipping } = order;
  const { currency } = order.total;
  if (!isFresh(order.placedAt, now, settings.maxFactAgeMs)) return null;
  if (shipping.cents <= 0 || !matches(settings.expeditedShipping, shipping.title)) return null;
  const standardDays = lookup(settings.standardTransitDays, shipping.country);
  const rate = lookup(settings.standardShippingRates, shipping.country);
  if (standardDays === undefined || rate === undefined || rate.currency !== currency) return null;
  const promisedDays = shipping.promisedBy ? Math.ceil((shipping.promisedBy.getTime() - order.placedAt.getTime()) / DAY_MS) : null;
  const expressDays = promisedDays ?? lookup(settings.expressTransitDays, shipping.country);
  if (expressDays === undefined || standardDays > expressDays + settings.expressSlackDays) return null;
  const refundCents = shipping.cents - rate.cents;
  if (refundCents <= 0) return null;
  const where = shipping.country ?? 'this address';
  const title = shipping.title ?? 'express';
  return {
    kind: 'unneeded_express',
    dedupeKey: `unneeded_express:${history.customerId}:${orderId}`,
    facts: {
      why: `paid ${formatMoney(shipping.cents, currency)} ${title}; standard ships in ${count(standardDays, 'day')} to ${where}`,
      orderId,
      shippingTitle: title,
      shippingPaidCents: shipping.cents,
      standardRateCents: rate.cents,
      refundCents,
      currency,
      country: shipping.country,
      standardTransitDays: standardDays,
      expressTransitDays: expressDays,
      expressDaysFrom: promisedDays === null ? 'table' : 'promise',
    },
    suggestedGesture: 'fee_refund',
    suggestedAmountCents: refundCents,
    proactive: true,
    priority: PRIORITY.trouble.min,
  };
}
