import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runAudit } from '../src/cli/audit.js';
import { auditCsvRecord } from '../src/cli/audit-csv.js';
import { csvField, csvRecord, neutraliseFormula } from '../src/cli/csv.js';
import { openDatabase, runMigrations, type Db } from '../src/db/client.js';
import { auditLog, customers, nudges, orders } from '../src/db/schema.js';
import { countAuditEntries, loadAuditTrail, type AuditTrailEntry } from '../src/gestures/audit-trail.js';
import { changeMonthBudget } from '../src/gestures/budget-change.js';
import { approveNudge, saveNote, skipNudge, type DecisionSettings } from '../src/gestures/decide.js';
import { decideRequest } from '../src/gestures/fulfilment.js';
import { forgetCustomerByEmail } from '../src/history/privacy/index.js';
import { applyDelivery } from '../src/ingest/apply-events.js';
import { parseShopifyOrder } from '../src/ingest/shopify/order-payload.js';
import { minorToDecimal } from '../src/money.js';
import { localIso } from '../src/nudges/local-time.js';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../src/nudges/settings.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const run = promisify(execFile);
const REPO = join(import.meta.dirname, '..');
const ALICE = 'U0ALICE001';
const MANAGER = 'U0MANAGER1';
const COLUMNS = ['at', 'at_local', 'actor', 'action', 'amount', 'currency', 'nudge_id', 'customer_id', 'customer_email', 'gesture_id', 'detail'];
/** E-mail addresses a spreadsheet would run as formulas, were they not neutralised. */
const HOSTILE = ['=hyperlink("http://evil.example","click")@example.com', '+1-555@example.com', '-2+3@example.com', '@sum(1+1)@example.com'];

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Row = Record<string, string>;

/** Runs `delight <args>` as `npm run delight` would, in a child process with only DATABASE_PATH (and what a test adds) set. */
async function delight(args: string[], env: Record<string, string>): Promise<CliResult> {
  const childEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'src/cli/delight.ts', ...args], { cwd: REPO, env: childEnv });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

function rows(csv: string): Row[] {
  expect(csv.split('\r\n')[0]).toBe(COLUMNS.join(','));
  return parse<Row>(csv, { columns: true });
}

