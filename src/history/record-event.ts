import type { Db } from '../db/client.js';
import { recordCheckoutAbandoned } from './checkouts.js';
import type { DomainEvent } from './events.js';
import { resolveCustomer } from './identity.js';
import { recordOrder, recordOrderUpdate, recordRefund, type RecordedOrder } from './record-order.js';
import { recordPayment, recordRating, recordTicket } from './record-support.js';

/** What storing one event did; the nudge engine reads it to decide on moments. */
export type RecordOutcome =
  | { type: 'order_placed'; order: RecordedOrder }
  | { type: 'ticket_changed'; customerId: number; ticketId: number; fresh: boolean; reopened: boolean }
  | { type: 'rating_recorded'; customerId: number; ratingId: number; fresh: boolean }
  | { type: 'recorded'; customerId: number | null; fresh: boolean }
  | { type: 'privacy'; event: DomainEvent };

/**
 * Stores one domain event in the customer timeline. Privacy requests are not
 * history: they are returned for the privacy module to act on.
 * Must run inside a transaction.
 */
export function recordEvent(tx: Db, event: DomainEvent, now: Date): RecordOutcome {
  switch (event.type) {
    case 'order_placed':
      return { type: 'order_placed', order: recordOrder(tx, event, now) };
    case 'order_updated': {
      const orderId = recordOrderUpdate(tx, event, now);
      return { type: 'recorded', customerId: null, fresh: orderId !== null };
    }
    case 'order_refunded': {
      const orderId = recordRefund(tx, event, now);
      return { type: 'recorded', customerId: null, fresh: orderId !== null };
    }
    case 'payment_recorded':
      return { type: 'recorded', ...recordPayment(tx, event, now) };
    case 'ticket_changed':
      return { type: 'ticket_changed', ...recordTicket(tx, event, now) };
    case 'satisfaction_rated':
    case 'nps_answered':
      return { type: 'rating_recorded', ...recordRating(tx, event, now) };
    case 'checkout_abandoned':
      return { type: 'recorded', ...recordCheckoutAbandoned(tx, event, now) };
    case 'customer_upserted':
      return { type: 'recorded', customerId: resolveCustomer(tx, event.source, event.customer, now, event.version), fresh: true };
    case 'customer_redact_requested':
    case 'customer_data_requested':
    case 'shop_redact_requested':
      return { type: 'privacy', event };
  }
}
