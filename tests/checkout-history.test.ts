import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers } from '../src/db/schema.js';
import { loadAbandonedCheckouts } from '../src/history/checkouts.js';
import { forgetCustomerByEmail } from '../src/history/privacy/forget.js';
import { loadCustomerHistory } from '../src/nudges/history-snapshot.js';
import { paymentTrouble } from '../src/nudges/rules/payment-trouble.js';
import { DEFAULT_RULE_SETTINGS } from '../src/nudges/rules/types.js';
import { committedCheckouts, withDatabaseFile } from './helpers/checkouts.js';
import { tablesContaining } from './helpers/erasure-scan.js';
import { jsonFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { delightSignature, postWebhook } from './helpers/webhooks.js';

const SECRET = 'generic-secret-history-3333';
const NOW = new Date('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;

const checkout = (id: string, customer: Json, abandonedAt: string, total = '86.40'): Json =>
  jsonFixture('generic', 'checkout.json', (e) => Object.assign(e, { id: `chk_${id}`, checkout_id: id, customer, abandoned_at: abandonedAt, total }));

const customerEvent = (id: string, customer: Json): Json => ({ id, type: 'customer', customer });

describe('abandoned checkouts in the customer history', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ GENERIC_WEBHOOK_SECRET: SECRET });
    h.clock.now = NOW;
  });
  afterAll(async () => {
    await h.running.outbox.idle();
    await h.close();
  });

  async function post(payload: Json): Promise<void> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(h.clock.now.getTime() / 1000));
    const res = await postWebhook(h.baseUrl, 'generic', body, { 'x-delight-timestamp': timestamp, 'x-delight-signature': delightSignature(SECRET, timestamp, body) });
    expect(res.status).toBe(200);
  }

  it('a merge moves the checkout to the customer that is kept', async () => {
    await post(checkout('CO-7001', { id: 'cus_7001' }, '2026-11-23T07:30:00Z'));
    await post(customerEvent('cus_7002-v1', { id: 'cus_7002', email: 'jonas.weber@example.com', first_name: 'Jonas', last_name: 'Weber' }));
    // The checkout's customer so far is known only by cus_7001.
    const [dropped] = committedCheckouts(h, 'jonas.weber@example.com').rows.map((row) => row.customerId);
    // cus_7001 turns out to be the person with that e-mail: the two records become one.
    await post(customerEvent('cus_7001-v2', { id: 'cus_7001', email: 'jonas.weber@example.com' }));
    const { rows, checkouts, customerId } = committedCheckouts(h, 'jonas.weber@example.com');
    expect(customerId).not.toBe(dropped);
    expect(rows).toEqual([expect.objectContaining({ externalId: 'CO-7001', customerId })]);
    expect(checkouts).toEqual([{ source: 'generic', externalId: 'CO-7001', amount: { cents: 8640, currency: 'EUR' }, abandonedAt: new Date('2026-11-23T07:30:00Z') }]);
    expect(withDatabaseFile(h, (db) => db.select().from(customers).where(eq(customers.id, dropped!)).all())).toEqual([]);
  });

  it('an erasure keeps the checkout, which holds no personal text', () => {
    const { customerId, checkouts } = committedCheckouts(h, 'jonas.weber@example.com');
    expect(forgetCustomerByEmail(h.running.db, 'jonas.weber@example.com', NOW)).toMatchObject({ matched: 1 });
    withDatabaseFile(h, (db) => {
      expect(db.select().from(customers).where(eq(customers.id, customerId!)).get()).toMatchObject({ email: null, firstName: null, redactedAt: NOW.getTime() });
      expect(loadAbandonedCheckouts(db, customerId!)).toEqual(checkouts);
      expect(tablesContaining(db.$client, ['jonas', 'weber'])).toEqual([]);
    });
  });

  it('the payment-trouble rule reads it: a follow-up after an hour without an order, none once an order follows', async () => {
    const lena = { id: 'cus_7100', email: 'lena.okafor@example.com' };
    await post(checkout('CO-7100', lena, '2026-11-23T08:00:00Z', '54.00'));
    const { customerId } = committedCheckouts(h, lena.email);
    const scan = (now: Date) =>
      withDatabaseFile(h, (db) => {
        const history = { ...loadCustomerHistory(db, customerId!), abandonedCheckouts: loadAbandonedCheckouts(db, customerId!) };
        return paymentTrouble({ history, now, settings: DEFAULT_RULE_SETTINGS }).map((s) => s.facts);
      });
    expect(scan(NOW)).toEqual([expect.objectContaining({ trouble: 'abandoned_checkout', externalId: 'CO-7100', amountCents: 5400, currency: 'EUR' })]);
    expect(scan(new Date(Date.parse('2026-11-23T08:00:00Z') + HOUR / 2))).toEqual([]);
    const order = jsonFixture('generic', 'order.json', (e) => Object.assign(e, { id: 'ord_7100', order_id: 'SO-7100', customer: lena, placed_at: '2026-11-23T08:40:00Z', updated_at: null }));
    await post(order);
    expect(scan(NOW)).toEqual([]);
  });
});
