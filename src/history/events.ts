/**
 * The domain events every source adapter normalizes its payloads into. Nothing
 * behind the adapters knows what a Shopify or Stripe payload looks like.
 */

export type Source = 'shopify';

export interface CustomerRef {
  /** The source's own id of the customer, when it has one. */
  externalId?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
}

export interface LineItemFacts {
  title: string;
  variantTitle?: string;
  quantity: number;
  priceCents: number;
}

export interface OrderPlaced {
  type: 'order_placed';
  source: Source;
  externalId: string;
  /** What the customer calls it, e.g. "#1005". */
  number?: string;
  customer: CustomerRef;
  currency: string;
  totalCents: number;
  shippingCents: number;
  financialStatus?: string;
  placedAt: Date;
  lineItems: LineItemFacts[];
}

export type DomainEvent = OrderPlaced;
