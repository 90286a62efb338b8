import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customers, nudges } from '../src/db/schema.js';
import { ActionId } from '../src/slack/ids.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';
import { textObjects } from './helpers/block-text.js';

interface SlashReply {
  response_type?: string;
  text: string;
  blocks: unknown[];
}

const EVIL_FIRST = '<!channel>';
const EVIL_LAST = '<http://evil.example|click>';
const EVIL_ITEM = '*bold* _x_';

/** Jane Smith (3 orders), John Smith, a guest with no name, and a customer whose name and item try to inject mrkdwn. */
function seedOrders(): Record<string, unknown>[] {
  const jane = { email: 'Jane@Example.com', firstName: 'Jane', lastName: 'Smith', customerId: 501 };
  const guest = shopifyOrder({ id: 1005, number: 1005, email: 'guest@example.com', customerId: null, total: '12.00', createdAt: '2026-11-05T10:00:00Z' });
  return [
    shopifyOrder({ id: 1001, number: 1001, ...jane, total: '20.00', items: [{ title: 'Mug', price: '20.00' }], createdAt: '2026-11-01T10:00:00Z' }),
    shopifyOrder({ id: 1002, number: 1002, ...jane, total: '45.50', items: [{ title: 'Merino scarf', variant: 'Blue', quantity: 1, price: '45.50' }], createdAt: '2026-11-02T10:00:00Z' }),
    shopifyOrder({ id: 1003, number: 1003, ...jane, total: '30.00', items: [{ title: 'Tea towel', quantity: 3, price: '10.00' }], createdAt: '2026-11-03T10:00:00Z' }),
    shopifyOrder({ id: 1004, number: 1004, email: 'john@example.com', firstName: 'John', lastName: 'Smith', customerId: 502, total: '15.00', createdAt: '2026-11-04T10:00:00Z' }),
    // A guest checkout: no customer record and no name anywhere.
    { ...guest, billing_address: null },
    shopifyOrder({ id: 1006, number: 1006, email: 'evil@example.com', firstName: EVIL_FIRST, lastName: EVIL_LAST, customerId: 503, total: '9.00', items: [{ title: EVIL_ITEM, price: '9.00' }], createdAt: '2026-11-06T10:00:00Z' }),
  ];
}

