import { immediate, type Db } from '../db/client.js';
import type { DomainEvent } from '../history/events.js';
import { recordOrder } from '../history/record-order.js';
import { noticeOrder, type NudgeSettings } from '../nudges/engine.js';
import { claimDelivery, type Delivery, type DeliveryOutcome } from './deliveries.js';

export interface AppliedDelivery {
  outcome: DeliveryOutcome;
  /** Nudges opened by this delivery; their cards are queued for Slack. */
  nudgeIds: number[];
}

/**
 * Stores a delivery's events and the nudges they cause in one transaction: the
 * sender gets its 2xx only after everything is committed, and a redelivery —
 * same delivery id, or the same order under a new id — changes nothing.
 */
export function applyDelivery(db: Db, delivery: Delivery, events: readonly DomainEvent[], settings: NudgeSettings, now: Date): AppliedDelivery {
  return immediate(db, (tx) => {
    if (!claimDelivery(tx, delivery, events.length > 0 ? 'processed' : 'ignored', now)) {
      return { outcome: 'duplicate', nudgeIds: [] };
    }
    const nudgeIds: number[] = [];
    for (const event of events) {
      switch (event.type) {
        case 'order_placed': {
          const order = recordOrder(tx, event, now);
          nudgeIds.push(...noticeOrder(tx, order, settings, now));
          break;
        }
        default:
          // Recorded by the timeline recorders as they are added; until then acknowledged.
          break;
      }
    }
    return { outcome: events.length > 0 ? 'processed' : 'ignored', nudgeIds };
  });
}
