/**
 * The domain events every source adapter normalizes its payloads into. Nothing
 * behind the adapters knows what a Shopify, Stripe or Zendesk payload looks like.
 *
 * Every event names its source and the source's id of the object it is about
 * (`externalId`); `version` is the object's own last-change time when the
 * source sends one, so a late, older delivery never overwrites a newer state.
 */

export type Source = 'shopify' | 'stripe' | 'woocommerce' | 'zendesk' | 'helpscout' | 'generic';

export const SOURCES: readonly Source[] = ['shopify', 'stripe', 'woocommerce', 'zendesk', 'helpscout', 'generic'];

export interface CustomerRef {
  /** The source's own id of the customer, when it has one. */
  externalId?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** ISO date "YYYY-MM-DD" or "--MM-DD" when only month and day are known. */
  birthday?: string;
}

export interface LineItemFacts {
  title: string;
  variantTitle?: string;
  quantity: number;
  priceCents: number;
}

interface EventBase {
  source: Source;
  /** The source's id of the object (order, charge, ticket, rating…). */
  externalId: string;
  /** When the object last changed at the source; orders and tickets use it to ignore stale deliveries. */
  version?: Date;
}

export interface OrderPlaced extends EventBase {
  type: 'order_placed';
  /** What the customer calls it, e.g. "#1005". */
  number?: string;
  customer: CustomerRef;
  currency: string;
  totalCents: number;
  shippingCents: number;
  financialStatus?: string;
  /** Shipping method as the shop names it ("Express", "UPS Next Day Air"); later rules read it. */
  shippingTitle?: string;
  shippingCountry?: string;
  cancelledAt?: Date;
  placedAt: Date;
  lineItems: LineItemFacts[];
}

/** A later state of an order: paid, updated, cancelled. Unknown orders are ignored until placed. */
export interface OrderUpdated extends EventBase {
  type: 'order_updated';
  financialStatus?: string;
  cancelledAt?: Date | null;
  totalCents?: number;
}

export interface OrderRefunded extends EventBase {
  type: 'order_refunded';
  /** The order's id at the source; `externalId` is the refund's own id. */
  orderExternalId: string;
  amountCents: number;
  currency: string;
  refundedAt: Date;
}

export interface PaymentRecorded extends EventBase {
  type: 'payment_recorded';
  customer: CustomerRef;
  status: 'succeeded' | 'failed' | 'refunded';
  amountCents: number;
  currency: string;
  /** The order this payment is for, when the source knows (e.g. Stripe metadata). */
  orderExternalId?: string;
  failureReason?: string;
  occurredAt: Date;
}

export type TicketStatus = 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';

export interface TicketChanged extends EventBase {
  type: 'ticket_changed';
  customer: CustomerRef;
  /** What happened in this delivery. */
  change: 'opened' | 'status_changed' | 'customer_replied' | 'agent_replied';
  status?: TicketStatus;
  subject?: string;
  occurredAt: Date;
}

export interface SatisfactionRated extends EventBase {
  type: 'satisfaction_rated';
  customer: CustomerRef;
  rating: 'good' | 'bad' | 'okay';
  comment?: string;
  ticketExternalId?: string;
  ratedAt: Date;
}

export interface NpsAnswered extends EventBase {
  type: 'nps_answered';
  customer: CustomerRef;
  score: number;
  comment?: string;
  answeredAt: Date;
}

/**
 * A checkout the customer started and left without paying: a Stripe Checkout
 * Session that expired, a Shopify checkout still open, a generic `checkout`
 * event. `externalId` is the checkout's id. Whether an order followed is not
 * known here: the payment-trouble rule waits for one. A checkout without an
 * e-mail or a customer id is not recorded: there is nobody to follow up.
 */
export interface CheckoutAbandoned extends EventBase {
  type: 'checkout_abandoned';
  customer: CustomerRef;
  amountCents: number;
  currency: string;
  /** When the customer left it: the session's expiry, the checkout's last change. */
  abandonedAt: Date;
}

export interface CustomerUpserted extends EventBase {
  type: 'customer_upserted';
  customer: CustomerRef;
}

/** Privacy requests (Shopify's mandatory topics; the same for every source and the CLI). */
export interface PrivacyRequest extends EventBase {
  type: 'customer_redact_requested' | 'customer_data_requested';
  customer: CustomerRef;
}

export interface ShopRedactRequested extends EventBase {
  type: 'shop_redact_requested';
  shopDomain: string;
}

export type DomainEvent =
  | OrderPlaced
  | OrderUpdated
  | OrderRefunded
  | PaymentRecorded
  | TicketChanged
  | SatisfactionRated
  | NpsAnswered
  | CheckoutAbandoned
  | CustomerUpserted
  | PrivacyRequest
  | ShopRedactRequested;

export type DomainEventType = DomainEvent['type'];
