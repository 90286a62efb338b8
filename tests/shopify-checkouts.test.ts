import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutAbandoned } from '../src/history/events.js';
import { shopifySource } from '../src/ingest/shopify/source.js';
import { committedCheckouts } from './helpers/checkouts.js';
import { rowCounts } from './helpers/db-counts.js';
import { jsonFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { logLinesContaining } from './helpers/log-check.js';
import { ingestErrorFrom, interpretBody } from './helpers/webhooks.js';

const checkout = (edit?: (c: Json) => void) => jsonFixture('shopify', 'checkout-update.json', edit);
const source = shopifySource(['shpss_unit_test']);

function interpret(topic: string, payload: Json | string) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return interpretBody(source, body, { 'x-shopify-topic': topic, 'x-shopify-webhook-id': '0f6a8c2e-5b1d-4e7a-9c3f-2d8b6e4a1c07' });
}

function refusal(payload: Json | string): string {
  const error = ingestErrorFrom(() => interpret('checkouts/update', payload));
  if (error.code !== 'invalid_payload') throw error;
  return error.message;
}

const CHECKOUT_ID = '37461928301271';
const UPDATED_AT = new Date('2026-11-22T17:31:07Z');
const OSKAR = { externalId: '7291846520023', email: 'oskar.brandt@example.com', firstName: 'Oskar', lastName: 'Brandt' };

describe('checkouts/create, checkouts/update: an open checkout is checkout_abandoned', () => {
  it.each(['checkouts/create', 'checkouts/update'])('%s: the checkout id, total_price in the presentment currency, at updated_at', (topic) => {
    expect(interpret(topic, checkout()).events).toEqual([
      {
        type: 'checkout_abandoned',
        source: 'shopify',
        externalId: CHECKOUT_ID,
        version: UPDATED_AT,
        customer: OSKAR,
        amountCents: 11235,
        currency: 'CAD',
        abandonedAt: UPDATED_AT,
      } satisfies CheckoutAbandoned,
    ]);
  });

  it('a completed checkout records nothing: its order arrives through the order topics', () => {
    expect(interpret('checkouts/update', checkout((c) => (c['completed_at'] = '2026-11-22T12:33:40-05:00'))).events).toEqual([]);
  });

  it('without presentment_currency the amount is in the shop currency; without updated_at it is abandoned at created_at', () => {
    const [event] = interpret('checkouts/update', checkout((c) => Object.assign(c, { presentment_currency: null, updated_at: null }))).events;
    expect(event).toMatchObject({ currency: 'USD', amountCents: 11235, abandonedAt: new Date('2026-11-22T17:24:40Z') });
  });

  it('a guest checkout is known by its e-mail and the billing name', () => {
    const [event] = interpret('checkouts/update', checkout((c) => (c['customer'] = null))).events;
    expect(event).toMatchObject({ customer: { externalId: undefined, email: 'oskar.brandt@example.com', firstName: 'Oskar', lastName: 'Brandt' } });
  });

  it("Shopify's test notification (ids above 2^53) keeps the exact checkout id and drops the rounded customer id", () => {
    const raw = JSON.stringify(checkout((c) => delete (c['customer'] as Json)['admin_graphql_api_id']))
      .replace(`"id":${CHECKOUT_ID}`, '"id":981820079255243537')
      .replace('"id":7291846520023', '"id":603851970716743426');
    expect(interpret('checkouts/create', raw).events).toEqual([
      expect.objectContaining({ externalId: '981820079255243537', customer: expect.objectContaining({ externalId: undefined, email: OSKAR.email }) }),
    ]);
  });

  it.each([
    { name: 'a total that is not an amount', edit: (c: Json) => (c['total_price'] = 'free'), reason: 'total_price: must be a decimal amount' },
    { name: 'more decimals than the currency has', edit: (c: Json) => (c['presentment_currency'] = 'JPY'), reason: 'total_price: must be a decimal amount valid in JPY' },
    { name: 'no currency at all', edit: (c: Json) => Object.assign(c, { currency: null, presentment_currency: null }), reason: 'presentment_currency: is required when currency is missing' },
    { name: 'a bad currency', edit: (c: Json) => (c['presentment_currency'] = 'dollars'), reason: 'presentment_currency: must be a three-letter currency code such as USD' },
    { name: 'no created_at', edit: (c: Json) => delete c['created_at'], reason: 'created_at: is required' },
    { name: 'a completed_at that is not a date', edit: (c: Json) => (c['completed_at'] = 'soon'), reason: expect.stringMatching(/^completed_at: must be an ISO 8601 date-time/) as unknown as string },
    { name: 'no id', edit: (c: Json) => delete c['id'], reason: 'id: is required' },
  ])('refuses $name, never quoting the customer', ({ edit, reason }) => {
    const message = refusal(checkout(edit));
    expect(message).toEqual(reason);
    expect(message).not.toMatch(/oskar|brandt/i);
  });
});

