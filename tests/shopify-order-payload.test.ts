import { describe, expect, it } from 'vitest';
import type { OrderPlaced } from '../src/history/events.js';
import { parseShopifyOrder, shopifyOrderSchema, ShopifyPayloadError, toOrderPlaced } from '../src/ingest/shopify/order-payload.js';
import { jsonFixture, type Json } from './helpers/fixtures.js';

// Ids from Shopify's own sample payloads, above 2^53: JSON.parse rounds them
// exactly as it does for a real webhook body.
const ROUNDED_ORDER_ID = JSON.parse('820982911946154508') as number;
const ROUNDED_CUSTOMER_ID = JSON.parse('115310627314723954') as number;

/** A fresh copy of the orders/create fixture per test, edited in place by `edit`. */
const order = (edit?: (o: Json) => void) => jsonFixture('shopify', 'order-create.json', edit);

function at(o: Json, ...path: (string | number)[]): Json {
  let node: unknown = o;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node as Json;
}

function expectEvent(json: unknown): OrderPlaced {
  const result = parseShopifyOrder(json);
  if (!result.ok) throw new Error(`expected a valid order, got "${result.reason}"`);
  return result.event;
}

describe('parseShopifyOrder: the documented-style full payload', () => {
  it('converts every field we use', () => {
    expect(expectEvent(order())).toEqual({
      type: 'order_placed',
      source: 'shopify',
      externalId: '5884220915927',
      number: '#1005',
      customer: {
        externalId: '7290183467223',
        email: 'maya.lindqvist@example.com',
        firstName: 'Maya',
        lastName: 'Lindqvist',
      },
      currency: 'USD',
      totalCents: 14919,
      shippingCents: 795,
      financialStatus: 'paid',
      placedAt: new Date('2026-11-20T15:14:58Z'),
      lineItems: [
        { title: 'Merino Wool Beanie', variantTitle: 'Forest Green', quantity: 2, priceCents: 2490 },
        { title: 'Trail Running Socks', variantTitle: 'Large / Charcoal', quantity: 3, priceCents: 1250 },
        { title: 'Ceramic Pour-Over Set', variantTitle: undefined, quantity: 1, priceCents: 5800 },
      ],
    } satisfies OrderPlaced);
  });

  it('keeps unknown fields out of the event instead of rejecting them', () => {
    const event = expectEvent(
      order((o) => {
        o['brand_new_field_2027'] = { nested: ['anything'] };
        at(o, 'customer')['loyalty_tier'] = 'gold';
        at(o, 'line_items', 0)['"quoted" key'] = 'value';
      }),
    );
    expect(event).not.toHaveProperty('brand_new_field_2027');
    expect(event.lineItems[0]).not.toHaveProperty('"quoted" key');
  });
});

