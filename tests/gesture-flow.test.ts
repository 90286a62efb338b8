import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, budgetMonths, gestures, nudges } from '../src/db/schema.js';
import { checkView } from '../src/dev/slack-stand-in/block-kit-rules.js';
import { ActionId, BlockId, InputActionId, ViewId } from '../src/slack/ids.js';
import { buttons } from './helpers/block-text.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const HOUR = 3_600_000;

let h: Harness;
afterEach(async () => {
  await h.close();
});

/** Starts the app at `now`, sends `count` first orders and waits for their cards. */
async function withCards(env: Record<string, string>, count = 1, now = '2026-11-20T12:00:00Z'): Promise<{ nudgeId: string; ts: string }[]> {
  h = await startHarness(env);
  h.clock.now = new Date(now);
  for (let i = 1; i <= count; i++) {
    const order = shopifyOrder({ id: 5000 + i, number: 5000 + i, email: `buyer${i}@example.com`, firstName: 'Buyer', lastName: `No${i}`, customerId: 700 + i, total: '25.00' });
    expect((await h.postShopify('orders/create', order)).status).toBe(200);
  }
  await h.standIn.waitFor(() => h.standIn.messages.length === count || undefined, 20_000);
  await h.running.outbox.idle();
  return h.running.db.select().from(nudges).orderBy(nudges.id).all().map((row) => ({ nudgeId: String(row.id), ts: String(row.messageTs) }));
}

const actions = () => h.running.db.select().from(auditLog).orderBy(auditLog.id).all().map((row) => row.action);
const cardBlocks = (index = 0) => JSON.stringify(h.standIn.messages[index]?.blocks);

function gestureValues(fields: { kind?: string; amount?: string | null; message?: string; fulfiller?: string }) {
  return {
    [BlockId.gestureKind]: { [InputActionId.gestureKind]: { type: 'static_select', selected_option: { value: fields.kind ?? 'gift_card' } } },
    [BlockId.gestureAmount]: { [InputActionId.gestureAmount]: { type: 'plain_text_input', value: fields.amount === undefined ? '75' : fields.amount } },
    [BlockId.gestureMessage]: { [InputActionId.gestureMessage]: { type: 'plain_text_input', value: fields.message ?? null } },
    [BlockId.gestureFulfiller]: { [InputActionId.gestureFulfiller]: { type: 'users_select', selected_user: fields.fulfiller ?? ALICE } },
  };
}

async function openCustomize(nudgeId: string, ts: string) {
  await h.clickButton({ actionId: ActionId.customize, value: nudgeId, userId: ALICE, messageTs: ts });
  return h.standIn.waitFor(() => h.standIn.views.find((v) => v.view['callback_id'] === ViewId.gestureModal));
}

