import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count, eq, isNull, sql } from 'drizzle-orm';
import { immediate } from '../src/db/client.js';
import { customerIdentities, customers, lineItems, nudges, orders, privacyRequests } from '../src/db/schema.js';
import { saveNote } from '../src/gestures/decide.js';
import { recordEvent } from '../src/history/record-event.js';
import { databaseFilesContaining, freePages, tablesContaining } from './helpers/erasure-scan.js';
import { jsonFixture } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { logLinesContaining } from './helpers/log-check.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const JANE = { email: 'Janelle.Quistorff@Example.com', firstName: 'Janelle', lastName: 'Quistorff', customerId: 501 };
const BOB = { email: 'bartholomew.oyelaran@example.net', firstName: 'Bartholomew', lastName: 'Oyelaran', customerId: 502 };
const LOCKET = 'Engraved locket FOREVER-QX-TIDEPOOL';
const NOTE = 'Mentioned her hedgehog Pemberwick is poorly';
const JANE_TEXT = [JANE.email, JANE.firstName, JANE.lastName, LOCKET, NOTE];
const SHOP = { shop_id: 954889, shop_domain: 'delight-test.myshopify.com' };

/** Shaped like Shopify's documented sample payloads for the mandatory privacy topics. */
const redactPayload = (who: { email: string; customerId: number }) => ({
  ...SHOP,
  customer: { id: who.customerId, email: who.email, phone: '555-625-1199' },
  orders_to_redact: [9001, 9002],
});

