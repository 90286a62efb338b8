import type { Db } from '../db/client.js';
import { webhookDeliveries } from '../db/schema.js';

export interface Delivery {
  source: string;
  /** The sender's id for this delivery; redeliveries reuse it. */
  deliveryId: string;
  topic: string;
}

export type DeliveryOutcome = 'processed' | 'duplicate' | 'ignored';

/**
 * Claims a delivery id inside the caller's transaction.
 * @returns false when the same delivery was received before (a redelivery).
 */
export function claimDelivery(tx: Db, delivery: Delivery, outcome: Exclude<DeliveryOutcome, 'duplicate'>, now: Date): boolean {
  const inserted = tx
    .insert(webhookDeliveries)
    .values({ ...delivery, outcome, receivedAt: now.getTime() })
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id })
    .get();
  return inserted !== undefined;
}