describe('Customize…', () => {
  it('opens a valid window with the suggestion, the two questions and the clicker as fulfiller', async () => {
    const [card] = await withCards({});
    const opened = await openCustomize(card!.nudgeId, card!.ts);
    expect(checkView(opened.view, ['modal'])).toEqual([]);
    const text = JSON.stringify(opened.view);
    expect(text).toContain('Is it the right thing to do? Will it be a great experience?');
    expect(text).toContain(`"initial_user":"${ALICE}"`);
    expect(JSON.parse(String(opened.view['private_metadata']))).toEqual({ nudgeId: Number(card!.nudgeId) });
    expect(text).not.toContain('buyer1@example.com');
  });

  it.each([
    ['an amount that is not a number', { amount: 'lots' }, BlockId.gestureAmount, 'Write an amount in USD'],
    ['a negative amount', { amount: '-5' }, BlockId.gestureAmount, 'Write an amount in USD'],
    ['more decimals than cents', { amount: '10.001' }, BlockId.gestureAmount, 'Write an amount in USD'],
    ['$0 for a gift card', { amount: '0' }, BlockId.gestureAmount, 'positive amount'],
    ['a gesture kind that is not ours', { kind: 'yacht' }, BlockId.gestureKind, 'Pick a gesture'],
    ['an amount over the budget', { amount: '2000' }, BlockId.gestureAmount, "over this month's budget"],
  ])('answers %s with an error inside the window and changes nothing', async (_name, fields, blockId, message) => {
    const [card] = await withCards({ DELIGHT_GESTURE_LIMIT: '5000', DELIGHT_MANAGER_IDS: 'U0MANAGER1' });
    const res = await h.submitView({ callbackId: ViewId.gestureModal, privateMetadata: JSON.stringify({ nudgeId: Number(card!.nudgeId) }), values: gestureValues(fields), userId: ALICE });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors[blockId]).toContain(message);
    expect(h.running.db.select().from(gestures).all()).toEqual([]);
    expect(h.running.db.select().from(nudges).get()?.state).toBe('pending');
  });

  it('approves the customized gesture, names the fulfiller on the card and calls them in the thread', async () => {
    const [card] = await withCards({});
    const res = await h.submitView({
      callbackId: ViewId.gestureModal,
      privateMetadata: JSON.stringify({ nudgeId: Number(card!.nudgeId) }),
      values: gestureValues({ kind: 'gift_card', amount: '$75', message: 'Thank you <!channel> for being with us!', fulfiller: BOB }),
      userId: ALICE,
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    expect(cardBlocks()).toContain(`<@${ALICE}> approved a *$75 gift card*`);
    expect(cardBlocks()).toContain(`<@${BOB}> makes it happen`);
    expect(cardBlocks()).toContain('Thank you &lt;!channel&gt; for being with us!');
    expect(buttons(h.standIn.messages[0]?.blocks).map((b) => b.action_id)).toEqual([ActionId.markDone, ActionId.cancelGesture]);
    const thread = await h.standIn.waitFor(() => h.standIn.messages.find((m) => m.threadTs === card!.ts));
    expect(thread.text).toContain(`<@${BOB}>`);
    expect(h.running.db.select().from(gestures).get()).toMatchObject({ kind: 'gift_card', amountCents: 7_500, state: 'approved', fulfillerId: BOB, approvedBy: ALICE });
    expect(actions()).toEqual(['customize']);
  });
});

describe('fulfilment', () => {
  async function approved(env: Record<string, string> = {}) {
    const [card] = await withCards(env);
    await h.clickButton({ actionId: ActionId.approveSmall, value: card!.nudgeId, userId: ALICE, messageTs: card!.ts });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    return card!;
  }

  it('marks a gesture done with what the customer was told, once', async () => {
    const card = await approved();
    await h.clickButton({ actionId: ActionId.markDone, value: card.nudgeId, userId: ALICE, messageTs: card.ts });
    const opened = await h.standIn.waitFor(() => h.standIn.views.find((v) => v.view['callback_id'] === ViewId.fulfilModal));
    expect(checkView(opened.view, ['modal'])).toEqual([]);
    const submit = (message: string | null, note: string | null = null) =>
      h.submitView({
        callbackId: ViewId.fulfilModal,
        privateMetadata: String(opened.view['private_metadata']),
        values: {
          [BlockId.fulfilMessage]: { [InputActionId.fulfilMessage]: { type: 'plain_text_input', value: message } },
          [BlockId.fulfilNote]: { [InputActionId.fulfilNote]: { type: 'plain_text_input', value: note } },
        },
        userId: ALICE,
      });
    const blank = await submit('   ');
    expect(((await blank.json()) as { errors: Record<string, string> }).errors[BlockId.fulfilMessage]).toContain('make sure they know');
    const done = await submit('We sent you a $50 gift card to say thanks.', 'code THANKS50');
    expect(await done.text()).toBe('');
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 2 || undefined);
    expect(cardBlocks()).toContain(`*Done:* <@${ALICE}> marked it done`);
    expect(cardBlocks()).toContain('Told the customer');
    expect(cardBlocks()).toContain('code THANKS50');
    expect(buttons(h.standIn.messages[0]?.blocks)).toEqual([]);
    const again = await submit('again');
    expect(((await again.json()) as { errors: Record<string, string> }).errors[BlockId.fulfilMessage]).toContain('Already done');
    expect(h.running.db.select().from(gestures).get()).toMatchObject({ state: 'fulfilled', fulfilledBy: ALICE, customerMessage: 'We sent you a $50 gift card to say thanks.', fulfilmentNote: 'code THANKS50' });
    expect(actions()).toEqual(['approve', 'fulfil', 'fulfil_refused']);
  });

  it('cancels a gesture and gives its amount back to the budget', async () => {
    const card = await approved();
    expect(h.running.db.select().from(budgetMonths).get()?.spentCents).toBe(5_000);
    await h.clickButton({ actionId: ActionId.cancelGesture, value: card.nudgeId, userId: ALICE, messageTs: card.ts });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 2 || undefined);
    expect(cardBlocks()).toContain(`Cancelled by <@${ALICE}>; the $50 went back to the budget`);
    expect(h.running.db.select().from(budgetMonths).get()?.spentCents).toBe(0);
    expect(h.running.db.select().from(gestures).get()?.state).toBe('cancelled');
    expect(actions()).toEqual(['approve', 'cancel']);
  });

  it('refuses to change a gesture for someone who is neither its fulfiller nor an approver', async () => {
    const card = await approved({ DELIGHT_APPROVER_IDS: ALICE });
    await h.clickButton({ actionId: ActionId.cancelGesture, value: card.nudgeId, userId: BOB, messageTs: card.ts });
    const reply = await h.standIn.waitFor(() => h.standIn.ephemerals.find((e) => e.user === BOB));
    expect(reply.text).toContain(`Only <@${ALICE}>, an approver or a manager`);
    expect(h.running.db.select().from(gestures).get()?.state).toBe('approved');
    expect(actions()).toEqual(['approve', 'cancel_refused']);
  });

  it('reminds the fulfiller in the thread after 24 hours, once a day, until it is done', async () => {
    const card = await approved();
    const reminders = () => h.standIn.messages.filter((m) => m.threadTs === card.ts && m.text.includes('not marked done yet'));
    h.clock.now = new Date(h.clock.now.getTime() + 23 * HOUR);
    await h.running.tick();
    await h.running.outbox.idle();
    expect(reminders()).toHaveLength(0);
    h.clock.now = new Date(h.clock.now.getTime() + 2 * HOUR);
    await h.running.tick();
    await h.standIn.waitFor(() => reminders().length === 1 || undefined);
    expect(reminders()[0]?.text).toContain(`<@${ALICE}>`);
    expect(reminders()[0]?.text).not.toContain('buyer1');
    h.clock.now = new Date(h.clock.now.getTime() + 3 * HOUR);
    await h.running.tick();
    await h.running.outbox.idle();
    expect(reminders()).toHaveLength(1);
    h.clock.now = new Date(h.clock.now.getTime() + 22 * HOUR);
    await h.running.tick();
    await h.standIn.waitFor(() => reminders().length === 2 || undefined);
    expect(actions().filter((a) => a === 'remind')).toHaveLength(2);
  });
});

