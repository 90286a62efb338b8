import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../src/db/schema.js';
import type { CustomerUpserted, DomainEvent, OrderRefunded, OrderUpdated } from '../src/history/events.js';
import { shopifySource } from '../src/ingest/shopify/source.js';
import { jsonFixture, type Json } from './helpers/fixtures.js';
import { ignoredBirthdayLogs, storedBirthday } from './helpers/birthdays.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { logLinesContaining } from './helpers/log-check.js';
import { ingestErrorFrom, interpretBody } from './helpers/webhooks.js';
type FixtureName =
  | 'order-create'
  | 'refund-create'
  | 'customer-update'
  | 'customer-create-birthday'
  | 'customers-redact'
  | 'customers-data-request'
  | 'shop-redact';

const fixture = (name: FixtureName, edit?: (o: Json) => void) => jsonFixture('shopify', `${name}.json`, edit);

const source = shopifySource(['shpss_unit_test']);

/** Runs the source's interpret() the way the route does after the HMAC check. */
function interpret(topic: string, payload: Json | string) {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  return interpretBody(source, body, { 'x-shopify-topic': topic, 'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043' });
}

function eventsOf(topic: string, payload: Json | string): DomainEvent[] {
  return interpret(topic, payload).events;
}

function refusal(topic: string, payload: Json | string): string {
  const error = ingestErrorFrom(() => interpret(topic, payload));
  if (error.code !== 'invalid_payload') throw error;
  return error.message;
}

const UPDATED_AT = new Date('2026-11-20T15:15:02Z');

