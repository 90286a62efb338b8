import Stripe from 'stripe';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../src/db/schema.js';
import type { CustomerUpserted, PaymentRecorded } from '../src/history/events.js';
import { parseStripeEvent } from '../src/ingest/stripe/event-payload.js';
import { stripeToMinor } from '../src/ingest/stripe/objects.js';
import { ignoredBirthdayLogs, storedBirthday } from './helpers/birthdays.js';
import { jsonFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { logLinesContaining } from './helpers/log-check.js';
import { postWebhook } from './helpers/webhooks.js';

/** A fresh copy of an event fixture; `edit` gets the event and its `data.object`. */
function fixture(name: string, edit: (event: Json, object: Json) => void = () => {}): Json {
  return jsonFixture('stripe', `${name}.json`, (event) => edit(event, (event['data'] as Json)['object'] as Json));
}

function eventsOf(json: unknown) {
  const parsed = parseStripeEvent(json);
  if (!parsed.ok) throw new Error(`expected a valid event, got "${parsed.reason}"`);
  return parsed.events;
}

const at = (seconds: number) => new Date(seconds * 1000);

describe('parseStripeEvent: mapping real event shapes', () => {
  it('charge.succeeded: amount, upper-case currency, customer, order id from metadata, charge time', () => {
    const parsed = parseStripeEvent(fixture('charge-succeeded'));
    expect(parsed).toEqual({
      ok: true,
      id: 'evt_3QhT8kLmNo4pQrSt1aBcDeFg',
      type: 'charge.succeeded',
      events: [
        {
          type: 'payment_recorded',
          source: 'stripe',
          externalId: 'ch_3QhT8kLmNo4pQrSt1xYz9AbC',
          version: at(1795187700),
          status: 'succeeded',
          amountCents: 14919,
          currency: 'USD',
          customer: { externalId: 'cus_RkP3nX8aQ2vT7m', email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist' },
          orderExternalId: '5884220915927',
          failureReason: undefined,
          occurredAt: at(1795187698),
        } satisfies PaymentRecorded,
      ],
    });
  });

  it('charge.failed: the decline message, receipt_email when billing has none, a guest without customer id', () => {
    const [event] = eventsOf(fixture('charge-failed'));
    expect(event).toMatchObject({
      externalId: 'ch_3QhU2bLmNo4pQrSt0dEcLn3d',
      status: 'failed',
      amountCents: 4980,
      failureReason: 'Your card has insufficient funds.',
      customer: { externalId: undefined, email: 'tomas.ferreira@example.com', firstName: 'Tomás', lastName: 'Ferreira' },
      orderExternalId: undefined,
    });
  });

  it('charge.failed without a message falls back to the failure code; a long message is capped', () => {
    const [coded] = eventsOf(fixture('charge-failed', (_e, c) => (c['failure_message'] = null)));
    expect(coded).toMatchObject({ failureReason: 'card_declined' });
    const [long] = eventsOf(fixture('charge-failed', (_e, c) => (c['failure_message'] = 'x'.repeat(500))));
    expect((long as PaymentRecorded).failureReason).toHaveLength(160);
  });

  it('charge.refunded: the amount refunded so far, at the time of the event', () => {
    const [event] = eventsOf(fixture('charge-refunded'));
    expect(event).toMatchObject({ status: 'refunded', amountCents: 5800, occurredAt: at(1795372805), version: at(1795372805) });
  });

  it('payment_intent.payment_failed: last_payment_error message and the payment method billing details', () => {
    const [event] = eventsOf(fixture('payment-intent-payment-failed'));
    expect(event).toEqual({
      type: 'payment_recorded',
      source: 'stripe',
      externalId: 'pi_3QhU2bLmNo4pQrSt0Yq7Hs1K',
      version: at(1795251732),
      status: 'failed',
      amountCents: 4980,
      currency: 'GBP',
      customer: { externalId: 'cus_RkQ8vB1mZt5Yw3', email: 'tomas.ferreira@example.com', firstName: 'Tomás', lastName: 'Ferreira' },
      orderExternalId: 'wc-4471',
      failureReason: 'Your card has insufficient funds.',
      occurredAt: at(1795251732),
    } satisfies PaymentRecorded);
  });

  it('checkout.session.completed (paid): session id, amount_total, customer_details', () => {
    const [event] = eventsOf(fixture('checkout-session-completed'));
    expect(event).toMatchObject({
      externalId: 'cs_live_a1Kq9ZbXw2VfR7tLmN3pQ8sD4eGh6jUy0cT5oIv',
      status: 'succeeded',
      amountCents: 4200,
      currency: 'EUR',
      customer: { externalId: undefined, email: 'ines.carvalho@example.com', firstName: 'Inês', lastName: 'de Carvalho' },
      orderExternalId: '2291',
      occurredAt: at(1795372805),
    });
  });

  it('checkout sessions that are not paid yet record nothing; the later async success does', () => {
    const unpaid = fixture('checkout-session-completed', (_e, s) => (s['payment_status'] = 'unpaid'));
    expect(eventsOf(unpaid)).toEqual([]);
    const free = fixture('checkout-session-completed', (_e, s) => (s['payment_status'] = 'no_payment_required'));
    expect(eventsOf(free)).toEqual([]);
    const later = fixture('checkout-session-completed', (e) => (e['type'] = 'checkout.session.async_payment_succeeded'));
    expect(eventsOf(later)).toHaveLength(1);
  });

  it('checkout.session.completed falls back to customer_email', () => {
    const [event] = eventsOf(
      fixture('checkout-session-completed', (_e, s) => {
        s['customer_details'] = null;
        s['customer_email'] = 'prefilled@example.com';
      }),
    );
    expect(event).toMatchObject({ customer: { email: 'prefilled@example.com' } });
  });

  it('invoice.paid: amount_paid, customer_email/name, paid at status_transitions.paid_at', () => {
    const [event] = eventsOf(fixture('invoice-paid'));
    expect(event).toMatchObject({
      externalId: 'in_1QfA0aLmNo4pQrStB7xK2mQe',
      status: 'succeeded',
      amountCents: 2400,
      currency: 'USD',
      customer: { externalId: 'cus_RkP3nX8aQ2vT7m', email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist' },
      failureReason: undefined,
      occurredAt: at(1793495007),
      version: at(1793495008),
    });
  });

  it('invoice.payment_failed: amount_due and the attempt count as the reason', () => {
    const [event] = eventsOf(fixture('invoice-payment-failed'));
    expect(event).toMatchObject({ status: 'failed', amountCents: 2400, failureReason: 'Invoice payment attempt 2 failed', occurredAt: at(1793754300) });
  });

  it('a $0 invoice (a trial) is paid without money changing hands: nothing recorded', () => {
    expect(eventsOf(fixture('invoice-paid', (_e, i) => Object.assign(i, { amount_due: 0, amount_paid: 0, total: 0, subtotal: 0 })))).toEqual([]);
  });

  it('customer.updated and customer.created: customer_upserted, name split at the first space, version from the event', () => {
    const expected: CustomerUpserted = {
      type: 'customer_upserted',
      source: 'stripe',
      externalId: 'cus_RkP3nX8aQ2vT7m',
      version: at(1795372805),
      customer: { externalId: 'cus_RkP3nX8aQ2vT7m', email: 'maya@lindqvist.example', firstName: 'Maya', lastName: 'Lindqvist-Berg' },
    };
    expect(eventsOf(fixture('customer-updated'))).toEqual([expected]);
    const created = fixture('customer-updated', (e, c) => {
      e['type'] = 'customer.created';
      delete (e['data'] as Json)['previous_attributes'];
      c['name'] = 'Ana María Ruiz';
    });
    expect(eventsOf(created)).toEqual([{ ...expected, customer: { ...expected.customer, firstName: 'Ana', lastName: 'María Ruiz' } }]);
  });

  it('a customer without a name or e-mail has neither', () => {
    const [event] = eventsOf(fixture('customer-updated', (_e, c) => Object.assign(c, { name: null, email: '' })));
    expect((event as CustomerUpserted).customer).toEqual({ externalId: 'cus_RkP3nX8aQ2vT7m', email: undefined });
  });

  it.each(['payout.paid', 'customer.deleted', 'constructor', '__proto__'])('%s is acknowledged without events', (type) => {
    expect(parseStripeEvent(fixture('payout-paid', (e) => (e['type'] = type)))).toMatchObject({ ok: true, type, events: [] });
  });
});

describe('parseStripeEvent: refused bodies', () => {
  const cases: { name: string; json: unknown; reason: string }[] = [
    { name: 'an array', json: [fixture('charge-succeeded')], reason: 'payload: must be an object' },
    { name: 'null', json: null, reason: 'payload: must be an object' },
    { name: 'a thin or foreign object', json: fixture('charge-succeeded', (e) => (e['object'] = 'v2.core.event')), reason: 'object: must be "event"' },
    { name: 'no id', json: fixture('charge-succeeded', (e) => delete e['id']), reason: 'id: is required' },
    { name: 'no data.object', json: fixture('charge-succeeded', (e) => (e['data'] = {})), reason: 'data.object: is required' },
    { name: 'a charge without amount', json: fixture('charge-succeeded', (_e, c) => delete c['amount']), reason: 'data.object.amount: is required' },
    { name: 'a decimal amount', json: fixture('charge-succeeded', (_e, c) => (c['amount'] = 149.19)), reason: 'data.object.amount: must be a whole number' },
    { name: 'a bad currency', json: fixture('charge-succeeded', (_e, c) => (c['currency'] = 'dollars')), reason: 'data.object.currency: must be a three-letter currency code such as usd' },
    { name: 'a paid session without total', json: fixture('checkout-session-completed', (_e, s) => (s['amount_total'] = null)), reason: 'data.object.amount_total: is required for a paid session' },
  ];

  it.each(cases)('$name', ({ json, reason }) => {
    expect(parseStripeEvent(json)).toEqual({ ok: false, reason });
  });

  it('never quotes payload values in a reason', () => {
    const parsed = parseStripeEvent(fixture('charge-succeeded', (_e, c) => (c['customer'] = 42)));
    expect(parsed.ok).toBe(false);
    expect(JSON.stringify(parsed)).not.toContain('maya');
  });
});

describe('parseStripeEvent: birthdays from customer metadata', () => {
  it('customer.created: metadata.birthday', () => {
    const parsed = parseStripeEvent(fixture('customer-created'));
    expect(parsed).toMatchObject({
      ok: true,
      type: 'customer.created',
      events: [{ type: 'customer_upserted', customer: { externalId: 'cus_Rm4TqY7bN2cW8k', email: 'ana.ruiz@example.com', birthday: '1985-03-14' } }],
    });
    expect(parsed.ok && parsed.ignored).toBeUndefined();
  });

  it.each([
    { metadata: { birthday: 'March 14' }, expected: '--03-14' },
    { metadata: { birth_date: '14.03.1985' }, expected: '1985-03-14' },
    { metadata: { date_of_birth: '1985-03-14' }, expected: '1985-03-14' },
    { metadata: {}, expected: undefined },
    { metadata: { order_id: '5884220915927' }, expected: undefined },
  ])('customer.updated with metadata $metadata', ({ metadata, expected }) => {
    const [event] = eventsOf(fixture('customer-updated', (_e, c) => (c['metadata'] = metadata)));
    expect((event as CustomerUpserted).customer.birthday).toEqual(expected);
  });

  it('an unreadable birthday is dropped and reported; the customer still lands', () => {
    const parsed = parseStripeEvent(fixture('customer-created', (_e, c) => (c['metadata'] = { birthday: '03/04/1985' })));
    expect(parsed).toMatchObject({ ok: true, events: [{ type: 'customer_upserted', customer: { externalId: 'cus_Rm4TqY7bN2cW8k', birthday: undefined } }] });
    expect(parsed.ok && parsed.ignored).toEqual([{ code: 'birthday_unreadable', field: 'data.object.metadata.birthday' }]);
  });

  it("a charge's metadata is the payment's, never read for a birthday", () => {
    const [event] = eventsOf(fixture('charge-succeeded', (_e, c) => (c['metadata'] = { birthday: '1985-03-14' })));
    expect((event as PaymentRecorded).customer.birthday).toBeUndefined();
  });
});

describe('stripeToMinor: Stripe minor units to delightbot minor units', () => {
  it.each([
    ['USD', 1499, 1499],
    ['JPY', 1200, 1200],
    ['KWD', 5120, 5120],
    ['HUF', 150000, 1500],
    ['ISK', 50000, 500],
    ['IDR', 1500000, 15000],
    ['HUF', 100050, 1001],
  ])('%s %i → %i', (code, amount, expected) => {
    expect(stripeToMinor(amount, code)).toBe(expected);
  });
});

describe('Stripe webhooks over HTTP', () => {
  const CURRENT = 'whsec_test_current_9f8e7d6c';
  const PREVIOUS = 'whsec_test_previous_1a2b3c4d';
  const NOW = new Date('2026-11-22T18:45:00Z');
  const nowSeconds = Math.floor(NOW.getTime() / 1000);
  let h: Harness;
  let counter = 0;

  beforeAll(async () => {
    h = await startHarness({ STRIPE_WEBHOOK_SECRET: `${CURRENT},${PREVIOUS}` });
    h.clock.now = NOW;
  });
  afterAll(async () => {
    await h.close();
  });

  /** A charge.succeeded body with an event id of its own, so cases never collide as duplicates. */
  function freshBody(type = 'charge.succeeded'): string {
    counter += 1;
    return JSON.stringify(fixture('charge-succeeded', (e) => Object.assign(e, { id: `evt_http_${counter}`, type })));
  }

  function sign(payload: string, secret = CURRENT, timestamp = nowSeconds): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
  }

  function post(body: string, signature?: string): Promise<Response> {
    return postWebhook(h.baseUrl, 'stripe', body, {
      'content-type': 'application/json; charset=utf-8',
      'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
      'stripe-signature': signature,
    });
  }

  const matrix: { name: string; request: () => { body: string; signature?: string }; status: number }[] = [
    { name: 'valid', request: () => { const body = freshBody(); return { body, signature: sign(body) }; }, status: 200 },
    { name: 'rotated: signed with the second secret', request: () => { const body = freshBody(); return { body, signature: sign(body, PREVIOUS) }; }, status: 200 },
    { name: 'clock skew within 300 s ahead', request: () => { const body = freshBody(); return { body, signature: sign(body, CURRENT, nowSeconds + 200) }; }, status: 200 },
    { name: 'wrong secret', request: () => { const body = freshBody(); return { body, signature: sign(body, 'whsec_not_ours') }; }, status: 401 },
    { name: 'stale timestamp (400 s old)', request: () => { const body = freshBody(); return { body, signature: sign(body, CURRENT, nowSeconds - 400) }; }, status: 401 },
    { name: 'future timestamp (400 s ahead)', request: () => { const body = freshBody(); return { body, signature: sign(body, CURRENT, nowSeconds + 400) }; }, status: 401 },
    { name: 'missing header', request: () => ({ body: freshBody() }), status: 401 },
    { name: 'malformed header', request: () => ({ body: freshBody(), signature: 'this is not a signature' }), status: 401 },
    { name: 'non-numeric timestamp', request: () => { const body = freshBody(); return { body, signature: sign(body).replace(/^t=\d+/, 't=soon') }; }, status: 401 },
    { name: 'no v1 signature', request: () => ({ body: freshBody(), signature: `t=${nowSeconds}` }), status: 401 },
    { name: 'tampered body', request: () => { const body = freshBody(); return { body: body.replace('14919', '1'), signature: sign(body) }; }, status: 401 },
  ];

  it.each(matrix)('$name → $status', async ({ request, status }) => {
    const { body, signature } = request();
    const res = await post(body, signature);
    expect(res.status).toBe(status);
    if (status === 401) expect(await res.text()).toBe('');
    else expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
  });

  it('records the delivery under the Stripe event id and type; a retry is a duplicate', async () => {
    const body = JSON.stringify(fixture('charge-succeeded', (e) => (e['id'] = 'evt_http_retry')));
    expect(await (await post(body, sign(body))).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(await (await post(body, sign(body))).json()).toEqual({ ok: true, outcome: 'duplicate' });
    const rows = h.running.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.deliveryId, 'evt_http_retry')).all();
    expect(rows).toEqual([expect.objectContaining({ source: 'stripe', topic: 'charge.succeeded', outcome: 'processed' })]);
  });

  it('a signed body that is JSON but not an event object → 400', async () => {
    const body = '[1,2,3]';
    const res = await post(body, sign(body));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'payload: must be an object' });
  });

  it('a signed body that is not JSON → 400', async () => {
    const body = 'id=evt_1&type=charge.succeeded';
    const res = await post(body, sign(body));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'malformed_json' });
  });

  it('an event type delightbot does not use → 200 ignored', async () => {
    const body = JSON.stringify(fixture('payout-paid'));
    const res = await post(body, sign(body));
    expect(await res.json()).toEqual({ ok: true, outcome: 'ignored' });
  });

  it('customer.created stores metadata.birthday in customers.birthday', async () => {
    const body = JSON.stringify(fixture('customer-created'));
    expect(await (await post(body, sign(body))).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(storedBirthday(h, 'ana.ruiz@example.com')).toBe('1985-03-14');
  });

  it('an unreadable metadata birthday: 200, the customer stored without it, logged by code and field only', async () => {
    const body = JSON.stringify(
      fixture('customer-created', (e, c) => {
        e['id'] = 'evt_http_unreadable_birthday';
        Object.assign(c, { id: 'cus_Tz8VwX1yA3bC5d', email: 'tomas.ferreira@example.com', metadata: { birthday: '1985-02-29' } });
      }),
    );
    expect((await post(body, sign(body))).status).toBe(200);
    expect(storedBirthday(h, 'tomas.ferreira@example.com')).toBeNull();
    expect(ignoredBirthdayLogs(h)).toContainEqual({ source: 'stripe', code: 'birthday_unreadable', field: 'data.object.metadata.birthday' });
    expect(logLinesContaining(h.logs, '1985-02-29')).toEqual([]);
  });

  it('logs no customer details', () => {
    expect(logLinesContaining(h.logs, 'maya.lindqvist@example.com')).toEqual([]);
    expect(logLinesContaining(h.logs, 'Lindqvist')).toEqual([]);
  });
});
