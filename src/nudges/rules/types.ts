import type { GestureKind, MomentSuggestion } from '../moment.js';

/**
 * The vocabulary shared by the playbook rules: a database-free snapshot of one
 * customer's history, the thresholds every rule reads, and the moment kinds
 * the rules add to `MomentKind`. Rules are pure: snapshot, clock and settings
 * in, a suggestion out. No rule touches the database, the clock or Math.random.
 */

/** The moment kinds of the playbook rules; the engine merges them into `MomentKind`. */
export type PlaybookMomentKind =
  | 'came_back'
  | 'lifetime_spend'
  | 'birthday'
  | 'first_order_anniversary'
  | 'unneeded_express'
  | 'payment_trouble'
  | 'duplicate_charge'
  | 'overpayment'
  | 'recovery'
  | 'promoter'
  | 'lapsed'
  | 'surprise';

export const PLAYBOOK_MOMENT_KINDS: readonly PlaybookMomentKind[] = [
  'came_back',
  'lifetime_spend',
  'birthday',
  'first_order_anniversary',
  'unneeded_express',
  'payment_trouble',
  'duplicate_charge',
  'overpayment',
  'recovery',
  'promoter',
  'lapsed',
  'surprise',
];

/**
 * What a playbook rule returns: a `MomentSuggestion` whose kind is one of the
 * playbook's. Once `MomentKind` includes `PlaybookMomentKind`, every
 * `PlaybookSuggestion` is a `MomentSuggestion`.
 */
export interface PlaybookSuggestion extends Omit<MomentSuggestion, 'kind'> {
  kind: PlaybookMomentKind;
}

/**
 * Priority bands: recovery > trouble > milestones > warm moments > surprise.
 * Recovery repairs and must be seen first; trouble costs the customer money;
 * a surprise can always wait.
 */
export const PRIORITY = {
  recovery: { min: 90, max: 100 },
  trouble: { min: 75, max: 85 },
  milestone: { min: 55, max: 70 },
  warm: { min: 40, max: 55 },
  surprise: 30,
} as const;

/** An amount in minor units of its currency. Sums are never taken across currencies. */
export interface Money {
  cents: number;
  currency: string;
}

export interface HistoryLineItem {
  title: string;
  variantTitle: string | null;
  quantity: number;
  priceCents: number;
}

export interface HistoryOrder {
  /** delightbot's id of the order. */
  orderId: number;
  source: string;
  /** The source's id of the order; payments name their order by it (`orderExternalId`). */
  externalId: string;
  /** What the shop calls it, e.g. "#1005". */
  number: string | null;
  placedAt: Date;
  total: Money;
  /** Refunded so far, in the order's currency. */
  refundedCents: number;
  shipping: {
    /** Shipping method or code as the shop names it ("Express", "UPS Next Day Air"). */
    title: string | null;
    /** Shipping paid, in the order's currency. */
    cents: number;
    /** ISO 3166-1 alpha-2, upper case ("CA"); null when unknown. */
    country: string | null;
    /** The delivery date the shop promised for the chosen method, when the source sends one. No source does yet. */
    promisedBy: Date | null;
  };
  cancelled: boolean;
  items: HistoryLineItem[];
}

export type PaymentStatus = 'succeeded' | 'failed' | 'refunded';

export interface HistoryPayment {
  /** delightbot's id of the payment. */
  paymentId: number;
  source: string;
  /** The source's id: for Stripe "ch_…", "py_…" (charges), "cs_…" (Checkout Sessions), "in_…" (invoices), "pi_…". */
  externalId: string;
  /** The payment's latest state. A refunded charge is `refunded`, with the amount refunded. */
  status: PaymentStatus;
  amount: Money;
  orderExternalId: string | null;
  /** The source's reason for a failed payment ("Your card was declined."). */
  failureReason: string | null;
  occurredAt: Date;
}

/**
 * A checkout the customer started and did not finish: a Stripe Checkout
 * Session that expired unpaid, a Shopify checkout left open, a generic
 * `checkout` event (see src/history/checkouts.ts).
 */
export interface HistoryCheckout {
  source: string;
  externalId: string;
  amount: Money;
  abandonedAt: Date;
}

export type HistoryTicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';

export interface HistoryTicket {
  ticketId: number;
  source: string;
  externalId: string;
  status: HistoryTicketStatus;
  /** The ticket's subject. Rules match it but never copy it into facts: customers write names into it. */
  subject: string | null;
  openedAt: Date;
  /** How often the ticket went from solved/closed back to open. */
  reopenCount: number;
  solvedAt: Date | null;
}

export interface HistoryRating {
  ratingId: number;
  source: string;
  externalId: string;
  kind: 'satisfaction' | 'nps';
  /** For satisfaction ratings. */
  rating: 'good' | 'okay' | 'bad' | null;
  /** 0–10, for NPS answers. */
  score: number | null;
  /** The customer's words. Rules read whether there is one, never copy it into facts. */
  comment: string | null;
  ticketExternalId: string | null;
  ratedAt: Date;
}

/**
 * Everything the playbook rules may know about one customer: ids, amounts,
 * dates and states — no name, no e-mail. Built by the engine from history.
 */
