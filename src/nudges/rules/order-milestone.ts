import type { MomentSuggestion } from '../moment.js';

export interface OrderMilestoneInput {
  customerId: number;
  orderId: number;
  /** Which of the customer's orders this is, counted from history. */
  ordinal: number;
  /** Order counts worth celebrating, e.g. [1, 5, 10, 25, 50, 100]. */
  milestones: readonly number[];
}

/**
 * A customer's first order (thank them right away) or a milestone order
 * ("Jane's 5th order — add a note?"). The dedupe key is per customer and
 * ordinal, so an order replayed or delivered late cannot celebrate a milestone twice.
 */
export function orderMilestone(input: OrderMilestoneInput): MomentSuggestion | null {
  const { customerId, orderId, ordinal, milestones } = input;
  if (!milestones.includes(ordinal)) return null;
  if (ordinal === 1) {
    return {
      kind: 'first_order',
      dedupeKey: `first_order:${customerId}`,
      facts: { ordinal, orderId },
      suggestedGesture: 'note',
      suggestedAmountCents: 0,
      proactive: true,
      priority: 50,
    };
  }
  return {
    kind: 'order_milestone',
    dedupeKey: `order_milestone:${customerId}:${ordinal}`,
    facts: { ordinal, orderId },
    suggestedGesture: 'note',
    suggestedAmountCents: 0,
    proactive: true,
    // Rarer milestones matter more.
    priority: 50 + Math.min(40, Math.round(Math.log2(ordinal) * 6)),
  };
}