describe('orders/paid, orders/cancelled: order_updated', () => {
  it('orders/paid carries the financial status, total and updated_at as version', () => {
    const result = interpret('orders/paid', fixture('order-create'));
    expect(result.delivery).toEqual({ source: 'shopify', deliveryId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043', topic: 'orders/paid' });
    expect(result.events).toEqual([
      {
        type: 'order_updated',
        source: 'shopify',
        externalId: '5884220915927',
        version: UPDATED_AT,
        financialStatus: 'paid',
        cancelledAt: null,
        totalCents: 14919,
      } satisfies OrderUpdated,
    ]);
  });

  it('orders/cancelled carries cancelled_at', () => {
    const cancelled = fixture('order-create', (o) =>
      Object.assign(o, { cancelled_at: '2026-11-21T08:30:00-05:00', cancel_reason: 'customer', financial_status: 'refunded', updated_at: '2026-11-21T08:30:01-05:00' }),
    );
    expect(eventsOf('orders/cancelled', cancelled)).toEqual([
      expect.objectContaining({ type: 'order_updated', financialStatus: 'refunded', cancelledAt: new Date('2026-11-21T13:30:00Z'), version: new Date('2026-11-21T13:30:01Z') }),
    ]);
  });

  it('an id above 2^53 (Shopify test notifications) is recovered from the gid', () => {
    const raw = JSON.stringify(fixture('order-create', (o) => (o['admin_graphql_api_id'] = 'gid://shopify/Order/820982911946154508'))).replace(
      '"id":5884220915927',
      '"id":820982911946154508',
    );
    expect(eventsOf('orders/paid', raw)).toEqual([expect.objectContaining({ externalId: '820982911946154508' })]);
  });

  it.each([
    { name: 'no updated_at', edit: (o: Json) => delete o['updated_at'], reason: 'updated_at: is required' },
    { name: 'a total that is not an amount', edit: (o: Json) => (o['total_price'] = 'free'), reason: 'total_price: must be a decimal amount' },
    { name: 'a cancelled_at that is not a date', edit: (o: Json) => (o['cancelled_at'] = 'yesterday'), reason: expect.stringMatching(/^cancelled_at: must be an ISO 8601 date-time/) as unknown as string },
  ])('refuses $name', ({ edit, reason }) => {
    expect(refusal('orders/paid', fixture('order-create', edit))).toEqual(reason);
  });
});

describe('orders/updated: a whole order and its new state', () => {
  it('emits order_placed with version, then order_updated', () => {
    const [placed, updated] = eventsOf('orders/updated', fixture('order-create'));
    expect(placed).toMatchObject({ type: 'order_placed', externalId: '5884220915927', number: '#1005', totalCents: 14919, version: UPDATED_AT });
    expect(placed).toHaveProperty('lineItems', expect.arrayContaining([expect.objectContaining({ title: 'Merino Wool Beanie', quantity: 2 })]));
    expect(updated).toMatchObject({ type: 'order_updated', externalId: '5884220915927', version: UPDATED_AT });
  });

  it('a cancelled order is placed as cancelled', () => {
    const [placed] = eventsOf('orders/updated', fixture('order-create', (o) => (o['cancelled_at'] = '2026-11-21T08:30:00-05:00')));
    expect(placed).toMatchObject({ type: 'order_placed', cancelledAt: new Date('2026-11-21T13:30:00Z') });
  });

  it('refuses a body that is a state but not a whole order', () => {
    expect(refusal('orders/updated', fixture('order-create', (o) => delete o['line_items']))).toBe('line_items: is required');
  });

  it('orders/create is unchanged: one order_placed without version', () => {
    const events = eventsOf('orders/create', fixture('order-create'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'order_placed', externalId: '5884220915927' });
    expect(events[0]?.version).toBeUndefined();
  });
});

describe('refunds/create: order_refunded', () => {
  it('the money returned by successful refund transactions', () => {
    expect(eventsOf('refunds/create', fixture('refund-create'))).toEqual([
      {
        type: 'order_refunded',
        source: 'shopify',
        externalId: '1034582917335',
        orderExternalId: '5884220915927',
        amountCents: 2420,
        currency: 'USD',
        refundedAt: new Date('2026-11-24T14:12:44Z'),
      } satisfies OrderRefunded,
    ]);
  });

  it('failed and non-refund transactions do not count', () => {
    const refund = fixture('refund-create', (r) => {
      const [tx] = r['transactions'] as Json[];
      r['transactions'] = [
        { ...tx, id: 7350148923600, status: 'failure', amount: '24.20' },
        { ...tx, id: 7350148923601, kind: 'sale', amount: '99.00' },
        { ...tx, id: 7350148923602, amount: '10.00' },
      ];
    });
    expect(eventsOf('refunds/create', refund)).toEqual([expect.objectContaining({ amountCents: 1000 })]);
  });

  it('without a successful transaction: the sum of the refunded line items, in shop money', () => {
    const refund = fixture('refund-create', (r) => {
      r['transactions'] = [];
      const [line] = r['refund_line_items'] as Json[];
      r['refund_line_items'] = [line, { ...line, id: 498127365336, subtotal: 12.5, subtotal_set: { shop_money: { amount: '12.50', currency_code: 'USD' } } }];
    });
    expect(eventsOf('refunds/create', refund)).toEqual([expect.objectContaining({ amountCents: 3491, currency: 'USD' })]);
  });

  it('a trimmed line item with only the numeric subtotal still counts', () => {
    const refund = fixture('refund-create', (r) => {
      r['transactions'] = [];
      r['refund_line_items'] = [{ id: 1, quantity: 1, line_item_id: 2, subtotal: 22.41, subtotal_set: { shop_money: { amount: '22.41', currency_code: 'USD' } } }];
    });
    expect(eventsOf('refunds/create', refund)).toEqual([expect.objectContaining({ amountCents: 2241 })]);
  });

  it('a restock-only refund with nothing returned: no event', () => {
    expect(eventsOf('refunds/create', fixture('refund-create', (r) => Object.assign(r, { transactions: [], refund_line_items: [] })))).toEqual([]);
  });

  it("Shopify's test notification (ids above 2^53) keeps the exact refund and order ids", () => {
    // Shaped like the body Shopify's "Send test notification" posts for refunds/create.
    const raw =
      '{"id":890088186047892319,"order_id":820982911946154508,"created_at":"2021-12-31T19:00:00-05:00","note":"Things were damaged",' +
      '"user_id":548380009,"processed_at":"2021-12-31T19:00:00-05:00","restock":false,"duties":[],"return":null,' +
      '"admin_graphql_api_id":"gid:\\/\\/shopify\\/Refund\\/890088186047892319","refund_line_items":[{"id":487817672276298627,' +
      '"quantity":1,"line_item_id":487817672276298554,"location_id":null,"restock_type":"no_restock","subtotal":0.0,"total_tax":0.0,' +
      '"subtotal_set":{"shop_money":{"amount":"0.00","currency_code":"USD"},"presentment_money":{"amount":"0.00","currency_code":"USD"}}}],' +
      '"transactions":[{"id":245135271,"order_id":820982911946154508,"kind":"refund","gateway":"bogus","status":"success","message":null,' +
      '"created_at":"2021-12-31T19:00:00-05:00","test":false,"authorization":null,"amount":"10.00","currency":"USD"}],"order_adjustments":[]}';
    expect(eventsOf('refunds/create', raw)).toEqual([
      expect.objectContaining({ externalId: '890088186047892319', orderExternalId: '820982911946154508', amountCents: 1000 }),
    ]);
  });

  it.each([
    { name: 'no order_id', edit: (r: Json) => delete r['order_id'], reason: 'order_id: is required' },
    {
      name: 'amounts in two currencies',
      edit: (r: Json) => {
        const [tx] = r['transactions'] as Json[];
        r['transactions'] = [tx, { ...tx, id: 1, currency: 'CAD' }];
      },
      reason: 'transactions.1.amount: is in a different currency',
    },
    {
      name: 'an amount that is not a decimal',
      edit: (r: Json) => ((r['transactions'] as Json[])[0]!['amount'] = '24,20'),
      reason: 'transactions.0.amount: must be a decimal amount',
    },
  ])('refuses $name', ({ edit, reason }) => {
    expect(refusal('refunds/create', fixture('refund-create', edit))).toBe(reason);
  });
});

describe('customers/create, customers/update: customer_upserted', () => {
  it('customers/update with updated_at as version', () => {
    expect(eventsOf('customers/update', fixture('customer-update'))).toEqual([
      {
        type: 'customer_upserted',
        source: 'shopify',
        externalId: '7290183467223',
        version: new Date('2026-11-26T19:02:19Z'),
        customer: { externalId: '7290183467223', email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist-Berg' },
      } satisfies CustomerUpserted,
    ]);
  });

  it('customers/create without names on the record: both names from the default address', () => {
    const created = fixture('customer-update', (c) => Object.assign(c, { first_name: null, last_name: '', email: null }));
    expect(eventsOf('customers/create', created)).toEqual([
      expect.objectContaining({ customer: { externalId: '7290183467223', email: undefined, firstName: 'Maya', lastName: 'Lindqvist-Berg' } }),
    ]);
  });

  it('recovers an id above 2^53 from the gid, as in the test notification', () => {
    const raw = JSON.stringify(fixture('customer-update', (c) => (c['admin_graphql_api_id'] = 'gid://shopify/Customer/706405506930370084'))).replace(
      '"id":7290183467223,"email"',
      '"id":706405506930370084,"email"',
    );
    expect(eventsOf('customers/create', raw)).toEqual([expect.objectContaining({ externalId: '706405506930370084' })]);
  });

  it('refuses an id above 2^53 that nothing recovers', () => {
    const raw = JSON.stringify(fixture('customer-update', (c) => delete c['admin_graphql_api_id'])).replace(
      '"id":7290183467223,"email"',
      '"id":706405506930370084,"email"',
    );
    expect(refusal('customers/update', raw)).toBe('id: is larger than 2^53 and has no admin_graphql_api_id to recover it from');
  });
});

describe('mandatory privacy topics', () => {
  it('customers/redact → customer_redact_requested for the customer', () => {
    expect(eventsOf('customers/redact', fixture('customers-redact'))).toEqual([
      expect.objectContaining({ type: 'customer_redact_requested', source: 'shopify', customer: { externalId: '7290183467223', email: 'maya.lindqvist@example.com' } }),
    ]);
  });

  it('customers/data_request → customer_data_requested', () => {
    expect(eventsOf('customers/data_request', fixture('customers-data-request'))).toEqual([
      expect.objectContaining({ type: 'customer_data_requested', source: 'shopify', customer: { externalId: '7290183467223', email: 'maya.lindqvist@example.com' } }),
    ]);
  });

  it('shop/redact → shop_redact_requested with the shop domain', () => {
    expect(eventsOf('shop/redact', fixture('shop-redact'))).toEqual([
      expect.objectContaining({ type: 'shop_redact_requested', source: 'shopify', shopDomain: 'north-trail-goods.myshopify.com' }),
    ]);
  });
});

it('a topic delightbot does not use is acknowledged without events', () => {
  expect(eventsOf('products/update', { id: 8102736451799, title: 'Merino Wool Beanie' })).toEqual([]);
  expect(eventsOf('constructor', { id: 1 })).toEqual([]);
});

describe('Shopify topics over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.running.outbox.idle();
    await h.close();
  });

  it.each([
    ['orders/updated', () => fixture('order-create')],
    ['orders/paid', () => fixture('order-create')],
    ['orders/cancelled', () => fixture('order-create', (o) => (o['cancelled_at'] = '2026-11-21T08:30:00-05:00'))],
    ['refunds/create', () => fixture('refund-create')],
    ['customers/update', () => fixture('customer-update')],
    ['customers/redact', () => fixture('customers-redact')],
    ['customers/data_request', () => fixture('customers-data-request')],
    ['shop/redact', () => fixture('shop-redact')],
  ])('%s → 200 and a processed delivery', async (topic, payload) => {
    const res = await h.postShopify(topic, payload());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    const topics = h.running.db.select().from(webhookDeliveries).all().map((d) => d.topic);
    expect(topics).toContain(topic);
  });

  it('a privacy webhook with a bad HMAC → 401, as Shopify app review requires', async () => {
    const res = await h.postShopify('customers/redact', fixture('customers-redact'), { secret: 'not-the-app-secret' });
    expect(res.status).toBe(401);
  });

  it('a malformed refund → 400 naming the field', async () => {
    const res = await h.postShopify('refunds/create', fixture('refund-create', (r) => delete r['order_id']));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'order_id: is required' });
  });
});

