import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { auditLog, customers, nudges, orders, privacyRequests, slackOutbox } from '../src/db/schema.js';
import { saveNote } from '../src/gestures/decide.js';
import { applyDelivery } from '../src/ingest/apply-events.js';
import { parseShopifyOrder } from '../src/ingest/shopify/order-payload.js';
import { databaseFilesContaining, tablesContaining } from './helpers/erasure-scan.js';
import { shopifyOrder } from './helpers/shopify-orders.js';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../src/nudges/settings.js';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '..');
const WREN = { email: 'Wren.Achterberg@Example.org', firstName: 'Wren', lastName: 'Achterberg', customerId: 601 };
const RING = 'Signet ring engraved WA-HALCYON';
const NOTE = 'Prefers deliveries to her studio in Kessel Lane';
const WREN_TEXT = [WREN.email, WREN.firstName, WREN.lastName, RING, NOTE];

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `delight <args>` as `npm run delight` would, in a child process with only DATABASE_PATH set. */
async function delight(args: string[], databasePath: string): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: databasePath };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/delight.ts', ...args], { cwd: REPO, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

// Each case starts Node with tsx (about 2 s on a busy two-core machine), hence the longer timeout.
describe('npm run delight -- forget <email>', { timeout: 60_000 }, () => {
  let dir: string;
  let databasePath: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'delightbot-forget-'));
    databasePath = join(dir, 'delight.db');
    seed(databasePath);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('erases the customer, prints counts only, queues the card and exits 0', async () => {
    const result = await delight(['forget', 'wren.achterberg@example.org'], databasePath);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/customer records\s+1/);
    expect(result.stdout).toMatch(/line item titles\s+2/);
    expect(result.stdout).toMatch(/nudge notes\s+1/);
    // Wren's card (first order, with her comeback on it) is re-rendered without her data.
    expect(result.stdout).toContain('1 Slack card queued');
    expect(WREN_TEXT.filter((text) => result.stdout.toLowerCase().includes(text.toLowerCase()))).toEqual([]);

    const opened = openDatabase(databasePath);
    try {
      expect(tablesContaining(opened.sqlite, WREN_TEXT)).toEqual([]);
      expect(databaseFilesContaining(databasePath, WREN_TEXT)).toEqual([]);
      const { db } = opened;
      expect(db.select({ n: count(), cents: sql<number>`sum(${orders.totalCents})` }).from(orders).get()).toEqual({ n: 2, cents: 15_000 });
      expect(db.select().from(customers).get()?.redactedAt).not.toBeNull();
      expect(db.select().from(privacyRequests).get()).toMatchObject({ source: 'cli', kind: 'customer_redact', state: 'done', customerId: null });
      expect(db.select().from(slackOutbox).where(eq(slackOutbox.state, 'pending')).all()).toHaveLength(1);
      expect(db.select().from(auditLog).where(eq(auditLog.action, 'customer_redacted')).get()?.actor).toBe('cli');
    } finally {
      opened.close();
    }
  });

  it('says so and exits 1 for an e-mail nobody has, and for one already forgotten', async () => {
    const unknown = await delight(['forget', 'nobody@example.org'], databasePath);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No customer with that e-mail address');
    expect(unknown.stdout).toBe('');
    expect((await delight(['forget', WREN.email], databasePath)).code).toBe(0);
    expect((await delight(['forget', WREN.email], databasePath)).code).toBe(1);
    const opened = openDatabase(databasePath);
    try {
      expect(opened.db.select({ n: count() }).from(privacyRequests).get()?.n).toBe(1);
    } finally {
      opened.close();
    }
  });

  it('exits 2 with usage for a missing or malformed e-mail, a missing database or an unknown command', async () => {
    const usageErrors = [['forget'], ['forget', 'not-an-email'], ['forget', 'a@example.org', 'b@example.org'], ['frobnicate'], ['toString']];
    // Independent child processes: run together, each pays tsx's start-up.
    const [missing, help, ...results] = await Promise.all([
      delight(['forget', WREN.email], join(dir, 'nope.db')),
      delight(['help'], databasePath),
      ...usageErrors.map((args) => delight(args, databasePath)),
    ]);
    for (const [index, result] of results.entries()) {
      expect(result.code, usageErrors[index]?.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage: npm run delight');
    }
    expect(missing?.code).toBe(2);
    expect(missing?.stderr).toContain('No database at');
    expect(help).toMatchObject({ code: 0 });
    expect(help?.stdout).toContain('forget <email>');
  });
});

/** Two orders (one engraved), a first-order nudge with a note and the comeback on it: the state a running bot leaves behind. */
function seed(path: string): void {
  const opened = openDatabase(path);
  try {
    runMigrations(opened);
    const now = new Date('2026-11-22T12:00:00Z');
    const payloads = [
      shopifyOrder({ id: 5001, number: 1001, ...WREN, total: '120.00', items: [{ title: RING, variant: 'Size 7', price: '120.00' }] }),
      shopifyOrder({ id: 5002, number: 1002, ...WREN, total: '30.00', createdAt: '2026-11-21T10:00:00Z', items: [{ title: 'Candle', price: '30.00' }] }),
    ];
    for (const payload of payloads) {
      const parsed = parseShopifyOrder(payload);
      if (!parsed.ok) throw new Error(parsed.reason);
      applyDelivery(opened.db, { source: 'shopify', deliveryId: `d-${parsed.event.externalId}`, topic: 'orders/create' }, [parsed.event], { settings: { playbook: { ...DEFAULT_PLAYBOOK_SETTINGS, holdout: { share: 0, salt: null } }, timeZone: 'UTC', random: () => 1 } }, now);
    }
    const nudge = opened.db.select().from(nudges).get();
    if (!nudge || !saveNote(opened.db, { nudgeId: nudge.id, actorId: 'U0ALICE001', note: NOTE }, now)) throw new Error('seeding the note failed');
    // The card was delivered: only the erasure should queue it again.
    opened.db.update(slackOutbox).set({ state: 'done' }).run();
  } finally {
    opened.close();
  }
}
