import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutAbandoned } from '../src/history/events.js';
import { parseStripeEvent } from '../src/ingest/stripe/event-payload.js';
import { committedCheckouts } from './helpers/checkouts.js';
import { rowCounts } from './helpers/db-counts.js';
import { jsonFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { logLinesContaining } from './helpers/log-check.js';
import { deliveriesOf, postWebhook } from './helpers/webhooks.js';

/** A fresh copy of the expired-session event; `edit` gets the event and the session. */
function expired(edit: (event: Json, session: Json) => void = () => {}): Json {
  return jsonFixture('stripe', 'checkout-session-expired.json', (event) => edit(event, (event['data'] as Json)['object'] as Json));
}

function eventsOf(json: unknown) {
  const parsed = parseStripeEvent(json);
  if (!parsed.ok) throw new Error(`expected a valid event, got "${parsed.reason}"`);
  return parsed.events;
}

const at = (seconds: number) => new Date(seconds * 1000);
const SESSION = 'cs_live_b7Rt2WcYx4NgP9qLmE5sK3vJ8dHf1aZu6oQi0TbXy';
const EXPIRES_AT = at(1795370100);

describe('checkout.session.expired → checkout_abandoned', () => {
  it('maps the session: its id, amount_total in minor units, the customer e-mail, abandoned at expires_at', () => {
    expect(parseStripeEvent(expired())).toEqual({
      ok: true,
      id: 'evt_1QhW2rLmNo4pQrStXp4Ab9Kz',
      type: 'checkout.session.expired',
      events: [
        {
          type: 'checkout_abandoned',
          source: 'stripe',
          externalId: SESSION,
          version: at(1795370163),
          customer: { externalId: undefined, email: 'ines.carvalho@example.com' },
          amountCents: 6000,
          currency: 'EUR',
          abandonedAt: EXPIRES_AT,
        } satisfies CheckoutAbandoned,
      ],
    });
  });

  it('a session with recovery enabled is abandoned all the same', () => {
    const plain = eventsOf(expired((_e, s) => (s['after_expiration'] = null)));
    expect(eventsOf(expired())).toEqual(plain);
  });

  it('a known customer and a prefilled customer_email are read as on completed sessions', () => {
    const [event] = eventsOf(
      expired((_e, s) => Object.assign(s, { customer: 'cus_RkP3nX8aQ2vT7m', customer_details: null, customer_email: 'maya.lindqvist@example.com' })),
    );
    expect(event).toMatchObject({ customer: { externalId: 'cus_RkP3nX8aQ2vT7m', email: 'maya.lindqvist@example.com' } });
  });

  it('a session expired through the API before its expires_at is abandoned at the event time', () => {
    const [event] = eventsOf(expired((_e, s) => (s['expires_at'] = 1795456563)));
    expect(event).toMatchObject({ abandonedAt: at(1795370163) });
  });

  it('a zero-decimal currency keeps its amount', () => {
    const [event] = eventsOf(expired((_e, s) => Object.assign(s, { currency: 'jpy', amount_total: 7800 })));
    expect(event).toMatchObject({ amountCents: 7800, currency: 'JPY' });
  });

  it.each([
    ['a setup-mode session (nothing to pay)', (s: Json) => Object.assign(s, { mode: 'setup', amount_total: null, amount_subtotal: null, currency: null })],
    ['a session with a 0 total', (s: Json) => Object.assign(s, { amount_total: 0, amount_subtotal: 0 })],
    ['a session that is not expired', (s: Json) => Object.assign(s, { status: 'complete', payment_status: 'paid' })],
  ])('records nothing for %s', (_name, edit) => {
    expect(eventsOf(expired((_e, s) => edit(s)))).toEqual([]);
  });

  it.each([
    ['a decimal amount_total', (s: Json) => (s['amount_total'] = 60.5), 'data.object.amount_total: must be a whole number'],
    ['a bad currency', (s: Json) => (s['currency'] = 'euro'), 'data.object.currency: must be a three-letter currency code such as usd'],
    ['a bad expires_at', (s: Json) => (s['expires_at'] = '2026-11-22'), 'data.object.expires_at: must be a number'],
    ['no session id', (s: Json) => delete s['id'], 'data.object.id: is required'],
  ])('refuses %s', (_name, edit, reason) => {
    expect(parseStripeEvent(expired((_e, s) => edit(s)))).toEqual({ ok: false, reason });
  });
});

describe('checkout.session.expired over HTTP', () => {
  const SECRET = 'whsec_test_checkout_5e6f7a8b';
  const NOW = new Date('2026-11-22T18:45:00Z');
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ STRIPE_WEBHOOK_SECRET: SECRET });
    h.clock.now = NOW;
  });
  afterAll(async () => {
    await h.close();
  });

  function post(payload: Json): Promise<Response> {
    const body = JSON.stringify(payload);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: Math.floor(NOW.getTime() / 1000) });
    return postWebhook(h.baseUrl, 'stripe', body, { 'stripe-signature': signature });
  }

  it('stores the expired session as a timeline row, read back by loadAbandonedCheckouts from the file', async () => {
    const res = await post(expired());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    const { rows, checkouts, customerId } = committedCheckouts(h, 'ines.carvalho@example.com');
    expect(rows).toEqual([
      expect.objectContaining({
        customerId,
        source: 'stripe',
        kind: 'checkout_abandoned',
        externalId: SESSION,
        occurredAt: EXPIRES_AT.getTime(),
        facts: { amountCents: 6000, currency: 'EUR' },
      }),
    ]);
    expect(checkouts).toEqual([{ source: 'stripe', externalId: SESSION, amount: { cents: 6000, currency: 'EUR' }, abandonedAt: EXPIRES_AT }]);
  });

  it('a retry of the event is a duplicate; the same expiry under another event id adds nothing', async () => {
    expect(await (await post(expired())).json()).toEqual({ ok: true, outcome: 'duplicate' });
    const resent = expired((e) => Object.assign(e, { id: 'evt_1QhW2rLmNo4pQrStResent01', created: 1795370290 }));
    expect(await (await post(resent)).json()).toEqual({ ok: true, outcome: 'processed' });
    const { rows, checkouts } = committedCheckouts(h, 'ines.carvalho@example.com');
    expect(rows).toHaveLength(1);
    expect(checkouts).toHaveLength(1);
  });

  it('a session that names nobody is acknowledged but stores no customer and no row', async () => {
    const before = rowCounts(h.running.db).customers;
    const anonymous = expired((e, s) => {
      e['id'] = 'evt_1QhW2rLmNo4pQrStAnon0001';
      Object.assign(s, { id: 'cs_live_anonymous01', customer_details: null, customer_email: null });
    });
    expect(await (await post(anonymous)).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(rowCounts(h.running.db).customers).toBe(before);
    expect(committedCheckouts(h, 'ines.carvalho@example.com').rows.map((row) => row.externalId)).toEqual([SESSION]);
  });

  it('a bad session → 400 naming the field; nothing stored, not even the delivery', async () => {
    const bad = expired((e, s) => {
      e['id'] = 'evt_1QhW2rLmNo4pQrStBad00001';
      Object.assign(s, { id: 'cs_live_bad01', amount_total: '60.00', customer_details: { email: 'tomas.ferreira@example.com' } });
    });
    const res = await post(bad);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'data.object.amount_total: must be a number' });
    expect(committedCheckouts(h, 'tomas.ferreira@example.com')).toMatchObject({ customerId: null, checkouts: [] });
    expect(committedCheckouts(h, 'tomas.ferreira@example.com').rows.map((row) => row.externalId)).toEqual([SESSION]);
    expect(deliveriesOf(h, 'stripe').map((row) => row.deliveryId)).not.toContain('evt_1QhW2rLmNo4pQrStBad00001');
  });

  it('logs no customer e-mail', () => {
    expect(logLinesContaining(h.logs, 'ines.carvalho@example.com')).toEqual([]);
  });
});
