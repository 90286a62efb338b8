import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/history/events.js';
import { parseGenericBody } from '../src/ingest/generic/schema.js';
import { genericSource } from '../src/ingest/generic/source.js';
import { jsonFixture, readFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { deliveriesOf, delightSignature, ingestErrorFrom, interpretBody, postWebhook } from './helpers/webhooks.js';

const OLD_SECRET = 'generic-secret-previous-0000';
const NEW_SECRET = 'generic-secret-current-1111';
const NOW = new Date('2026-11-23T10:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

const fixtureText = (name: string) => readFixture('generic', name);
const fixture = (name: string, edit?: (payload: Json) => void) => jsonFixture('generic', name, edit);

function batchEvents(payload: Json): Json[] {
  return payload['events'] as Json[];
}

interface PostOptions {
  secret?: string;
  timestamp?: string;
  signedBody?: string;
  signature?: string;
  omit?: 'signature' | 'timestamp';
}

function postGeneric(h: Harness, body: string, options: PostOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? String(NOW_SECONDS);
  return postWebhook(h.baseUrl, 'generic', body, {
    'x-delight-timestamp': options.omit === 'timestamp' ? undefined : timestamp,
    'x-delight-signature':
      options.omit === 'signature' ? undefined : (options.signature ?? delightSignature(options.secret ?? NEW_SECRET, timestamp, options.signedBody ?? body)),
  });
}

const genericDeliveries = (h: Harness) => deliveriesOf(h, 'generic');

function interpret(payload: unknown) {
  return interpretBody(genericSource(['unit-secret']), JSON.stringify(payload));
}

function reasonFor(payload: unknown): string {
  const parsed = parseGenericBody(payload);
  if (parsed.ok) throw new Error('expected the payload to be rejected');
  return parsed.reason;
}

function eventsOf(payload: unknown): DomainEvent[] {
  const parsed = parseGenericBody(payload);
  if (!parsed.ok) throw new Error(`expected a valid payload, got "${parsed.reason}"`);
  return parsed.events;
}

describe('POST /webhooks/generic over HTTP', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ GENERIC_WEBHOOK_SECRET: `${OLD_SECRET},${NEW_SECRET}` });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.clock.now = NOW;
  });

  it('accepts a signed single event and records it as "type:id"', async () => {
    const res = await postGeneric(h, fixtureText('order.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    expect(genericDeliveries(h)).toContainEqual(
      expect.objectContaining({ deliveryId: 'order:evt_01JDQ8Y3B7K6X2M9N4P5R6S7T8', topic: 'order', outcome: 'processed' }),
    );
  });

  it('accepts a batch and answers the same batch sent again as a duplicate', async () => {
    const body = fixtureText('batch.json');
    const res = await postGeneric(h, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    const again = await postGeneric(h, body);
    expect(await again.json()).toEqual({ ok: true, outcome: 'duplicate' });
    const batches = genericDeliveries(h).filter((row) => row.topic === 'batch');
    expect(batches).toHaveLength(1);
    expect(batches[0]?.deliveryId).toMatch(/^batch:[0-9a-f]{32}$/);
  });

  it('accepts the old secret during a rotation', async () => {
    const body = JSON.stringify(fixture('order.json', (p) => (p['id'] = 'evt_old_secret')));
    expect((await postGeneric(h, body, { secret: OLD_SECRET })).status).toBe(200);
  });

  it('accepts the second (new) secret of the rotation list', async () => {
    const body = JSON.stringify(fixture('order.json', (p) => (p['id'] = 'evt_new_secret')));
    expect((await postGeneric(h, body, { secret: NEW_SECRET })).status).toBe(200);
    expect(genericDeliveries(h).map((row) => row.deliveryId)).toContain('order:evt_new_secret');
  });

  it('accepts a timestamp four minutes ahead', async () => {
    const body = JSON.stringify(fixture('order.json', (p) => (p['id'] = 'evt_four_minutes_ahead')));
    expect((await postGeneric(h, body, { timestamp: String(NOW_SECONDS + 240) })).status).toBe(200);
  });

  it('acknowledges an unknown type, recorded as ignored', async () => {
    const body = JSON.stringify({ id: 'loyalty_7', type: 'loyalty_points', points: 120 });
    const res = await postGeneric(h, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'ignored' });
    expect(genericDeliveries(h)).toContainEqual(expect.objectContaining({ deliveryId: 'loyalty_points:loyalty_7', topic: 'loyalty_points', outcome: 'ignored' }));
  });

  const rejected: { name: string; options: (body: string) => PostOptions }[] = [
    { name: 'a secret that is not configured', options: () => ({ secret: 'some-other-secret' }) },
    { name: 'a tampered body', options: (body) => ({ signedBody: body.replace('"149.19"', '"14.19"') }) },
    { name: 'no signature header', options: () => ({ omit: 'signature' }) },
    { name: 'no timestamp header', options: () => ({ omit: 'timestamp' }) },
    { name: 'a timestamp six minutes old', options: () => ({ timestamp: String(NOW_SECONDS - 360) }) },
    { name: 'a timestamp six minutes ahead', options: () => ({ timestamp: String(NOW_SECONDS + 360) }) },
    { name: 'a timestamp in milliseconds', options: () => ({ timestamp: String(NOW.getTime()) }) },
    { name: 'a timestamp that is not a number', options: () => ({ timestamp: NOW.toISOString() }) },
    {
      name: 'a signature without the sha256= prefix',
      options: (body) => ({ signature: delightSignature(NEW_SECRET, String(NOW_SECONDS), body).slice('sha256='.length) }),
    },
    {
      name: 'a signature over the body without the timestamp',
      options: (body) => ({ signature: `sha256=${createHmac('sha256', NEW_SECRET).update(body).digest('hex')}` }),
    },
    {
      name: 'an upper-case hex signature',
      options: (body) => ({ signature: delightSignature(NEW_SECRET, String(NOW_SECONDS), body).toUpperCase().replace('SHA256=', 'sha256=') }),
    },
  ];

  it.each(rejected)('refuses $name with an empty 401 and stores nothing', async ({ options }) => {
    const body = JSON.stringify(fixture('order.json', (p) => (p['id'] = `evt_rejected_${Math.random()}`)));
    const before = genericDeliveries(h).length;
    const res = await postGeneric(h, body, options(body));
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
    expect(genericDeliveries(h)).toHaveLength(before);
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const before = genericDeliveries(h).length;
    const res = await postGeneric(h, '{"id": "evt_1", "type": "order",');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed_json', message: 'The body is not valid JSON.' });
    expect(genericDeliveries(h)).toHaveLength(before);
  });

  it('answers an invalid field in a batch with 400 naming its path', async () => {
    const body = JSON.stringify(fixture('batch.json', (p) => (batchEvents(p)[3]!['score'] = 11)));
    const before = genericDeliveries(h).length;
    const res = await postGeneric(h, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'events.3.score: must be an integer from 0 to 10' });
    expect(genericDeliveries(h)).toHaveLength(before);
  });

  it('answers a batch of more than 500 events with 400', async () => {
    const events = Array.from({ length: 501 }, (_, i) => ({ id: `x${i}`, type: 'loyalty_points' }));
    const res = await postGeneric(h, JSON.stringify({ events }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'events: must contain at most 500 events' });
  });

  it('answers 404 when no generic secret is configured', async () => {
    const disabled = await startHarness();
    try {
      const res = await postGeneric(disabled, fixtureText('order.json'));
      expect(res.status).toBe(404);
      expect(genericDeliveries(disabled)).toHaveLength(0);
    } finally {
      await disabled.close();
    }
  });
});

