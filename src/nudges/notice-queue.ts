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

/**
 * Queues a reply in the thread of a nudge's card (a reminder, a call for a
 * manager): a thread reply notifies the people it mentions, an edited card
 * does not. Sent once the card itself is posted. No personal data in `text`.
 */
export function enqueueThreadNotice(tx: Db, nudgeId: number, text: string, now: Date): void {
  const at = now.getTime();
  tx.insert(slackNotices).values({ text, nudgeId, state: 'pending', nextAttemptAt: at, createdAt: at, updatedAt: at }).run();
}
