import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { digests } from '../../src/db/schema.js';
import { createLogger } from '../../src/logger.js';
import { startDelightbot } from '../../src/start.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { textObjects } from '../helpers/block-text.js';
import { pngSize } from '../helpers/png.js';
import { shopifyOrder } from '../helpers/shopify-orders.js';

interface SlashReply {
  response_type?: string;
  text: string;
  blocks: { type: string; text?: { text: string } }[];
}

/**
 * The weekly digest over the real app: claimed once per week, posted by the
 * outbox to the Slack stand-in with its chart uploaded through Slack's
 * external upload flow, and shown privately by `/delight digest`.
 */
describe('the weekly digest in Slack', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ DELIGHT_TIMEZONE: 'America/New_York' });
    // Three first orders on Friday Nov 20, inside the week Nov 16 – 22 that Monday Nov 23's digest covers.
    h.clock.now = new Date('2026-11-20T18:00:00Z');
    for (const index of [0, 1, 2]) {
      const order = shopifyOrder({ id: 8100 + index, number: 8100 + index, email: `buyer${index}@example.com`, customerId: 810 + index, total: '45.00' });
      expect((await h.postShopify('orders/create', order)).status).toBe(200);
    }
    await h.standIn.waitFor(() => h.standIn.messages.length === 3 || undefined);
    await h.running.outbox.idle();
  });
  afterEach(async () => {
    await h.close();
  });

  const digestMessages = () => h.standIn.messages.filter((message) => message.text.startsWith('Delight digest'));

  it('is not due before Monday 09:00 in the team time zone, then posts once with its chart', async () => {
    h.clock.now = new Date('2026-11-23T13:59:00Z'); // 08:59 in New York
    expect(h.running.digestIfDue()).toBeNull();
    h.clock.now = new Date('2026-11-23T14:00:00Z');
    expect(h.running.digestIfDue()).toBe('2026-W48');
    expect(h.running.digestIfDue()).toBeNull();
    await h.standIn.waitFor(() => h.standIn.callsTo('files.completeUploadExternal').length === 1 || undefined);
    await h.running.outbox.idle();

    const [message] = digestMessages();
    expect(digestMessages()).toHaveLength(1);
    expect(message?.channel).toBe(h.config.channelId);
    const header = (message?.blocks[0] as { text: { text: string } }).text.text;
    expect(header).toBe('Delight digest · Nov 16 – 22');
    const { mrkdwn } = textObjects(message?.blocks);
    expect(mrkdwn.join('\n')).toContain('*Moments found*\n3 ↑ _vs 0/wk_');
    expect(mrkdwn.join('\n')).toContain('Not enough data yet');

    const upload = h.standIn.files[0];
    expect(h.standIn.files).toHaveLength(1);
    expect(upload?.channels).toEqual([h.config.channelId]);
    expect(upload?.filename).toBe('delight-digest-2026-W48.png');
    expect(pngSize(upload?.bytes ?? Buffer.alloc(0))).toEqual({ width: 1200, height: 600 });
    const row = h.running.db.select().from(digests).get();
    expect(row).toMatchObject({ week: '2026-W48', state: 'done', messageTs: message?.ts, chartFileId: upload?.id });
  });

  it('is posted once when two instances share the database', async () => {
    const second = await startDelightbot({ config: { ...h.config, port: 0 }, logger: createLogger('silent'), now: () => h.clock.now, jobs: false });
    try {
      h.clock.now = new Date('2026-11-24T15:00:00Z');
      const claimed = [second.digestIfDue(), h.running.digestIfDue(), second.digestIfDue()];
      expect(claimed.filter((week) => week !== null)).toEqual(['2026-W48']);
      // Both outboxes look at once: only one may take the digest.
      h.running.outbox.kick();
      await h.standIn.waitFor(() => h.standIn.callsTo('files.completeUploadExternal').length === 1 || undefined);
      await Promise.all([h.running.outbox.idle(), second.outbox.idle()]);
      second.outbox.kick();
      h.running.outbox.kick();
      await Promise.all([h.running.outbox.idle(), second.outbox.idle()]);
      expect(digestMessages()).toHaveLength(1);
      expect(h.standIn.files).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });

  it('retries after a rate limit without posting twice, and posts without a chart Slack refuses for good', async () => {
    h.standIn.failNext('chat.postMessage', { status: 429, retryAfterSeconds: 1 });
    h.standIn.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    h.clock.now = new Date('2026-11-23T15:00:00Z');
    expect(h.running.digestIfDue()).toBe('2026-W48');
    await h.running.outbox.idle();
    expect(digestMessages()).toHaveLength(0);
    h.clock.now = new Date('2026-11-23T15:00:02Z');
    h.running.outbox.kick();
    await h.standIn.waitFor(() => digestMessages().length === 1 || undefined);
    await h.running.outbox.idle();
    const row = h.running.db.select().from(digests).where(eq(digests.week, '2026-W48')).get();
    expect(row).toMatchObject({ state: 'done', lastError: 'missing_scope', chartFileId: null });
    expect(h.standIn.files).toHaveLength(0);
    expect(digestMessages()).toHaveLength(1);
  });

  it('/delight digest shows the current week privately, at any time', async () => {
    h.clock.now = new Date('2026-11-25T15:00:00Z'); // Wednesday: the week's digest covers Nov 16 – 22
    const res = await h.slashCommand('digest');
    expect(res.status).toBe(200);
    const reply = (await res.json()) as SlashReply;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.blocks[0]?.text?.text).toBe('Delight digest · Nov 16 – 22');
    expect(JSON.stringify(reply.blocks)).not.toContain('chart follows');
    expect(digestMessages()).toHaveLength(0);
    expect(h.running.db.select().from(digests).all()).toHaveLength(0);
  });
});
