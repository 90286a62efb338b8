import type { Db } from '../db/client.js';
import { slackNotices } from '../db/schema.js';

/**
 * Queues a plain message for the delight channel, in the caller's transaction.
 * The text must not contain personal data: it stays in the queue until sent.
 */
export function enqueueNotice(tx: Db, text: string, now: Date): void {
  const at = now.getTime();
  tx.insert(slackNotices).values({ text, state: 'pending', nextAttemptAt: at, createdAt: at, updatedAt: at }).run();
}