// Each case starts Node with tsx (about 2 s on a busy two-core machine), hence the longer timeout; independent runs go together.
describe('npm run delight -- audit', { timeout: 90_000 }, () => {
  let dir: string;
  let databasePath: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'delightbot-audit-'));
    databasePath = join(dir, 'delight.db');
    seed(databasePath);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports every entry oldest first, with local times, amounts, currencies and details, and neutralises formulas', async () => {
    const [local, utc] = await Promise.all([
      delight(['audit'], { DATABASE_PATH: databasePath, DELIGHT_TIMEZONE: 'America/New_York' }),
      delight(['audit'], { DATABASE_PATH: databasePath }),
    ]);
    expect(local).toMatchObject({ code: 0, stderr: '' });
    const all = rows(local.stdout);
    expect(all.map((row) => row['action'])).toEqual(['customize', 'escalate', 'approve', 'skip', 'skip', 'skip', 'skip', 'skip', 'customer_redacted', 'budget_changed', 'note']);
    expect(all.map((row) => row['at'])).toEqual([...all.map((row) => row['at'])].sort());
    expect(all[0]).toEqual({
      at: '2026-11-02T10:00:00.000Z',
      at_local: '2026-11-02T05:00:00-05:00',
      actor: ALICE,
      action: 'customize',
      amount: '50.00',
      currency: 'USD',
      nudge_id: expect.stringMatching(/^\d+$/),
      customer_id: expect.stringMatching(/^\d+$/),
      customer_email: 'jane@example.com',
      gesture_id: expect.stringMatching(/^\d+$/),
      detail: '{"kind":"gift_card","month":"2026-11","via":"modal"}',
    });
    expect(all[2]).toMatchObject({ actor: MANAGER, action: 'approve', amount: '100.00', currency: 'USD', customer_email: 'john@example.com' });
    expect(JSON.parse(all[2]?.['detail'] ?? '')).toEqual({ kind: 'gift', month: '2026-11', escalation: 'over_limit' });
    expect(all[9]).toMatchObject({ actor: MANAGER, action: 'budget_changed', amount: '1500.00', currency: 'USD', nudge_id: '', customer_id: '', customer_email: '' });
    expect(all[10]).toMatchObject({ action: 'note', at_local: '2026-11-30T22:00:00-05:00', amount: '', currency: '', detail: '{"length":8}' });
    // Erin was forgotten: her rows keep their ids and amounts, never her address.
    expect(all[7]).toMatchObject({ action: 'skip', customer_email: '' });
    expect(all[8]).toMatchObject({ actor: 'cli', action: 'customer_redacted', customer_email: '' });
    expect(local.stdout).not.toContain('erin@');
    // A cell starting with = + - @ reaches a spreadsheet as text.
    expect(all.slice(3, 7).map((row) => row['customer_email'])).toEqual(HOSTILE.map((email) => `'${email}`));
    expect(local.stdout).toContain(`"'=hyperlink(""http://evil.example"",""click"")@example.com"`);
    // Without DELIGHT_TIMEZONE, local time is UTC.
    expect(rows(utc.stdout)[0]).toMatchObject({ at: '2026-11-02T10:00:00.000Z', at_local: '2026-11-02T10:00:00+00:00' });
  });

  it('writes a private file with --out, and exits 1 when a filter matches nothing and 2 for a usage error', async () => {
    const out = join(dir, 'jane.csv');
    const env = { DATABASE_PATH: databasePath };
    const [written, unknownCustomer, nothingInRange, usage] = await Promise.all([
      delight(['audit', '--customer', 'jane@example.com', '--from', '2026-11-01', '--out', out], env),
      delight(['audit', '--customer', 'nobody@example.com'], env),
      delight(['audit', '--from', '2030-01-01'], env),
      delight(['audit', '--from', '2026-13-01'], env),
    ]);
    expect(written).toMatchObject({ code: 0, stdout: `Wrote 2 audit entries to ${out}.\n`, stderr: '' });
    expect(rows(readFileSync(out, 'utf8')).map((row) => row['action'])).toEqual(['customize', 'note']);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(unknownCustomer).toMatchObject({ code: 1, stdout: '' });
    expect(unknownCustomer?.stderr).toContain('No customer with that e-mail address');
    expect(nothingInRange).toMatchObject({ code: 1, stdout: '' });
    expect(nothingInRange?.stderr).toContain('No audit entries match');
    expect(usage).toMatchObject({ code: 2, stdout: '' });
    expect(usage?.stderr).toContain('Usage: npm run delight -- audit');
  });

  it('reads a trail by order as the trail of its customer, newest first, limited and counted', () => {
    const opened = openDatabase(databasePath);
    try {
      const { db } = opened;
      const janeOrder = db.select({ id: orders.id, customerId: orders.customerId }).from(orders).where(eq(orders.number, '#5001')).get();
      expect(janeOrder).toBeDefined();
      const byOrder = loadAuditTrail(db, { orderId: janeOrder?.id ?? -1 }, 20);
      expect(byOrder.map((entry) => entry.action)).toEqual(['note', 'customize']);
      expect(byOrder).toEqual(loadAuditTrail(db, { customerId: janeOrder?.customerId ?? -1 }, 20));
      expect(byOrder[1]).toMatchObject({ amountCents: 5_000, currency: 'USD', gestureKind: 'gift_card', customerName: 'Cust Omer 5001', orderNumber: '#5001', customerErased: false });
      expect(loadAuditTrail(db, {}, 3).map((entry) => entry.action)).toEqual(['note', 'budget_changed', 'customer_redacted']);
      expect(countAuditEntries(db, {})).toBe(11);
      expect(countAuditEntries(db, { actorId: MANAGER, from: new Date('2026-11-16T00:00:00Z') })).toBe(1);
      expect(loadAuditTrail(db, { orderId: 999_999 }, 20)).toEqual([]);
    } finally {
      opened.close();
    }
  });

  describe('in process', () => {
    /** runAudit itself, its CSV collected and its messages caught: the same code without a Node start per case. */
    async function audit(args: string[], env: Record<string, string> = { DATABASE_PATH: databasePath }): Promise<CliResult> {
      let stdout = '';
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          stdout += chunk.toString('utf8');
          done();
        },
      });
      const messages: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((text: string) => void (stdout += `${text}\n`));
      const error = vi.spyOn(console, 'error').mockImplementation((text: string) => void messages.push(text));
      try {
        const code = await runAudit(args, env, sink);
        return { code, stdout, stderr: messages.join('\n') };
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
    }

    it('filters by customer, by days in the team time zone and by actor', async () => {
      const newYork = { DATABASE_PATH: databasePath, DELIGHT_TIMEZONE: 'America/New_York' };
      expect(rows((await audit(['--customer', 'Jane@Example.com'])).stdout).map((row) => [row['action'], row['customer_email']])).toEqual([
        ['customize', 'jane@example.com'],
        ['note', 'jane@example.com'],
      ]);
      // Dec 1, 03:00 UTC is still Nov 30 in New York.
      const november = ['--from', '2026-11-10', '--to', '2026-11-30'];
      expect(rows((await audit(november, newYork)).stdout).map((row) => row['action'])).toEqual(['escalate', 'approve', 'skip', 'skip', 'skip', 'skip', 'skip', 'customer_redacted', 'budget_changed', 'note']);
      expect(rows((await audit(november)).stdout).map((row) => row['action'])).toEqual(['escalate', 'approve', 'skip', 'skip', 'skip', 'skip', 'skip', 'customer_redacted', 'budget_changed']);
      expect(rows((await audit(['--from', '2026-12-01'])).stdout).map((row) => row['action'])).toEqual(['note']);
      expect(rows((await audit(['--actor', MANAGER])).stdout).map((row) => row['action'])).toEqual(['approve', 'budget_changed']);
      expect(rows((await audit(['--customer', 'jane@example.com', '--from', '2026-11-03'])).stdout).map((row) => row['action'])).toEqual(['note']);
    });

    it('streams an export larger than one batch, oldest first, each entry once', async () => {
      const manyPath = join(dir, 'many.db');
      const opened = openDatabase(manyPath);
      try {
        runMigrations(opened);
        const base = new Date('2026-10-01T00:00:00Z').getTime();
        // Many entries share a millisecond, so a batch boundary falls among equal times.
        opened.db.transaction((tx) => {
          for (let i = 0; i < 1_203; i++) tx.insert(auditLog).values({ at: base + Math.floor(i / 7), actor: 'delightbot', action: 'remind', detail: { n: i } }).run();
        });
      } finally {
        opened.close();
      }
      const october = await audit([], { DATABASE_PATH: manyPath });
      const read = rows(october.stdout);
      expect(read).toHaveLength(1_203);
      expect(new Set(read.map((row) => row['detail'])).size).toBe(1_203);
      expect(read.map((row) => (JSON.parse(row['detail'] ?? '{}') as { n: number }).n)).toEqual(Array.from({ length: 1_203 }, (_, i) => i));
    });

    it.each(
      [
        ['--from', '2026-13-01'],
        ['--from', '2026-11-31'],
        ['--to', 'yesterday'],
        ['--from', '2026-11-20', '--to', '2026-11-10'],
        ['--customer', 'not-an-email'],
        ['--actor', 'alice'],
        ['--frobnicate'],
        ['jane@example.com'],
      ].map((args) => ({ args, name: args.join(' ') })),
    )('exits 2 with usage for $name', async ({ args }) => {
      const result = await audit(args);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toContain('Usage: npm run delight -- audit');
    });

    it('fails, naming the file, when --out cannot be written', async () => {
      await expect(audit(['--out', join(dir, 'no-such-folder', 'audit.csv')])).rejects.toThrow(/ENOENT.*no-such-folder/);
    });

    it('exits 2 for a missing database or a bad time zone or currency, and 0 for --help', async () => {
      expect((await audit([], { DATABASE_PATH: join(dir, 'nope.db') })).stderr).toContain('No database at');
      expect(await audit([], { DATABASE_PATH: databasePath, DELIGHT_TIMEZONE: 'Mars/Olympus' })).toMatchObject({ code: 2, stderr: expect.stringContaining('DELIGHT_TIMEZONE') });
      expect(await audit([], { DATABASE_PATH: databasePath, DELIGHT_BUDGET_CURRENCY: 'XYZ1' })).toMatchObject({ code: 2, stderr: expect.stringContaining('DELIGHT_BUDGET_CURRENCY') });
      const help = await audit(['--help']);
      expect(help).toMatchObject({ code: 0, stderr: '' });
      expect(help.stdout).toContain('customer_email (empty');
    });
  });
});

