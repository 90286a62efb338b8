import { formatMoney } from '../../money.js';
import { isFresh, liveOrders } from './shared.js';
import { PRIORITY, type CustomerHistory, type Money, type PlaybookSuggestion, type RuleSettings } from './types.js';

export interface PaymentTroubleInput {
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

interface Trouble {
  what: 'failed_payment' | 'abandoned_checkout';
  source: string;
  externalId: string;
  amount: Money;
  at: Date;
  failureReason: string | null;
}

/**
 * Scan: a failed payment or an abandoned checkout after which nothing
 * succeeded — no successful payment, no order placed — within the follow-up
 * window (1 h), nor since. It only fires once the window has passed
 * (`now ≥ failedAt + window`), so a customer who retries and pays is never
 * chased. A run of failed attempts close together is one moment: each
 * attempt followed by another within the window waits for that one, and the
 * last attempt fires, counting the run. Facts older than `maxFactAgeMs` are
 * not followed up. Proactive: the customer has not asked for anything yet.
 */
export function paymentTrouble(input: PaymentTroubleInput): PlaybookSuggestion[] {
  const { history, now, settings } = input;
  const windowMs = settings.paymentFollowUpMs;
  const troubles = troublesOf(history);
  const successes = [
    ...history.payments.filter((payment) => payment.status !== 'failed').map((payment) => payment.occurredAt.getTime()),
    ...liveOrders(history).map((order) => order.placedAt.getTime()),
  ];
  const suggestions: PlaybookSuggestion[] = [];
  troubles.forEach((trouble, index) => {
    const at = trouble.at.getTime();
    if (now.getTime() < at + windowMs || !isFresh(trouble.at, now, settings.maxFactAgeMs)) return;
    if (successes.some((success) => success >= at && success <= now.getTime())) return;
    const next = troubles[index + 1];
    if (next && next.at.getTime() <= at + windowMs) return;
    const run = 1 + countRunBefore(troubles, index, windowMs, successes);
    const { gesture, cents } = settings.gestures.paymentTrouble;
    const amount = formatMoney(trouble.amount.cents, trouble.amount.currency);
    suggestions.push({
      kind: 'payment_trouble',
      dedupeKey: `payment_trouble:${history.customerId}:${trouble.source}:${trouble.externalId}`,
      facts: {
        why:
          trouble.what === 'failed_payment'
            ? `payment of ${amount} failed${run > 1 ? ` (${run} attempts)` : ''}; nothing succeeded since`
            : `checkout of ${amount} abandoned; no order since`,
        trouble: trouble.what,
        source: trouble.source,
        externalId: trouble.externalId,
        amountCents: trouble.amount.cents,
        currency: trouble.amount.currency,
        failureReason: trouble.failureReason,
        attempts: run,
        minutesSince: Math.floor((now.getTime() - at) / 60_000),
      },
      suggestedGesture: gesture,
      suggestedAmountCents: cents,
      proactive: true,
      priority: PRIORITY.trouble.min + 3,
    });
  });
  return suggestions;
}

function troublesOf(history: CustomerHistory): Trouble[] {
  const failed: Trouble[] = history.payments
    .filter((payment) => payment.status === 'failed')
    .map((payment) => ({
      what: 'failed_payment',
      source: payment.source,
      externalId: payment.externalId,
      amount: payment.amount,
      at: payment.occurredAt,
      failureReason: payment.failureReason,
    }));
  const abandoned: Trouble[] = history.abandonedCheckouts.map((checkout) => ({
    what: 'abandoned_checkout',
    source: checkout.source,
    externalId: checkout.externalId,
    amount: checkout.amount,
    at: checkout.abandonedAt,
    failureReason: null,
  }));
  return [...failed, ...abandoned].sort((a, b) => a.at.getTime() - b.at.getTime() || a.externalId.localeCompare(b.externalId));
}

/** How many troubles lead up to `index`, each within the window of the next and with no success between. */
function countRunBefore(troubles: readonly Trouble[], index: number, windowMs: number, successes: readonly number[]): number {
  let run = 0;
  for (let i = index; i > 0; i--) {
    const current = troubles[i];
    const before = troubles[i - 1];
    if (!current || !before || current.at.getTime() - before.at.getTime() > windowMs) break;
    const [from, to] = [before.at.getTime(), current.at.getTime()];
    if (successes.some((success) => success >= from && success <= to)) break;
    run++;
  }
  return run;
}
