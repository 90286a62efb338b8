import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackOutbox } from '../src/db/schema.js';
import type { InjectedFailure } from '../src/dev/slack-stand-in/index.js';
import { ActionId } from '../src/slack/ids.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';
import { logLinesContaining } from './helpers/log-check.js';
import { buttons } from './helpers/block-text.js';

const CUSTOMER = { email: 'Olive.Outage@Example.com', firstName: 'Olive', lastName: 'Outage', customerId: 777 };

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
  h.clock.now = new Date('2026-11-20T12:00:00Z');
});
afterEach(async () => {
  await h.close();
});

/**
 * Posts Olive's first order and checks the sender got its 200 while Slack was
 * failing: the answer never waits for the card (no wall-clock check — shared
 * machines are noisy; the order of events proves it).
 */
async function sendOrder(): Promise<void> {
  const res = await h.postShopify('orders/create', shopifyOrder({ id: 8801, number: 8801, ...CUSTOMER, total: '40.00' }));
  expect(res.status).toBe(200);
  expect(okPosts()).toEqual([]);
  expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
}

/** Lets the injected clock move on, as the real one would have while the outbox waits. */
function advanceClock(ms: number): void {
  h.clock.now = new Date(h.clock.now.getTime() + ms);
}

const postCalls = () => h.standIn.callsTo('chat.postMessage');
const okPosts = () => postCalls().filter((call) => (call.response as { ok?: boolean }).ok === true);
const outboxRows = () => h.running.db.select().from(slackOutbox).all();

function expectNoPersonalDataInLogs(): void {
  for (const personal of [CUSTOMER.email, CUSTOMER.firstName, CUSTOMER.lastName]) {
    expect(logLinesContaining(h.logs, personal).map((line) => line.slice(0, 300)), `log lines containing ${personal}`).toEqual([]);
  }
}

describe('Slack outages never lose a nudge', () => {
  it.each<{ name: string; failure: InjectedFailure; lastError: string; minWaitMs: number }>([
    { name: 'a 500', failure: { status: 500 }, lastError: 'http_500', minWaitMs: 700 },
    { name: 'a 429 with Retry-After: 1', failure: { status: 429, retryAfterSeconds: 1 }, lastError: 'ratelimited', minWaitMs: 950 },
  ])('retries a card whose post failed with $name and posts it exactly once', async ({ failure, lastError, minWaitMs }) => {
    h.standIn.failNext('chat.postMessage', failure);
    await sendOrder();
    await h.standIn.waitFor(() => postCalls().length === 1 || undefined);
    await h.running.outbox.idle();
    const [waiting] = outboxRows();
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1, lastError });
    expect(waiting!.nextAttemptAt).toBeGreaterThan(h.clock.now.getTime());
    expect(h.standIn.messages).toEqual([]);

    advanceClock(3_000);
    const [posted] = await h.standIn.waitFor(() => (h.standIn.messages.length > 0 ? h.standIn.messages : undefined), 10_000);
    await h.running.outbox.idle();
    expect(h.standIn.messages).toHaveLength(1);
    expect(posted?.text).toContain("Olive Outage's first order");
    expect(okPosts()).toHaveLength(1);
    // The outbox waited its backoff (or Slack's Retry-After) before trying again.
    expect(okPosts()[0]!.at - postCalls()[0]!.at).toBeGreaterThanOrEqual(minWaitMs);
    expect(outboxRows()).toEqual([expect.objectContaining({ state: 'done', attempts: 2, lastError: null })]);
    expectNoPersonalDataInLogs();
  });

  it('gives up on a permanent error: the row is dead and the error logged without personal data', async () => {
    h.standIn.failNext('chat.postMessage', { error: 'invalid_blocks' });
    await sendOrder();
    await h.standIn.waitFor(() => postCalls().length === 1 || undefined);
    await h.running.outbox.idle();
    expect(outboxRows()).toEqual([expect.objectContaining({ state: 'dead', attempts: 1, lastError: 'invalid_blocks' })]);

    // Dead rows are not retried, however much time passes.
    advanceClock(60 * 60_000);
    h.running.outbox.kick();
    await h.running.outbox.idle();
    expect(postCalls()).toHaveLength(1);
    expect(h.standIn.messages).toEqual([]);

    const errors = h.logs.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['level'] === 50);
    expect(errors).toEqual([expect.objectContaining({ msg: 'slack card delivery failed', slackError: 'invalid_blocks', nudgeId: 1 })]);
    expectNoPersonalDataInLogs();
  });

  it('posts a card decided while its first post was failing once, in its final state', async () => {
    h.standIn.failNext('chat.postMessage', { status: 500 });
    await sendOrder();
    await h.standIn.waitFor(() => postCalls().length === 1 || undefined);
    await h.running.outbox.idle();
    expect(outboxRows()[0]).toMatchObject({ state: 'pending', attempts: 1 });

    const click = await h.clickButton({ actionId: ActionId.approveSmall, value: '1', userId: 'U0ALICE001' });
    expect(click.status).toBe(200);
    const [posted] = await h.standIn.waitFor(() => (h.standIn.messages.length > 0 ? h.standIn.messages : undefined), 10_000);
    expect(posted?.text).toContain('approved $50 by <@U0ALICE001>');
    expect(JSON.stringify(posted?.blocks)).toContain('<@U0ALICE001> approved a *$50 gesture*');
    // Decided: no decision buttons, only the gesture's own controls.
    expect(buttons(posted?.blocks).map((b) => b.action_id)).toEqual([ActionId.markDone, ActionId.cancelGesture]);

    // Let the original retry come due: it must find nothing left to do.
    advanceClock(3_000);
    await sleep(1_400);
    await h.running.outbox.idle();
    expect(h.standIn.messages).toHaveLength(1);
    expect(okPosts()).toHaveLength(1);
    expect(h.standIn.callsTo('chat.update')).toHaveLength(0);
    expect(h.standIn.ephemerals).toEqual([]);
    expect(outboxRows()).toEqual([expect.objectContaining({ state: 'done' })]);
  });
});
