import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, budgetMonths, gestures, nudges } from '../src/db/schema.js';
import { ActionId, ViewId } from '../src/slack/ids.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';
import { buttons, textObjects } from './helpers/block-text.js';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const MANAGER = 'U0MANAGER1';

let h: Harness;

afterEach(async () => {
  await h.close();
});

/** Starts the app, sends `count` first orders from different customers and waits for their cards. */
async function withCards(env: Record<string, string>, count = 1): Promise<{ nudgeId: string; ts: string }[]> {
  h = await startHarness(env);
  h.clock.now = new Date('2026-11-20T12:00:00Z');
  for (let i = 1; i <= count; i++) {
    const order = shopifyOrder({ id: 3000 + i, number: 3000 + i, email: `customer${i}@example.com`, firstName: 'Cust', lastName: `Omer${i}`, customerId: 600 + i, total: '25.00' });
    expect((await h.postShopify('orders/create', order)).status).toBe(200);
  }
  await h.standIn.waitFor(() => h.standIn.messages.length === count || undefined);
  await h.running.outbox.idle();
  const rows = h.running.db.select().from(nudges).orderBy(nudges.id).all();
  return rows.map((row) => ({ nudgeId: String(row.id), ts: String(row.messageTs) }));
}

function noteValues(value: string | null) {
  return { note_input: { note_text: { type: 'plain_text_input', value } } };
}

async function ephemeralFor(user: string, index = 0) {
  return h.standIn.waitFor(() => h.standIn.ephemerals.filter((e) => e.user === user)[index]);
}

/** Everything a refused or meaningless click must leave untouched. */
async function expectCardUntouched(nudgeId: string): Promise<void> {
  await h.running.outbox.idle();
  expect(h.standIn.callsTo('chat.update')).toHaveLength(0);
  expect(h.standIn.messages.every((message) => !message.edited)).toBe(true);
  const nudge = h.running.db.select().from(nudges).where(eq(nudges.id, Number(nudgeId))).get();
  expect(nudge).toMatchObject({ state: 'pending', decidedBy: null, note: null });
  expect(h.running.db.select().from(gestures).all()).toEqual([]);
}

describe('Add a note', () => {
  it('opens the modal, saves the note, updates the card with who wrote it, and audits it', async () => {
    const [card] = await withCards({});
    const click = await h.clickButton({ actionId: ActionId.addNote, value: card!.nudgeId, userId: ALICE, messageTs: card!.ts });
    expect(click.status).toBe(200);
    const opened = await h.standIn.waitFor(() => h.standIn.views[0]);
    expect(h.standIn.callsTo('views.open')).toHaveLength(1);
    expect(opened.view).toMatchObject({ type: 'modal', callback_id: ViewId.noteModal });
    expect(JSON.parse(String(opened.view['private_metadata']))).toEqual({ nudgeId: Number(card!.nudgeId) });
    expect(JSON.stringify(opened.view['blocks'])).not.toContain('customer1@example.com');

    const submitted = await h.submitView({
      callbackId: String(opened.view['callback_id']),
      privateMetadata: String(opened.view['private_metadata']),
      values: noteValues('  Send her a handwritten card <!channel> *now*  '),
      userId: ALICE,
    });
    expect(submitted.status).toBe(200);
    expect(await submitted.text()).toBe('');

    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    const updated = h.standIn.messages[0];
    expect(updated?.ts).toBe(card!.ts);
    expect(updated?.edited).toBe(true);
    const note = textObjects(updated?.blocks).mrkdwn.find((text) => text.startsWith(':memo:'));
    expect(note).toBe(`:memo: *Note from <@${ALICE}>:* Send her a handwritten card &lt;!channel&gt; *\u200bnow*\u200b`);
    // A note does not decide the nudge: the buttons stay.
    expect(buttons(updated?.blocks).map((b) => b.action_id)).toContain(ActionId.approveSmall);

    const stored = h.running.db.select().from(nudges).get();
    expect(stored).toMatchObject({ note: 'Send her a handwritten card <!channel> *now*', noteBy: ALICE, state: 'pending' });
    const audit = h.running.db.select().from(auditLog).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: ALICE, action: 'note', nudgeId: Number(card!.nudgeId) });

    // Opening the modal again pre-fills the saved note.
    await h.clickButton({ actionId: ActionId.addNote, value: card!.nudgeId, userId: BOB, messageTs: card!.ts });
    const reopened = await h.standIn.waitFor(() => h.standIn.views[1]);
    expect(JSON.stringify(reopened.view['blocks'])).toContain('"initial_value":"Send her a handwritten card <!channel> *now*"');
  });

  it('keeps a note of emoji as long as the modal allowed, whole and valid, and shows it whole', async () => {
    const [card] = await withCards({});
    await h.clickButton({ actionId: ActionId.addNote, value: card!.nudgeId, userId: ALICE });
    const opened = await h.standIn.waitFor(() => h.standIn.views[0]);
    const maxLength = (opened.view['blocks'] as { element: { max_length: number } }[])[0]!.element.max_length;
    // Slack's max_length counts characters: an emoji is one, though it is two UTF-16 units.
    const note = `a${'🎁'.repeat(maxLength - 1)}`;
    expect([...note]).toHaveLength(maxLength);
    await h.submitView({ callbackId: ViewId.noteModal, privateMetadata: String(opened.view['private_metadata']), values: noteValues(note), userId: ALICE });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    expect(h.running.db.select().from(nudges).get()?.note).toBe(note);
    const shown = textObjects(h.standIn.messages[0]?.blocks).mrkdwn.find((text) => text.startsWith(':memo:'));
    expect(shown).toBe(`:memo: *Note from <@${ALICE}>:* ${note}`);
  });

  it.each([
    { name: 'a blank note', value: '   \n  ', error: 'Write a note' },
    { name: 'an empty input (Slack sends null)', value: null, error: 'Write a note' },
  ])('refuses $name inside the modal and changes nothing', async ({ value, error }) => {
    const [card] = await withCards({});
    await h.clickButton({ actionId: ActionId.addNote, value: card!.nudgeId, userId: ALICE });
    const opened = await h.standIn.waitFor(() => h.standIn.views[0]);
    const res = await h.submitView({
      callbackId: ViewId.noteModal,
      privateMetadata: String(opened.view['private_metadata']),
      values: noteValues(value),
      userId: ALICE,
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body).toEqual({ response_action: 'errors', errors: { note_input: expect.stringContaining(error) } });
    await expectCardUntouched(card!.nudgeId);
    expect(h.running.db.select().from(auditLog).all()).toEqual([]);
  });

  it.each([
    { name: 'metadata that is not ours', privateMetadata: 'not json', error: 'not from a delightbot card' },
    { name: 'a nudge that does not exist', privateMetadata: JSON.stringify({ nudgeId: 9999 }), error: 'no longer exists' },
  ])('answers a submission with $name with an error in the modal', async ({ privateMetadata, error }) => {
    const [card] = await withCards({});
    const res = await h.submitView({ callbackId: ViewId.noteModal, privateMetadata, values: noteValues('Hello'), userId: ALICE });
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors['note_input']).toContain(error);
    await expectCardUntouched(card!.nudgeId);
  });
});

