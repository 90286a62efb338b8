import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { auditLog, nudges, orders, webhookDeliveries } from '../src/db/schema.js';
import { ActionId } from '../src/slack/ids.js';
import { startHarness, TEST_CHANNEL, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const JANE = { email: 'Jane@Example.com', firstName: 'Jane', lastName: 'Smith', customerId: 501 };

function janeOrder(n: number, overrides: Partial<Parameters<typeof shopifyOrder>[0]> = {}) {
  const items = n === 4 ? [{ title: 'Merino scarf', variant: 'Blue', price: '45.00' }] : [{ title: `Mug no. ${n}`, price: '20.00' }];
  return shopifyOrder({ id: 1000 + n, number: 1000 + n, ...JANE, total: n === 4 ? '45.00' : '20.00', items, createdAt: `2026-11-0${n}T10:00:00Z`, ...overrides });
}

describe('Shopify order → nudge card', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    // The day after Jane's first order: her orders are fresh facts.
    h.clock.now = new Date('2026-11-02T12:00:00Z');
  });
  afterEach(async () => {
    await h.close();
  });

  it('posts a thank-you for the first order, a came-back card for the 2nd and a milestone card for the 5th, with context', async () => {
    // Orders arrive as they are placed: every one is fresh, so the 2nd earns its "came back" card.
    h.clock.now = new Date('2026-11-05T12:00:00Z');
    const skipLatest = async () => {
      const pending = h.running.db.select().from(nudges).where(eq(nudges.state, 'pending')).get();
      await h.clickButton({ actionId: ActionId.skip, value: String(pending?.id), userId: 'U0ALICE001' });
    };
    for (let n = 1; n <= 5; n++) {
      const res = await h.postShopify('orders/create', janeOrder(n));
      expect(res.status).toBe(200);
      // A card waiting for a decision would collect the next moment; deciding it lets the next one post on its own.
      if (n === 1 || n === 2) {
        await h.standIn.waitFor(() => h.standIn.messages.length === n || undefined);
        await skipLatest();
      }
    }
    const posted = await h.standIn.waitFor(() => (h.standIn.messages.length >= 3 ? h.standIn.messages : undefined));
    // The stand-in has the message a moment before the app has stored its ts.
    await h.running.outbox.idle();
    expect(posted).toHaveLength(3);
    expect(posted.every((message) => message.channel === TEST_CHANNEL)).toBe(true);
    expect(posted[0]?.text).toContain("Jane Smith's first order");
    expect(posted[1]?.text).toContain('Jane Smith is back for a 2nd order');
    const fifth = JSON.stringify(posted[2]?.blocks);
    expect(posted[2]?.text).toContain("Jane Smith's 5th order — add a note?");
    expect(fifth).toContain('*Orders so far*\\n5');
    expect(fifth).toContain('$125'); // lifetime: 4 × $20 + $45
    expect(fifth).toContain('1 × Mug no. 5');
    expect(fifth).toContain('*Last time*');
    expect(fifth).toContain('1 × Merino scarf (Blue)');
    const stored = h.running.db.select().from(nudges).orderBy(nudges.id).all();
    expect(stored.map((n) => n.messageTs)).toEqual(posted.map((m) => m.ts));
  });

  it('adds a new moment to the customer\'s undecided card instead of posting another', async () => {
    h.clock.now = new Date('2026-11-05T12:00:00Z');
    await h.postShopify('orders/create', janeOrder(1));
    const card = await h.standIn.waitFor(() => h.standIn.messages[0]);
    await h.running.outbox.idle();
    await h.postShopify('orders/create', janeOrder(2));
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    await h.running.outbox.idle();
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.running.db.select({ n: count() }).from(nudges).get()?.n).toBe(1);
    const updated = h.standIn.messages[0];
    expect(updated?.ts).toBe(card.ts);
    // The first order still heads the card (higher priority); the comeback is listed with its reason.
    expect(updated?.text).toContain("Jane Smith's first order");
    expect(JSON.stringify(updated?.blocks)).toContain(':heavy_plus_sign: Also: came back (2nd order, 1 day after the first)');
  });

  it('stores one order and posts one nudge for redeliveries, also concurrent ones', async () => {
    const order = janeOrder(1);
    const same = await Promise.all(Array.from({ length: 5 }, () => h.postShopify('orders/create', order, { webhookId: 'wh-1' })));
    const renamed = await Promise.all(Array.from({ length: 5 }, () => h.postShopify('orders/create', order)));
    expect([...same, ...renamed].map((res) => res.status)).toEqual(Array(10).fill(200));
    await h.standIn.waitFor(() => h.standIn.messages.length === 1 || undefined);
    await h.running.outbox.idle();
    expect(h.running.db.select({ n: count() }).from(orders).get()?.n).toBe(1);
    expect(h.running.db.select({ n: count() }).from(nudges).get()?.n).toBe(1);
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(1);
    const outcomes = h.running.db.select().from(webhookDeliveries).all().map((d) => d.outcome);
    expect(outcomes.filter((o) => o === 'processed')).toHaveLength(6); // wh-1 once + 5 fresh ids
  });

  it('approves $50 once: the card updates in place, a second click is told who decided', async () => {
    await h.postShopify('orders/create', janeOrder(1));
    const card = await h.standIn.waitFor(() => h.standIn.messages[0]);
    const nudgeId = String(h.running.db.select().from(nudges).get()?.id);
    const first = await h.clickButton({ actionId: ActionId.approveSmall, value: nudgeId, userId: 'U0ALICE001', messageTs: card.ts });
    expect(first.status).toBe(200);
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    const updated = h.standIn.messages[0];
    expect(updated?.ts).toBe(card.ts);
    expect(updated?.edited).toBe(true);
    const text = JSON.stringify(updated?.blocks);
    expect(text).toContain('<@U0ALICE001> approved a *$50 gesture*');
    expect(text).toContain('$950 left of $1,000');
    expect(text).not.toContain(ActionId.approveLarge);

    await h.clickButton({ actionId: ActionId.approveLarge, value: nudgeId, userId: 'U0BOB00001', messageTs: card.ts });
    const ephemeral = await h.standIn.waitFor(() => h.standIn.ephemerals[0]);
    expect(ephemeral.user).toBe('U0BOB00001');
    expect(ephemeral.text).toContain('<@U0ALICE001> approved a $50 gesture');
    await h.running.outbox.idle();
    expect(h.standIn.callsTo('chat.update')).toHaveLength(1);
    const actions = h.running.db.select().from(auditLog).all().map((row) => row.action);
    expect(actions).toEqual(['approve', 'approve_refused']);
  });

  it('decides a nudge once under concurrent clicks from several people', async () => {
    await h.postShopify('orders/create', janeOrder(1));
    await h.standIn.waitFor(() => h.standIn.messages[0]);
    const nudgeId = String(h.running.db.select().from(nudges).get()?.id);
    const users = ['U0A0000001', 'U0B0000002', 'U0C0000003', 'U0D0000004', 'U0E0000005', 'U0F0000006'];
    await Promise.all(users.map((userId, i) => h.clickButton({ actionId: i % 2 ? ActionId.skip : ActionId.approveLarge, value: nudgeId, userId })));
    await h.standIn.waitFor(() => h.standIn.ephemerals.length === users.length - 1 || undefined);
    const approvals = h.running.db.select().from(auditLog).where(eq(auditLog.action, 'approve')).all();
    const skips = h.running.db.select().from(auditLog).where(eq(auditLog.action, 'skip')).all();
    expect(approvals.length + skips.length).toBe(1);
  });

  it('skips: the card says who skipped and loses its buttons', async () => {
    await h.postShopify('orders/create', janeOrder(1));
    await h.standIn.waitFor(() => h.standIn.messages[0]);
    const nudgeId = String(h.running.db.select().from(nudges).get()?.id);
    await h.clickButton({ actionId: ActionId.skip, value: nudgeId, userId: 'U0ALICE001' });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    const text = JSON.stringify(h.standIn.messages[0]?.blocks);
    expect(text).toContain('Skipped by <@U0ALICE001>');
    expect(text).not.toContain(ActionId.approveSmall);
    expect(h.running.db.select().from(nudges).get()?.state).toBe('skipped');
  });
});
