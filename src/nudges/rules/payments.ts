import type { HistoryPayment, Money } from './types.js';

/**
 * Turns a customer's successful payments into purchases, for the payment
 * rules (duplicate charge, overpayment).
 *
 * Why: Stripe reports one purchase more than once. A paid Checkout Session
 * (`cs_…`, from `checkout.session.completed`) and the charge it created
 * (`ch_…`/`py_…`, from `charge.succeeded`) arrive as two successful payments
 * of the same amount seconds apart; an invoice (`in_…`, `invoice.paid`) and
 * its charge likewise, and a subscription checkout sends all three. Counting
 * them separately would call every Checkout purchase a duplicate charge and
 * every order paid through Checkout an overpayment. So Stripe payments of
 * *different* object kinds with the same amount and currency within the
 * window are one purchase; two objects of the *same* kind (two charges, two
 * sessions) are two purchases — a real duplicate. Payments from any other
 * source are one purchase each.
 */

type StripeKind = 'charge' | 'session' | 'invoice' | 'other';

export interface Purchase {
  /** The payment standing for the purchase: its charge when there is one, else its first payment. */
  primary: HistoryPayment;
  payments: HistoryPayment[];
  amount: Money;
  /** The earliest of its payments. */
  at: Date;
  /** The order any of its payments names, or null. */
  orderExternalId: string | null;
}

export function stripeKind(payment: HistoryPayment): StripeKind | null {
  if (payment.source !== 'stripe') return null;
  const prefix = payment.externalId.slice(0, payment.externalId.indexOf('_') + 1);
  if (prefix === 'ch_' || prefix === 'py_') return 'charge';
  if (prefix === 'cs_') return 'session';
  if (prefix === 'in_') return 'invoice';
  return 'other';
}

/** Successful payments grouped into purchases, ascending by time. */
export function purchasesOf(payments: readonly HistoryPayment[], windowMs: number): Purchase[] {
  const succeeded = payments
    .filter((payment) => payment.status === 'succeeded')
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a.paymentId - b.paymentId);
  const groups: HistoryPayment[][] = [];
  for (const payment of succeeded) {
    const kind = stripeKind(payment);
    const joinable = kind === null || kind === 'other' ? undefined : nearestJoinable(groups, payment, kind, windowMs);
    if (joinable) joinable.push(payment);
    else groups.push([payment]);
  }
  return groups.map(toPurchase).sort((a, b) => a.at.getTime() - b.at.getTime() || a.primary.paymentId - b.primary.paymentId);
}

function nearestJoinable(groups: HistoryPayment[][], payment: HistoryPayment, kind: StripeKind, windowMs: number): HistoryPayment[] | undefined {
  let best: { group: HistoryPayment[]; distance: number } | undefined;
  for (const group of groups) {
    const first = group[0];
    if (!first || stripeKind(first) === null) continue;
    if (group.some((member) => stripeKind(member) === kind || stripeKind(member) === 'other')) continue;
    if (first.amount.cents !== payment.amount.cents || first.amount.currency !== payment.amount.currency) continue;
    const distance = Math.max(...group.map((member) => Math.abs(payment.occurredAt.getTime() - member.occurredAt.getTime())));
    if (distance > windowMs) continue;
    if (!best || distance < best.distance) best = { group, distance };
  }
  return best?.group;
}

function toPurchase(payments: HistoryPayment[]): Purchase {
  const first = payments[0];
  if (!first) throw new Error('a purchase has at least one payment');
  const primary = payments.find((payment) => stripeKind(payment) === 'charge') ?? first;
  return {
    primary,
    payments,
    amount: first.amount,
    at: first.occurredAt,
    orderExternalId: payments.find((payment) => payment.orderExternalId !== null)?.orderExternalId ?? null,
  };
}

export interface DuplicatePurchase {
  duplicate: Purchase;
  original: Purchase;
}

/**
 * Purchases that repeat an earlier one: same amount and currency, at most
 * `windowMs` after it, from any source. Two purchases that name two
 * different orders are two orders, not a duplicate.
 */
export function duplicatePurchases(purchases: readonly Purchase[], windowMs: number): DuplicatePurchase[] {
  const found: DuplicatePurchase[] = [];
  purchases.forEach((duplicate, index) => {
    const original = purchases
      .slice(0, index)
      .find(
        (earlier) =>
          earlier.amount.cents === duplicate.amount.cents &&
          earlier.amount.currency === duplicate.amount.currency &&
          duplicate.at.getTime() - earlier.at.getTime() <= windowMs &&
          !(earlier.orderExternalId !== null && duplicate.orderExternalId !== null && earlier.orderExternalId !== duplicate.orderExternalId),
      );
    if (original) found.push({ duplicate, original });
  });
  return found;
}