describe('CSV writing (RFC 4180)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r', '"cr\r"'],
    ['', ''],
  ])('quotes %j only when it must', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it.each([
    ['=1+2', "'=1+2"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['a=b', 'a=b'],
    ['jane@example.com', 'jane@example.com'],
  ])('neutralises the formula in %j', (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });

  it('writes records with CRLF, empty fields for null, numbers as they are, and parses back', () => {
    const text = csvRecord(['=HYPERLINK("http://evil.example","x")', null, 42, 'a,"b"\nc', undefined]) + csvRecord(['x', 'y', 'z', 'w', 'v']);
    expect(text.startsWith(`"'=HYPERLINK(""http://evil.example"",""x"")",,42,"a,""b""\nc",\r\n`)).toBe(true);
    expect(parse(text)).toEqual([
      [`'=HYPERLINK("http://evil.example","x")`, '', '42', 'a,"b"\nc', ''],
      ['x', 'y', 'z', 'w', 'v'],
    ]);
  });

  it.each([
    [5_000, 'USD', '50.00'],
    [5, 'USD', '0.05'],
    [0, 'USD', '0.00'],
    [5_000, 'JPY', '5000'],
    [12_345, 'BHD', '12.345'],
    [-250, 'EUR', '-2.50'],
  ])('writes %i minor units of %s as %s', (minor, currency, expected) => {
    expect(minorToDecimal(minor, currency)).toBe(expected);
  });

  it.each([
    ['2026-07-01T12:00:00Z', 'America/New_York', '2026-07-01T08:00:00-04:00'],
    ['2026-11-02T10:00:00Z', 'Asia/Kolkata', '2026-11-02T15:30:00+05:30'],
    ['2026-11-02T00:00:00Z', 'UTC', '2026-11-02T00:00:00+00:00'],
  ])('writes %s in %s as %s', (iso, zone, expected) => {
    expect(localIso(new Date(iso), zone)).toBe(expected);
  });

  it('gives an amount without a recorded currency the fallback one', () => {
    const entry: AuditTrailEntry = {
      id: 1,
      at: new Date('2026-11-02T10:00:00Z'),
      actor: 'U0ALICE001',
      action: 'approve_refused',
      amountCents: 5_000,
      currency: null,
      nudgeId: 1,
      customerId: 1,
      customerName: null,
      customerEmail: null,
      customerErased: true,
      orderNumber: null,
      gestureId: null,
      gestureKind: null,
      detail: { code: 'over_budget' },
    };
    expect(parse(auditCsvRecord(entry, 'UTC', 'EUR'))).toEqual([
      ['2026-11-02T10:00:00.000Z', '2026-11-02T10:00:00+00:00', 'U0ALICE001', 'approve_refused', '50.00', 'EUR', '1', '1', '', '', '{"code":"over_budget"}'],
    ]);
  });
});