describe('Shopify checkouts over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.clock.now = new Date('2026-11-22T18:00:00Z');
  });
  afterAll(async () => {
    await h.close();
  });

  it('a bad checkout → 400 naming the field; nothing stored, not even the delivery', async () => {
    const res = await h.postShopify('checkouts/update', checkout((c) => (c['total_price'] = '112,35')));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'total_price: must be a decimal amount' });
    expect(rowCounts(h.running.db)).toMatchObject({ customers: 0, webhookDeliveries: 0 });
    expect(committedCheckouts(h, OSKAR.email)).toEqual({ rows: [], checkouts: [], customerId: null });
  });

  it('an open checkout is stored as a timeline row and read back by loadAbandonedCheckouts from the file', async () => {
    const res = await h.postShopify('checkouts/update', checkout(), { webhookId: 'wh-checkout-1' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    const { rows, checkouts, customerId } = committedCheckouts(h, OSKAR.email);
    expect(rows).toEqual([
      expect.objectContaining({
        customerId,
        source: 'shopify',
        kind: 'checkout_abandoned',
        externalId: CHECKOUT_ID,
        occurredAt: UPDATED_AT.getTime(),
        facts: { amountCents: 11235, currency: 'CAD' },
      }),
    ]);
    expect(checkouts).toEqual([{ source: 'shopify', externalId: CHECKOUT_ID, amount: { cents: 11235, currency: 'CAD' }, abandonedAt: UPDATED_AT }]);
  });

  it('a redelivery is a duplicate; the same state under a new webhook id adds no row', async () => {
    expect(await (await h.postShopify('checkouts/update', checkout(), { webhookId: 'wh-checkout-1' })).json()).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await (await h.postShopify('checkouts/create', checkout(), { webhookId: 'wh-checkout-2' })).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(committedCheckouts(h, OSKAR.email).rows).toHaveLength(1);
  });

  it('a later change of the same checkout replaces it: its newest amount at its newest time', async () => {
    const later = checkout((c) => Object.assign(c, { updated_at: '2026-11-22T12:40:12-05:00', total_price: '66.85' }));
    expect((await h.postShopify('checkouts/update', later)).status).toBe(200);
    const { rows, checkouts } = committedCheckouts(h, OSKAR.email);
    expect(rows).toHaveLength(2);
    expect(checkouts).toEqual([
      { source: 'shopify', externalId: CHECKOUT_ID, amount: { cents: 6685, currency: 'CAD' }, abandonedAt: new Date('2026-11-22T17:40:12Z') },
    ]);
  });

  it('a completed checkout is acknowledged and ignored: no row, no customer', async () => {
    const completed = checkout((c) => {
      Object.assign(c, { id: 37461928301999, email: 'lena.okafor@example.com', customer: null, completed_at: '2026-11-22T12:50:00-05:00' });
    });
    const res = await h.postShopify('checkouts/update', completed);
    expect(await res.json()).toEqual({ ok: true, outcome: 'ignored' });
    expect(committedCheckouts(h, 'lena.okafor@example.com')).toMatchObject({ customerId: null });
    expect(committedCheckouts(h, OSKAR.email).rows).toHaveLength(2);
  });

  it('a checkout before the customer gave any contact is acknowledged without a customer', async () => {
    const before = rowCounts(h.running.db).customers;
    const anonymous = checkout((c) => Object.assign(c, { id: 37461928302000, email: null, customer: null }));
    expect((await h.postShopify('checkouts/create', anonymous)).status).toBe(200);
    expect(rowCounts(h.running.db).customers).toBe(before);
    expect(committedCheckouts(h, OSKAR.email).rows).toHaveLength(2);
  });

  it('logs no customer details', () => {
    for (const text of [OSKAR.email, 'Brandt', 'recover?key']) expect(logLinesContaining(h.logs, text)).toEqual([]);
  });
});
