import { eq } from 'drizzle-orm';
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import { nudges, slackNotices } from '../db/schema.js';
import type { NoteFailure } from './slack-errors.js';

type NoticeRow = typeof slackNotices.$inferSelect;

export interface NoticeDeps {
  db: Db;
  client: WebClient;
  channelId: string;
  now: () => Date;
}

/** How long a thread reply waits for its card to be posted before looking again. */
const THREAD_WAIT_MS = 5_000;

/**
 * Posts one due notice for the outbox (a reminder or a call for a manager in
 * a card's thread, or a message of its own) and records the outcome.
 */
export async function deliverNotice(deps: NoticeDeps, notice: NoticeRow, noteFailure: NoteFailure): Promise<void> {
  const { db, client, channelId } = deps;
  const at = () => deps.now().getTime();
  const thread = notice.nudgeId === null ? null : threadOf(db, notice.nudgeId);
  if (thread === 'wait') {
    // The card is not in the channel yet: its own delivery comes first, the reply right after.
    db.update(slackNotices).set({ nextAttemptAt: at() + THREAD_WAIT_MS, updatedAt: at() }).where(eq(slackNotices.id, notice.id)).run();
    return;
  }
  try {
    const posted = await client.chat.postMessage({
      channel: thread?.channelId ?? notice.channelId ?? channelId,
      text: notice.text,
      unfurl_links: false,
      unfurl_media: false,
      ...(thread ? { thread_ts: thread.ts } : {}),
    });
    db.update(slackNotices).set({ state: 'done', attempts: notice.attempts + 1, messageTs: String(posted.ts), updatedAt: at() }).where(eq(slackNotices.id, notice.id)).run();
  } catch (error) {
    const failure = noteFailure(error, notice.attempts, { noticeId: notice.id }, 'slack notice delivery failed');
    const next = failure.permanent ? { state: 'dead' } : { nextAttemptAt: at() + failure.delayMs };
    db.update(slackNotices).set({ ...next, attempts: notice.attempts + 1, lastError: failure.reason, updatedAt: at() }).where(eq(slackNotices.id, notice.id)).run();
  }
}

/** Where a nudge's card is, for a reply in its thread: its channel and message once posted, 'wait' until then, null when the nudge no longer exists. */
function threadOf(db: Db, nudgeId: number): { channelId: string; ts: string } | 'wait' | null {
  const nudge = db.select({ channelId: nudges.channelId, ts: nudges.messageTs }).from(nudges).where(eq(nudges.id, nudgeId)).get();
  if (nudge?.channelId && nudge.ts) return { channelId: nudge.channelId, ts: nudge.ts };
  if (!nudge) return null;
  return 'wait';
}
