import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runImport } from '../src/cli/import/index.js';
import { detectFormat } from '../src/cli/import/detect.js';
import { convertOrderRows } from '../src/cli/import/shopify-order.js';
import type { ImportUnit } from '../src/cli/import/types.js';
import { BatchWriter } from '../src/cli/import/writer.js';
import { openDatabase, runMigrations, type Db } from '../src/db/client.js';
import type { OrderPlaced } from '../src/history/events.js';
import * as schema from '../src/db/schema.js';
import { startHarness } from './helpers/harness.js';
import { orderRows, rowLine, SHOPIFY_ORDER_COLUMNS, shopifyOrdersCsv, type CsvOrder } from './helpers/shopify-csv.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const STRIPE_FIXTURE = join(import.meta.dirname, 'fixtures/import/stripe-charges.jsonl');
const GENERIC_FIXTURE = join(import.meta.dirname, 'fixtures/import/generic-events.jsonl');

const JANE = { email: 'jane@example.com', billingName: 'Jane Smith' };
const OMAR = { email: 'omar@example.com', billingName: 'Omar Haddad' };

/**
 * Ten orders, sixteen lines after the header (the note of #1002 spans three):
 * line 2 #1001 · 3–5 #1002 row 1 (note) · 6–7 its rows 2 and 3 · 8 #1003 ·
 * 9 #1004 · 10 #1005 · 11–12 #1006 · 13 #1007 · 14–15 #1008 · 16 #1009 · 17 #1010.
 */
const ORDERS: CsvOrder[] = [
  { name: '#1001', id: 5001, ...JANE, total: '50.00', shipping: '5.00', createdAt: '2026-01-05 10:00:00 -0500', items: [{ name: 'Scarf, blue', price: '45.00' }] },
  {
    name: '#1002',
    id: 5002,
    ...JANE,
    total: '36.00',
    createdAt: '2026-01-20 16:30:00 -0500',
    notes: 'Leave at the door,\nring twice\nthanks!',
    items: [
      { name: 'Mug', price: '12.00', quantity: 2 },
      { name: 'Tea, green', price: '8.50' },
      { name: 'Card', price: '3.50' },
    ],
  },
  { name: '#1003', id: 5003, ...OMAR, total: '80.00', createdAt: '2026-01-22 09:00:00 -0500', financialStatus: 'partially_refunded', refundedAmount: '30.00', items: [{ name: 'Wool socks', price: '40.00', quantity: 2 }] },
  { name: '#1004', id: 5004, billingName: 'Walk In', total: '20.00', createdAt: '2026-01-23 12:00:00 -0500', items: [{ name: 'Mug', price: '20.00' }] },
  { name: '#1005', id: 5005, ...JANE, total: '25.00', createdAt: '2026-02-10 08:00:00 -0500', financialStatus: 'voided', cancelledAt: '2026-02-11 09:00:00 -0500', items: [{ name: 'Merino hat', price: '25.00' }] },
  { name: '#1006', id: 5006, ...OMAR, total: '60.00', createdAt: '2026-02-12 08:00:00 -0500', override: { Total: 'abc' }, items: [{ name: 'Mug', price: '30.00' }, { name: 'Merino hat', price: '30.00' }] },
  { name: '#1007', id: 5007, ...JANE, email: 'JANE@Example.com ', total: '30.00', createdAt: '2026-03-01 11:00:00 -0500', items: [{ name: 'Mug "Morning"', price: '30.00' }] },
  {
    name: '#1008',
    id: 5008,
    ...JANE,
    total: '40.00',
    createdAt: '2026-03-15 11:00:00 -0400',
    items: [{ name: 'Tea, green', price: '20.00', quantity: 2 }, { name: 'Gift card', price: 'x', override: { 'Lineitem price': 'x' } }],
  },
  { name: '#1009', id: 5009, email: 'li@example.com', billingName: 'Li Wei', total: '15.00', createdAt: '2026-03-16 11:00:00 -0400', override: { Total: '' }, items: [{ name: 'Mug', price: '15.00' }] },
  { name: '#1010', id: 5010, total: '15.00', createdAt: '2026-03-17 11:00:00 -0400', items: [{ name: 'Mug', price: '15.00' }] },
];

function rowOf(orderName: string, index = 0): string {
  const order = ORDERS.find((o) => o.name === orderName);
  const row = order ? orderRows(order)[index] : undefined;
  if (!row) throw new Error(`no row ${index} of ${orderName}`);
  return rowLine(row).replace(/\n/g, '\r\n');
}

