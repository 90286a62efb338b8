import { immediate, type Db } from '../db/client.js';
import type { DomainEvent } from '../history/events.js';
import { recordEvent } from '../history/record-event.js';
import { noticeOrder, noticeSupport, type NudgeSettings } from '../nudges/engine.js';
import { claimDelivery, type Delivery, type DeliveryOutcome } from './deliveries.js';

export interface AppliedDelivery {
  outcome: DeliveryOutcome;
  /** Nudges opened by this delivery; their cards are queued for Slack. */
  nudgeIds: number[];
  /** Privacy requests in this delivery, already recorded; acted on after the commit. */
  privacyEvents: DomainEvent[];
}

export interface ApplyOptions {
  settings: NudgeSettings;
  /**
   * Records privacy requests inside the delivery's transaction, so a request
   * acknowledged to the sender can never be lost.
   */
  onPrivacyRequest?: (tx: Db, event: DomainEvent, now: Date) => void;
}

/**
 * Stores a delivery's events and the nudges they cause in one transaction: the
 * sender gets its 2xx only after everything is committed, and a redelivery —
 * same delivery id, or the same business fact under a new id — changes nothing.
 */
export function applyDelivery(db: Db, delivery: Delivery, events: readonly DomainEvent[], options: ApplyOptions, now: Date): AppliedDelivery {
  return immediate(db, (tx) => {
    if (!claimDelivery(tx, delivery, events.length > 0 ? 'processed' : 'ignored', now)) {
      return { outcome: 'duplicate', nudgeIds: [], privacyEvents: [] };
    }
    const nudgeIds: number[] = [];
    const privacyEvents: DomainEvent[] = [];
    for (const event of events) {
      const outcome = recordEvent(tx, event, now);
      if (outcome.type === 'order_placed') nudgeIds.push(...noticeOrder(tx, outcome.order, options.settings, now));
      nudgeIds.push(...noticeSupport(tx, outcome, options.settings, now));
      if (outcome.type === 'privacy') {
        options.onPrivacyRequest?.(tx, event, now);
        privacyEvents.push(event);
      }
    }
    return { outcome: events.length > 0 ? 'processed' : 'ignored', nudgeIds, privacyEvents };
  });
}