describe('refusals', () => {
  it('refuses every decision by someone who is not an approver, privately, naming the rule', async () => {
    const [card] = await withCards({ DELIGHT_APPROVER_IDS: ALICE });
    await h.clickButton({ actionId: ActionId.approveSmall, value: card!.nudgeId, userId: BOB, messageTs: card!.ts });
    const approveReply = await ephemeralFor(BOB);
    expect(approveReply.text).toContain('Only approvers can approve gestures');
    expect(approveReply.text).toContain(`<@${ALICE}>`);
    expect(approveReply.text).toContain('DELIGHT_APPROVER_IDS');
    await h.clickButton({ actionId: ActionId.skip, value: card!.nudgeId, userId: BOB, messageTs: card!.ts });
    const skipReply = await ephemeralFor(BOB, 1);
    expect(skipReply.text).toContain('Only approvers and managers can skip');
    await expectCardUntouched(card!.nudgeId);
    expect(h.standIn.ephemerals.every((e) => e.user === BOB && e.channel === h.config.channelId)).toBe(true);
    const refusals = h.running.db.select().from(auditLog).all();
    expect(refusals.map((row) => [row.action, row.actor, row.detail?.['code']])).toEqual([
      ['approve_refused', BOB, 'not_an_approver'],
      ['skip_refused', BOB, 'not_an_approver'],
    ]);

    // The approver herself still can.
    await h.clickButton({ actionId: ActionId.approveSmall, value: card!.nudgeId, userId: ALICE, messageTs: card!.ts });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    expect(h.running.db.select().from(nudges).get()).toMatchObject({ state: 'approved', decidedBy: ALICE });
  });

  it('sends a gesture above the per-gesture limit to a manager, who approves it from the card', async () => {
    const [card] = await withCards({ DELIGHT_GESTURE_LIMIT: '50', DELIGHT_MANAGER_IDS: MANAGER });
    await h.clickButton({ actionId: ActionId.approveLarge, value: card!.nudgeId, userId: BOB, messageTs: card!.ts });
    const reply = await ephemeralFor(BOB);
    expect(reply.text).toContain('$100 is above the $50 per-gesture limit');
    expect(reply.text).toContain(`<@${MANAGER}>`);
    // The card shows the request and the managers' buttons; the managers are called in its thread.
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    expect(JSON.stringify(h.standIn.messages[0]?.blocks)).toContain(`<@${BOB}> asks for a *$100 gesture* — waiting for a manager (<@${MANAGER}>)`);
    const call = await h.standIn.waitFor(() => h.standIn.messages.find((m) => m.threadTs === card!.ts));
    expect(call.text).toContain(`<@${MANAGER}>`);
    expect(h.running.db.select().from(gestures).get()).toMatchObject({ state: 'requested', requestedBy: BOB, escalation: 'over_limit', approvedBy: null });
    expect(h.running.db.select().from(budgetMonths).get()?.spentCents ?? 0).toBe(0);

    // An approver cannot approve the request; a manager can.
    await h.clickButton({ actionId: ActionId.approveRequest, value: card!.nudgeId, userId: BOB, messageTs: card!.ts });
    expect((await ephemeralFor(BOB, 1)).text).toContain('Only a manager can approve');
    await h.clickButton({ actionId: ActionId.approveRequest, value: card!.nudgeId, userId: MANAGER, messageTs: card!.ts });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 2 || undefined);
    expect(JSON.stringify(h.standIn.messages[0]?.blocks)).toContain(`<@${MANAGER}> approved a *$100 gesture*`);
    expect(h.running.db.select().from(gestures).get()).toMatchObject({ state: 'approved', amountCents: 10000, approvedBy: MANAGER, requestedBy: BOB });
    expect(h.running.db.select().from(budgetMonths).get()?.spentCents).toBe(10000);
    const actions = h.running.db.select().from(auditLog).all().map((row) => row.action);
    expect(actions).toEqual(['escalate', 'approve_refused', 'approve']);
  });

  it('refuses an approval that would go over the monthly budget, saying what is left', async () => {
    const [first, second] = await withCards({ DELIGHT_MONTHLY_BUDGET: '120' }, 2);
    await h.clickButton({ actionId: ActionId.approveLarge, value: first!.nudgeId, userId: ALICE, messageTs: first!.ts });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    expect(JSON.stringify(h.standIn.messages[0]?.blocks)).toContain('$20 left of $120');

    await h.clickButton({ actionId: ActionId.approveSmall, value: second!.nudgeId, userId: ALICE, messageTs: second!.ts });
    const reply = await ephemeralFor(ALICE);
    expect(reply.text).toContain("over this month's budget");
    expect(reply.text).toContain('$20');
    await h.running.outbox.idle();
    expect(h.standIn.callsTo('chat.update')).toHaveLength(1);
    expect(h.running.db.select().from(nudges).where(eq(nudges.id, Number(second!.nudgeId))).get()?.state).toBe('pending');
    expect(h.running.db.select().from(budgetMonths).all()).toEqual([
      expect.objectContaining({ month: '2026-11', limitCents: 12000, spentCents: 10000 }),
    ]);
  });

  it('never lets concurrent approvals take the budget past its limit', async () => {
    const cards = await withCards({ DELIGHT_MONTHLY_BUDGET: '120' }, 4);
    const users = ['U0A0000001', 'U0B0000002', 'U0C0000003', 'U0D0000004'];
    const results = await Promise.all(cards.map((card, i) => h.clickButton({ actionId: ActionId.approveSmall, value: card.nudgeId, userId: users[i]!, messageTs: card.ts })));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await h.standIn.waitFor(() => h.standIn.ephemerals.length === 2 || undefined);
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 2 || undefined);
    const budget = h.running.db.select().from(budgetMonths).get();
    expect(budget).toMatchObject({ limitCents: 12000, spentCents: 10000 });
    expect(h.running.db.select().from(gestures).all()).toHaveLength(2);
    expect(h.standIn.ephemerals.every((e) => e.text.includes('$20'))).toBe(true);
  });
});