describe('/delight customer look-up', () => {
  let h: Harness;

  async function delight(text: string): Promise<SlashReply> {
    const res = await h.slashCommand(text);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    const reply = (await res.json()) as SlashReply;
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text.length).toBeGreaterThan(0);
    return reply;
  }

  const all = (reply: SlashReply) => `${reply.text}\n${textObjects(reply.blocks).mrkdwn.join('\n')}\n${textObjects(reply.blocks).plain.join('\n')}`;

  beforeAll(async () => {
    h = await startHarness();
    // The day the last seeded order was placed: every order is a fresh fact.
    h.clock.now = new Date('2026-11-06T12:00:00Z');
    for (const order of seedOrders()) expect((await h.postShopify('orders/create', order)).status).toBe(200);
    // Jane's first-order nudge gets a $50 gesture, so her card and the budget have something to show.
    const janeId = h.running.db.select().from(customers).where(eq(customers.email, 'jane@example.com')).get()?.id;
    const janeNudge = h.running.db.select().from(nudges).where(eq(nudges.customerId, janeId ?? -1)).get();
    expect(janeNudge).toBeDefined();
    await h.clickButton({ actionId: ActionId.approveSmall, value: String(janeNudge?.id), userId: 'U0ALICE001' });
    await h.standIn.waitFor(() => h.standIn.messages.length === 4 && h.standIn.callsTo('chat.update').length === 1);
    await h.running.outbox.idle();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each(['jane@example.com', 'JANE@example.com', '  Jane@Example.COM  '])('finds Jane by e-mail %j and shows her card', async (query) => {
    const reply = await delight(query);
    expect(reply.text).toBe('Customer card: Jane Smith');
    const { mrkdwn, plain } = textObjects(reply.blocks);
    expect(plain).toContain('Jane Smith');
    const card = mrkdwn.join('\n');
    expect(card).toContain('*E-mail*\njane@example.com');
    expect(card).toContain('*Orders*\n3');
    expect(card).toContain('*Lifetime spend*\n$95.50');
    expect(card).toContain('*Customer since*\nNov 1, 2026');
    // Newest first, with their items.
    const recent = mrkdwn.find((text) => text.startsWith('*Recent orders*'));
    expect(recent?.split('\n')).toEqual([
      '*Recent orders*',
      '• #1003 · Nov 3, 2026 · $30 — 3 × Tea towel',
      '• #1002 · Nov 2, 2026 · $45.50 — 1 × Merino scarf (Blue)',
      '• #1001 · Nov 1, 2026 · $20 — 1 × Mug',
    ]);
    expect(card).toContain('$50 gesture approved by <@U0ALICE001> (approved)');
  });

  it('lists both Smiths for a partial name, and no one else', async () => {
    const reply = await delight('smi');
    const text = all(reply);
    expect(reply.text).toContain('2 customers match the name “smi”');
    expect(text).toContain('• Jane Smith — jane@example.com');
    expect(text).toContain('• John Smith — john@example.com');
    expect(text).not.toContain('guest@example.com');
    expect(text).not.toContain('Customer card');
  });

  it.each(['Jane Smith', 'jane   smith', 'JANE'])('shows the card for the name %j when only Jane matches', async (query) => {
    const reply = await delight(query);
    expect(reply.text).toBe('Customer card: Jane Smith');
    expect(textObjects(reply.blocks).mrkdwn.join('\n')).toContain('*Orders*\n3');
  });

  it.each(['#1002', '1002', ' #1002 '])('finds the customer of order %j', async (query) => {
    const reply = await delight(query);
    expect(reply.text).toBe('Customer card: Jane Smith');
  });

  it('finds John by his order number, with his own history only', async () => {
    const reply = await delight('#1004');
    expect(reply.text).toBe('Customer card: John Smith');
    const card = textObjects(reply.blocks).mrkdwn.join('\n');
    expect(card).toContain('*Orders*\n1');
    expect(card).toContain('*Gestures*\nnone yet');
    expect(card).not.toContain('#1002');
  });

  it('shows a guest without a name by e-mail and by order number', async () => {
    for (const query of ['guest@example.com', '#1005']) {
      const reply = await delight(query);
      expect(reply.text).toBe('Customer card: guest@example.com');
      expect(textObjects(reply.blocks).mrkdwn.join('\n')).toContain('1 × Merino scarf (Blue)');
    }
  });

  it.each([
    { query: 'nobody@example.com', searched: 'the e-mail “nobody@example.com”' },
    { query: 'Zebedee', searched: 'the name “Zebedee”' },
    { query: '#9999', searched: 'order #9999' },
    { query: '<!here> boom', searched: 'the name “&lt;!here&gt; boom”' },
  ])('says "No customer found" naming $searched', async ({ query, searched }) => {
    const reply = await delight(query);
    expect(reply.text).toContain(`No customer found for ${searched}`);
    expect(all(reply)).not.toContain('<!here>');
  });

  it.each(['help', 'HELP', '', '   '])('answers %j with the help', async (query) => {
    const reply = await delight(query);
    expect(reply.text).toContain('/delight jane@example.com');
    expect(reply.text).toContain('/delight budget');
    expect(reply.text).toContain('/delight #1005');
  });

  it('answers budget with spent and left this month', async () => {
    const reply = await delight('budget');
    expect(reply.text).toBe(':moneybag: Budget 2026-11: *$50* spent, *$950* left of $1,000.');
  });

  describe('customer text that tries to inject mrkdwn', () => {
    const escapedName = '&lt;!channel&gt; &lt;http://evil.example|click&gt;';
    const rawPieces = ['<!channel>', '<http://evil.example', '*bold*', '_x_'];

    function expectInert(texts: string[]): void {
      for (const text of texts) for (const raw of rawPieces) expect(text).not.toContain(raw);
    }

    it('is escaped in the nudge card posted to the channel, blocks and text fallback', () => {
      const card = h.standIn.messages.find((message) => message.text.includes('evil.example'));
      expect(card).toBeDefined();
      expect(card?.text).toContain(`${escapedName}'s first order`);
      const { mrkdwn } = textObjects(card?.blocks);
      expectInert([card?.text ?? '', ...mrkdwn]);
      const thisOrder = mrkdwn.find((text) => text.startsWith('*This order*'));
      expect(thisOrder).toContain('1 × *\u200bbold*\u200b _\u200bx_\u200b');
    });

    it.each(['evil@example.com', '#1006', 'channel'])('is escaped in the look-up card found by %j', async (query) => {
      const reply = await delight(query);
      expect(reply.text).toBe(`Customer card: ${escapedName}`);
      const { mrkdwn } = textObjects(reply.blocks);
      expectInert([reply.text, ...mrkdwn]);
      expect(mrkdwn.join('\n')).toContain('1 × *\u200bbold*\u200b _\u200bx_\u200b');
    });

    it('is escaped in a list of matches', async () => {
      const reply = await delight('h');
      const { mrkdwn } = textObjects(reply.blocks);
      expect(reply.text).toMatch(/3 customers match the name “h”/);
      expect(mrkdwn.join('\n')).toContain(`• ${escapedName} — evil@example.com`);
      expectInert([reply.text, ...mrkdwn]);
    });
  });
});