describe('birthdays: a customer metafield or a labelled line of the customer note', () => {
  const MAYA = 'maya.lindqvist@example.com';
  const birthdayOf = (topic: string, payload: Json) => {
    const [event] = eventsOf(topic, payload);
    return event && 'customer' in event ? event.customer.birthday : 'no customer';
  };
  const withoutMetafields = (edit?: (c: Json) => void) =>
    fixture('customer-create-birthday', (c) => {
      delete c['metafields'];
      edit?.(c);
    });
  const withCustomerNote = (note: string, edit?: (o: Json) => void) =>
    fixture('order-create', (o) => {
      (o['customer'] as Json)['note'] = note;
      edit?.(o);
    });

  it('customers/create: the facts.birth_date metafield wins over the note', () => {
    const result = interpret('customers/create', fixture('customer-create-birthday'));
    expect(result.events).toEqual([expect.objectContaining({ type: 'customer_upserted', customer: expect.objectContaining({ email: MAYA, birthday: '1985-03-14' }) })]);
    expect(result.ignored).toBeUndefined();
  });

  it.each([
    { name: 'a subscription without metafield namespaces: the note', payload: () => withoutMetafields(), expected: '--03-14' },
    {
      name: 'a metafield in any namespace, keyed birthday',
      payload: () => withoutMetafields((c) => (c['metafields'] = [{ id: 1, namespace: 'custom', key: 'birthday', value: '14 March 1985', type: 'single_line_text_field' }])),
      expected: '1985-03-14',
    },
    {
      name: 'a metafield keyed date_of_birth, stored as a date-time',
      payload: () => withoutMetafields((c) => (c['metafields'] = [{ id: 1, namespace: 'my_fields', key: 'date_of_birth', value: '1985-03-14T00:00:00Z' }])),
      expected: '1985-03-14',
    },
    {
      name: 'an unreadable metafield: the readable note instead',
      payload: () => fixture('customer-create-birthday', (c) => ((c['metafields'] as Json[])[0]!['value'] = '03/04/1985')),
      expected: '--03-14',
    },
    { name: '"birthday:" in lower case', payload: () => withoutMetafields((c) => (c['note'] = 'birthday: 1985-03-14')), expected: '1985-03-14' },
    { name: '"DOB:"', payload: () => withoutMetafields((c) => (c['note'] = 'VIP\nDOB: 14.03.1985')), expected: '1985-03-14' },
    { name: '"Date of birth:" with spaces', payload: () => withoutMetafields((c) => (c['note'] = '  Date of birth :  Mar 14, 1985\r\nCalls ahead')), expected: '1985-03-14' },
    { name: 'a birthday mentioned mid-line is not hers', payload: () => withoutMetafields((c) => (c['note'] = "Her son's birthday: March 3")), expected: undefined },
    { name: 'no note', payload: () => withoutMetafields((c) => (c['note'] = null)), expected: undefined },
    { name: 'metafields that are not a list of entries are passed over', payload: () => withoutMetafields((c) => (c['metafields'] = { birthday: '1985-03-14' })), expected: '--03-14' },
  ])('$name', ({ payload, expected }) => {
    expect(birthdayOf('customers/update', payload())).toEqual(expected);
  });

  it('an unreadable birthday is dropped and reported by field; the customer still lands', () => {
    const result = interpret('customers/update', withoutMetafields((c) => (c['note'] = 'Birthday: 03/04/1985')));
    expect(result.events).toEqual([expect.objectContaining({ type: 'customer_upserted', customer: expect.objectContaining({ email: MAYA, birthday: undefined }) })]);
    expect(result.ignored).toEqual([{ code: 'birthday_unreadable', field: 'note' }]);
  });

  it("orders: the customer's note, never the order's note or note attributes", () => {
    // The fixture's note_attributes say "Happy birthday, Jonas!": a gift, not the buyer's birthday.
    expect(birthdayOf('orders/create', fixture('order-create'))).toBeUndefined();
    expect(birthdayOf('orders/create', fixture('order-create', (o) => (o['note'] = 'Birthday: March 14')))).toBeUndefined();
    expect(birthdayOf('orders/create', withCustomerNote('DOB: March 14'))).toBe('--03-14');
    expect(eventsOf('orders/updated', withCustomerNote('DOB: March 14'))[0]).toMatchObject({ type: 'order_placed', customer: { birthday: '--03-14' } });
  });

  it('orders: an unreadable customer note is reported under customer.note', () => {
    expect(interpret('orders/create', withCustomerNote('Birthday: spring')).ignored).toEqual([{ code: 'birthday_unreadable', field: 'customer.note' }]);
    expect(interpret('orders/updated', withCustomerNote('Birthday: spring')).ignored).toEqual([{ code: 'birthday_unreadable', field: 'customer.note' }]);
  });

  describe('over HTTP, into customers.birthday', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness();
    });
    afterEach(async () => {
      await h.running.outbox.idle();
      await h.close();
    });

    it('customers/create stores the metafield birthday', async () => {
      const res = await h.postShopify('customers/create', fixture('customer-create-birthday'));
      expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
      expect(storedBirthday(h, MAYA)).toBe('1985-03-14');
    });

    it("orders/create stores the birthday from the customer's note", async () => {
      const res = await h.postShopify('orders/create', withCustomerNote('Date of birth: 14 March'));
      expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
      expect(storedBirthday(h, MAYA)).toBe('--03-14');
    });

    it('an unreadable birthday: 200, the customer stored without it, a log line with the code and field but not the value', async () => {
      const res = await h.postShopify('customers/update', withoutMetafields((c) => (c['note'] = 'Birthday: Marchember 41st')));
      expect(res.status).toBe(200);
      expect(storedBirthday(h, MAYA)).toBeNull();
      expect(ignoredBirthdayLogs(h)).toEqual([{ source: 'shopify', code: 'birthday_unreadable', field: 'note' }]);
      expect(logLinesContaining(h.logs, 'Marchember')).toEqual([]);
    });

    it('a later unreadable birthday keeps the one already known', async () => {
      await h.postShopify('customers/create', fixture('customer-create-birthday'));
      const later = fixture('customer-create-birthday', (c) => {
        c['updated_at'] = '2026-11-26T14:02:19-05:00';
        c['note'] = null;
        (c['metafields'] as Json[])[0]!['value'] = 'unknown';
      });
      expect(await (await h.postShopify('customers/update', later)).json()).toEqual({ ok: true, outcome: 'processed' });
      expect(storedBirthday(h, MAYA)).toBe('1985-03-14');
    });
  });
});
