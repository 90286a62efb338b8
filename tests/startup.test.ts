import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startSlackStandIn } from '../src/dev/slack-stand-in/index.js';
import { createLogger } from '../src/logger.js';
import { BotTokenRejected } from '../src/slack/bot-authorization.js';
import { startDelightbot } from '../src/start.js';

function configFor(apiUrl: string, dir: string) {
  return loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-wrong-token',
    SLACK_SIGNING_SECRET: 'signing-secret-123',
    SLACK_API_URL: apiUrl,
    DELIGHT_CHANNEL_ID: 'C0DELIGHT01',
    DATABASE_PATH: join(dir, 'delight.db'),
    PORT: '0',
  });
}

describe('start-up', () => {
  it('stops with a clear error when Slack rejects the bot token', async () => {
    const standIn = await startSlackStandIn({ botToken: 'xoxb-the-right-token' });
    const dir = mkdtempSync(join(tmpdir(), 'delightbot-start-'));
    try {
      const started = startDelightbot({ config: configFor(standIn.apiUrl, dir), logger: createLogger('silent'), jobs: false });
      await expect(started).rejects.toBeInstanceOf(BotTokenRejected);
      await expect(started).rejects.toThrow(/invalid_auth.*OAuth & Permissions/);
    } finally {
      await standIn.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts and reports healthy when Slack cannot be reached, instead of crashing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'delightbot-start-'));
    const running = await startDelightbot({ config: configFor('http://127.0.0.1:9/api/', dir), logger: createLogger('silent'), jobs: false });
    try {
      const res = await fetch(`http://127.0.0.1:${running.port}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
