import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { checkMessageBlocks } from '../src/dev/slack-stand-in/index.js';
import { customers, moments, nudges } from '../src/db/schema.js';
import { ActionId } from '../src/slack/ids.js';
import type { BudgetState } from '../src/gestures/budget.js';
import type { CustomerSummary, OrderSummary } from '../src/history/customer-summary.js';
import { loadCustomerHistory } from '../src/nudges/history-snapshot.js';
import type { NudgeView } from '../src/nudges/nudge-view.js';
import { nudgeCard, nudgeHeadline } from '../src/slack/blocks/nudge-card.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const TZ = 'America/New_York';
const AT = new Date('2026-11-20T15:00:00Z');
const budget: BudgetState = { month: '2026-11', currency: 'USD', limitCents: 100_000, spentCents: 0, leftCents: 100_000 };

function order(orderId: number): OrderSummary {
  return { orderId, number: `#${1000 + orderId}`, total: { cents: 4_550, currency: 'USD' }, placedAt: AT, items: [{ title: 'Mug', variantTitle: null, quantity: 1 }] };
}

function customer(): CustomerSummary {
  return {
    customerId: 7,
    name: 'Jane Smith',
    email: 'jane@example.com',
    ordersCount: 2,
    lifetimeSpend: [{ cents: 9_100, currency: 'USD' }],
    firstOrderAt: new Date('2026-11-17T10:00:00Z'),
    recentOrders: [order(1), order(2)],
    recentGestures: [],
    support: { sources: ['shopify'], recentPayments: [], openTickets: [], recentTickets: [], latestNps: null, latestSatisfaction: null },
  };
}

function view(overrides: Partial<NudgeView>): NudgeView {
  return {
    nudgeId: 42,
    state: 'pending',
    posted: true,
    kind: 'came_back',
    ordinal: 2,
    suggestedGesture: 'note',
    customer: customer(),
    order: order(2),
    previousOrder: order(1),
    note: null,
    decision: null,
    gesture: null,
    budget,
    channelId: null,
    messageTs: null,
    ...overrides,
  };
}

describe('playbook card headlines', () => {
  it.each([
    ['came_back', { kind: 'came_back', ordinal: 2 }, 'Jane Smith is back for a 2nd order — great to hear from you again?'],
    ['lifetime_spend', { kind: 'lifetime_spend', ordinal: 4, threshold: { cents: 50_000, currency: 'USD' } }, 'Jane Smith just passed $500 lifetime — recognise them?'],
    ['lifetime_spend in euros', { kind: 'lifetime_spend', ordinal: 4, threshold: { cents: 100_000, currency: 'EUR' } }, 'Jane Smith just passed €1,000 lifetime — recognise them?'],
    ['unneeded_express', { kind: 'unneeded_express', ordinal: null, suggestedGesture: 'fee_refund' }, "Jane Smith paid for express shipping they didn't need — refund the difference?"],
    ['surprise', { kind: 'surprise', ordinal: 7, suggestedGesture: 'gift' }, "Surprise Jane Smith? A good customer's ordinary order"],
  ] as [string, Partial<NudgeView>, string][])('%s', (_kind, overrides, headline) => {
    const card = nudgeCard(view(overrides), TZ);
    expect(nudgeHeadline(view(overrides))).toBe(headline);
    expect(card.text).toBe(headline);
    expect(checkMessageBlocks(card.blocks)).toMatchObject({ kind: 'valid' });
  });

  it('keeps the first-order and milestone headlines', () => {
    expect(nudgeHeadline(view({ kind: 'first_order', ordinal: 1 }))).toBe("Jane Smith's first order — say thank you?");
    expect(nudgeHeadline(view({ kind: 'order_milestone', ordinal: 5 }))).toBe("Jane Smith's 5th order — add a note?");
  });

  it("shows the rule's reason as an escaped context line, and no line without one", () => {
    const why = 'paid $25 <!channel> *Express*; standard ships in 2 days to US';
    const card = nudgeCard(view({ kind: 'unneeded_express', why }), TZ);
    const context = card.blocks.find((block) => block.type === 'context' && JSON.stringify(block).includes('standard ships'));
    const text = JSON.stringify(context);
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('"verbatim":true');
    expect(checkMessageBlocks(card.blocks)).toMatchObject({ kind: 'valid' });
    expect(text).toContain('suggested: handwritten note');
    const without = nudgeCard(view({ kind: 'came_back' }), TZ);
    const contexts = without.blocks.filter((block) => block.type === 'context').map((block) => JSON.stringify(block));
    // The suggestion line (no reason to show) and the budget line.
    expect(contexts).toHaveLength(2);
    expect(contexts[0]).toContain('Suggested: handwritten note');
  });
});

