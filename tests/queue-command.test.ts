import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nudges } from '../src/db/schema.js';
import { checkMessageBlocks } from '../src/dev/slack-stand-in/index.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

interface SlashReply {
  response_type?: string;
  text: string;
  blocks: unknown[];
}

describe('the daily cap over the real app, and /delight queue', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ DELIGHT_DAILY_CAP: '2' });
    h.clock.now = new Date('2026-11-20T18:00:00Z');
  });
  afterEach(async () => {
    await h.close();
  });

  async function delight(text: string): Promise<SlashReply> {
    const res = await h.slashCommand(text);
    expect(res.status).toBe(200);
    return (await res.json()) as SlashReply;
  }

  it('posts two first orders, queues the third, shows the queue privately, and posts it the next day', async () => {
    const people = [
      { email: 'ann@example.com', firstName: 'Ann', lastName: 'Able' },
      { email: 'bo@example.com', firstName: 'Bo', lastName: 'Baker' },
      { email: 'evil@example.com', firstName: '<!channel>', lastName: '*Cole*' },
    ];
    for (const [index, person] of people.entries()) {
      const order = shopifyOrder({ id: 7100 + index, number: 7100 + index, ...person, customerId: 900 + index, total: '30.00' });
      expect((await h.postShopify('orders/create', order)).status).toBe(200);
    }
    await h.standIn.waitFor(() => h.standIn.messages.length === 2 || undefined);
    await h.running.outbox.idle();
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(2);
    expect(h.running.db.select({ state: nudges.state }).from(nudges).orderBy(nudges.id).all().map((row) => row.state)).toEqual(['pending', 'pending', 'queued']);

    const reply = await delight('queue');
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('1 nudge waiting');
    expect(reply.text).toContain("Today's cap is reached (2 of 2 posted)");
    const shown = JSON.stringify(reply.blocks);
    expect(shown).toContain('&lt;!channel&gt;');
    expect(shown).not.toContain('<!channel>');
    expect(shown).toContain('first order');
    expect(checkMessageBlocks(reply.blocks)).toMatchObject({ kind: 'valid' });

    h.clock.now = new Date('2026-11-21T08:00:00Z');
    await h.running.tick();
    await h.standIn.waitFor(() => h.standIn.messages.length === 3 || undefined);
    await h.running.outbox.idle();
    expect((await delight('queue')).text).toContain('The queue is empty. 1 of 2 cards posted today.');
  });

  it('lists queue and rules in the help', async () => {
    const help = await delight('help');
    expect(help.text).toContain('/delight queue');
    expect(help.text).toContain('/delight rules');
  });
});