describe('budget pacing', () => {
  it('sends a low-priority gesture to a manager once spending runs ahead of pace, and lets a milestone through', async () => {
    // Nov 3: a tenth of the month. A $1,000 budget is paced at $100; $300 spent is $200 ahead.
    const cards = await withCards({ DELIGHT_MANAGER_IDS: 'U0MANAGER1', DELIGHT_MONTHLY_BUDGET: '1000', DELIGHT_GESTURE_LIMIT: '300' }, 3, '2026-11-04T00:00:00Z');
    await h.clickButton({ actionId: ActionId.approveLarge, value: cards[0]!.nudgeId, userId: 'U0MANAGER1' });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length >= 1 || undefined);
    // A first-order card is a warm moment (priority 50): low priority for pacing.
    h.running.db.update(budgetMonths).set({ spentCents: 30_000 }).run();
    await h.clickButton({ actionId: ActionId.approveSmall, value: cards[1]!.nudgeId, userId: ALICE });
    const reply = await h.standIn.waitFor(() => h.standIn.ephemerals.find((e) => e.user === ALICE));
    expect(reply.text).toContain('ahead of this month');
    expect(h.running.db.select().from(gestures).where(eq(gestures.nudgeId, Number(cards[1]!.nudgeId))).get()).toMatchObject({ state: 'requested', escalation: 'ahead_of_pace' });
    await h.standIn.waitFor(() => h.standIn.messages.some((m) => JSON.stringify(m.blocks).includes('*ahead of pace*')) || undefined);
    // A milestone-priority nudge is not held up.
    h.running.db.update(nudges).set({ priority: 60 }).where(eq(nudges.id, Number(cards[2]!.nudgeId))).run();
    await h.clickButton({ actionId: ActionId.approveSmall, value: cards[2]!.nudgeId, userId: ALICE });
    await h.standIn.waitFor(() => h.running.db.select().from(gestures).where(eq(gestures.nudgeId, Number(cards[2]!.nudgeId))).get()?.state === 'approved' || undefined);
  });
});

describe('a request waiting for a manager', () => {
  it('outlives the 48-hour expiry of undecided cards, and the manager can still approve it', async () => {
    const [card] = await withCards({ DELIGHT_MANAGER_IDS: 'U0MANAGER1', DELIGHT_GESTURE_LIMIT: '50' });
    await h.clickButton({ actionId: ActionId.approveLarge, value: card!.nudgeId, userId: ALICE, messageTs: card!.ts });
    await h.standIn.waitFor(() => h.running.db.select().from(gestures).get()?.state === 'requested' || undefined);
    h.clock.now = new Date(h.clock.now.getTime() + 49 * HOUR);
    await h.running.tick();
    await h.running.outbox.idle();
    expect(h.running.db.select().from(nudges).get()?.state).toBe('pending');
    expect(actions()).not.toContain('expire');
    await h.clickButton({ actionId: ActionId.approveRequest, value: card!.nudgeId, userId: 'U0MANAGER1', messageTs: card!.ts });
    await h.standIn.waitFor(() => h.running.db.select().from(gestures).get()?.state === 'approved' || undefined);
    expect(h.running.db.select().from(nudges).get()?.state).toBe('approved');
  });
});