describe('parseShopifyOrder: valid variations', () => {
  const cases: { name: string; edit: (o: Json) => void; expected: Partial<OrderPlaced> }[] = [
    {
      name: 'guest order: customer null, names from the billing address, contact_email when email is empty',
      edit: (o) => {
        o['customer'] = null;
        o['email'] = '';
        o['contact_email'] = 'guest@example.com';
      },
      expected: { customer: { email: 'guest@example.com', firstName: 'Maya', lastName: 'Lindqvist' } },
    },
    {
      name: 'guest order without billing address: names from the shipping address',
      edit: (o) => {
        o['customer'] = null;
        o['billing_address'] = null;
      },
      expected: { customer: { email: 'maya.lindqvist@example.com', firstName: 'Jonas', lastName: 'Berg' } },
    },
    {
      name: 'address with only a full name: split at the first space',
      edit: (o) => {
        o['customer'] = null;
        o['billing_address'] = { name: 'Ana María Ruiz', first_name: null, last_name: '' };
        o['shipping_address'] = null;
      },
      expected: { customer: { email: 'maya.lindqvist@example.com', firstName: 'Ana', lastName: 'María Ruiz' } },
    },
    {
      name: 'customer with an id but no names (no protected-data access): address names, id kept',
      edit: (o) => {
        o['customer'] = { id: 7290183467223, email: null, first_name: null, last_name: null };
      },
      expected: {
        customer: {
          externalId: '7290183467223',
          email: 'maya.lindqvist@example.com',
          firstName: 'Maya',
          lastName: 'Lindqvist',
        },
      },
    },
    {
      name: 'JPY has no minor digits: "1200" is 1200',
      edit: (o) => {
        o['currency'] = 'JPY';
        o['total_price'] = '1200';
        at(o, 'total_shipping_price_set', 'shop_money')['amount'] = '0';
        o['line_items'] = [{ title: 'Matcha Tin', variant_title: null, quantity: 1, price: '1200' }];
      },
      expected: {
        currency: 'JPY',
        totalCents: 1200,
        shippingCents: 0,
        lineItems: [{ title: 'Matcha Tin', quantity: 1, priceCents: 1200 }],
      },
    },
    {
      name: 'JPY written with zero decimals "1200.00" is still 1200',
      edit: (o) => {
        o['currency'] = 'JPY';
        o['total_price'] = '1200.00';
        o['total_shipping_price_set'] = null;
        o['shipping_lines'] = [];
        o['line_items'] = [];
      },
      expected: { totalCents: 1200, shippingCents: 0, lineItems: [] },
    },
    {
      name: 'lower-case currency is normalized',
      edit: (o) => {
        o['currency'] = 'eur';
      },
      expected: { currency: 'EUR', totalCents: 14919 },
    },
    {
      name: 'id quoted as a string',
      edit: (o) => {
        o['id'] = '5884220915927';
      },
      expected: { externalId: '5884220915927' },
    },
    {
      name: 'id above 2^53 (rounded by JSON.parse) is recovered from admin_graphql_api_id',
      edit: (o) => {
        o['id'] = ROUNDED_ORDER_ID;
        o['admin_graphql_api_id'] = 'gid://shopify/Order/820982911946154508';
      },
      expected: { externalId: '820982911946154508' },
    },
    {
      name: 'customer id above 2^53 without a gid is dropped, not rounded',
      edit: (o) => {
        o['customer'] = { id: ROUNDED_CUSTOMER_ID, email: 'john@example.com', first_name: 'John', last_name: 'Smith' };
      },
      expected: { customer: { email: 'john@example.com', firstName: 'John', lastName: 'Smith' } },
    },
    {
      name: 'no total_shipping_price_set: sum of shipping_lines, skipping removed lines',
      edit: (o) => {
        delete o['total_shipping_price_set'];
        o['shipping_lines'] = [
          { price: '5.00', title: 'Standard' },
          { price: '2.50', title: 'Insurance' },
          { price: '20.00', title: 'Express', is_removed: true },
        ];
      },
      expected: { shippingCents: 750 },
    },
    {
      name: 'no shipping information at all: 0',
      edit: (o) => {
        delete o['total_shipping_price_set'];
        delete o['shipping_lines'];
      },
      expected: { shippingCents: 0 },
    },
    {
      name: 'processed_at null: placedAt from created_at',
      edit: (o) => {
        o['processed_at'] = null;
      },
      expected: { placedAt: new Date('2026-11-20T15:15:00Z') },
    },
    {
      name: 'name missing: number from order_number',
      edit: (o) => {
        delete o['name'];
      },
      expected: { number: '#1005' },
    },
    {
      name: 'numeric amounts are tolerated',
      edit: (o) => {
        o['total_price'] = 149.19;
      },
      expected: { totalCents: 14919 },
    },
  ];

  it.each(cases)('$name', ({ edit, expected }) => {
    expect(expectEvent(order(edit))).toMatchObject(expected);
  });

  it('guest orders carry no customer externalId', () => {
    const event = expectEvent(order((o) => (o['customer'] = null)));
    expect(event.customer.externalId).toBeUndefined();
  });
});

