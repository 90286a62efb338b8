import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startDelightbot, type Running } from '../../src/start.js';
import type { AutoFulfiller } from '../../src/gestures/auto-fulfil.js';
import { startSlackStandIn, type SlackStandIn } from '../../src/dev/slack-stand-in/index.js';
import { shopifyHmac } from '../../src/dev/signing.js';
import {
  appHomeOpenedEvent,
  blockActionPayload,
  interactionBody,
  postSignedToSlackEndpoint,
  slashCommandBody,
  viewSubmissionPayload,
} from '../../src/dev/slack-requests.js';
import { postWebhook } from './webhooks.js';

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789';
export const TEST_SHOPIFY_SECRET = 'shpss_test_secret_abcdef';
export const TEST_BOT_TOKEN = 'xoxb-test-token';
export const TEST_CHANNEL = 'C0DELIGHT01';

export interface Harness {
  standIn: SlackStandIn;
  running: Running;
  config: Config;
  baseUrl: string;
  /** Every log line the app wrote, for checks that nothing personal leaks. */
  logs: string[];
  clock: { now: Date };
  postShopify(topic: string, payload: unknown, options?: { webhookId?: string; secret?: string; rawBody?: string }): Promise<Response>;
  clickButton(args: { actionId: string; value: string; userId: string; messageTs?: string }): Promise<Response>;
  slashCommand(text: string, userId?: string): Promise<Response>;
  submitView(args: { callbackId: string; privateMetadata: string; values: Record<string, Record<string, unknown>>; userId: string }): Promise<Response>;
  /** Sends a signed Events API request (JSON), as Slack delivers events to the request URL. */
  sendEvent(envelope: Record<string, unknown>): Promise<Response>;
  /** The person opens the bot's Home tab (`app_home_opened`, tab `home` unless given). */
  openHome(userId: string, tab?: 'home' | 'messages' | 'about'): Promise<Response>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Automatic fulfillers plugged into the app (test doubles of store integrations). */
  fulfillers?: readonly AutoFulfiller[];
  /** Uniform in [0, 1) for the surprise rule; pinned to 1 (never a surprise) unless a test plants surprises. */
  random?: () => number;
  /**
   * Where the test database's folder is made; the system temp folder unless
   * given. A long replay passes /dev/shm, where an fsync costs nothing.
   */
  parentDir?: string;
  /**
   * Sets up the stand-in before the app starts, for what the app reads as it
   * starts (the approver and manager user groups).
   */
  prepareStandIn?: (standIn: SlackStandIn) => void;
}

/**
 * Starts the real app (real HTTP, real SQLite file with the real migrations,
 * real Bolt) against a Slack stand-in on 127.0.0.1, with an injectable clock.
 */
export async function startHarness(env: Record<string, string> = {}, options: HarnessOptions = {}): Promise<Harness> {
  const standIn = await startSlackStandIn({ botToken: TEST_BOT_TOKEN });
  options.prepareStandIn?.(standIn);
  const dir = mkdtempSync(join(options.parentDir ?? tmpdir(), 'delightbot-test-'));
  const config = loadConfig({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: standIn.apiUrl,
    DELIGHT_CHANNEL_ID: TEST_CHANNEL,
    DATABASE_PATH: join(dir, 'delight.db'),
    PORT: '0',
    SHOPIFY_WEBHOOK_SECRET: TEST_SHOPIFY_SECRET,
    LOG_LEVEL: 'debug',
    // No random holdout unless a test asks for one: a held-out first order would post no card.
    DELIGHT_HOLDOUT_SHARE: '0',
    ...env,
  });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  // A fixed day, just after the fixtures' orders: real time would age them past the 7-day fact limit as the calendar moves on.
  const clock = { now: new Date('2026-11-21T12:00:00Z') };
  const running = await startDelightbot({
    config,
    logger: createLogger('debug', sink),
    now: () => clock.now,
    jobs: false,
    random: options.random ?? (() => 1),
    ...(options.fulfillers ? { fulfillers: options.fulfillers } : {}),
  });
  const baseUrl = `http://127.0.0.1:${running.port}`;

  const interaction = (payload: Record<string, unknown>) =>
    postSignedToSlackEndpoint(baseUrl, TEST_SIGNING_SECRET, interactionBody(payload));

  return {
    standIn,
    running,
    config,
    baseUrl,
    logs,
    clock,
    postShopify: (topic, payload, options = {}) => {
      const body = options.rawBody ?? JSON.stringify(payload);
      return postWebhook(baseUrl, 'shopify', body, {
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': shopifyHmac(options.secret ?? TEST_SHOPIFY_SECRET, body),
        'x-shopify-shop-domain': 'delight-test.myshopify.com',
        'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
        'x-shopify-api-version': '2025-10',
      });
    },
    clickButton: ({ actionId, value, userId, messageTs }) =>
      interaction(
        blockActionPayload({ actionId, value, userId, channelId: TEST_CHANNEL, responseUrl: standIn.newResponseUrl(), ...(messageTs ? { messageTs } : {}) }),
      ),
    slashCommand: (text, userId = 'U0ANYONE01') =>
      postSignedToSlackEndpoint(
        baseUrl,
        TEST_SIGNING_SECRET,
        slashCommandBody({ command: '/delight', text, userId, responseUrl: standIn.newResponseUrl() }),
      ),
    submitView: (spec) => interaction(viewSubmissionPayload(spec)),
    sendEvent: (envelope) => postSignedToSlackEndpoint(baseUrl, TEST_SIGNING_SECRET, JSON.stringify(envelope), 'application/json'),
    openHome: (userId, tab) =>
      postSignedToSlackEndpoint(baseUrl, TEST_SIGNING_SECRET, JSON.stringify(appHomeOpenedEvent({ userId, ...(tab ? { tab } : {}) })), 'application/json'),
    close: async () => {
      await running.stop();
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
