import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { homeTabQueue, nudges } from '../src/db/schema.js';
import { checkView, type InjectedFailure, type RecordedCall } from '../src/dev/slack-stand-in/index.js';
import { appHomeOpenedEvent, postSignedToSlackEndpoint } from '../src/dev/slack-requests.js';
import { ActionId, BlockId, InputActionId, ViewId } from '../src/slack/ids.js';
import { startHarness, TEST_CHANNEL, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';
import { textObjects } from './helpers/block-text.js';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const MANAGER = 'U0MANAGER1';

/** Approvers Alice and Bob, a manager, and a $50 per-gesture limit so $100 needs the manager. */
const TEAM_ENV = { DELIGHT_APPROVER_IDS: `${ALICE},${BOB}`, DELIGHT_MANAGER_IDS: MANAGER, DELIGHT_GESTURE_LIMIT: '50' };

let h: Harness;

afterEach(async () => {
  await h.close();
});

interface Card {
  nudgeId: string;
  ts: string;
}

/** Starts the app and posts first orders from `names` (one card each), waiting until the cards are in the channel. */
async function start(names: [string, string][], env: Record<string, string> = TEAM_ENV): Promise<Card[]> {
  h = await startHarness(env);
  h.clock.now = new Date('2026-11-20T12:00:00Z');
  for (const [i, [firstName, lastName]] of names.entries()) await postOrder(i + 1, firstName, lastName);
  await h.standIn.waitFor(() => h.standIn.messages.length === names.length || undefined);
  await h.running.outbox.idle();
  return cards();
}

async function postOrder(n: number, firstName: string, lastName: string): Promise<void> {
  const order = shopifyOrder({ id: 5000 + n, number: 5000 + n, email: `home${n}@example.com`, firstName, lastName, customerId: 900 + n, total: '30.00' });
  expect((await h.postShopify('orders/create', order)).status).toBe(200);
}

function cards(): Card[] {
  return h.running.db.select().from(nudges).orderBy(nudges.id).all().map((row) => ({ nudgeId: String(row.id), ts: String(row.messageTs) }));
}

const publishesTo = (userId: string): RecordedCall[] => h.standIn.callsTo('views.publish').filter((call) => call.args['user_id'] === userId);
const okPublishesTo = (userId: string): RecordedCall[] => publishesTo(userId).filter((call) => (call.response as { ok?: boolean }).ok === true);

/** The blocks of the `n`-th successful publish to the person (the latest by default). */
function homeOf(userId: string, n?: number): { blocks: unknown[]; text: string; headers: string[] } {
  const calls = okPublishesTo(userId);
  const call = calls[n ?? calls.length - 1];
  if (!call) throw new Error(`no home published to ${userId}`);
  const view = call.args['view'] as { type: string; blocks: unknown[] };
  expect(view.type).toBe('home');
  expect(checkView(view, ['home'])).toEqual([]);
  const texts = textObjects(view.blocks);
  return { blocks: view.blocks, text: [...texts.plain, ...texts.mrkdwn].join('\n'), headers: texts.plain };
}

/** Opens the person's Home tab and waits for the publish it causes. */
async function openHome(userId: string): Promise<ReturnType<typeof homeOf>> {
  const before = okPublishesTo(userId).length;
  const res = await h.openHome(userId);
  expect(res.status).toBe(200);
  await h.standIn.waitFor(() => okPublishesTo(userId).length > before || undefined);
  return homeOf(userId);
}

/** Waits until the person's tab is published again without them opening it. */
async function republished(userId: string, after: number): Promise<ReturnType<typeof homeOf>> {
  await h.standIn.waitFor(() => okPublishesTo(userId).length > after || undefined, 10_000);
  await h.running.outbox.idle();
  return homeOf(userId);
}

async function click(actionId: string, card: Card, userId: string): Promise<void> {
  expect((await h.clickButton({ actionId, value: card.nudgeId, userId, messageTs: card.ts })).status).toBe(200);
}

function permalink(card: Card): string {
  return `https://delight-demo.slack.com/archives/${TEST_CHANNEL}/p${card.ts.replace('.', '')}`;
}

describe('Home tab contents', () => {
  it('shows an approver the decisions waiting, the gestures to make happen, the budget and the team’s last gestures', async () => {
    const [first, second, third, fourth] = await start([['Ada', 'Lovelace'], ['Grace', 'Hopper'], ['Alan', 'Turing'], ['Edsger', 'Dijkstra']]);
    await click(ActionId.approveSmall, first!, ALICE);
    await click(ActionId.approveLarge, second!, BOB);
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 2 || undefined);
    await h.running.outbox.idle();

    const home = await openHome(ALICE);
    expect(home.headers).toEqual(expect.arrayContaining(['Your delight desk', ':inbox_tray: Waiting for your decision (2)', ':gift: Yours to make happen (1)', ':moneybag: Budget for November 2026', ':sparkles: Recent gestures across the team']));
    // The cards nobody decided, with a link each; Grace's waits for the manager, not for Alice.
    expect(home.text).toContain(`*Alan Turing*: first order\nposted Nov 20, 12:00 PM · <${permalink(third!)}|open the card>`);
    expect(home.text).toContain(`*Edsger Dijkstra*: first order`);
    expect(home.text).toContain(`<${permalink(fourth!)}|open the card>`);
    expect(home.text).not.toContain('Grace Hopper');
    // Alice approved Ada's gesture and makes it happen.
    expect(home.text).toContain(`*$50 gesture* for *Ada Lovelace* · approved by <@${ALICE}> Nov 20, 2026\n<${permalink(first!)}|mark it done on the card>`);
    expect(home.text).toContain('*Spent*\n$50');
    expect(home.text).toContain('*Left*\n$950 of $1,000');
    // Noon (UTC) on November 20: 19.5 of November's 30 days have passed, so $650 of $1,000 is expected; $50 spent is on pace.
    expect(home.text).toContain('*Pace*\non pace: $650 expected by today');
    // The team's gestures, newest first, without customer data.
    const recent = home.text.split('\n').filter((line) => line.startsWith('• '));
    expect(recent).toEqual([
      `• *$100 gesture* · asked by <@${BOB}> Nov 20, 2026, waiting for a manager · <${permalink(second!)}|card>`,
      `• *$50 gesture* · approved by <@${ALICE}> Nov 20, 2026 · <@${ALICE}> makes it happen · <${permalink(first!)}|card>`,
    ]);
    // Only managers get the managers' section.
    expect(home.text).not.toContain('Waiting for you as a manager');
    // Alice is remembered as someone who uses the tab (right after Slack answered the publish).
    await h.standIn.waitFor(() => h.running.db.select().from(homeTabQueue).where(eq(homeTabQueue.userId, ALICE)).get()?.state === 'done' || undefined);
    expect(h.standIn.views.find((view) => view.userId === ALICE)?.view['type']).toBe('home');
  });

  it('shows a manager the requests waiting for them', async () => {
    const [first] = await start([['Grace', 'Hopper']]);
    await click(ActionId.approveLarge, first!, BOB);
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);

    const home = await openHome(MANAGER);
    expect(home.headers).toContain(':hourglass_flowing_sand: Waiting for you as a manager (1)');
    expect(home.text).toContain(`<@${BOB}> asks for a *$100 gesture* for *Grace Hopper*: above the per-gesture limit\nNov 20, 12:00 PM · <${permalink(first!)}|approve or decline on the card>`);
    // Nothing else waits for the manager's decision, and they have nothing to make happen.
    expect(home.text).toContain('Nothing waits for you. :sparkles:');
    expect(home.text).toContain('Nothing to make happen: every gesture you took on is done.');

    const bobs = await openHome(BOB);
    expect(bobs.text).not.toContain('Waiting for you as a manager');
  });

  it('reads well when nothing happened yet, and tells someone who is not an approver who decides', async () => {
    await start([]);
    const home = await openHome(ALICE);
    expect(home.text).toContain('Nothing waits for you. :sparkles:');
    expect(home.text).toContain(`No gestures yet: approve one from a card in <#${TEST_CHANNEL}>.`);
    expect(home.text).toContain('*Spent*\n$0');
    const outsider = await openHome('U0OUTSIDE1');
    expect(outsider.text).toContain('Nothing waits for you: the approvers decide on cards.');
  });

  it('is published again after an approval and a fulfilment, to the people concerned, without reopening it', async () => {
    const [first] = await start([['Ada', 'Lovelace']]);
    const before = (await openHome(ALICE)).text;
    expect(before).toContain('*Ada Lovelace*: first order');
    await openHome(BOB);
    const alices = okPublishesTo(ALICE).length;
    const bobs = okPublishesTo(BOB).length;

    await click(ActionId.approveSmall, first!, ALICE);
    const approved = await republished(ALICE, alices);
    expect(approved.text).toContain('Nothing waits for you. :sparkles:');
    expect(approved.text).toContain('*$50 gesture* for *Ada Lovelace*');
    // Bob only uses the tab: the decision left his list too.
    expect((await republished(BOB, bobs)).text).toContain('Nothing waits for you. :sparkles:');

    await click(ActionId.markDone, first!, ALICE);
    const modal = await h.standIn.waitFor(() => h.standIn.views.find((view) => view.view['type'] === 'modal'));
    const afterApproval = okPublishesTo(ALICE).length;
    const submitted = await h.submitView({
      callbackId: ViewId.fulfilModal,
      privateMetadata: String(modal.view['private_metadata']),
      values: { [BlockId.fulfilMessage]: { [InputActionId.fulfilMessage]: { type: 'plain_text_input', value: 'Sent a thank-you card.' } } },
      userId: ALICE,
    });
    expect(submitted.status).toBe(200);
    const done = await republished(ALICE, afterApproval);
    expect(done.text).toContain('Nothing to make happen: every gesture you took on is done.');
    expect(done.text).toContain(`• *$50 gesture* · done by <@${ALICE}> Nov 20, 2026 · approved by <@${ALICE}>`);
  });

  it('shows a newly posted card to everyone who uses the tab', async () => {
    await start([]);
    expect((await openHome(BOB)).text).toContain('Nothing waits for you.');
    const bobs = okPublishesTo(BOB).length;
    await postOrder(7, 'Barbara', 'Liskov');
    const home = await republished(BOB, bobs);
    expect(home.text).toContain('*Barbara Liskov*: first order');
    expect(home.headers).toContain(':inbox_tray: Waiting for your decision (1)');
  });

  it('takes an expired card off everyone’s list', async () => {
    await start([['Ada', 'Lovelace']]);
    expect((await openHome(BOB)).text).toContain('*Ada Lovelace*: first order');
    const bobs = okPublishesTo(BOB).length;
    h.clock.now = new Date(h.clock.now.getTime() + 49 * 3_600_000);
    await h.running.tick();
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    const home = await republished(BOB, bobs);
    expect(home.text).toContain('Nothing waits for you. :sparkles:');
    expect(h.running.db.select().from(nudges).get()?.state).toBe('expired');
  });

  it('escapes a customer named like a mention, so opening the tab pings nobody', async () => {
    await start([['<!channel>', '<@U0ALICE001> <https://evil.example|click>']]);
    const home = await openHome(BOB);
    expect(home.text).toContain('*&lt;!channel&gt; &lt;@U0ALICE001&gt; &lt;https://evil.example|click&gt;*: first order');
    expect(home.text).not.toContain('<!channel>');
    expect(home.text).not.toContain('<https://evil.example');
  });

  it('answers only the Home tab: opening the About or Messages tab publishes nothing', async () => {
    await start([]);
    expect((await h.openHome(ALICE, 'messages')).status).toBe(200);
    expect((await h.openHome(ALICE, 'about')).status).toBe(200);
    await h.openHome(BOB);
    await h.standIn.waitFor(() => okPublishesTo(BOB).length === 1 || undefined);
    expect(publishesTo(ALICE)).toEqual([]);
  });

  it('refuses an event that Slack did not sign', async () => {
    await start([]);
    const res = await postSignedToSlackEndpoint(h.baseUrl, 'not-the-signing-secret', JSON.stringify(appHomeOpenedEvent({ userId: ALICE })), 'application/json');
    expect(res.status).toBe(401);
    await h.running.outbox.idle();
    expect(h.standIn.callsTo('views.publish')).toEqual([]);
  });
});

