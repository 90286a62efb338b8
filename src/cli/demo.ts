import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { nudges } from '../db/schema.js';
import { renderBlocks } from '../dev/render-blocks.js';
import { shopifyHmac } from '../dev/signing.js';
import { startSlackStandIn, type StandInMessage } from '../dev/slack-stand-in/index.js';
import { blockActionPayload, interactionBody, postSignedToSlackEndpoint, slashCommandBody } from '../dev/slack-requests.js';
import { createLogger } from '../logger.js';
import { ActionId } from '../slack/ids.js';
import { startDelightbot } from '../start.js';
import { DEMO_NOW, DEMO_ORDERS, toShopifyPayload } from './demo-orders.js';

/** The Monday after the demo's orders, at the digest's default time (09:00 in New York). */
const DEMO_MONDAY = new Date('2026-11-23T14:00:00Z');

/**
 * `npm run demo`: the real app, a local Slack stand-in instead of a workspace,
 * and a replay of signed Shopify webhooks. Prints what the delight channel
 * would show. `--db <path>` keeps the database; otherwise it is thrown away.
 */

const SIGNING_SECRET = 'demo-signing-secret-000000';
const SHOPIFY_SECRET = 'demo-shopify-secret';
const BOT_TOKEN = 'xoxb-demo-token';
const CHANNEL = 'C0DELIGHT00';
const TEAM_MEMBER = 'U0MARIA0001';
const color = process.stdout.isTTY === true;

async function main(): Promise<void> {
  const dbFlag = process.argv.indexOf('--db');
  const keptDb = dbFlag > 0 ? process.argv[dbFlag + 1] : undefined;
  const tempDir = keptDb ? null : mkdtempSync(join(tmpdir(), 'delightbot-demo-'));
  const standIn = await startSlackStandIn({ botToken: BOT_TOKEN });
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: standIn.apiUrl,
    DELIGHT_CHANNEL_ID: CHANNEL,
    DATABASE_PATH: keptDb ?? join(tempDir ?? '.', 'delight.db'),
    PORT: '0',
    SHOPIFY_WEBHOOK_SECRET: SHOPIFY_SECRET,
    DELIGHT_TIMEZONE: 'America/New_York',
    // A demo shows every card; the random control group is for a real shop's digest.
    DELIGHT_HOLDOUT_SHARE: '0',
  });
  // The demo's week ends on the last order's day: a fixed clock keeps its story the same whenever it runs.
  let now = DEMO_NOW;
  const running = await startDelightbot({ config, logger: createLogger('warn'), jobs: false, now: () => now, random: () => 1 });
  const baseUrl = `http://127.0.0.1:${running.port}`;
  try {
    title('1. Shopify sends seven orders (signed webhooks)');
    for (const order of DEMO_ORDERS) {
      const body = JSON.stringify(toShopifyPayload(order));
      const res = await fetch(`${baseUrl}/webhooks/shopify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create', 'x-shopify-hmac-sha256': shopifyHmac(SHOPIFY_SECRET, body), 'x-shopify-webhook-id': `demo-${order.id}` },
        body,
      });
      line(`  POST /webhooks/shopify  #${order.number}  ${order.customer.firstName} ${order.customer.lastName}  → ${res.status}`);
    }
    await running.outbox.idle();
    await standIn.waitFor(() => standIn.messages.length >= 3 || undefined);
    await running.outbox.idle();
    line('\n  Jane\'s orders from March to October are history (older than 7 days): they count, they post nothing.');

    title(`2. The delight channel now shows ${standIn.messages.length} nudges`);
    for (const message of standIn.messages) showMessage(message);

    const fifth = running.db.select().from(nudges).orderBy(desc(nudges.id)).all().find((n) => n.messageTs === janesFifth(standIn.messages)?.ts);
    if (!fifth) throw new Error("Jane's 5th-order nudge was not posted");
    title(`3. <@${TEAM_MEMBER}> clicks “Approve $50 gesture” on Jane's card`);
    await postSignedToSlackEndpoint(
      baseUrl,
      SIGNING_SECRET,
      interactionBody(blockActionPayload({ actionId: ActionId.approveSmall, value: String(fifth.id), userId: TEAM_MEMBER, channelId: CHANNEL, messageTs: fifth.messageTs ?? undefined, responseUrl: standIn.newResponseUrl() })),
    );
    await standIn.waitFor(() => running.db.select().from(nudges).where(eq(nudges.id, fifth.id)).get()?.state === 'approved' || undefined);
    await standIn.waitFor(() => standIn.callsTo('chat.update').length > 0 || undefined);
    const updated = standIn.messages.find((message) => message.ts === fifth.messageTs);
    if (updated) showMessage(updated, 'the same message, updated in place');

    title('4. Someone types /delight jane.smith@example.com');
    const lookup = await postSignedToSlackEndpoint(baseUrl, SIGNING_SECRET, slashCommandBody({ command: '/delight', text: 'jane.smith@example.com', userId: 'U0ANYONE001', responseUrl: standIn.newResponseUrl() }));
    const reply = (await lookup.json()) as { text: string; blocks: unknown[]; response_type: string };
    line(`  (only visible to them: response_type=${reply.response_type})`);
    line(indent(renderBlocks(reply.blocks, { fallbackText: reply.text, color })));

    now = DEMO_MONDAY;
    title('5. Monday 09:00 in New York: the weekly delight digest');
    const week = running.digestIfDue();
    await standIn.waitFor(() => standIn.files.some((file) => file.completed) || undefined);
    await running.outbox.idle();
    const digest = standIn.messages.find((message) => message.text.startsWith('Delight digest'));
    if (!week || !digest) throw new Error('the weekly digest was not posted');
    showMessage(digest, `digest for ${week}`);
    const chart = standIn.files.find((file) => file.completed);
    line(`  + chart uploaded with files.getUploadURLExternal / completeUploadExternal: ${chart?.filename} (${chart?.bytes?.length ?? 0} bytes PNG)`);
    line('  With one week of history there is no holdout comparison yet: the digest says so instead of inventing a lift.');

    title('Done');
    line(`  Web API calls the app made: ${standIn.calls.map((call) => call.method).join(', ')}`);
    line(keptDb ? `  Database kept at ${keptDb}` : '  The throw-away database was deleted. Keep one with: npm run demo -- --db ./data/demo.db');
  } finally {
    await running.stop();
    await standIn.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  }
}

function janesFifth(messages: StandInMessage[]): StandInMessage | undefined {
  return messages.find((message) => message.text.includes('5th order'));
}

function showMessage(message: StandInMessage, note?: string): void {
  line(`\n  ┌ #delight · ts ${message.ts}${message.edited ? ' · (edited)' : ''}${note ? ` · ${note}` : ''}`);
  line(indent(renderBlocks(message.blocks ?? [], { fallbackText: message.text, color }), '  │ '));
  line('  └');
}

function title(text: string): void {
  line(`\n${color ? `\u001b[1m${text}\u001b[22m` : text}\n${'═'.repeat(Math.min(text.length, 72))}`);
}

function indent(text: string, prefix = '  '): string {
  return text
    .split('\n')
    .map((row) => `${prefix}${row}`)
    .join('\n');
}

function line(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
