/**
 * What a rule returns when it notices something worth a nudge. Rules are pure:
 * the facts they were given and the clock in, a suggestion (or nothing) out.
 */

import type { PlaybookMomentKind } from './rules/types.js';

/** The order-milestone rule's kinds plus the playbook's: every `PlaybookSuggestion` is a `MomentSuggestion`. */
export type MomentKind = 'first_order' | 'order_milestone' | PlaybookMomentKind;

export type GestureKind = 'note' | 'discount' | 'gift_card' | 'fee_refund' | 'upgrade' | 'gift' | 'call' | 'other';

export interface MomentSuggestion {
  kind: MomentKind;
  /** Makes the moment fire once, however often its event is delivered. */
  dedupeKey: string;
  /** Rule-specific facts the card shows, e.g. { ordinal: 5 }. */
  facts: Record<string, unknown>;
  suggestedGesture: GestureKind;
  suggestedAmountCents: number;
  /** Proactive moments delight; recovery moments repair. */
  proactive: boolean;
  /** Higher is more urgent; recovery moments rank above proactive ones. */
  priority: number;
}