const SETTINGS: DecisionSettings = {
  anyoneMayApprove: false,
  approverIds: [ALICE],
  managerIds: [MANAGER],
  gestureLimitCents: 6_000,
  currency: 'USD',
  monthlyBudgetCents: 100_000,
  timeZone: 'UTC',
  approverMonthlyLimitCents: null,
  customerCooldownMs: 30 * 86_400_000,
  paceMarginShare: 0.1,
  lowPriorityBelow: 55,
};

/** A month of decisions, made by the domain as the Slack listeners make them. */
function seed(path: string): void {
  const opened = openDatabase(path);
  try {
    runMigrations(opened);
    const { db } = opened;
    let orderId = 5000;
    const firstOrder = (email: string, at: string): number => {
      orderId += 1;
      const parsed = parseShopifyOrder(shopifyOrder({ id: orderId, number: orderId, email, firstName: 'Cust', lastName: `Omer ${orderId}`, customerId: orderId, total: '40.00', createdAt: at }));
      if (!parsed.ok) throw new Error(parsed.reason);
      const settings = { playbook: { ...DEFAULT_PLAYBOOK_SETTINGS, holdout: { share: 0, salt: null } }, timeZone: 'UTC', random: () => 1 };
      applyDelivery(db, { source: 'shopify', deliveryId: `d-${orderId}`, topic: 'orders/create' }, [parsed.event], { settings }, new Date(at));
      return nudgeOf(db, email);
    };
    const jane = firstOrder('jane@example.com', '2026-11-02T09:00:00Z');
    expect(approveNudge(db, { nudgeId: jane, actorId: ALICE, amountCents: 5_000, kind: 'gift_card', via: 'modal' }, SETTINGS, new Date('2026-11-02T10:00:00Z')).outcome).toBe('approved');
    const john = firstOrder('john@example.com', '2026-11-15T09:00:00Z');
    expect(approveNudge(db, { nudgeId: john, actorId: ALICE, amountCents: 10_000, kind: 'gift' }, SETTINGS, new Date('2026-11-15T09:30:00Z')).outcome).toBe('escalated');
    expect(decideRequest(db, { nudgeId: john, actorId: MANAGER, approve: true }, SETTINGS, new Date('2026-11-15T09:45:00Z')).outcome).toBe('approved');
    for (const email of HOSTILE) {
      const nudgeId = firstOrder(email, '2026-11-16T09:00:00Z');
      expect(skipNudge(db, { nudgeId, actorId: ALICE }, SETTINGS, new Date('2026-11-16T10:00:00Z')).outcome).toBe('skipped');
    }
    const erin = firstOrder('erin@example.com', '2026-11-17T09:00:00Z');
    expect(skipNudge(db, { nudgeId: erin, actorId: ALICE }, SETTINGS, new Date('2026-11-17T10:00:00Z')).outcome).toBe('skipped');
    expect(forgetCustomerByEmail(db, 'erin@example.com', new Date('2026-11-18T10:00:00Z'))).not.toBeNull();
    expect(changeMonthBudget(db, { actorId: MANAGER, limitCents: 150_000 }, SETTINGS, new Date('2026-11-20T12:00:00Z')).outcome).toBe('changed');
    // Dec 1, 03:00 UTC: still Nov 30 in New York.
    expect(saveNote(db, { nudgeId: jane, actorId: ALICE, note: 'Loved it' }, new Date('2026-12-01T03:00:00Z'))).toBe(true);
  } finally {
    opened.close();
  }
}

function nudgeOf(db: Db, email: string): number {
  const row = db.select({ id: nudges.id }).from(nudges).innerJoin(customers, eq(customers.id, nudges.customerId)).where(eq(customers.email, email)).get();
  if (!row) throw new Error(`no nudge for ${email}`);
  return row.id;
}
