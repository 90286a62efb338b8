import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../src/db/schema.js';
import type { CustomerUpserted, OrderPlaced } from '../src/history/events.js';
import { signHmacBase64 } from '../src/ingest/hmac.js';
import { parseWooCustomer, parseWooOrder } from '../src/ingest/woocommerce/payload.js';
import { ignoredBirthdayLogs, storedBirthday } from './helpers/birthdays.js';
import { jsonFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { logLinesContaining } from './helpers/log-check.js';
import { postWebhook } from './helpers/webhooks.js';

const SECRET = 'wc-webhook-secret-7Hq2xL9p';

const fixture = (name: 'order' | 'customer' | 'customer-birthday', edit?: (o: Json) => void) => jsonFixture('woocommerce', `${name}.json`, edit);

function orderEvent(json: unknown): OrderPlaced {
  const parsed = parseWooOrder(json);
  if (!parsed.ok) throw new Error(`expected a valid order, got "${parsed.reason}"`);
  const [event] = parsed.events;
  if (event?.type !== 'order_placed') throw new Error('expected one order_placed event');
  return event;
}

describe('parseWooOrder: a REST v3 order', () => {
  it('converts every field we use, with the order state as the delivery key', () => {
    const parsed = parseWooOrder(fixture('order'));
    expect(parsed).toEqual({
      ok: true,
      deliveryId: 'order:4471:2026-11-20T15:15:03',
      events: [
        {
          type: 'order_placed',
          source: 'woocommerce',
          externalId: '4471',
          version: new Date('2026-11-20T15:15:03Z'),
          number: '#4471',
          customer: { externalId: '87', email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist' },
          currency: 'USD',
          totalCents: 9281,
          shippingCents: 795,
          financialStatus: 'paid',
          shippingTitle: 'Flat rate',
          shippingCountry: 'US',
          cancelledAt: undefined,
          placedAt: new Date('2026-11-20T15:14:58Z'),
          lineItems: [
            { title: 'Merino Wool Beanie', variantTitle: 'Forest Green', quantity: 2, priceCents: 2241 },
            { title: 'Trail Running Socks', quantity: 3, priceCents: 1125 },
          ],
        } satisfies OrderPlaced,
      ],
    });
  });

  it('reads *_gmt dates as UTC whatever the machine time zone', () => {
    expect(orderEvent(fixture('order')).placedAt.toISOString()).toBe('2026-11-20T15:14:58.000Z');
  });

  const variations: { name: string; edit: (o: Json) => void; expected: Partial<OrderPlaced> }[] = [
    {
      name: 'guest checkout: customer_id 0 has no customer id',
      edit: (o) => (o['customer_id'] = 0),
      expected: { customer: { externalId: undefined, email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist' } },
    },
    {
      name: 'no billing names: both names from the shipping address',
      edit: (o) => Object.assign(o['billing'] as Json, { first_name: '', last_name: '' }),
      expected: { customer: { externalId: '87', email: 'maya.lindqvist@example.com', firstName: 'Jonas', lastName: 'Berg' } },
    },
    {
      name: 'cancelled: cancelledAt is the last change',
      edit: (o) => Object.assign(o, { status: 'cancelled', date_modified_gmt: '2026-11-21T08:00:00' }),
      expected: { cancelledAt: new Date('2026-11-21T08:00:00Z'), version: new Date('2026-11-21T08:00:00Z') },
    },
    {
      name: 'on-hold bank transfer, not paid yet: pending',
      edit: (o) => Object.assign(o, { status: 'on-hold', date_paid: null, date_paid_gmt: null }),
      expected: { financialStatus: 'pending' },
    },
    { name: 'refunded', edit: (o) => (o['status'] = 'refunded'), expected: { financialStatus: 'refunded' } },
    { name: 'failed payment', edit: (o) => Object.assign(o, { status: 'failed', date_paid_gmt: null }), expected: { financialStatus: 'failed' } },
    {
      name: 'a unit price that is a repeating decimal: total / quantity, rounded',
      edit: (o) => (o['line_items'] = [{ id: 1, name: 'Enamel Pin', parent_name: null, quantity: 3, total: '10.00', price: 3.3333333333333335 }]),
      expected: { lineItems: [{ title: 'Enamel Pin', quantity: 3, priceCents: 333 }] },
    },
    {
      name: 'a variation whose name does not start with its parent keeps its own name',
      edit: (o) => (o['line_items'] = [{ id: 1, name: 'Gift card (custom)', parent_name: 'Gift card', quantity: 1, total: '25.00', price: 25 }]),
      expected: { lineItems: [{ title: 'Gift card (custom)', quantity: 1, priceCents: 2500 }] },
    },
    {
      name: 'never modified: the creation time is the version',
      edit: (o) => (o['date_modified_gmt'] = null),
      expected: { version: new Date('2026-11-20T15:14:58Z') },
    },
    {
      name: 'no shipping: 0, no title or country',
      edit: (o) => Object.assign(o, { shipping_total: '0.00', shipping_lines: [], shipping: { first_name: '', last_name: '', country: '' } }),
      expected: { shippingCents: 0, shippingTitle: undefined, shippingCountry: undefined },
    },
    {
      name: 'JPY has no minor digits',
      edit: (o) => Object.assign(o, { currency: 'JPY', total: '4800', shipping_total: '0', line_items: [{ name: 'Matcha Tin', quantity: 2, total: '4800', price: 2400 }] }),
      expected: { currency: 'JPY', totalCents: 4800, lineItems: [{ title: 'Matcha Tin', quantity: 2, priceCents: 2400 }] },
    },
  ];

  it.each(variations)('$name', ({ edit, expected }) => {
    expect(orderEvent(fixture('order', edit))).toMatchObject(expected);
  });

  it('a block-checkout draft is not an order yet: no events', () => {
    expect(parseWooOrder(fixture('order', (o) => (o['status'] = 'checkout-draft')))).toEqual({
      ok: true,
      deliveryId: 'order:4471:2026-11-20T15:15:03',
      events: [],
    });
  });

  const refusals: { name: string; json: unknown; reason: string }[] = [
    { name: 'not an object', json: 'order', reason: 'payload: must be an object' },
    { name: 'no id', json: fixture('order', (o) => delete o['id']), reason: 'id: is required' },
    { name: 'a deleted order stub', json: { id: 4471 }, reason: 'status: is required' },
    { name: 'total not a decimal', json: fixture('order', (o) => (o['total'] = '92,81 $')), reason: 'total: must be a decimal amount' },
    { name: 'total too precise for the currency', json: fixture('order', (o) => (o['currency'] = 'JPY')), reason: 'total: must be a decimal amount valid in JPY' },
    { name: 'a date with a space', json: fixture('order', (o) => (o['date_created_gmt'] = '2026-11-20 15:14:58')), reason: 'date_created_gmt: must be a date-time such as 2026-11-20T15:14:58' },
    { name: 'line_items not a list', json: fixture('order', (o) => (o['line_items'] = {})), reason: 'line_items: must be a list' },
  ];

  it.each(refusals)('refuses $name', ({ json, reason }) => {
    expect(parseWooOrder(json)).toEqual({ ok: false, reason });
  });
});

describe('parseWooCustomer', () => {
  it('customer.created: names from billing when the account has none', () => {
    expect(parseWooCustomer(fixture('customer'))).toEqual({
      ok: true,
      deliveryId: 'customer:87:2026-11-20T15:13:41',
      events: [
        {
          type: 'customer_upserted',
          source: 'woocommerce',
          externalId: '87',
          version: new Date('2026-11-20T15:13:41Z'),
          customer: { externalId: '87', email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist' },
        } satisfies CustomerUpserted,
      ],
    });
  });

  it('refuses a customer without id', () => {
    expect(parseWooCustomer(fixture('customer', (c) => delete c['id']))).toEqual({ ok: false, reason: 'id: is required' });
  });
});

describe('birthdays from meta_data', () => {
  /** The order fixture with these meta entries added to its own. */
  const orderWithMeta = (...entries: { key: string; value: unknown }[]) =>
    fixture('order', (o) => (o['meta_data'] = [...(o['meta_data'] as Json[]), ...entries.map((entry, index) => ({ id: 95000 + index, ...entry }))]));

  it('customer.created: the billing_birthdate a checkout field plugin saved', () => {
    const parsed = parseWooCustomer(fixture('customer-birthday'));
    expect(parsed).toMatchObject({ ok: true, events: [{ type: 'customer_upserted', customer: { externalId: '87', birthday: '1985-03-14' } }] });
    expect(parsed.ok && parsed.ignored).toBeUndefined();
  });

  it.each([
    { key: 'birthday', value: '14/03/1985', expected: '1985-03-14' },
    { key: 'birth_date', value: 'March 14', expected: '--03-14' },
    { key: 'date_of_birth', value: '1985-03-14 00:00:00', expected: '1985-03-14' },
    { key: 'billing_birthdate', value: '1985-03-14', expected: '1985-03-14' },
    { key: '_billing_birthdate', value: '14.03.1985', expected: '1985-03-14' },
    { key: 'Birthday', value: '--03-14', expected: '--03-14' },
    { key: 'birthday', value: '', expected: undefined },
    { key: 'gift_recipient_birthday', value: '1985-03-14', expected: undefined },
  ])('an order with $key = "$value"', ({ key, value, expected }) => {
    expect(orderEvent(orderWithMeta({ key, value })).customer.birthday).toEqual(expected);
  });

  it('an unreadable key is passed over for a readable one further down the list', () => {
    const parsed = parseWooOrder(orderWithMeta({ key: 'birthday', value: '03/04/1985' }, { key: '_billing_birthdate', value: '1985-03-14' }));
    expect(parsed).toMatchObject({ ok: true, events: [{ customer: { birthday: '1985-03-14' } }] });
    expect(parsed.ok && parsed.ignored).toBeUndefined();
  });

  it.each([
    { name: 'an ambiguous date', value: '03/04/1985' },
    { name: 'a number', value: 19850314 },
    { name: 'a list', value: ['1985-03-14'] },
  ])('$name is dropped and reported; the order still lands', ({ value }) => {
    const parsed = parseWooOrder(orderWithMeta({ key: '_billing_birthdate', value }));
    expect(parsed).toMatchObject({ ok: true, events: [{ type: 'order_placed', externalId: '4471', customer: { birthday: undefined } }] });
    expect(parsed.ok && parsed.ignored).toEqual([{ code: 'birthday_unreadable', field: 'meta_data._billing_birthdate' }]);
  });

  it('meta_data that is not a list of entries is passed over', () => {
    expect(orderEvent(fixture('order', (o) => (o['meta_data'] = { birthday: '1985-03-14' }))).customer.birthday).toBeUndefined();
    expect(orderEvent(fixture('order', (o) => (o['meta_data'] = [null, 'birthday', { key: 7, value: '1985-03-14' }]))).customer.birthday).toBeUndefined();
  });
});

describe('WooCommerce webhooks over HTTP', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ WOOCOMMERCE_WEBHOOK_SECRET: SECRET });
  });
  afterEach(async () => {
    await h.running.outbox.idle();
    await h.close();
  });

  /** Headers as WooCommerce's Hookshot sends them; the Delivery-ID is new on every delivery. */
  function post(topic: string, body: string, options: { secret?: string; signature?: string } = {}): Promise<Response> {
    const [resource = '', event = ''] = topic.split('.');
    return postWebhook(h.baseUrl, 'woocommerce', body, {
      'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)',
      'x-wc-webhook-source': 'https://shop.example.com/',
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': resource,
      'x-wc-webhook-event': event,
      'x-wc-webhook-signature': options.signature ?? signHmacBase64(body, options.secret ?? SECRET),
      'x-wc-webhook-id': '12',
      'x-wc-webhook-delivery-id': randomUUID(),
    });
  }

  const deliveries = () => h.running.db.select().from(webhookDeliveries).all();

  it('answers the unsigned save-time ping with 200 and stores nothing', async () => {
    const res = await fetch(`${h.baseUrl}/webhooks/woocommerce`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'WooCommerce/9.4.2 Hookshot (WordPress/6.7.1)' },
      body: 'webhook_id=12',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'ping' });
    expect(deliveries()).toEqual([]);
  });

  it('a ping-looking JSON body is not a ping: it needs a signature', async () => {
    const res = await fetch(`${h.baseUrl}/webhooks/woocommerce`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'webhook_id=12' });
    expect(res.status).toBe(401);
    expect(deliveries()).toEqual([]);
  });

  it('a signed order → 200 and a delivery keyed by the order state', async () => {
    const res = await post('order.created', JSON.stringify(fixture('order')));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    expect(deliveries()).toEqual([
      expect.objectContaining({ source: 'woocommerce', deliveryId: 'order:4471:2026-11-20T15:15:03', topic: 'order.created', outcome: 'processed' }),
    ]);
  });

  it('a bad signature → 401 with an empty body, nothing stored', async () => {
    const body = JSON.stringify(fixture('order'));
    const wrong = await post('order.created', body, { secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toBe('');
    const missing = await post('order.created', body, { signature: '' });
    expect(missing.status).toBe(401);
    expect(deliveries()).toEqual([]);
  });

  it('the same order state under new Delivery-IDs is a duplicate; a newer state is not', async () => {
    const body = JSON.stringify(fixture('order'));
    expect(await (await post('order.created', body)).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(await (await post('order.created', body)).json()).toEqual({ ok: true, outcome: 'duplicate' });
    // WooCommerce often sends order.updated right after order.created for the very same state.
    expect(await (await post('order.updated', body)).json()).toEqual({ ok: true, outcome: 'duplicate' });
    const completed = JSON.stringify(fixture('order', (o) => Object.assign(o, { status: 'completed', date_modified_gmt: '2026-11-21T09:30:00' })));
    expect(await (await post('order.updated', completed)).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(deliveries().map((d) => d.outcome)).toEqual(['processed', 'processed']);
  });

  it('a customer.created → 200; an unused topic → 200 ignored', async () => {
    expect(await (await post('customer.created', JSON.stringify(fixture('customer')))).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(await (await post('product.updated', JSON.stringify({ id: 88, name: 'Merino Wool Beanie' }))).json()).toEqual({ ok: true, outcome: 'ignored' });
  });

  it('a signed order that does not validate → 400 naming the field, without its value', async () => {
    const res = await post('order.created', JSON.stringify(fixture('order', (o) => (o['total'] = 'maya.lindqvist@example.com'))));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'total: must be a decimal amount' });
    expect(logLinesContaining(h.logs, 'maya.lindqvist@example.com')).toEqual([]);
  });

  it('customer.created stores the birthday from meta_data in customers.birthday', async () => {
    expect(await (await post('customer.created', JSON.stringify(fixture('customer-birthday')))).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(storedBirthday(h, 'maya.lindqvist@example.com')).toBe('1985-03-14');
  });

  it("order.created stores the buyer's birthday from the order's meta_data", async () => {
    const order = fixture('order', (o) => (o['meta_data'] = [...(o['meta_data'] as Json[]), { id: 95001, key: '_billing_birthdate', value: '14/03/1985' }]));
    expect(await (await post('order.created', JSON.stringify(order))).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(storedBirthday(h, 'maya.lindqvist@example.com')).toBe('1985-03-14');
  });

  it('an unreadable birthday: 200, the customer stored without it, logged by code and field only', async () => {
    const customer = fixture('customer-birthday', (c) => ((c['meta_data'] as Json[])[0]!['value'] = '31/31/1985'));
    expect((await post('customer.created', JSON.stringify(customer))).status).toBe(200);
    expect(storedBirthday(h, 'maya.lindqvist@example.com')).toBeNull();
    expect(ignoredBirthdayLogs(h)).toEqual([{ source: 'woocommerce', code: 'birthday_unreadable', field: 'meta_data.billing_birthdate' }]);
    expect(logLinesContaining(h.logs, '31/31/1985')).toEqual([]);
  });
});
