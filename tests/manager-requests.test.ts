import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, budgetMonths, gestures, nudges } from '../src/db/schema.js';
import { ActionId } from '../src/slack/ids.js';
import { buttons } from './helpers/block-text.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const MANAGER = 'U0MANAGER1';

let h: Harness;

afterEach(async () => {
  await h.close();
});

interface Card {
  nudgeId: number;
  ts: string;
}

/** Places an order from customer `n` at `at` (the clock moves there) and returns the card it posted. */
async function orderCard(n: number, orderId: number, at: string): Promise<Card> {
  h.clock.now = new Date(at);
  const posted = h.standIn.messages.length;
  const order = shopifyOrder({ id: orderId, number: orderId, email: `regular${n}@example.com`, firstName: 'Reg', lastName: `Ular${n}`, customerId: 800 + n, total: '40.00', createdAt: at });
  expect((await h.postShopify('orders/create', order)).status).toBe(200);
  await h.standIn.waitFor(() => h.standIn.messages.length > posted || undefined);
  await h.running.outbox.idle();
  const row = h.running.db.select().from(nudges).orderBy(nudges.id).all().at(-1);
  return { nudgeId: row!.id, ts: String(row!.messageTs) };
}

async function click(actionId: string, card: Card, userId: string): Promise<void> {
  expect((await h.clickButton({ actionId, value: String(card.nudgeId), userId, messageTs: card.ts })).status).toBe(200);
}

/** The private reply the person got after `before` earlier ones. */
const replyTo = (user: string, before = 0) => h.standIn.waitFor(() => h.standIn.ephemerals.filter((e) => e.user === user)[before]?.text);
const cardOf = (card: Card) => h.standIn.messages.find((message) => message.ts === card.ts);
const gestureOf = (card: Card) => h.running.db.select().from(gestures).where(eq(gestures.nudgeId, card.nudgeId)).get();
const spentIn = (month: string) => h.running.db.select().from(budgetMonths).where(eq(budgetMonths.month, month)).get()?.spentCents ?? 0;
const audits = () => h.running.db.select().from(auditLog).orderBy(auditLog.id).all().map((row) => [row.action, row.actor, row.detail?.['reason'] ?? row.detail?.['code'] ?? null]);

/** Waits until the outbox updated cards `count` times in all. */
async function updates(count: number): Promise<void> {
  await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length >= count || undefined);
  await h.running.outbox.idle();
}

describe('the per-customer cooldown', () => {
  it('sends an approver’s gesture for a customer whose last gesture was approved within the cooldown to a manager', async () => {
    h = await startHarness({ DELIGHT_MANAGER_IDS: MANAGER, DELIGHT_GESTURE_LIMIT: '50' });
    // October 15: her first order; $100 is above the limit, so it waits for the manager, who approves it on October 25.
    const first = await orderCard(1, 6001, '2026-10-15T15:00:00Z');
    await click(ActionId.approveLarge, first, ALICE);
    expect(await replyTo(ALICE)).toContain('$100 is above the $50 per-gesture limit');
    await updates(1);
    h.clock.now = new Date('2026-10-25T15:00:00Z');
    await click(ActionId.approveRequest, first, MANAGER);
    await updates(2);
    expect(gestureOf(first)).toMatchObject({ state: 'approved', approvedBy: MANAGER, approvedAt: Date.parse('2026-10-25T15:00:00Z') });

    // November 15: she comes back. The gesture was asked for 31 days ago, so her card is posted; it was approved 21 days ago, inside the 30-day cooldown.
    const second = await orderCard(1, 6002, '2026-11-15T15:00:00Z');
    expect(second.nudgeId).not.toBe(first.nudgeId);
    await click(ActionId.approveSmall, second, ALICE);
    expect(await replyTo(ALICE, 1)).toBe(
      `:hourglass_flowing_sand: This customer got a gesture 21 days ago; the per-customer cooldown is 30 days, so a manager must approve another (<@${MANAGER}>). They were asked in the card's thread; the card shows the request until one of them decides.`,
    );
    await updates(3);
    expect(gestureOf(second)).toMatchObject({ state: 'requested', requestedBy: ALICE, amountCents: 5_000, escalation: 'cooldown', approvedBy: null, approvedAt: null });
    expect(h.running.db.select().from(nudges).where(eq(nudges.id, second.nudgeId)).get()).toMatchObject({ state: 'pending', decidedBy: null });
    expect(spentIn('2026-11')).toBe(0);
    expect(JSON.stringify(cardOf(second)?.blocks)).toContain(`waiting for a manager (<@${MANAGER}>): the customer had a gesture recently.`);
    expect(buttons(cardOf(second)?.blocks).map((b) => b.action_id)).toEqual([ActionId.approveRequest, ActionId.declineRequest, ActionId.addNote]);
    const call = await h.standIn.waitFor(() => h.standIn.messages.find((m) => m.threadTs === second.ts));
    expect(call.text).toContain(`<@${MANAGER}>: <@${ALICE}> asks for a $50 gesture here. This customer got a gesture 21 days ago`);
    expect(audits()).toEqual([
      ['escalate', ALICE, 'over_limit'],
      ['approve', MANAGER, null],
      ['escalate', ALICE, 'cooldown'],
    ]);
  });
});