describe('privacy requests over Shopify webhooks', () => {
  let h: Harness;
  let exportDir: string;
  beforeEach(async () => {
    exportDir = mkdtempSync(join(tmpdir(), 'delightbot-exports-'));
    h = await startHarness({ DELIGHT_EXPORT_DIR: exportDir });
  });
  afterEach(async () => {
    await h.close();
    rmSync(exportDir, { recursive: true, force: true });
  });

  /** Jane: two orders (one with the engraving), a first-order card (her comeback joined it) with a note in Slack. Bob: one order. */
  async function seed(): Promise<number> {
    h.clock.now = new Date('2026-11-22T12:00:00Z');
    const first = shopifyOrder({ id: 9001, number: 1001, ...JANE, total: '80.00', items: [{ title: LOCKET, variant: 'Rose gold', price: '80.00' }] });
    const second = shopifyOrder({ id: 9002, number: 1002, ...JANE, total: '20.00', createdAt: '2026-11-21T10:00:00Z', items: [{ title: 'Mug', price: '20.00' }] });
    const bobs = shopifyOrder({ id: 9003, number: 1003, ...BOB, total: '35.00', items: [{ title: 'Scarf', price: '35.00' }] });
    for (const order of [first, second, bobs]) expect((await h.postShopify('orders/create', order)).status).toBe(200);
    await h.standIn.waitFor(() => h.standIn.messages.length === 2 || undefined);
    const janeId = customerIdOf(JANE.email);
    const nudge = h.running.db.select().from(nudges).where(eq(nudges.customerId, janeId)).orderBy(nudges.id).get();
    expect(saveNote(h.running.db, { nudgeId: nudge!.id, actorId: 'U0ALICE001', note: NOTE }, h.clock.now)).toBe(true);
    h.running.outbox.kick();
    await h.standIn.waitFor(() => janeCard()?.blocks && JSON.stringify(janeCard()?.blocks).includes('Pemberwick'));
    await h.running.outbox.idle();
    return janeId;
  }

  const customerIdOf = (email: string) => h.running.db.select().from(customers).where(eq(customers.email, email.toLowerCase())).get()!.id;
  /** Jane's first-order card, the one with the note. */
  const janeCard = () => h.standIn.messages.find((m) => m.text.includes('first order') && (m.text.includes('Janelle') || m.text.includes('(erased)')));
  const sqlite = () => h.running.database.sqlite;
  const totals = () =>
    h.running.db
      .select({ orders: count(), cents: sql<number>`sum(${orders.totalCents})` })
      .from(orders)
      .get();
  const itemTotals = () => h.running.db.select({ n: count(), cents: sql<number>`sum(${lineItems.priceCents} * ${lineItems.quantity})` }).from(lineItems).get();

  it('customers/redact erases the customer from every table, the files, the logs and the Slack card; aggregates stay', async () => {
    const janeId = await seed();
    const before = { orders: totals(), items: itemTotals() };
    // Move everything into the main file first, so the check below proves secure_delete, not just a fresh WAL.
    sqlite().pragma('wal_checkpoint(TRUNCATE)');
    expect(databaseFilesContaining(h.config.databasePath, [JANE.email, LOCKET])).toEqual([`db: ${JANE.email}`, `db: ${LOCKET}`]);

    const res = await h.postShopify('customers/redact', redactPayload(JANE));
    expect(res.status).toBe(200);

    expect(tablesContaining(sqlite(), JANE_TEXT)).toEqual([]);
    expect(databaseFilesContaining(h.config.databasePath, JANE_TEXT)).toEqual([]);
    expect({ orders: totals(), items: itemTotals() }).toEqual(before);
    const jane = h.running.db.select().from(customers).where(eq(customers.id, janeId)).get();
    expect(jane).toMatchObject({ email: null, firstName: null, lastName: null, birthday: null, redactedAt: h.clock.now.getTime() });
    expect(h.running.db.select().from(customerIdentities).where(eq(customerIdentities.customerId, janeId)).all()).toEqual([]);
    expect(h.running.db.select().from(privacyRequests).all()).toEqual([
      expect.objectContaining({ source: 'shopify', kind: 'customer_redact', externalId: 'customer-501', customerId: null, state: 'done' }),
    ]);
    // Bob is untouched.
    expect(tablesContaining(sqlite(), [BOB.email, BOB.lastName])).toEqual([`customers: ${BOB.email}`, `customers: ${BOB.lastName}`]);

    const card = await h.standIn.waitFor(() => (janeCard()?.text.includes('(erased)') ? janeCard() : undefined));
    expect(card.edited).toBe(true);
    expect(card.text).toContain("A customer (erased)'s first order");
    expect(JANE_TEXT.filter((text) => JSON.stringify(card).toLowerCase().includes(text.toLowerCase()))).toEqual([]);
    await h.running.outbox.idle();
    expect(JANE_TEXT.flatMap((text) => logLinesContaining(h.logs, text))).toEqual([]);
  });

  it('a birthday read from a metafield and a note lives only in customers.birthday, and goes with the erasure', async () => {
    const maya = { email: 'maya.lindqvist@example.com', customerId: 7290183467223 };
    // The metafield says 1985-03-14; the note says "Birthday: March 14".
    expect((await h.postShopify('customers/create', jsonFixture('shopify', 'customer-create-birthday.json'))).status).toBe(200);
    const needles = ['1985-03-14', 'March 14', '--03-14'];
    expect(tablesContaining(sqlite(), needles)).toEqual(['customers: 1985-03-14']);

    expect((await h.postShopify('customers/redact', redactPayload(maya))).status).toBe(200);
    expect(h.running.db.select().from(customers).get()).toMatchObject({ email: null, birthday: null });
    expect(tablesContaining(sqlite(), needles)).toEqual([]);
    expect(databaseFilesContaining(h.config.databasePath, needles)).toEqual([]);
  });

  it('acts once on a redelivered redaction request, whatever its delivery id', async () => {
    await seed();
    expect((await h.postShopify('customers/redact', redactPayload(JANE))).status).toBe(200);
    await h.standIn.waitFor(() => janeCard()?.text.includes('(erased)') || undefined);
    await h.running.outbox.idle();
    const snapshot = () => everyTableBut(sqlite(), 'webhook_deliveries');
    const before = snapshot();
    const updates = h.standIn.callsTo('chat.update').length;

    expect((await h.postShopify('customers/redact', redactPayload(JANE))).status).toBe(200);
    await h.running.outbox.idle();
    expect(snapshot()).toEqual(before);
    expect(h.standIn.callsTo('chat.update')).toHaveLength(updates);
    expect(h.logs.some((line) => line.includes('"repeated":true'))).toBe(true);
  });

  it('shop/redact erases every customer and leaves zeroed free pages', async () => {
    await seed();
    // More customers, and a long survey comment: it lives in overflow pages, which the erasure frees.
    immediate(h.running.db, (tx) => {
      for (let i = 0; i < 40; i++) {
        const ref = { externalId: String(800_000 + i), email: `bulk-customer-${i}-zyxwvut@example.org`, firstName: `Bulkname${i}` };
        recordEvent(tx, { type: 'customer_upserted', source: 'shopify', externalId: ref.externalId, customer: ref }, h.clock.now);
      }
      const comment = 'QUILLFEATHER would recommend, but the parcel came late. '.repeat(2000);
      recordEvent(tx, { type: 'nps_answered', source: 'generic', externalId: 'nps-1', customer: { email: BOB.email }, score: 6, comment, answeredAt: h.clock.now }, h.clock.now);
    });
    const everyone = [...JANE_TEXT, BOB.email, BOB.firstName, BOB.lastName, 'zyxwvut@example.org', 'Bulkname', 'QUILLFEATHER'];

    expect((await h.postShopify('shop/redact', SHOP)).status).toBe(200);

    expect(h.running.db.select({ n: count() }).from(customers).where(isNull(customers.redactedAt)).get()?.n).toBe(0);
    expect(h.running.db.select({ n: count() }).from(customerIdentities).get()?.n).toBe(0);
    expect(tablesContaining(sqlite(), everyone)).toEqual([]);
    expect(databaseFilesContaining(h.config.databasePath, everyone)).toEqual([]);
    expect(sqlite().pragma('secure_delete', { simple: true })).toBe(1);
    const free = freePages(h.config.databasePath);
    expect(free.leaves).toBeGreaterThan(10);
    expect(free.dirty).toEqual([]);
    expect(h.running.db.select().from(privacyRequests).get()).toMatchObject({ kind: 'shop_redact', externalId: 'shop-954889', state: 'done' });
    await h.standIn.waitFor(() => h.standIn.messages.every((m) => m.text.includes('(erased)')) || undefined);
  });

  it('customers/data_request writes a private export and posts a notice without personal data', async () => {
    const janeId = await seed();
    const res = await h.postShopify('customers/data_request', { ...SHOP, customer: redactPayload(JANE).customer, orders_requested: [9001, 9002], data_request: { id: 9999 } });
    expect(res.status).toBe(200);

    const notice = await h.standIn.waitFor(() => h.standIn.messages.find((m) => m.text.includes('data request')));
    const request = h.running.db.select().from(privacyRequests).get()!;
    expect(request).toMatchObject({ source: 'shopify', kind: 'customer_data_request', externalId: 'data-request-9999', customerId: janeId, state: 'done' });
    expect(notice.text).toContain('from shopify');
    expect(notice.text).toContain(`request #${request.id}`);
    expect(notice.text).toContain(`customer #${janeId}`);
    expect(notice.text).toContain(request.exportPath);
    expect(JANE_TEXT.filter((text) => notice.text.toLowerCase().includes(text.toLowerCase()))).toEqual([]);

    const path = request.exportPath!;
    expect(path.startsWith(exportDir)).toBe(true);
    expect(basename(path)).toMatch(new RegExp(`^data-request-${request.id}-\\d{8}T\\d{6}Z\\.json$`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const exported = JSON.parse(readFileSync(path, 'utf8')) as { dataHeld: boolean; customer: { email: string }; orders: { externalId: string; lineItems: { title: string }[] }[]; nudges: { note: string }[] };
    expect(exported.dataHeld).toBe(true);
    expect(exported.customer.email).toBe(JANE.email.toLowerCase());
    expect(exported.orders.map((o) => o.externalId)).toEqual(['9001', '9002']);
    expect(exported.orders[0]?.lineItems[0]?.title).toBe(LOCKET);
    expect(exported.nudges[0]?.note).toBe(NOTE);
    await h.running.outbox.idle();
    expect(JANE_TEXT.flatMap((text) => logLinesContaining(h.logs, text))).toEqual([]);

    // An erasure afterwards removes the export too: it is a copy of the personal data.
    expect((await h.postShopify('customers/redact', redactPayload(JANE))).status).toBe(200);
    expect(existsSync(path)).toBe(false);
    expect(h.running.db.select().from(privacyRequests).where(eq(privacyRequests.id, request.id)).get()).toMatchObject({ customerId: null, exportPath: null });
  });

  it('answers a data request about an unknown customer with a "no data held" notice and export', async () => {
    const stranger = { ...SHOP, customer: { id: 4040, email: 'nobody-here@example.com', phone: null }, orders_requested: [], data_request: { id: 7777 } };
    expect((await h.postShopify('customers/data_request', stranger)).status).toBe(200);
    const notice = await h.standIn.waitFor(() => h.standIn.messages.find((m) => m.text.includes('data request')));
    expect(notice.text).toContain('No data is held');
    expect(notice.text).not.toContain('nobody-here');
    const request = h.running.db.select().from(privacyRequests).get()!;
    expect(request).toMatchObject({ customerId: null, state: 'done' });
    expect(JSON.parse(readFileSync(request.exportPath!, 'utf8'))).toMatchObject({ dataHeld: false, customer: null, orders: [] });
    expect(h.running.db.select({ n: count() }).from(customers).get()?.n).toBe(0);
  });

  it('refuses a privacy payload without a customer id or e-mail with 400', async () => {
    const res = await h.postShopify('customers/redact', { ...SHOP, customer: { phone: '555' } });
    expect(res.status).toBe(400);
    expect(h.running.db.select({ n: count() }).from(privacyRequests).get()?.n).toBe(0);
  });
});

/** Every row of every table except one (and its id sequence), for "nothing changed" checks. */
function everyTableBut(sqlite: Harness['running']['database']['sqlite'], skipped: string): Record<string, unknown[]> {
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table' and name not in (?, 'sqlite_sequence')").all(skipped) as { name: string }[];
  const rows = Object.fromEntries(tables.map(({ name }) => [name, sqlite.prepare(`select * from "${name}"`).all()]));
  return { ...rows, sqlite_sequence: sqlite.prepare('select * from sqlite_sequence where name != ?').all(skipped) };
}