class Sink extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

let dir: string;
let dbPath: string;

async function run(args: string[], options: { tty?: boolean } = {}) {
  const stdout = new Sink();
  const stderr = new Sink(options.tty);
  const code = await runImport(args, { env: { DATABASE_PATH: dbPath }, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function withDb<T>(work: (db: Db) => T): T {
  const opened = openDatabase(dbPath);
  try {
    return work(opened.db);
  } finally {
    opened.close();
  }
}

const COUNTED = {
  customers: schema.customers,
  identities: schema.customerIdentities,
  orders: schema.orders,
  lineItems: schema.lineItems,
  refunds: schema.refunds,
  payments: schema.payments,
  timeline: schema.timelineEvents,
  moments: schema.moments,
  nudges: schema.nudges,
  slackOutbox: schema.slackOutbox,
  slackNotices: schema.slackNotices,
} as const;

function tableCounts(): Record<keyof typeof COUNTED, number> {
  return withDb((db) => {
    const entries = Object.entries(COUNTED).map(([name, table]) => [name, db.select({ n: count() }).from(table).get()?.n ?? 0]);
    return Object.fromEntries(entries) as Record<keyof typeof COUNTED, number>;
  });
}

function writeShopifyFile(): string {
  const file = join(dir, 'orders_export_1.csv');
  writeFileSync(file, shopifyOrdersCsv(ORDERS, { bom: true, eol: '\r\n' }));
  return file;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'delightbot-import-'));
  dbPath = join(dir, 'delight.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('delight import <Shopify orders export>', () => {
  it('imports orders, line items and refunds, and lists what it skipped with line numbers', async () => {
    const file = writeShopifyFile();
    const result = await run([file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(tableCounts()).toEqual({
      customers: 3, // Jane, Omar, and the walk-in without an e-mail
      identities: 0, // the export has no customer ids
      orders: 7,
      lineItems: 9,
      refunds: 1,
      payments: 0,
      timeline: 8, // 7 orders + 1 refund
      moments: 0,
      nudges: 0,
      slackOutbox: 0,
      slackNotices: 0,
    });
    expect(result.stdout).toContain('(shopify-csv): 14 rows'); // records, on lines 2–17
    expect(result.stdout).toContain('Customers  3 new, 3 in total');
    expect(result.stdout).toContain('Orders     7 new, 0 already known (9 new line items)');
    expect(result.stdout).toContain('Refunds    1 new, 0 already known');
    expect(result.stdout).toContain('1 order without an e-mail: imported');
    expect(result.stdout).toContain(`Skipped    5 rows, listed in ${file}.skipped.csv`);
    expect(result.stdout).toContain('line 11: Total "abc" is not an amount');
    expect(result.stdout).toContain('line 16: missing Total');
    expect(result.stdout).toContain('No nudges were posted');

    const skipped = readFileSync(`${file}.skipped.csv`, 'utf8');
    expect(skipped.split('\n')).toEqual([
      `Line,Reason,${SHOPIFY_ORDER_COLUMNS.join(',')}`,
      `11,"Total ""abc"" is not an amount",${rowOf('#1006')}`,
      `12,"part of order #1006, skipped at line 11",${rowOf('#1006', 1)}`,
      `15,"Lineitem price ""x"" is not an amount; order #1008 imported without this item",${rowOf('#1008', 1)}`,
      `16,missing Total,${rowOf('#1009')}`,
      `17,no Email and no Billing Name,${rowOf('#1010')}`,
      '',
    ]);
  });

  it('maps the export faithfully: quoted commas, names, cancellations, refunds, e-mail case', async () => {
    await run([writeShopifyFile()]);
    withDb((db) => {
      const jane = db.select().from(schema.customers).where(eq(schema.customers.email, 'jane@example.com')).get();
      expect(jane).toMatchObject({ firstName: 'Jane', lastName: 'Smith' });
      const janes = db.select().from(schema.orders).where(eq(schema.orders.customerId, jane?.id ?? -1)).all();
      // #1007 was exported as "JANE@Example.com ": still Jane.
      expect(janes.map((o) => o.number).sort()).toEqual(['#1001', '#1002', '#1005', '#1007', '#1008']);
      const first = db.select().from(schema.orders).where(eq(schema.orders.externalId, '5001')).get();
      expect(first).toMatchObject({ source: 'shopify', number: '#1001', currency: 'USD', totalCents: 5000, shippingCents: 500, shippingTitle: 'Standard', shippingCountry: 'CA', financialStatus: 'paid' });
      expect(new Date(first?.placedAt ?? 0).toISOString()).toBe('2026-01-05T15:00:00.000Z');
      const items = db.select().from(schema.lineItems).where(eq(schema.lineItems.orderId, first?.id ?? -1)).all();
      expect(items.map((i) => [i.title, i.quantity, i.priceCents])).toEqual([['Scarf, blue', 1, 4500]]);
      const second = db.select().from(schema.orders).where(eq(schema.orders.externalId, '5002')).get();
      const secondItems = db.select().from(schema.lineItems).where(eq(schema.lineItems.orderId, second?.id ?? -1)).all();
      expect(secondItems.map((i) => i.title)).toEqual(['Mug', 'Tea, green', 'Card']);
      const cancelled = db.select().from(schema.orders).where(eq(schema.orders.externalId, '5005')).get();
      expect(new Date(cancelled?.cancelledAt ?? 0).toISOString()).toBe('2026-02-11T14:00:00.000Z');
      const refunded = db.select().from(schema.orders).where(eq(schema.orders.externalId, '5003')).get();
      expect(refunded?.refundedCents).toBe(3000);
      expect(db.select().from(schema.refunds).get()).toMatchObject({ externalId: 'import-refund:5003', amountCents: 3000, currency: 'USD' });
      const walkIn = db.select().from(schema.customers).where(eq(schema.customers.firstName, 'Walk')).get();
      expect(walkIn).toMatchObject({ email: null, lastName: 'In' });
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const file = writeShopifyFile();
    await run([file]);
    const before = tableCounts();
    const refunded = () => withDb((db) => db.select().from(schema.orders).where(eq(schema.orders.externalId, '5003')).get()?.refundedCents);
    const again = await run([file]);
    expect(again.code).toBe(0);
    expect(tableCounts()).toEqual(before);
    expect(refunded()).toBe(3000);
    expect(again.stdout).toContain('Customers  0 new, 3 in total');
    expect(again.stdout).toContain('Orders     0 new, 7 already known (0 new line items)');
    expect(again.stdout).toContain('Refunds    0 new, 1 already known');
  });

  it('makes a later live order count as the customer’s Nth, and dedupes a webhook for an imported order', async () => {
    await run([writeShopifyFile()]);
    const h = await startHarness({ DATABASE_PATH: dbPath });
    // The live order's day: it is fresh, the imported ones are history.
    h.clock.now = new Date('2026-04-01T18:00:00Z');
    try {
      const jane = { email: 'jane@example.com', firstName: 'Jane', lastName: 'Smith', customerId: 501 };
      // #1001 again, live: the import already has it under the same id.
      const replay = await h.postShopify('orders/create', shopifyOrder({ id: 5001, number: 1001, ...jane, total: '50.00', createdAt: '2026-01-05T10:00:00-05:00' }));
      expect(replay.status).toBe(200);
      const fifth = await h.postShopify('orders/create', shopifyOrder({ id: 6001, number: 1011, ...jane, total: '20.00', createdAt: '2026-04-01T10:00:00-04:00' }));
      expect(fifth.status).toBe(200);
      const posted = await h.standIn.waitFor(() => h.standIn.messages[0]);
      await h.running.outbox.idle();
      expect(h.standIn.messages).toHaveLength(1);
      // 4 imported orders that count (#1005 was cancelled) + this one.
      expect(posted.text).toContain("Jane Smith's 5th order");
      expect(h.running.db.select({ n: count() }).from(schema.orders).get()?.n).toBe(8);
    } finally {
      await h.close();
    }
  });

  it('runs as `npm run delight -- import` in a child process, without Slack settings', async (context) => {
    if (!existsSync('src/cli/delight.ts')) context.skip();
    const file = writeShopifyFile();
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_PATH: dbPath };
    const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/delight.ts', 'import', file], { env });
    expect(child.stdout).toContain('Orders     7 new, 0 already known (9 new line items)');
    // Not a terminal: no progress bar, nothing on stderr.
    expect(child.stderr).toBe('');
    expect(tableCounts()).toMatchObject({ orders: 7, slackOutbox: 0, nudges: 0 });
  });

  it('shows a progress bar on a terminal only', async () => {
    const file = writeShopifyFile();
    const piped = await run([file]);
    expect(piped.stderr).toBe('');
    const onTerminal = await run([file, '--skipped', join(dir, 'again.csv')], { tty: true });
    expect(onTerminal.stderr).toContain('rows/s');
    expect(onTerminal.stderr).toContain('14 rows, 7 orders');
  });

  it('stops on a file that is not an orders export, and on broken quoting, keeping what came before', async () => {
    const products = join(dir, 'products_export.csv');
    writeFileSync(products, 'Handle,Title,Body (HTML),Vendor\nscarf,Scarf,,Acme\n');
    const wrong = await run([products]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain('not a Shopify orders export: missing columns Name, Email, Currency, Total, Created at');

    const broken = join(dir, 'broken.csv');
    const good = shopifyOrdersCsv(ORDERS.slice(0, 2));
    writeFileSync(broken, `${good}${rowLine(orderRows({ ...(ORDERS[2] as CsvOrder), notes: 'unclosed' })[0] ?? {}).replace('unclosed', '"unclosed')}\n`);
    const stopped = await run([broken]);
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain('The import stopped: the file is not valid CSV at line 8');
    // #1002 (lines 3–7) might have had more rows past the break: it waits for the fixed file.
    expect(stopped.stdout).toContain('nothing from line 3 on was imported');
    expect(tableCounts().orders).toBe(1);
  });
});

describe('Shopify export rows → events', () => {
  const rowsOf = (order: CsvOrder) => orderRows(order).map((row, index) => ({ line: 2 + index, row, raw: rowLine(row) }));
  const base: CsvOrder = { name: '#2001', id: 7001, ...JANE, total: '10.00', createdAt: '2026-03-02 14:05:00 -0500', items: [{ name: 'Mug', price: '10.00' }] };

  it.each([
    [{ 'Refunded Amount': 'abc' }, 'Refunded Amount "abc" is not an amount'],
    [{ Total: '12.345' }, 'Total "12.345" has more decimals than USD allows'],
    [{ Total: '-5.00' }, 'Total "-5.00" is negative'],
    [{ Currency: 'US Dollar' }, 'Currency "US Dollar" is not a three-letter code'],
    [{ 'Created at': 'yesterday' }, 'Created at "yesterday" is not a date'],
    [{ 'Cancelled at': '2026-13-45 00:00:00 +0000' }, 'Cancelled at "2026-13-45 00:00:00 +0000" is not a date'],
    [{ 'Lineitem quantity': 'two' }, 'Lineitem quantity "two" is not a whole number; order #2001 imported without this item'],
  ] as const)('skips %o with the reason', (override, reason) => {
    const items = convertOrderRows(rowsOf({ ...base, override }));
    expect(items.filter((item) => item.kind === 'skip').map((item) => item.kind === 'skip' && item.reason)).toEqual([reason]);
  });

  it('reads the export’s time format and falls back to Name without an Id column', () => {
    const [unit] = convertOrderRows(rowsOf({ ...base, override: { Id: '' } }));
    expect(unit?.kind === 'unit' && unit.events[0]).toMatchObject({ externalId: '#2001', number: '#2001', placedAt: new Date('2026-03-02T19:05:00Z') });
  });
});

describe('delight import <Stripe charges>', () => {
  it('records settled charges as payments on the customers the orders import made', async () => {
    await run([writeShopifyFile()]);
    const result = await run([STRIPE_FIXTURE, '--skipped', join(dir, 'charges.skipped.jsonl')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(stripe-jsonl): 8 rows');
    expect(result.stdout).toContain('Customers  2 new, 5 in total'); // Bob and Aiko; Jane and Omar are known by e-mail
    expect(result.stdout).toContain('Payments   5 new, 0 already known');
    withDb((db) => {
      const payments = db.select().from(schema.payments).all();
      const byId = Object.fromEntries(payments.map((p) => [p.externalId, p]));
      expect(byId['ch_3QmJane01']).toMatchObject({ status: 'succeeded', amountCents: 5000, currency: 'USD', orderExternalId: '5001' });
      expect(byId['ch_3QmBob001']).toMatchObject({ status: 'failed', amountCents: 2500, failureReason: 'Your card was declined.' });
      expect(byId['ch_3QmOmar01']).toMatchObject({ status: 'refunded', amountCents: 8000 });
      expect(byId['ch_3QmJane02']).toMatchObject({ status: 'succeeded', amountCents: 3000 }); // partly refunded
      expect(byId['ch_3QmAiko01']).toMatchObject({ amountCents: 1200, currency: 'JPY' });
      const jane = db.select().from(schema.customers).where(eq(schema.customers.email, 'jane@example.com')).get();
      expect(byId['ch_3QmJane01']?.customerId).toBe(jane?.id);
      expect(db.select({ n: count() }).from(schema.slackOutbox).get()?.n).toBe(0);
    });
    const skipped = readFileSync(join(dir, 'charges.skipped.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { _skipped: unknown; id?: string; _raw?: string });
    expect(skipped.map((s) => s._skipped)).toEqual([
      { line: 5, reason: 'status "pending": the charge has not settled' },
      { line: 6, reason: 'not valid JSON' },
      { line: 7, reason: 'no customer and no e-mail: the charge cannot be matched to anyone' },
      { line: 9, reason: 'not a Stripe charge (object "refund")' },
    ]);
    expect(skipped[0]?.id).toBe('ch_3QmPend01');
    expect(skipped[1]?._raw).toBe('{"id": "ch_3QmBroken", "object": "charge", "amount": 12');

    const again = await run([STRIPE_FIXTURE, '--skipped', join(dir, 'charges.skipped.jsonl')]);
    expect(again.stdout).toContain('Payments   0 new, 5 already known');
    expect(again.stdout).toContain('Customers  0 new, 5 in total');
  });
});

describe('delight import <generic events>', () => {
  it('records the events of the generic webhook format, one body per line', async () => {
    const result = await run([GENERIC_FIXTURE]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('(generic-jsonl): 5 rows');
    expect(result.stdout).toContain('Orders     1 new, 0 already known (1 new line item)');
    expect(result.stdout).toContain('Payments   1 new, 0 already known');
    expect(result.stdout).toContain('Other      2 new, 0 already known');
    expect(result.stdout).toContain('line 4: no event type delightbot imports (loyalty_points)');
    expect(result.stdout).toContain('line 5: total: must be a decimal string');
    expect(tableCounts()).toMatchObject({ customers: 1, orders: 1, payments: 1, nudges: 0, slackOutbox: 0 });
    const again = await run([GENERIC_FIXTURE]);
    expect(again.stdout).toContain('Orders     0 new, 1 already known');
    expect(again.stdout).toContain('Other      0 new, 2 already known');
  });
});

describe('the import writer', () => {
  const order = (id: string, totalCents: number): ImportUnit => {
    const event: OrderPlaced = { type: 'order_placed', source: 'shopify', externalId: id, customer: { email: `${id}@example.com` }, currency: 'USD', totalCents, shippingCents: 0, placedAt: new Date('2026-01-01T00:00:00Z'), lineItems: [] };
    return { kind: 'unit', line: Number(id), rows: 1, source: [{ line: Number(id), raw: `row ${id}` }], events: [event], onlyIfNew: true };
  };

  it('stores the rest of a batch when one unit cannot be stored, and reports that unit', () => {
    const opened = openDatabase(dbPath);
    try {
      runMigrations(opened);
      const failures: string[] = [];
      const writer = new BatchWriter(opened.db, { now: () => new Date(), batchEvents: 10, onFailure: (unit, reason) => failures.push(`${unit.line}: ${reason}`) });
      // NaN binds as NULL: total_cents NOT NULL fails the whole first attempt.
      for (const unit of [order('1', 100), order('2', Number.NaN), order('3', 300)]) writer.add(unit);
      writer.flush();
      expect(failures).toEqual(['2: could not be stored: NOT NULL constraint failed: orders.total_cents']);
      expect(writer.counts.orders).toEqual({ new: 2, known: 0 });
      expect(opened.db.select().from(schema.orders).all().map((o) => o.externalId)).toEqual(['1', '3']);
    } finally {
      opened.close();
    }
  });
});

describe('delight import arguments', () => {
  it('guesses the format from the name and the first line', async () => {
    const file = writeShopifyFile();
    expect(await detectFormat(file)).toBe('shopify-csv');
    expect(await detectFormat(STRIPE_FIXTURE)).toBe('stripe-jsonl');
    expect(await detectFormat(GENERIC_FIXTURE)).toBe('generic-jsonl');
    const unnamed = join(dir, 'export.txt');
    writeFileSync(unnamed, readFileSync(file));
    expect(await detectFormat(unnamed)).toBe('shopify-csv');
    writeFileSync(unnamed, 'hello\n');
    expect(await detectFormat(unnamed)).toBeUndefined();
  });

  it('answers usage errors with exit code 2 and a missing file with 1', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['a.csv', 'b.csv'])).code).toBe(2);
    const badFormat = await run(['a.csv', '--format', 'xlsx']);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('Unknown format "xlsx"');
    const missing = await run([join(dir, 'nope.csv')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file');
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run delight -- import <file>');
  });
});