describe('Home tab delivery when Slack fails', () => {
  const failures: { name: string; failure: InjectedFailure; lastError: string }[] = [
    { name: 'a 500', failure: { status: 500 }, lastError: 'http_500' },
    { name: 'a 429 with Retry-After: 1', failure: { status: 429, retryAfterSeconds: 1 }, lastError: 'ratelimited' },
  ];

  it.each(failures)('publishes the tab later when opening it met $name', async ({ failure, lastError }) => {
    await start([['Ada', 'Lovelace']]);
    h.standIn.failNext('views.publish', failure);
    expect((await h.openHome(ALICE)).status).toBe(200);
    await h.standIn.waitFor(() => publishesTo(ALICE).length === 1 || undefined);
    const waiting = await h.standIn.waitFor(() => h.running.db.select().from(homeTabQueue).where(eq(homeTabQueue.userId, ALICE)).get());
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastError });
    expect(waiting.nextAttemptAt).toBeGreaterThan(h.clock.now.getTime());

    h.clock.now = new Date(h.clock.now.getTime() + 3_000);
    await h.standIn.waitFor(() => okPublishesTo(ALICE).length === 1 || undefined, 10_000);
    expect(homeOf(ALICE).text).toContain('*Ada Lovelace*: first order');
    await h.running.outbox.idle();
    expect(h.running.db.select().from(homeTabQueue).where(eq(homeTabQueue.userId, ALICE)).get()).toMatchObject({ state: 'done', attempts: 2 });
  });

  it.each(failures)('retries a refresh the outbox could not publish because of $name', async ({ failure, lastError }) => {
    const [first] = await start([['Ada', 'Lovelace']]);
    await openHome(ALICE);
    h.standIn.failNext('views.publish', failure);
    await click(ActionId.approveSmall, first!, ALICE);
    await h.standIn.waitFor(() => publishesTo(ALICE).length === 2 || undefined);
    await h.running.outbox.idle();
    expect(h.running.db.select().from(homeTabQueue).where(eq(homeTabQueue.userId, ALICE)).get()).toMatchObject({ state: 'pending', lastError });
    expect(okPublishesTo(ALICE)).toHaveLength(1);

    h.clock.now = new Date(h.clock.now.getTime() + 3_000);
    await h.standIn.waitFor(() => okPublishesTo(ALICE).length === 2 || undefined, 10_000);
    expect(homeOf(ALICE).text).toContain('*$50 gesture* for *Ada Lovelace*');
    // Waited for the backoff or Retry-After before trying again.
    const [, failed, retried] = publishesTo(ALICE);
    expect(retried!.at - failed!.at).toBeGreaterThanOrEqual(700);
  });

  it('gives up on a permanent error and publishes again when the person opens the tab', async () => {
    const [first] = await start([['Ada', 'Lovelace']]);
    await openHome(ALICE);
    // A card change and its broadcast may ask for the tab twice; every attempt meets the permanent error.
    h.standIn.failNext('views.publish', { error: 'not_enabled' }, 3);
    await click(ActionId.approveSmall, first!, ALICE);
    await h.standIn.waitFor(() => h.running.db.select().from(homeTabQueue).where(eq(homeTabQueue.userId, ALICE)).get()?.state === 'dead' || undefined);
    await h.running.outbox.idle();
    expect(h.running.db.select().from(homeTabQueue).where(eq(homeTabQueue.userId, ALICE)).get()).toMatchObject({ state: 'dead', lastError: 'not_enabled' });
    // Slack is fine again (the app was fixed): drop the failures still planned.
    h.standIn.reset();
    expect((await openHome(ALICE)).text).toContain('*$50 gesture* for *Ada Lovelace*');
    // The app records the revival right after Slack answered the publish the stand-in has just seen.
    await h.standIn.waitFor(() => h.running.db.select().from(homeTabQueue).where(eq(homeTabQueue.userId, ALICE)).get()?.state === 'done' || undefined);
  });
});
