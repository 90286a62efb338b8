import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { orders, webhookDeliveries } from '../src/db/schema.js';
import { shopifyHmac } from '../src/dev/signing.js';
import { ONE_MIB } from '../src/ingest/read-body.js';
import { ActionId } from '../src/slack/ids.js';
import { startHarness, TEST_BOT_TOKEN, TEST_SHOPIFY_SECRET, TEST_SIGNING_SECRET, type Harness } from './helpers/harness.js';
import { EMPTY_COUNTS, rowCounts } from './helpers/db-counts.js';
import { logLinesContaining } from './helpers/log-check.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

/** A customer whose details must never show up in a log line. */
const ZELDA = { email: 'Zelda.Quixote@Example.com', firstName: 'Zelda', lastName: 'Quixote', customerId: 4242 };
const ITEM_MARKER = 'Hand-thrown teapot QX-77';

function zeldaOrder(n = 1): Record<string, unknown> {
  return shopifyOrder({ id: 5000 + n, number: 5000 + n, ...ZELDA, total: '64.00', items: [{ title: ITEM_MARKER, price: '64.00' }] });
}

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends a request with full control over headers and framing (node:http, not
 * fetch): `chunks` are written one by one without a Content-Length, so the
 * body goes out chunked. Resolves with the response even when the server
 * closes the connection before the upload is finished, as a 413 may.
 */
function send(
  baseUrl: string,
  spec: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(`${baseUrl}${spec.path ?? '/webhooks/shopify'}`, { method: spec.method ?? 'POST', headers: spec.headers ?? {} }, (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (chunk: Buffer) => parts.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may hang up mid-upload after answering; only an error before any answer fails the request.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    if (spec.chunks) {
      for (const chunk of spec.chunks) req.write(chunk);
      req.end();
    } else {
      req.end(spec.body);
    }
  });
}

function shopifyHeaders(body: string | Buffer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'application/json',
    'x-shopify-topic': 'orders/create',
    'x-shopify-hmac-sha256': shopifyHmac(TEST_SHOPIFY_SECRET, body),
    'x-shopify-shop-domain': 'delight-test.myshopify.com',
    'x-shopify-webhook-id': randomUUID(),
    ...extra,
  };
}

