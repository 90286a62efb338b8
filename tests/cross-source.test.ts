import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { customers } from '../src/db/schema.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';
import { postWebhook, zendeskSignature } from './helpers/webhooks.js';

const STRIPE_SECRET = 'whsec_cross_source_test';
const ZENDESK_SECRET = 'zendesk-cross-source-secret';
const EMAIL = 'maya.lindqvist@example.com';
const ZENDESK_USER = '8447388090494';

async function postStripe(h: Harness, event: Record<string, unknown>): Promise<Response> {
  const payload = JSON.stringify(event);
  const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET });
  return postWebhook(h.baseUrl, 'stripe', payload, { 'stripe-signature': header });
}

async function postZendesk(h: Harness, event: Record<string, unknown>): Promise<Response> {
  const body = JSON.stringify(event);
  const timestamp = new Date().toISOString();
  return postWebhook(h.baseUrl, 'zendesk', body, {
    'x-zendesk-webhook-signature': zendeskSignature(ZENDESK_SECRET, timestamp, body),
    'x-zendesk-webhook-signature-timestamp': timestamp,
  });
}

function chargeSucceeded(): Record<string, unknown> {
  const created = Math.floor(Date.now() / 1000);
  return {
    id: `evt_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    object: 'event',
    api_version: '2025-10-29.clover',
    created,
    type: 'charge.succeeded',
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: {
      object: {
        id: 'ch_3Cross0Source0Test',
        object: 'charge',
        amount: 4900,
        amount_captured: 4900,
        amount_refunded: 0,
        currency: 'usd',
        customer: 'cus_CrossSource01',
        billing_details: { email: EMAIL, name: 'Maya Lindqvist', address: null, phone: null },
        receipt_email: EMAIL,
        created,
        paid: true,
        refunded: false,
        status: 'succeeded',
        metadata: {},
      },
    },
  };
}

function zendeskEvent(type: string, subject: string, detail: Record<string, unknown>): Record<string, unknown> {
  return { account_id: 22129848, detail, event: {}, id: randomUUID(), subject, time: new Date().toISOString(), type, zendesk_event_version: '2022-11-06' };
}

describe('one customer across sources', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ STRIPE_WEBHOOK_SECRET: STRIPE_SECRET, ZENDESK_WEBHOOK_SECRET: ZENDESK_SECRET });
    // Stripe and Zendesk sign with the current time, which the app's clock must agree with.
    h.clock.now = new Date();
  });
  afterEach(async () => {
    await h.close();
  });

  it('shows a Shopify order, a Stripe charge and a Zendesk ticket on one customer card', async () => {
    const order = shopifyOrder({ id: 77001, number: 1077, email: EMAIL, firstName: 'Maya', lastName: 'Lindqvist', total: '49.00', items: [{ title: 'Pour-over set', price: '49.00' }] });
    expect((await h.postShopify('orders/create', order)).status).toBe(200);
    expect((await postStripe(h, chargeSucceeded())).status).toBe(200);
    // The ticket arrives before Zendesk tells us who its requester is: it starts on a customer of its own…
    const ticket = zendeskEvent('zen:event-type:ticket.created', 'zen:ticket:5158', {
      id: '5158', subject: 'Cracked pour-over set', status: 'NEW', requester_id: ZENDESK_USER, submitter_id: ZENDESK_USER,
      created_at: new Date().toISOString(), updated_at: new Date().toISOString(), is_public: true, priority: 'NORMAL', type: 'PROBLEM', tags: [],
    });
    expect((await postZendesk(h, ticket)).status).toBe(200);
    expect(h.running.db.select({ n: count() }).from(customers).get()?.n).toBe(2);
    // …and the user event that carries the e-mail merges the two records.
    const user = zendeskEvent('zen:event-type:user.created', `zen:user:${ZENDESK_USER}`, {
      id: ZENDESK_USER, email: EMAIL, role: 'end-user', created_at: new Date().toISOString(), updated_at: new Date().toISOString(), external_id: '', default_group_id: '0', organization_id: '0',
    });
    expect((await postZendesk(h, user)).status).toBe(200);
    expect(h.running.db.select({ n: count() }).from(customers).get()?.n).toBe(1);

    const res = await h.slashCommand(EMAIL);
    const card = JSON.stringify(await res.json());
    expect(card).toContain('Maya Lindqvist');
    expect(card).toContain('#1077');
    expect(card).toContain('1 × Pour-over set');
    expect(card).toContain('stripe payment $49 (succeeded)');
    expect(card).toContain('zendesk ticket 5158');
    expect(card).toContain('Cracked pour-over set');
    expect(card).toContain('*Known in:* shopify, stripe, zendesk');
  });
});