describe('order-time playbook rules over the harness', () => {
  const JANE = { email: 'jane.back@example.com', firstName: 'Jane', lastName: 'Smith', customerId: 901 };
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    h.clock.now = new Date('2026-11-20T12:00:00Z');
  });
  afterEach(async () => {
    await h.close();
  });

  const first = () => shopifyOrder({ id: 4001, number: 4001, ...JANE, total: '30.00', createdAt: '2026-11-15T10:00:00Z', items: [{ title: 'Mug', price: '30.00' }] });
  const second = (id = 4002) => shopifyOrder({ id, number: id, ...JANE, total: '45.00', createdAt: '2026-11-19T10:00:00Z', items: [{ title: 'Scarf', price: '45.00' }] });
  const janeId = () => h.running.db.select().from(customers).where(eq(customers.email, JANE.email)).get()?.id ?? -1;
  const janeMoments = () => h.running.db.select({ kind: moments.kind }).from(moments).orderBy(moments.id).all().map((m) => m.kind);

  /** Decides the open card, so the next moment gets a card of its own instead of joining it. */
  async function skipOpenCard(): Promise<void> {
    await h.standIn.waitFor(() => h.running.db.select().from(nudges).where(eq(nudges.state, 'pending')).get());
    const open = h.running.db.select().from(nudges).where(eq(nudges.state, 'pending')).get();
    expect((await h.clickButton({ actionId: ActionId.skip, value: String(open?.id), userId: 'U0ALICE001' })).status).toBe(200);
    await h.standIn.waitFor(() => h.running.db.select().from(nudges).where(eq(nudges.id, open?.id ?? -1)).get()?.state === 'skipped' || undefined);
  }

  it('posts a came-back card for a 2nd order placed within 7 days of now, with its reason', async () => {
    expect((await h.postShopify('orders/create', first())).status).toBe(200);
    await skipOpenCard();
    expect((await h.postShopify('orders/create', second())).status).toBe(200);
    const posted = await h.standIn.waitFor(() => (h.standIn.messages.length >= 2 ? h.standIn.messages : undefined));
    await h.running.outbox.idle();
    expect(posted).toHaveLength(2);
    expect(posted[0]?.text).toContain("Jane Smith's first order");
    expect(posted[1]?.text).toContain('Jane Smith is back for a 2nd order — great to hear from you again?');
    expect(JSON.stringify(posted[1]?.blocks)).toContain('2nd order, 4 days after the first');
    expect(janeMoments()).toEqual(['first_order', 'came_back']);

    // The snapshot the rules read: both orders, oldest first, with items and spend per currency.
    const history = loadCustomerHistory(h.running.db, janeId());
    expect(history.orders.map((o) => [o.total.cents, o.items.map((i) => i.title), o.cancelled])).toEqual([
      [3_000, ['Mug'], false],
      [4_500, ['Scarf'], false],
    ]);
    expect(history.lifetimeSpend).toEqual([{ cents: 7_500, currency: 'USD' }]);
    expect(history.firstOrderAt).toEqual(new Date('2026-11-15T10:00:00Z'));
    expect(history).toMatchObject({ abandonedCheckouts: [], lastGestureAt: null, lastSurpriseOrderId: null });
  });

  it('posts nothing for a cancelled 2nd order, and still welcomes the live one after it', async () => {
    expect((await h.postShopify('orders/create', first())).status).toBe(200);
    await h.standIn.waitFor(() => h.standIn.messages.length === 1 || undefined);
    await skipOpenCard();
    // First seen already cancelled: Shopify's orders/updated carries the whole order.
    const cancelled = { ...second(), cancelled_at: '2026-11-19T11:00:00Z', updated_at: '2026-11-19T11:00:00Z', financial_status: 'voided' };
    expect((await h.postShopify('orders/updated', cancelled)).status).toBe(200);
    await h.running.outbox.idle();
    expect(h.standIn.messages).toHaveLength(1);
    expect(janeMoments()).toEqual(['first_order']);
    expect(loadCustomerHistory(h.running.db, janeId()).orders.map((o) => o.cancelled)).toEqual([false, true]);

    expect((await h.postShopify('orders/create', second(4003))).status).toBe(200);
    await h.standIn.waitFor(() => h.standIn.messages.length === 2 || undefined);
    await h.running.outbox.idle();
    expect(h.standIn.messages[1]?.text).toContain('Jane Smith is back for a 2nd order');
    expect(janeMoments()).toEqual(['first_order', 'came_back']);
  });
});