export interface CustomerHistory {
  customerId: number;
  /** Every order, cancelled ones included, ascending by `placedAt` (then `orderId`). */
  orders: HistoryOrder[];
  /** Ascending by `occurredAt`. */
  payments: HistoryPayment[];
  /** Ascending by `abandonedAt`. */
  abandonedCheckouts: HistoryCheckout[];
  tickets: HistoryTicket[];
  /** Ascending by `ratedAt`. */
  ratings: HistoryRating[];
  /** "YYYY-MM-DD", or "--MM-DD" when the year is unknown; null when unknown. */
  birthday: string | null;
  /** When the first order that was not cancelled was placed. */
  firstOrderAt: Date | null;
  /** When the customer last got an approved gesture of any kind. */
  lastGestureAt: Date | null;
  /** Sum of the totals of orders not cancelled, one entry per currency. */
  lifetimeSpend: Money[];
  /** The order that last got a surprise gesture, so a surprise never comes twice in a row. */
  lastSurpriseOrderId: number | null;
}

/** Gesture suggested per moment kind; fee refunds, duplicates and overpayments use the computed amount instead. */
export interface SuggestedGesture {
  gesture: GestureKind;
  /** In the team's budget currency; 0 for a note. */
  cents: number;
}

export interface RuleSettings {
  /** Order counts the order-milestone rule celebrates; the surprise rule leaves these orders alone. */
  orderMilestones: readonly number[];
  /** Lifetime-spend thresholds in minor units, ascending, per currency; `default` for any currency not listed. */
  lifetimeSpendThresholds: Readonly<Record<string, readonly number[]>>;
  /** Standard shipping transit days per country; `default` for any other. */
  standardTransitDays: Readonly<Record<string, number>>;
  /** Expedited shipping transit days per country; `default` for any other. */
  expressTransitDays: Readonly<Record<string, number>>;
  /** Standard is "as soon" when its transit days ≤ the express days + this slack. */
  expressSlackDays: number;
  /** Recognises an expedited shipping line by its title or code. */
  expeditedShipping: RegExp;
  /** What standard shipping costs per country (`default` for any other); with no rate known the rule stays silent. */
  standardShippingRates: Readonly<Record<string, Money>>;
  /** A failed payment or abandoned checkout becomes trouble when nothing succeeds this long after it. */
  paymentFollowUpMs: number;
  /** Two equal successful payments this close together are a duplicate charge. */
  duplicateChargeWindowMs: number;
  /** A ticket still new, open or on hold after this long needs a recovery gesture. */
  ticketOpenTooLongMs: number;
  /** A ticket reopened this often needs a recovery gesture. */
  ticketReopenedThreshold: number;
  /** A ticket whose subject matches asks for money back. */
  refundRequest: RegExp;
  /** NPS answers up to this score are detractors. */
  npsDetractorMax: number;
  /** NPS answers from this score are promoters. */
  npsPromoterMin: number;
  /** Lapsed: at least this many orders… */
  lapsedMinOrders: number;
  /** …and silent for longer than this many times their median gap between orders… */
  lapsedGapFactor: number;
  /** …and at least this long, so a burst of orders a day apart does not lapse in two days. */
  lapsedMinSilenceMs: number;
  /** Chance that a good customer's ordinary order is picked for a surprise. */
  surpriseProbability: number;
  /** A good customer has at least this many orders (or passed the first lifetime threshold). */
  surpriseMinOrders: number;
  /** No surprise this soon after any gesture. */
  surpriseCooldownMs: number;
  /**
   * Facts older than this never fire (an imported year of history must not
   * flood the channel); scans look back this far.
   */
  maxFactAgeMs: number;
  gestures: {
    comeBack: SuggestedGesture;
    lifetimeSpend: SuggestedGesture;
    birthday: SuggestedGesture;
    anniversary: SuggestedGesture;
    paymentTrouble: SuggestedGesture;
    recovery: SuggestedGesture;
    promoter: SuggestedGesture;
    lapsed: SuggestedGesture;
    surprise: SuggestedGesture;
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_RULE_SETTINGS: RuleSettings = {
  orderMilestones: [5, 10, 25, 50, 100],
  lifetimeSpendThresholds: { default: [50_000, 100_000, 500_000] },
  standardTransitDays: { US: 5, CA: 7, default: 6 },
  expressTransitDays: { default: 2 },
  expressSlackDays: 0,
  expeditedShipping: /express|expedited|overnight|next.?day|priority|2.?day/i,
  standardShippingRates: {},
  paymentFollowUpMs: HOUR_MS,
  duplicateChargeWindowMs: 10 * 60_000,
  ticketOpenTooLongMs: 72 * HOUR_MS,
  ticketReopenedThreshold: 2,
  refundRequest: /refund|money back|return/i,
  npsDetractorMax: 6,
  npsPromoterMin: 9,
  lapsedMinOrders: 3,
  lapsedGapFactor: 2,
  lapsedMinSilenceMs: 30 * DAY_MS,
  surpriseProbability: 0.03,
  surpriseMinOrders: 3,
  surpriseCooldownMs: 30 * DAY_MS,
  maxFactAgeMs: 7 * DAY_MS,
  gestures: {
    comeBack: { gesture: 'note', cents: 0 },
    lifetimeSpend: { gesture: 'gift', cents: 5_000 },
    birthday: { gesture: 'gift_card', cents: 5_000 },
    anniversary: { gesture: 'note', cents: 0 },
    paymentTrouble: { gesture: 'note', cents: 0 },
    recovery: { gesture: 'gift_card', cents: 7_500 },
    promoter: { gesture: 'note', cents: 0 },
    lapsed: { gesture: 'discount', cents: 5_000 },
    surprise: { gesture: 'gift', cents: 5_000 },
  },
};