describe('concurrent approvals', () => {
  it('never overspends: 200 approvals at once against a budget that fits 7', async () => {
    // Pacing off (a margin of the whole budget): this is about the budget's hard limit alone.
    const cards = await withCards({ DELIGHT_MONTHLY_BUDGET: '700', DELIGHT_DAILY_CAP: '1000', DELIGHT_PACE_MARGIN: '1' }, 200);
    const users = ['U0A0000001', 'U0B0000002', 'U0C0000003', 'U0D0000004'];
    const responses = await Promise.all(cards.map((card, i) => h.clickButton({ actionId: ActionId.approveLarge, value: card.nudgeId, userId: users[i % users.length]!, messageTs: card.ts })));
    expect(responses.every((res) => res.status === 200)).toBe(true);
    await h.standIn.waitFor(() => (h.standIn.ephemerals.length >= 193 ? true : undefined), 20_000);
    expect(h.running.db.select().from(gestures).all()).toHaveLength(7);
    expect(h.running.db.select().from(budgetMonths).get()).toMatchObject({ limitCents: 70_000, spentCents: 70_000 });
    expect(h.running.db.select().from(nudges).where(eq(nudges.state, 'approved')).all()).toHaveLength(7);
    const refused = h.running.db.select().from(auditLog).where(eq(auditLog.action, 'approve_refused')).all();
    expect(refused).toHaveLength(193);
    expect(refused.every((row) => (row.detail as { code?: string }).code === 'over_budget')).toBe(true);
    expect(h.standIn.ephemerals.filter((e) => e.text.includes("over this month's budget"))).toHaveLength(193);
  }, 60_000);
});

describe('an automatic fulfiller plugged in', () => {
  /** A stand-in for a store integration (e.g. Shopify discount codes): records what it was asked, answers as told. */
  function discountCodes(answer: 'ok' | 'fail') {
    const asked: unknown[] = [];
    return {
      asked,
      fulfiller: {
        name: 'test discount codes',
        kinds: ['discount' as const],
        fulfil: (gesture: unknown) => {
          asked.push(gesture);
          return Promise.resolve(answer === 'ok' ? { ok: true as const, customerMessage: 'Your code DELIGHT-42 takes $50 off.', reference: 'DELIGHT-42' } : { ok: false as const, reason: 'the store API said 422' });
        },
      },
    };
  }

  async function approveDiscount(answer: 'ok' | 'fail') {
    const integration = discountCodes(answer);
    h = await startHarness({}, { fulfillers: [integration.fulfiller] });
    h.clock.now = new Date('2026-11-20T12:00:00Z');
    await h.postShopify('orders/create', shopifyOrder({ id: 6001, number: 6001, email: 'dee@example.com', firstName: 'Dee', lastName: 'Count', customerId: 801, total: '25.00' }));
    await h.standIn.waitFor(() => h.standIn.messages[0]);
    await h.running.outbox.idle();
    const nudgeId = Number(h.running.db.select().from(nudges).get()?.id);
    const values = gestureValues({ kind: 'discount', amount: '50' });
    delete (values as Record<string, unknown>)[BlockId.gestureFulfiller];
    await h.submitView({ callbackId: ViewId.gestureModal, privateMetadata: JSON.stringify({ nudgeId }), values, userId: ALICE });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    expect(cardBlocks()).toContain('delightbot makes it happen automatically');
    await h.running.tick();
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 2 || undefined);
    return integration;
  }

  it('hands an approved gesture of its kind to it and records it as done with the reference', async () => {
    const integration = await approveDiscount('ok');
    expect(integration.asked).toEqual([expect.objectContaining({ kind: 'discount', amountCents: 5_000, currency: 'USD' })]);
    expect(JSON.stringify(integration.asked)).not.toContain('dee@example.com');
    expect(cardBlocks()).toContain('*Done:* delightbot marked it done');
    expect(cardBlocks()).toContain('DELIGHT-42');
    expect(h.running.db.select().from(gestures).get()).toMatchObject({ state: 'fulfilled', fulfilledBy: 'delightbot', fulfilmentNote: 'DELIGHT-42' });
    await h.running.tick();
    expect(integration.asked).toHaveLength(1);
  });

  it('leaves a failed gesture on the card for a person to finish or cancel', async () => {
    await approveDiscount('fail');
    expect(cardBlocks()).toContain('The automatic fulfilment failed:* the store API said 422');
    expect(buttons(h.standIn.messages[0]?.blocks).map((b) => b.action_id)).toEqual([ActionId.markDone, ActionId.cancelGesture]);
    expect(h.running.db.select().from(gestures).get()?.state).toBe('failed');
    expect(actions()).toEqual(['customize', 'fail']);
  });
});