describe('the approver monthly limit', () => {
  it('sends an approver over their monthly total to a manager, and leaves another approver unaffected', async () => {
    h = await startHarness({ DELIGHT_APPROVER_IDS: `${ALICE},${BOB}`, DELIGHT_MANAGER_IDS: MANAGER, DELIGHT_APPROVER_MONTHLY_LIMIT: '120' });
    const first = await orderCard(1, 6101, '2026-11-20T12:00:00Z');
    const second = await orderCard(2, 6102, '2026-11-20T12:00:00Z');
    const third = await orderCard(3, 6103, '2026-11-20T12:00:00Z');

    // $100 is within Alice's $120; $50 more would not be.
    await click(ActionId.approveLarge, first, ALICE);
    await updates(1);
    expect(gestureOf(first)).toMatchObject({ state: 'approved', approvedBy: ALICE, amountCents: 10_000 });
    await click(ActionId.approveSmall, second, ALICE);
    expect(await replyTo(ALICE)).toBe(
      `:hourglass_flowing_sand: You approved $100 this month; $50 more is above your $120 monthly limit, so a manager must approve it (<@${MANAGER}>). They were asked in the card's thread; the card shows the request until one of them decides.`,
    );
    await updates(2);
    expect(gestureOf(second)).toMatchObject({ state: 'requested', requestedBy: ALICE, amountCents: 5_000, escalation: 'approver_limit', approvedBy: null });
    expect(spentIn('2026-11')).toBe(10_000);
    expect(JSON.stringify(cardOf(second)?.blocks)).toContain(`<@${ALICE}> asks for a *$50 gesture* — waiting for a manager (<@${MANAGER}>): above the approver's monthly limit.`);

    // Bob's month is his own: the same $50 goes through at once.
    await click(ActionId.approveSmall, third, BOB);
    await updates(3);
    expect(gestureOf(third)).toMatchObject({ state: 'approved', approvedBy: BOB, amountCents: 5_000, escalation: null });
    expect(h.standIn.ephemerals.filter((e) => e.user === BOB)).toEqual([]);
    expect(spentIn('2026-11')).toBe(15_000);

    // The manager approves Alice's request.
    await click(ActionId.approveRequest, second, MANAGER);
    await updates(4);
    expect(gestureOf(second)).toMatchObject({ state: 'approved', approvedBy: MANAGER, requestedBy: ALICE });
    expect(spentIn('2026-11')).toBe(20_000);
    expect(audits()).toEqual([
      ['approve', ALICE, null],
      ['escalate', ALICE, 'approver_limit'],
      ['approve', BOB, null],
      ['approve', MANAGER, null],
    ]);
  });
});

describe('a manager declines a request', () => {
  it('closes the gesture as declined without charging the budget, updates the card and tells the approver in its thread', async () => {
    h = await startHarness({ DELIGHT_APPROVER_IDS: `${ALICE},${BOB}`, DELIGHT_MANAGER_IDS: MANAGER, DELIGHT_GESTURE_LIMIT: '50' });
    const card = await orderCard(1, 6201, '2026-11-20T12:00:00Z');
    await click(ActionId.approveLarge, card, ALICE);
    await updates(1);
    expect(gestureOf(card)).toMatchObject({ state: 'requested', escalation: 'over_limit' });

    // An approver cannot decline it.
    await click(ActionId.declineRequest, card, BOB);
    expect(await replyTo(BOB)).toBe(':no_entry: Only a manager can decline this request.');
    expect(gestureOf(card)?.state).toBe('requested');

    await click(ActionId.declineRequest, card, MANAGER);
    await updates(2);
    expect(gestureOf(card)).toMatchObject({ state: 'declined', closedBy: MANAGER, closedAt: Date.parse('2026-11-20T12:00:00Z'), approvedBy: null, approvedAt: null, amountCents: 10_000 });
    expect(h.running.db.select().from(nudges).where(eq(nudges.id, card.nudgeId)).get()).toMatchObject({ state: 'skipped', decidedBy: MANAGER });
    expect(spentIn('2026-11')).toBe(0);
    expect(JSON.stringify(cardOf(card)?.blocks)).toContain(`:no_entry_sign: <@${MANAGER}> declined the $100 gesture <@${ALICE}> asked for`);
    expect(cardOf(card)?.text).toContain(`declined by <@${MANAGER}>`);
    expect(buttons(cardOf(card)?.blocks)).toEqual([]);
    const told = await h.standIn.waitFor(() => h.standIn.messages.find((m) => m.threadTs === card.ts && m.text.includes('declined')));
    expect(told.text).toBe(`<@${ALICE}>: <@${MANAGER}> declined the gesture you asked for.`);
    // Declining needs no private reply: the card says it.
    expect(h.standIn.ephemerals.filter((e) => e.user === MANAGER)).toEqual([]);
    const decline = h.running.db.select().from(auditLog).orderBy(auditLog.id).all().at(-1);
    expect(decline).toMatchObject({ action: 'decline', actor: MANAGER, nudgeId: card.nudgeId, gestureId: gestureOf(card)?.id, amountCents: 10_000, detail: { escalation: 'over_limit' } });
    expect(audits()).toEqual([
      ['escalate', ALICE, 'over_limit'],
      ['decline', BOB, 'needs_manager'],
      ['decline', MANAGER, null],
    ]);

    // A late click on the old Approve button changes nothing.
    await click(ActionId.approveRequest, card, MANAGER);
    expect(await replyTo(MANAGER)).toContain(`Already decided: <@${MANAGER}> declined the request for a $100 gesture. Nothing changed.`);
    expect(gestureOf(card)?.state).toBe('declined');
    expect(spentIn('2026-11')).toBe(0);
  });
});