describe('genericSource().interpret and parseGenericBody: mapping', () => {
  it('maps an order, with money in minor units and the customer with birthday', () => {
    expect(interpret(fixture('order.json'))).toEqual({
      delivery: { source: 'generic', deliveryId: 'order:evt_01JDQ8Y3B7K6X2M9N4P5R6S7T8', topic: 'order' },
      events: [
        {
          type: 'order_placed',
          source: 'generic',
          externalId: 'SO-20431',
          version: new Date('2026-11-20T14:20:03Z'),
          number: '#20431',
          customer: {
            externalId: 'cus_8842',
            email: 'maya.lindqvist@example.com',
            firstName: 'Maya',
            lastName: 'Lindqvist',
            birthday: '--04-17',
          },
          currency: 'EUR',
          totalCents: 14919,
          shippingCents: 795,
          financialStatus: 'paid',
          placedAt: new Date('2026-11-20T14:14:58Z'),
          lineItems: [
            { title: 'Merino Wool Beanie', quantity: 2, priceCents: 2490 },
            { title: 'Ceramic Pour-Over Set', quantity: 1, priceCents: 5800 },
          ],
        },
      ] satisfies DomainEvent[],
    });
  });

  it('maps every known type of a batch and skips the unknown one', () => {
    expect(eventsOf(fixture('batch.json'))).toEqual([
      {
        type: 'payment_recorded',
        source: 'generic',
        externalId: 'pi_3QmW8s2eZvKYlo2C',
        customer: { email: 'maya.lindqvist@example.com' },
        status: 'failed',
        amountCents: 14919,
        currency: 'EUR',
        orderExternalId: 'SO-20431',
        failureReason: 'card_declined',
        occurredAt: new Date('2026-11-20T14:15:10Z'),
      },
      {
        type: 'ticket_changed',
        source: 'generic',
        externalId: '771',
        customer: { externalId: 'cus_8842', email: 'maya.lindqvist@example.com' },
        change: 'opened',
        status: 'open',
        subject: 'Payment declined twice',
        occurredAt: new Date('2026-11-20T14:30:00Z'),
      },
      {
        type: 'satisfaction_rated',
        source: 'generic',
        externalId: '9001',
        customer: { externalId: 'cus_8842' },
        rating: 'okay',
        comment: 'Fixed in the end, but it took a while.',
        ticketExternalId: '771',
        ratedAt: new Date('2026-11-21T09:00:00Z'),
      },
      {
        type: 'nps_answered',
        source: 'generic',
        externalId: '5521',
        customer: { email: 'maya.lindqvist@example.com' },
        score: 9,
        comment: 'Love the beanies.',
        answeredAt: new Date('2026-11-22T18:30:00Z'),
      },
      {
        type: 'customer_upserted',
        source: 'generic',
        externalId: 'cus_8842',
        version: new Date('2026-11-22T19:00:00Z'),
        customer: { externalId: 'cus_8842', email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist', birthday: '1991-04-17' },
      },
    ] satisfies DomainEvent[]);
  });

  it('records a batch under "batch" with a hash of its event keys', () => {
    const result = interpret(fixture('batch.json'));
    expect(result.delivery.topic).toBe('batch');
    const reordered = interpret(fixture('batch.json', (p) => batchEvents(p).reverse())).delivery.deliveryId;
    expect(reordered).not.toBe(result.delivery.deliveryId);
  });

  it('reads a minimal order: integer ids, no shipping, no items, no status', () => {
    const [event] = eventsOf({
      id: 1001,
      type: 'order',
      order_id: 42,
      customer: { email: 'guest@example.com' },
      currency: 'jpy',
      total: '1200',
      placed_at: '2026-11-20T15:14:58Z',
    });
    expect(event).toEqual({
      type: 'order_placed',
      source: 'generic',
      externalId: '42',
      customer: { email: 'guest@example.com' },
      currency: 'JPY',
      totalCents: 1200,
      shippingCents: 0,
      placedAt: new Date('2026-11-20T15:14:58Z'),
      lineItems: [],
    });
  });

  it('treats null and "" in optional fields as absent', () => {
    const [event] = eventsOf(
      fixture('order.json', (p) => {
        p['number'] = '';
        p['shipping'] = null;
        p['updated_at'] = null;
        p['customer'] = { id: 'cus_8842', email: '', first_name: null, birthday: '' };
      }),
    );
    expect(event).toMatchObject({ number: undefined, shippingCents: 0, version: undefined, customer: { externalId: 'cus_8842', email: undefined } });
  });

  it('marks a cancelled order cancelled at its last update', () => {
    const [event] = eventsOf(fixture('order.json', (p) => (p['status'] = 'cancelled')));
    expect(event).toMatchObject({ cancelledAt: new Date('2026-11-20T14:20:03Z'), financialStatus: undefined });
  });

  it('maps a ticket status change and keeps updated_at as the version', () => {
    const [event] = eventsOf({
      id: 'tkt_771_solved',
      type: 'ticket',
      ticket_id: '771',
      change: 'status_changed',
      status: 'solved',
      occurred_at: '2026-11-21T08:00:00Z',
      updated_at: '2026-11-21T08:00:01Z',
      customer: { id: 'cus_8842' },
    });
    expect(event).toMatchObject({ change: 'status_changed', status: 'solved', version: new Date('2026-11-21T08:00:01Z') });
  });

  it('knows an e-mail-only customer event by its address', () => {
    const [event] = eventsOf({ id: 'c1', type: 'customer', customer: { email: 'guest@example.com', first_name: 'Ana' } });
    expect(event).toEqual({
      type: 'customer_upserted',
      source: 'generic',
      externalId: 'guest@example.com',
      customer: { email: 'guest@example.com', firstName: 'Ana' },
    });
  });

  it('acknowledges a body of unknown types only, with no events', () => {
    expect(interpret({ events: [{ id: 'a', type: 'survey_started' }] })).toMatchObject({ delivery: { topic: 'batch' }, events: [] });
  });
});

describe('parseGenericBody: validation messages name the field and never its value', () => {
  const order = (edit: (p: Json) => void) => fixture('order.json', edit);
  const inBatch = (index: number, edit: (p: Json) => void) => fixture('batch.json', (p) => edit(batchEvents(p)[index]!));

  it.each([
    { name: 'a body that is not an object', body: ['order'], reason: 'payload: must be a JSON object: one event, or {"events": [...]}' },
    { name: 'a missing id', body: order((p) => delete p['id']), reason: 'id: is required' },
    { name: 'an empty id', body: order((p) => (p['id'] = '  ')), reason: 'id: must not be empty' },
    { name: 'a missing type', body: order((p) => delete p['type']), reason: /^type: is required/ },
    { name: 'events that is not a list', body: { events: {} }, reason: 'events: must be a list of events' },
    { name: 'an empty batch', body: { events: [] }, reason: 'events: must contain at least one event' },
    { name: 'a batch entry that is not an object', body: { events: ['order'] }, reason: 'events.0: must be an object' },
    { name: 'a total sent as a JSON number', body: order((p) => (p['total'] = 149.19)), reason: 'total: must be a decimal string such as "24.90" (not a JSON number)' },
    { name: 'a negative total', body: order((p) => (p['total'] = '-5.00')), reason: 'total: must be a decimal string such as "24.90" (not a JSON number)' },
    { name: 'more decimals than the currency has', body: order((p) => (p['currency'] = 'JPY')), reason: 'total: must have at most 0 decimals in JPY' },
    { name: 'a bad item price', body: order((p) => ((p['items'] as Json[])[1]!['price'] = '58.001')), reason: 'items.1.price: must have at most 2 decimals in EUR' },
    { name: 'a fractional quantity', body: order((p) => ((p['items'] as Json[])[0]!['quantity'] = 1.5)), reason: 'items.0.quantity: must be a whole number' },
    { name: 'a zero quantity', body: order((p) => ((p['items'] as Json[])[0]!['quantity'] = 0)), reason: 'items.0.quantity: must be at least 1' },
    { name: 'a bad currency', body: order((p) => (p['currency'] = 'EURO')), reason: 'currency: must be a three-letter currency code such as USD' },
    { name: 'a placed_at without zone', body: order((p) => (p['placed_at'] = '2026-11-20T15:14:58')), reason: /^placed_at: must be an ISO 8601 date-time with a time zone/ },
    { name: 'an unknown order status', body: order((p) => (p['status'] = 'shipped')), reason: 'status: must be one of placed, paid, cancelled, refunded' },
    { name: 'a customer without id or e-mail', body: order((p) => (p['customer'] = { first_name: 'Maya' })), reason: 'customer: must have an id or an email' },
    { name: 'no customer', body: order((p) => delete p['customer']), reason: 'customer: is required' },
    { name: 'a malformed e-mail', body: order((p) => ((p['customer'] as Json)['email'] = 'maya at example')), reason: 'customer.email: must be an e-mail address' },
    { name: 'a malformed birthday', body: order((p) => ((p['customer'] as Json)['birthday'] = '17.04.1991')), reason: /^customer\.birthday: must be a date such as 1990-04-17/ },
    { name: 'an NPS score of 11', body: inBatch(3, (e) => (e['score'] = 11)), reason: 'events.3.score: must be an integer from 0 to 10' },
    { name: 'a fractional NPS score', body: inBatch(3, (e) => (e['score'] = 8.5)), reason: 'events.3.score: must be an integer from 0 to 10' },
    { name: 'an NPS score as text', body: inBatch(3, (e) => (e['score'] = '9')), reason: 'events.3.score: must be an integer from 0 to 10' },
    { name: 'a missing NPS score', body: inBatch(3, (e) => delete e['score']), reason: 'events.3.score: is required' },
    { name: 'an unknown payment status', body: inBatch(0, (e) => (e['status'] = 'pending')), reason: 'events.0.status: must be one of succeeded, failed, refunded' },
    { name: 'an unknown rating', body: inBatch(2, (e) => (e['rating'] = 'great')), reason: 'events.2.rating: must be one of good, okay, bad' },
    {
      name: 'a status change without a status',
      body: inBatch(1, (e) => {
        e['change'] = 'status_changed';
        delete e['status'];
      }),
      reason: 'events.1.status: is required when change is status_changed',
    },
    { name: 'a repeated id of the same type', body: inBatch(4, (e) => ((e['type'] = 'nps'), (e['id'] = 'nps_5521'))), reason: 'events.4.id: repeats the id of events.3 (same type)' },
  ])('rejects $name', ({ body, reason }) => {
    const message = reasonFor(body);
    expect(message).toMatch(reason);
    expect(message).not.toMatch(/maya|example\.com|149\.19|58\.001/i);
  });

  it('allows the same id under two different types', () => {
    const events = [
      { id: 'same', type: 'nps', response_id: '1', score: 7, answered_at: '2026-11-22T18:30:00Z', customer: { id: 'c' } },
      { id: 'same', type: 'customer', customer: { id: 'c' } },
    ];
    expect(eventsOf({ events })).toHaveLength(2);
  });

  it('throws IngestError invalid_payload from interpret()', () => {
    const error = ingestErrorFrom(() => interpret(fixture('order.json', (p) => delete p['order_id'])));
    expect(error).toMatchObject({ code: 'invalid_payload', message: 'order_id: is required' });
  });
});
