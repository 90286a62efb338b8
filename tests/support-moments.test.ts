import { createHmac } from 'node:crypto';
import { count } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moments, nudges } from '../src/db/schema.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { postWebhook } from './helpers/webhooks.js';

const SECRET = 'generic-secret-support-moments';
const NOW = new Date('2026-11-23T10:00:00Z');
const JANE = { id: 'cus_jane', email: 'jane@example.com', first_name: 'Jane', last_name: 'Smith' };

/** An ISO time `minutes` before the harness clock: recent enough for every rule. */
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

/** Signs and posts a generic event as docs/generic-webhook.md tells senders to. */
async function postGeneric(h: Harness, event: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(h.clock.now.getTime() / 1000));
  const signature = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
  const res = await postWebhook(h.baseUrl, 'generic', body, { 'x-delight-timestamp': timestamp, 'x-delight-signature': signature });
  expect(res.status).toBe(200);
}

const nps = (id: string, score: number, responseId = id) => ({
  id,
  type: 'nps',
  response_id: responseId,
  score,
  answered_at: ago(30),
  customer: JANE,
});

const ticket = (id: string, minutesAgo: number, fields: Record<string, unknown>) => ({
  id,
  type: 'ticket',
  ticket_id: 'T-100',
  subject: 'Where is my parcel?',
  occurred_at: ago(minutesAgo),
  updated_at: ago(minutesAgo),
  customer: JANE,
  ...fields,
});

describe('support moments over the generic webhook', () => {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ GENERIC_WEBHOOK_SECRET: SECRET });
    h.clock.now = NOW;
  });
  afterEach(async () => {
    await h.close();
  });

  const nudgeCount = () => h.running.db.select({ n: count() }).from(nudges).get()?.n;
  const momentKinds = () => h.running.db.select({ kind: moments.kind }).from(moments).all().map((m) => m.kind);

  /** Waits for the outbox, then returns every card posted. */
  async function postedTexts(expected: number): Promise<string[]> {
    if (expected > 0) await h.standIn.waitFor(() => h.standIn.messages.length >= expected || undefined);
    await h.running.outbox.idle();
    return h.standIn.messages.map((m) => m.text ?? '');
  }

  it('posts a recovery card for an NPS detractor', async () => {
    await postGeneric(h, nps('nps-1', 3));
    expect(await postedTexts(1)).toEqual(['Jane Smith is unhappy — make it right?']);
    expect(momentKinds()).toEqual(['recovery']);
    expect(JSON.stringify(h.standIn.messages[0]?.blocks)).toContain('NPS 3 (detractor)');
  });

  it('posts a promoter card for an NPS 10', async () => {
    await postGeneric(h, nps('nps-1', 10));
    expect(await postedTexts(1)).toEqual(['Jane Smith loves you — thank them and ask for a referral?']);
    expect(momentKinds()).toEqual(['promoter']);
  });

  it('posts nothing for a passive NPS 7', async () => {
    await postGeneric(h, nps('nps-1', 7));
    expect(await postedTexts(0)).toEqual([]);
    expect(nudgeCount()).toBe(0);
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it("posts a recovery card for a 'bad' satisfaction rating", async () => {
    await postGeneric(h, { id: 'sat-1', type: 'satisfaction', rating_id: 'R-1', rating: 'bad', ticket_id: 'T-9', rated_at: ago(10), customer: JANE });
    expect(await postedTexts(1)).toEqual(['Jane Smith is unhappy — make it right?']);
    expect(momentKinds()).toEqual(['recovery']);
  });

  it('posts one card for the same NPS response delivered twice', async () => {
    await postGeneric(h, nps('evt-a', 2, 'resp-1'));
    await postGeneric(h, nps('evt-b', 2, 'resp-1')); // a new event id, the same response
    await postGeneric(h, nps('evt-a', 2, 'resp-1')); // a plain redelivery
    expect(await postedTexts(1)).toHaveLength(1);
    expect(nudgeCount()).toBe(1);
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('posts one recovery card for a ticket reopened twice', async () => {
    const changes: [string, number, Record<string, unknown>][] = [
      ['t-1', 300, { change: 'opened', status: 'open' }],
      ['t-2', 250, { change: 'status_changed', status: 'solved' }],
      ['t-3', 200, { change: 'status_changed', status: 'open' }],
      ['t-4', 150, { change: 'status_changed', status: 'solved' }],
    ];
    for (const [id, minutes, fields] of changes) await postGeneric(h, ticket(id, minutes, fields));
    expect(await postedTexts(0)).toEqual([]); // reopened once: not yet
    await postGeneric(h, ticket('t-5', 100, { change: 'status_changed', status: 'open' }));
    expect(await postedTexts(1)).toEqual(['Jane Smith is unhappy — make it right?']);
    // Later changes of the same ticket, even a third reopening, add no card.
    await postGeneric(h, ticket('t-6', 50, { change: 'status_changed', status: 'solved' }));
    await postGeneric(h, ticket('t-7', 20, { change: 'status_changed', status: 'open' }));
    await postGeneric(h, ticket('t-7', 20, { change: 'status_changed', status: 'open' }));
    expect(await postedTexts(1)).toHaveLength(1);
    expect(nudgeCount()).toBe(1);
    expect(momentKinds()).toEqual(['recovery']);
    expect(JSON.stringify(h.standIn.messages[0]?.blocks)).toContain('ticket reopened 2 times');
  });
});
