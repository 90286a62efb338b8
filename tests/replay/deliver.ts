import { createHmac, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Stripe from 'stripe';
import { runImport } from '../../src/cli/import/index.js';
import type { Harness } from '../helpers/harness.js';
import { postWebhook } from '../helpers/webhooks.js';
import type { Delivery } from './model.js';

/**
 * Sends the replay's webhooks the way each sender does: over HTTP, signed
 * on the raw body with the sender's own scheme, timestamped with the app's
 * (simulated) clock. One customer's events go in order; different
 * customers' go concurrently, as they would from a busy shop.
 */

export const REPLAY_SECRETS = {
  generic: 'replay-generic-secret-0123456789',
  stripe: 'whsec_replay_0123456789abcdef',
  woocommerce: 'replay-woocommerce-secret',
} as const;

export const REPLAY_SOURCES_ENV: Record<string, string> = {
  GENERIC_WEBHOOK_SECRET: REPLAY_SECRETS.generic,
  STRIPE_WEBHOOK_SECRET: REPLAY_SECRETS.stripe,
  WOOCOMMERCE_WEBHOOK_SECRET: REPLAY_SECRETS.woocommerce,
};

const unixSeconds = (h: Harness): number => Math.floor(h.clock.now.getTime() / 1000);

function post(h: Harness, source: string, body: string, topic: string | undefined): Promise<Response> {
  switch (source) {
    case 'shopify':
      return h.postShopify(topic ?? 'orders/create', undefined, { rawBody: body });
    case 'woocommerce':
      return postWebhook(h.baseUrl, 'woocommerce', body, {
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-source': 'https://wholesale.replay.example/',
        'x-wc-webhook-signature': createHmac('sha256', REPLAY_SECRETS.woocommerce).update(body).digest('base64'),
        'x-wc-webhook-delivery-id': randomUUID(),
      });
    case 'stripe':
      return postWebhook(h.baseUrl, 'stripe', body, {
        'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload: body, secret: REPLAY_SECRETS.stripe, timestamp: unixSeconds(h) }),
      });
    default: {
      const timestamp = String(unixSeconds(h));
      const signature = createHmac('sha256', REPLAY_SECRETS.generic).update(`${timestamp}.${body}`).digest('hex');
      return postWebhook(h.baseUrl, 'generic', body, { 'x-delight-timestamp': timestamp, 'x-delight-signature': `sha256=${signature}` });
    }
  }
}

/** @returns null when the app answered 200, else what went wrong (for the failure list). */
async function sendOne(h: Harness, source: string, payload: unknown, topic?: string): Promise<string | null> {
  const res = await post(h, source, JSON.stringify(payload), topic);
  if (res.status === 200) return null;
  return `${source} ${topic ?? ''} → ${res.status} ${(await res.text()).slice(0, 200)}`;
}

/**
 * Sends the seed history as generic-webhook batches (at most 500 events each).
 * @returns the refusals, empty when every batch was stored.
 */
export async function sendSeed(h: Harness, events: readonly Record<string, unknown>[], batchSize = 500): Promise<string[]> {
  const failures: string[] = [];
  for (let i = 0; i < events.length; i += batchSize) {
    const failure = await sendOne(h, 'generic', { events: events.slice(i, i + batchSize) });
    if (failure) failures.push(failure);
  }
  return failures;
}

/**
 * Imports old history the way a shop does before going live:
 * `npm run delight -- import history.jsonl --format generic-jsonl`, one
 * event a line, into the running app's database file.
 * @returns the problems: a non-zero exit code or skipped lines.
 */
export async function importHistory(h: Harness, events: readonly Record<string, unknown>[], dir: string): Promise<string[]> {
  const file = join(dir, 'history.jsonl');
  const skipped = join(dir, 'history.skipped.jsonl');
  writeFileSync(file, events.map((event) => JSON.stringify(event)).join('\n'));
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString('utf8');
      done();
    },
  });
  const code = await runImport([file, '--format', 'generic-jsonl', '--skipped', skipped], {
    env: { DATABASE_PATH: h.config.databasePath },
    stdout: sink,
    stderr: sink,
    now: () => h.clock.now,
  });
  const problems = code === 0 ? [] : [`delight import exited with ${code}: ${output.slice(0, 500)}`];
  if (existsSync(skipped)) problems.push(`delight import skipped lines: ${readFileSync(skipped, 'utf8').slice(0, 500)}`);
  return problems;
}

export interface HourOptions {
  inFlight: number;
  /** Switches the surprise draw on around a planted surprise order. */
  surprise(on: boolean): void;
}

/**
 * Sends one simulated hour's deliveries: customers concurrently, each
 * customer's events in order. Customers with a planted surprise go last and
 * alone, with the draw switched on only while their surprise order is in
 * flight, so no other order can take the "yes".
 * @returns the refusals, empty when every delivery got a 200.
 */
export async function deliverHour(h: Harness, deliveries: readonly Delivery[], options: HourOptions): Promise<string[]> {
  const byCustomer = new Map<string, Delivery[]>();
  for (const delivery of deliveries) {
    const queue = byCustomer.get(delivery.customer) ?? [];
    queue.push(delivery);
    byCustomer.set(delivery.customer, queue);
  }
  const queues = [...byCustomer.values()];
  const plain = queues.filter((queue) => !queue.some((delivery) => delivery.surprise));
  const solo = queues.filter((queue) => queue.some((delivery) => delivery.surprise));
  const failures: string[] = [];
  const send = async (delivery: Delivery) => {
    const failure = await sendOne(h, delivery.source, delivery.payload, delivery.topic);
    if (failure) failures.push(`${delivery.customer} at ${delivery.at.toISOString()}: ${failure}`);
  };
  let next = 0;
  const worker = async () => {
    for (let queue = plain[next++]; queue; queue = plain[next++]) for (const delivery of queue) await send(delivery);
  };
  await Promise.all(Array.from({ length: options.inFlight }, worker));
  for (const queue of solo) {
    for (const delivery of queue) {
      options.surprise(delivery.surprise === true);
      try {
        await send(delivery);
      } finally {
        options.surprise(false);
      }
    }
  }
  return failures;
}
