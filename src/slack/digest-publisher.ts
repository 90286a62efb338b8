import { and, eq } from 'drizzle-orm';
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/client.js';
import { digests } from '../db/schema.js';
import { chartSvg } from '../digest/chart-svg.js';
import { CHART_REPEAT_DAYS } from '../digest/chart-weeks.js';
import type { Digest } from '../digest/digest.js';
import { renderPng } from '../digest/render-png.js';
import { storyNames } from '../digest/story-names.js';
import { formatMoney } from '../money.js';
import { dayRange } from './blocks/digest-format.js';
import { digestMessage } from './blocks/digest-message.js';
import { shareFile } from './file-upload.js';
import type { NoteFailure } from './slack-errors.js';

export type DigestRow = typeof digests.$inferSelect;

/** How long a digest being delivered stays out of other instances' reach; a crash mid-delivery frees it after this. */
const DIGEST_LEASE_MS = 2 * 60_000;
/** Attempts at a digest's chart once its message is posted: with the backoff, about five hours. */
const CHART_ATTEMPTS = 30;

/**
 * Delivers one due digest row for the outbox: leases it, publishes it, and
 * records the outcome — done, a retry time, or dead when the message itself
 * can never be posted. A chart refused for good does not hold the digest back.
 */
export async function deliverDigest(deps: { db: Db; client: WebClient; now: () => Date }, row: DigestRow, noteFailure: NoteFailure): Promise<void> {
  const { db } = deps;
  const at = () => deps.now().getTime();
  // A lease first: a second instance by mistake finds the row taken and leaves the digest to this one.
  const leased = db
    .update(digests)
    .set({ nextAttemptAt: at() + DIGEST_LEASE_MS, updatedAt: at() })
    .where(and(eq(digests.id, row.id), eq(digests.state, 'pending'), eq(digests.nextAttemptAt, row.nextAttemptAt)))
    .run();
  if (leased.changes !== 1) return;
  try {
    await publishDigest(db, deps.client, row, deps.now);
    db.update(digests).set({ state: 'done', attempts: row.attempts + 1, updatedAt: at() }).where(eq(digests.id, row.id)).run();
  } catch (error) {
    const failure = noteFailure(error, row.attempts, { digestId: row.id }, 'slack digest delivery failed');
    const posted = db.select({ ts: digests.messageTs }).from(digests).where(eq(digests.id, row.id)).get()?.ts;
    // Once the message is out, the chart alone is not worth retrying for days: a missing files:write scope needs a reinstall.
    const chartGivesUp = Boolean(posted) && (failure.reason === 'missing_scope' || row.attempts + 1 >= CHART_ATTEMPTS);
    const next = failure.permanent || chartGivesUp ? { state: posted ? 'done' : 'dead' } : { nextAttemptAt: at() + failure.delayMs };
    db.update(digests).set({ ...next, attempts: row.attempts + 1, lastError: failure.reason, updatedAt: at() }).where(eq(digests.id, row.id)).run();
  }
}

/**
 * Posts a claimed digest in two steps, each remembered once Slack answered:
 * the message (its ts is kept, so a retry never posts it twice), then the
 * chart. A chart Slack refuses for good (no files:write scope) leaves the
 * digest posted without it; the caller logs the reason.
 * @throws Slack's error from the step that failed; the row says which steps are done.
 */
export async function publishDigest(db: Db, client: WebClient, row: DigestRow, now: () => Date): Promise<void> {
  const digest = row.content as unknown as Digest;
  if (!row.messageTs) {
    const names = storyNames(db, digest.stories.map((story) => story.customerId));
    const message = digestMessage(digest, names, { chartFollows: true });
    const posted = await client.chat.postMessage({ channel: row.channelId, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
    row = { ...row, messageTs: String(posted.ts) };
    db.update(digests).set({ messageTs: row.messageTs, updatedAt: now().getTime() }).where(eq(digests.id, row.id)).run();
  }
  if (!row.chartFileId) {
    const png = digestChartPng(digest);
    const days = dayRange(digest.firstDay, digest.lastDay);
    const { fileId } = await shareFile(client, {
      channelId: row.channelId,
      filename: `delight-digest-${digest.week}.png`,
      title: `Delight digest ${digest.week}: spend, gestures and repeat rate, last 12 weeks`,
      altText: `Chart: gesture spend and count per week for the 12 weeks to ${days}, with the repeat-purchase rate of gifted and holdout customers.`,
      bytes: png,
    });
    db.update(digests).set({ chartFileId: fileId, updatedAt: now().getTime() }).where(eq(digests.id, row.id)).run();
  }
}

/** The digest's 12-week chart as PNG bytes. */
export function digestChartPng(digest: Digest): Buffer {
  const svg = chartSvg({
    title: `Delight, week by week — 12 weeks to ${dayRange(digest.firstDay, digest.lastDay)}`,
    currency: digest.currency,
    formatMoney: (cents) => formatMoney(cents, digest.currency),
    weeks: digest.chart,
    subtitle: `Bars: gesture spend per week (gestures above). Lines: gifted vs holdout customers who ordered again within ${CHART_REPEAT_DAYS} days (4-week cohorts).`,
  });
  return renderPng(svg);
}
