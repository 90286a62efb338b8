import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedFor } from '../db/prepared.js';
import { webhookDeliveries } from '../db/schema.js';

export interface Delivery {
  source: string;
  /** The sender's id for this delivery; redeliveries reuse it. */
  deliveryId: string;
  topic: string;
}

export type DeliveryOutcome = 'processed' | 'duplicate' | 'ignored';

const claimQuery = (db: Db) =>
  db
    .insert(webhookDeliveries)
    .values({
      source: sql.placeholder('source'),
      deliveryId: sql.placeholder('deliveryId'),
      topic: sql.placeholder('topic'),
      outcome: sql.placeholder('outcome'),
      receivedAt: sql.placeholder('receivedAt'),
    })
    .onConflictDoNothing()
    .prepare();

/**
 * Claims a delivery id inside the caller's transaction.
 * @returns false when the same delivery was received before (a redelivery).
 */
export function claimDelivery(tx: Db, delivery: Delivery, outcome: Exclude<DeliveryOutcome, 'duplicate'>, now: Date): boolean {
  const { source, deliveryId, topic } = delivery;
  return preparedFor(tx, claimQuery).run({ source, deliveryId, topic, outcome, receivedAt: now.getTime() }).changes === 1;
}
