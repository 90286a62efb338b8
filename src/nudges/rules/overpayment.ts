import { formatMoney } from '../../money.js';
import { duplicatePurchases, purchasesOf } from './payments.js';
import { isFresh, liveOrders } from './shared.js';
import { PRIORITY, type CustomerHistory, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface OverpaymentInput {
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

/**
 * Scan: the successful payments naming an order (by `orderExternalId`) add
 * up to more than the order's total → refund the difference unprompted.
 *
 * - Only payments in the order's currency count (no invented exchange rates).
 * - Stripe's several reports of one purchase count once (payments.ts).
 * - A purchase the duplicate-charge rule already flags is left out, so the
 *   same money is never suggested for refunding twice.
 * - Refunds already made on the order reduce the excess.
 * - Cancelled orders are left to the shop's cancellation refund.
 * - It waits until the duplicate window has passed after the order's last
 *   payment, so every report of it has arrived.
 * The dedupe key is per order: an order's overpayment is suggested once.
 */
export function overpayment(input: OverpaymentInput): PlaybookSuggestion[] {
  const { history, now, settings } = input;
  const windowMs = settings.duplicateChargeWindowMs;
  const purchases = purchasesOf(history.payments, windowMs);
  const duplicates = new Set(duplicatePurchases(purchases, windowMs).map(({ duplicate }) => duplicate));
  const suggestions: PlaybookSuggestion[] = [];
  for (const order of liveOrders(history)) {
    const { cents: totalCents, currency } = order.total;
    const forOrder = purchases.filter((purchase) => purchase.orderExternalId === order.externalId && purchase.amount.currency === currency);
    const last = forOrder.at(-1);
    if (!last || now.getTime() < last.at.getTime() + windowMs || !isFresh(last.at, now, settings.maxFactAgeMs)) continue;
    const counted = forOrder.filter((purchase) => !duplicates.has(purchase));
    const paidCents = counted.reduce((sum, purchase) => sum + purchase.amount.cents, 0);
    const excessCents = paidCents - totalCents - order.refundedCents;
    if (excessCents <= 0) continue;
    suggestions.push({
      kind: 'overpayment',
      dedupeKey: `overpayment:${history.customerId}:${order.orderId}`,
      facts: {
        why: `paid ${formatMoney(paidCents, currency)} for an order of ${formatMoney(totalCents, currency)}`,
        orderId: order.orderId,
        orderTotalCents: totalCents,
        paidCents,
        refundedCents: order.refundedCents,
        excessCents,
        currency,
        payments: counted.length,
      },
      suggestedGesture: 'fee_refund',
      suggestedAmountCents: excessCents,
      proactive: true,
      priority: PRIORITY.trouble.min + 5,
    });
  }
  return suggestions;
}
