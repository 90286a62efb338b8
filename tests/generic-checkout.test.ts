import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckoutAbandoned } from '../src/history/events.js';
import { parseGenericBody } from '../src/ingest/generic/schema.js';
import { genericSource } from '../src/ingest/generic/source.js';
import { committedCheckouts } from './helpers/checkouts.js';
import { rowCounts } from './helpers/db-counts.js';
import { jsonFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { delightSignature, interpretBody, postWebhook } from './helpers/webhooks.js';

const SECRET = 'generic-secret-checkout-2222';
const NOW = new Date('2026-11-23T10:00:00Z');
const ABANDONED_AT = new Date('2026-11-23T08:12:44Z');
const PRIYA = 'priya.raman@example.com';

const checkout = (edit?: (event: Json) => void) => jsonFixture('generic', 'checkout.json', edit);

function reasonFor(payload: unknown): string {
  const parsed = parseGenericBody(payload);
  if (parsed.ok) throw new Error('expected the payload to be rejected');
  return parsed.reason;
}

describe('the generic checkout event', () => {
  it('maps to checkout_abandoned under "checkout:<id>", money in minor units', () => {
    expect(interpretBody(genericSource(['unit-secret']), JSON.stringify(checkout()))).toEqual({
      delivery: { source: 'generic', deliveryId: 'checkout:chk_CO-88410_abandoned', topic: 'checkout' },
      events: [
        {
          type: 'checkout_abandoned',
          source: 'generic',
          externalId: 'CO-88410',
          version: ABANDONED_AT,
          customer: { externalId: 'cus_9917', email: PRIYA, firstName: 'Priya', lastName: 'Raman', birthday: undefined },
          amountCents: 8640,
          currency: 'EUR',
          abandonedAt: ABANDONED_AT,
        } satisfies CheckoutAbandoned,
      ],
    });
  });

  it.each([
    { name: 'another status', edit: (e: Json) => (e['status'] = 'completed'), reason: 'status: must be one of abandoned' },
    { name: 'no status', edit: (e: Json) => delete e['status'], reason: 'status: must be one of abandoned' },
    { name: 'a total sent as a JSON number', edit: (e: Json) => (e['total'] = 86.4), reason: 'total: must be a decimal string such as "24.90" (not a JSON number)' },
    { name: 'more decimals than the currency has', edit: (e: Json) => (e['currency'] = 'JPY'), reason: 'total: must have at most 0 decimals in JPY' },
    { name: 'no abandoned_at', edit: (e: Json) => delete e['abandoned_at'], reason: 'abandoned_at: is required' },
    { name: 'an abandoned_at without zone', edit: (e: Json) => (e['abandoned_at'] = '2026-11-23T09:12:44'), reason: /^abandoned_at: must be an ISO 8601 date-time with a time zone/ },
    { name: 'no checkout_id', edit: (e: Json) => delete e['checkout_id'], reason: 'checkout_id: is required' },
    { name: 'a customer without id or e-mail', edit: (e: Json) => (e['customer'] = { first_name: 'Priya' }), reason: 'customer: must have an id or an email' },
  ])('refuses $name, never quoting the customer', ({ edit, reason }) => {
    const message = reasonFor(checkout(edit));
    expect(message).toMatch(reason);
    expect(message).not.toMatch(/priya|raman|86\.4/i);
  });
});

describe('generic checkouts over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ GENERIC_WEBHOOK_SECRET: SECRET });
    h.clock.now = NOW;
  });
  afterAll(async () => {
    await h.close();
  });

  function post(payload: Json): Promise<Response> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(NOW.getTime() / 1000));
    return postWebhook(h.baseUrl, 'generic', body, { 'x-delight-timestamp': timestamp, 'x-delight-signature': delightSignature(SECRET, timestamp, body) });
  }

  it('a bad checkout → 400 naming the field; nothing stored, not even the delivery', async () => {
    const res = await post(checkout((e) => (e['total'] = '86,40')));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'total: must be a decimal string such as "24.90" (not a JSON number)' });
    expect(rowCounts(h.running.db)).toMatchObject({ customers: 0, webhookDeliveries: 0 });
    expect(committedCheckouts(h, PRIYA)).toEqual({ rows: [], checkouts: [], customerId: null });
  });

  it('an abandoned checkout is stored as a timeline row and read back by loadAbandonedCheckouts from the file', async () => {
    const res = await post(checkout());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    const { rows, checkouts, customerId } = committedCheckouts(h, PRIYA);
    expect(rows).toEqual([
      expect.objectContaining({
        customerId,
        source: 'generic',
        kind: 'checkout_abandoned',
        externalId: 'CO-88410',
        occurredAt: ABANDONED_AT.getTime(),
        facts: { amountCents: 8640, currency: 'EUR' },
      }),
    ]);
    expect(checkouts).toEqual([{ source: 'generic', externalId: 'CO-88410', amount: { cents: 8640, currency: 'EUR' }, abandonedAt: ABANDONED_AT }]);
  });

  it('the same event again is a duplicate; the same checkout under a new event id adds no row', async () => {
    expect(await (await post(checkout())).json()).toEqual({ ok: true, outcome: 'duplicate' });
    expect(await (await post(checkout((e) => (e['id'] = 'chk_CO-88410_resent')))).json()).toEqual({ ok: true, outcome: 'processed' });
    expect(committedCheckouts(h, PRIYA).rows).toHaveLength(1);
  });

  it('checkouts come back ascending by abandonment, each in its newest state', async () => {
    const earlier = checkout((e) => Object.assign(e, { id: 'chk_CO-88391', checkout_id: 'CO-88391', total: '12.00', abandoned_at: '2026-11-22T18:00:00Z' }));
    const again = checkout((e) => Object.assign(e, { id: 'chk_CO-88410_again', total: '91.20', abandoned_at: '2026-11-23T09:40:00+01:00' }));
    for (const event of [again, earlier]) expect((await post(event)).status).toBe(200);
    expect(committedCheckouts(h, PRIYA).checkouts).toEqual([
      { source: 'generic', externalId: 'CO-88391', amount: { cents: 1200, currency: 'EUR' }, abandonedAt: new Date('2026-11-22T18:00:00Z') },
      { source: 'generic', externalId: 'CO-88410', amount: { cents: 9120, currency: 'EUR' }, abandonedAt: new Date('2026-11-23T08:40:00Z') },
    ]);
  });
});