describe('parseShopifyOrder: rejected payloads', () => {
  const cases: { name: string; json: unknown; reason: string }[] = [
    { name: 'not an object', json: null, reason: 'payload: must be an object' },
    { name: 'an array', json: [order()], reason: 'payload: must be an object' },
    { name: 'missing id', json: order((o) => delete o['id']), reason: 'id: is required' },
    { name: 'id not numeric', json: order((o) => (o['id'] = 'gid://shopify/Order/1')), reason: 'id: must be a numeric Shopify id' },
    { name: 'id negative', json: order((o) => (o['id'] = -5)), reason: 'id: must be a numeric Shopify id' },
    {
      name: 'id above 2^53 without admin_graphql_api_id',
      json: order((o) => {
        o['id'] = ROUNDED_ORDER_ID;
        delete o['admin_graphql_api_id'];
      }),
      reason: 'id: is larger than 2^53 and has no admin_graphql_api_id to recover it from',
    },
    {
      name: 'id above 2^53 with a gid naming another order',
      json: order((o) => {
        o['id'] = ROUNDED_ORDER_ID;
        o['admin_graphql_api_id'] = 'gid://shopify/Order/5884220915927';
      }),
      reason: 'id: is larger than 2^53 and has no admin_graphql_api_id to recover it from',
    },
    { name: 'total_price text', json: order((o) => (o['total_price'] = 'abc')), reason: 'total_price: must be a decimal amount' },
    { name: 'total_price empty', json: order((o) => (o['total_price'] = '')), reason: 'total_price: must be a decimal amount' },
    { name: 'total_price two dots', json: order((o) => (o['total_price'] = '12.3.4')), reason: 'total_price: must be a decimal amount' },
    { name: 'total_price negative', json: order((o) => (o['total_price'] = '-5.00')), reason: 'total_price: must be a decimal amount' },
    { name: 'total_price exponent', json: order((o) => (o['total_price'] = 1e-7)), reason: 'total_price: must be a decimal amount' },
    { name: 'total_price null', json: order((o) => (o['total_price'] = null)), reason: 'total_price: must be a decimal amount' },
    { name: 'total_price missing', json: order((o) => delete o['total_price']), reason: 'total_price: is required' },
    {
      name: 'too many decimals for USD',
      json: order((o) => (o['total_price'] = '149.195')),
      reason: 'total_price: must be a decimal amount valid in USD',
    },
    {
      name: 'decimals in JPY',
      json: order((o) => {
        o['currency'] = 'JPY';
        o['total_price'] = '1200.50';
      }),
      reason: 'total_price: must be a decimal amount valid in JPY',
    },
    {
      name: 'bad line item price',
      json: order((o) => (at(o, 'line_items', 1)['price'] = 'free')),
      reason: 'line_items.1.price: must be a decimal amount',
    },
    {
      name: 'bad shipping set amount',
      json: order((o) => (at(o, 'total_shipping_price_set', 'shop_money')['amount'] = '7,95')),
      reason: 'total_shipping_price_set.shop_money.amount: must be a decimal amount',
    },
    {
      name: 'bad shipping line price when it is the fallback',
      json: order((o) => {
        delete o['total_shipping_price_set'];
        at(o, 'shipping_lines', 0)['price'] = '7.999';
      }),
      reason: 'shipping_lines.0.price: must be a decimal amount valid in USD',
    },
    { name: 'currency not a code', json: order((o) => (o['currency'] = 'US Dollars')), reason: 'currency: must be a three-letter currency code such as USD' },
    { name: 'missing created_at', json: order((o) => delete o['created_at']), reason: 'created_at: is required' },
    {
      name: 'created_at not a date',
      json: order((o) => (o['created_at'] = 'yesterday')),
      reason: 'created_at: must be an ISO 8601 date-time such as 2026-11-20T10:15:00-05:00',
    },
    {
      name: 'processed_at month 13',
      json: order((o) => (o['processed_at'] = '2026-13-01T10:00:00-05:00')),
      reason: 'processed_at: must be an ISO 8601 date-time such as 2026-11-20T10:15:00-05:00',
    },
    {
      name: 'processed_at 30 February',
      json: order((o) => (o['processed_at'] = '2026-02-30T10:00:00-05:00')),
      reason: 'processed_at: must be an ISO 8601 date-time such as 2026-11-20T10:15:00-05:00',
    },
    {
      name: 'processed_at without an offset',
      json: order((o) => (o['processed_at'] = '2026-11-20T10:15:00')),
      reason: 'processed_at: must be an ISO 8601 date-time such as 2026-11-20T10:15:00-05:00',
    },
    { name: 'line_items missing', json: order((o) => delete o['line_items']), reason: 'line_items: is required' },
    { name: 'line_items an object', json: order((o) => (o['line_items'] = {})), reason: 'line_items: must be a list' },
    {
      name: 'negative quantity',
      json: order((o) => (at(o, 'line_items', 2)['quantity'] = -1)),
      reason: 'line_items.2.quantity: must not be negative',
    },
    {
      name: 'fractional quantity',
      json: order((o) => (at(o, 'line_items', 0)['quantity'] = 1.5)),
      reason: 'line_items.0.quantity: must be a whole number',
    },
    {
      name: 'customer e-mail of the wrong type',
      json: order((o) => (at(o, 'customer')['email'] = 12345)),
      reason: 'customer.email: must be a string',
    },
    { name: 'customer a string', json: order((o) => (o['customer'] = 'maya.lindqvist@example.com')), reason: 'customer: must be an object' },
  ];

  it.each(cases)('$name', ({ json, reason }) => {
    expect(parseShopifyOrder(json)).toEqual({ ok: false, reason });
  });

  it.each(cases)('never echoes personal data: $name', ({ json }) => {
    const result = parseShopifyOrder(json);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const secret of ['maya', 'lindqvist', '@', 'orchard', '12345', 'free', 'yesterday']) {
      expect(result.reason.toLowerCase()).not.toContain(secret);
    }
  });
});

describe('toOrderPlaced', () => {
  it('throws ShopifyPayloadError with the field path when the schema alone cannot catch it', () => {
    const payload = shopifyOrderSchema.parse(order((o) => (at(o, 'line_items', 2)['price'] = '58.001')));
    expect(() => toOrderPlaced(payload)).toThrowError(ShopifyPayloadError);
    try {
      toOrderPlaced(payload);
    } catch (error) {
      expect(error).toMatchObject({ path: ['line_items', 2, 'price'], code: 'shopify_payload_invalid' });
    }
  });
});