describe('buttons whose value is not a nudge id', () => {
  // Every button a card can carry: the decision controls, the manager's and the fulfilment controls.
  const actions = Object.values(ActionId);
  const values = ['abc', '', '-1', '1.5', '99999'];
  const cases = actions.flatMap((actionId) => values.map((value) => ({ actionId, value })));
  // Mark as done and Cancel look for the nudge's gesture, so a nudge id that does not exist finds none.
  const noGesture: Partial<Record<string, RegExp>> = {
    [ActionId.markDone]: /^This nudge has no gesture to mark as done\.$/,
    [ActionId.cancelGesture]: /^This nudge has no gesture to cancel\.$/,
  };

  it.each(cases)('$actionId with value $value gets a polite private reply and changes nothing', async ({ actionId, value }) => {
    const [card] = await withCards({});
    const res = await h.clickButton({ actionId, value, userId: BOB, messageTs: card!.ts });
    expect(res.status).toBe(200);
    const reply = await ephemeralFor(BOB);
    expect(reply.text).toMatch((value === '99999' && noGesture[actionId]) || /not from a delightbot card|no longer exists/);
    expect(reply.text).not.toMatch(/error|undefined|NaN|zod/i);
    await expectCardUntouched(card!.nudgeId);
    expect(h.standIn.views).toEqual([]);
    expect(h.running.db.select().from(auditLog).all()).toEqual([]);
  });
});