describe('Shopify webhook boundary', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  describe('with the default secret', () => {
    const body = JSON.stringify(zeldaOrder());
    const goodSignature = shopifyHmac(TEST_SHOPIFY_SECRET, body);
    const badSignatures: { name: string; signature: string | undefined }[] = [
      { name: 'a missing header', signature: undefined },
      { name: 'an empty header', signature: '' },
      { name: 'the wrong secret', signature: shopifyHmac('not-the-secret', body) },
      { name: 'the signature of a different body', signature: shopifyHmac(TEST_SHOPIFY_SECRET, JSON.stringify(zeldaOrder(2))) },
      { name: 'a truncated signature', signature: goodSignature.slice(0, -4) },
      { name: 'a signature with one extra character', signature: `${goodSignature}A` },
      { name: 'the hex digest instead of base64', signature: Buffer.from(goodSignature, 'base64').toString('hex') },
      { name: 'non-base64 garbage', signature: '!!not*base64$$ at all%%' },
    ];

    it.each(badSignatures)('refuses $name with an empty 401 and stores nothing', async ({ signature }) => {
      h = await startHarness();
      const headers = shopifyHeaders(body);
      if (signature === undefined) delete headers['x-shopify-hmac-sha256'];
      else headers['x-shopify-hmac-sha256'] = signature;
      const res = await send(h.baseUrl, { headers, body });
      expect(res.status).toBe(401);
      expect(res.body).toBe('');
      expect(rowCounts(h.running.db)).toEqual(EMPTY_COUNTS);
      expect(h.logs.join('')).toContain('webhook signature rejected');
    });

    it('accepts a correct signature, answering only after the order is committed', async () => {
      h = await startHarness();
      const res = await send(h.baseUrl, { headers: shopifyHeaders(body), body });
      // Read synchronously right after the answer: no await in between, so nothing could have committed later.
      const stored = h.running.db.select().from(orders).all();
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ ok: true, outcome: 'processed' });
      expect(stored).toHaveLength(1);
      expect(stored[0]?.number).toBe('#5001');
      expect(rowCounts(h.running.db)).toMatchObject({ orders: 1, customers: 1, lineItems: 1, webhookDeliveries: 1, nudges: 1 });
    });

    it('answers malformed JSON (correctly signed) with a short 400 reason and stores nothing', async () => {
      h = await startHarness();
      const broken = '{"id": 5001, "line_items": [';
      const res = await send(h.baseUrl, { headers: shopifyHeaders(broken), body: broken });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
      const reason = JSON.parse(res.body) as { error: string; message: string };
      expect(reason.error).toBe('malformed_json');
      expect(reason.message.length).toBeLessThan(200);
      expect(rowCounts(h.running.db)).toEqual(EMPTY_COUNTS);
    });

    const invalidPayloads: { name: string; change: Record<string, unknown>; field: string }[] = [
      { name: 'a total that is not a number', change: { total_price: 'abc' }, field: 'total_price' },
      { name: 'a missing created_at', change: { created_at: undefined }, field: 'created_at' },
      { name: 'a negative quantity', change: { line_items: [{ title: 'Mug', quantity: -1, price: '5.00' }] }, field: 'line_items.0.quantity' },
      { name: 'a bad currency', change: { currency: 'dollars' }, field: 'currency' },
    ];

    it.each(invalidPayloads)('answers $name with a 400 naming the field, storing nothing', async ({ change, field }) => {
      h = await startHarness();
      const payload = JSON.stringify({ ...zeldaOrder(), ...change });
      const res = await send(h.baseUrl, { headers: shopifyHeaders(payload), body: payload });
      expect(res.status).toBe(400);
      const reason = JSON.parse(res.body) as { error: string; message: string };
      expect(reason.error).toBe('invalid_payload');
      expect(reason.message.startsWith(`${field}:`)).toBe(true);
      // The reason names the field, never the customer's data.
      expect(reason.message).not.toMatch(/zelda|quixote/i);
      expect(rowCounts(h.running.db)).toEqual(EMPTY_COUNTS);
    });

    it('refuses a correctly signed body over 1 MiB announced by Content-Length with 413', async () => {
      h = await startHarness();
      const big = Buffer.alloc(ONE_MIB + 1, 'a');
      const res = await send(h.baseUrl, { headers: { ...shopifyHeaders(big), 'content-length': String(big.length) }, body: big });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'body_too_large' });
      expect(rowCounts(h.running.db)).toEqual(EMPTY_COUNTS);
    });

    it('refuses a correctly signed body over 1 MiB sent chunked, without Content-Length, with 413', async () => {
      h = await startHarness();
      const chunks = Array.from({ length: 17 }, () => Buffer.alloc(64 * 1024, 'b'));
      const whole = Buffer.concat(chunks);
      expect(whole.length).toBeGreaterThan(ONE_MIB);
      const headers = shopifyHeaders(whole);
      const res = await send(h.baseUrl, { headers, chunks });
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'body_too_large' });
      expect(rowCounts(h.running.db)).toEqual(EMPTY_COUNTS);
    });

    it('accepts a correctly signed body of exactly 1 MiB (the limit is inclusive)', async () => {
      h = await startHarness();
      const order = JSON.stringify(zeldaOrder());
      // JSON allows trailing whitespace: pad a real order up to the limit.
      const padded = Buffer.from(order + ' '.repeat(ONE_MIB - Buffer.byteLength(order)));
      expect(padded.length).toBe(ONE_MIB);
      const res = await send(h.baseUrl, { headers: shopifyHeaders(padded), body: padded });
      expect(res.status).toBe(200);
      expect(rowCounts(h.running.db).orders).toBe(1);
    });

    it('acknowledges an unknown topic with 200 and stores only the delivery', async () => {
      h = await startHarness();
      const product = JSON.stringify({ id: 632910392, title: 'IPod Nano - 8GB', variants: [] });
      const res = await send(h.baseUrl, { headers: shopifyHeaders(product, { 'x-shopify-topic': 'products/update', 'x-shopify-webhook-id': 'wh-product-1' }), body: product });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ ok: true, outcome: 'ignored' });
      expect(rowCounts(h.running.db)).toEqual({ ...EMPTY_COUNTS, webhookDeliveries: 1 });
      const delivery = h.running.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.deliveryId, 'wh-product-1')).get();
      expect(delivery).toMatchObject({ source: 'shopify', topic: 'products/update', outcome: 'ignored' });
    });

    it.each(['GET', 'PUT', 'DELETE'])('answers %s on the route with 405 and Allow: POST', async (method) => {
      h = await startHarness();
      const res = await send(h.baseUrl, { method, headers: method === 'PUT' ? shopifyHeaders(body) : {}, ...(method === 'PUT' ? { body } : {}) });
      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('POST');
      expect(rowCounts(h.running.db)).toEqual(EMPTY_COUNTS);
    });

    it('answers GET /healthz with 200 {"ok":true}', async () => {
      h = await startHarness();
      const res = await fetch(`${h.baseUrl}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('{"ok":true}');
    });
  });

  it('accepts bodies signed with either secret while one is rotated', async () => {
    h = await startHarness({ SHOPIFY_WEBHOOK_SECRET: 'old-secret,new-secret' });
    expect(h.config.secrets.shopify).toEqual(['old-secret', 'new-secret']);
    const statuses: number[] = [];
    for (const [n, secret] of [
      [1, 'old-secret'],
      [2, 'new-secret'],
      [3, TEST_SHOPIFY_SECRET],
      [4, 'old-secret,new-secret'],
    ] as const) {
      const res = await h.postShopify('orders/create', zeldaOrder(n), { secret });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 401, 401]);
    expect(h.running.db.select({ number: orders.number }).from(orders).all().map((o) => o.number)).toEqual(['#5001', '#5002']);
  });

  it('answers 404 when the source is disabled (an empty secret counts as unset)', async () => {
    h = await startHarness({ SHOPIFY_WEBHOOK_SECRET: '' });
    expect(h.config.secrets.shopify).toEqual([]);
    const res = await h.postShopify('orders/create', zeldaOrder(), { secret: '' });
    expect(res.status).toBe(404);
    const reason = (await res.json()) as { error: string; message: string };
    expect(reason.error).toBe('not_found');
    expect(reason.message).toContain('disabled');
    expect(rowCounts(h.running.db)).toEqual(EMPTY_COUNTS);
    expect((await fetch(`${h.baseUrl}/healthz`)).status).toBe(200);
  });

  it('never writes the customer, the raw body or the secret to the logs during a whole run', async () => {
    h = await startHarness();
    const body = JSON.stringify(zeldaOrder());
    await h.postShopify('orders/create', zeldaOrder(), { secret: 'wrong-secret' });
    await h.postShopify('orders/create', { ...zeldaOrder(), total_price: 'abc' });
    await h.postShopify('orders/create', null, { rawBody: body.slice(0, 50) });
    expect((await h.postShopify('orders/create', null, { rawBody: body })).status).toBe(200);
    expect((await h.postShopify('orders/create', null, { rawBody: body })).status).toBe(200);
    const card = await h.standIn.waitFor(() => h.standIn.messages[0]);
    // The card did reach Slack with the customer on it: the logs must not have copied it.
    expect(JSON.stringify(card)).toContain('Zelda');
    // A look-up (answered in the ack) and a decision (a card update) carry the customer too.
    expect(JSON.stringify(await (await h.slashCommand('zelda')).json())).toContain(ITEM_MARKER);
    await h.clickButton({ actionId: ActionId.approveSmall, value: '1', userId: 'U0ALICE001', messageTs: card.ts });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    await h.running.outbox.idle();

    const logs = h.logs.join('');
    expect(logs).toContain('webhook delivery');
    expect(logs).toContain('webhook signature rejected');
    expect(logs).toContain('webhook body rejected');
    const secrets = [TEST_SHOPIFY_SECRET, TEST_SIGNING_SECRET, TEST_BOT_TOKEN];
    for (const secretOrPersonal of [ZELDA.email, ZELDA.firstName, ZELDA.lastName, ITEM_MARKER, body, body.slice(0, 50), ...secrets]) {
      expect(logLinesContaining(h.logs, secretOrPersonal).map((line) => line.slice(0, 300)), `log lines containing ${secretOrPersonal.slice(0, 30)}`).toEqual([]);
    }
  });
});
