import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainEvent } from '../src/history/events.js';
import { helpScoutSource } from '../src/ingest/helpscout/source.js';
import type { IngestError } from '../src/ingest/http-errors.js';
import { jsonFixture, readFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { deliveriesOf, ingestErrorFrom, interpretBody, postWebhook } from './helpers/webhooks.js';

const OLD_SECRET = 'hs-webhook-secret-previous';
const NEW_SECRET = 'hs-webhook-secret-current';
const CONVERSATION_ID = '2391938111';
const MAYA = { externalId: '238123', email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist' };

const fixtureText = (name: string) => readFixture('helpscout', name);
const fixture = (name: string, edit?: (payload: Json) => void) => jsonFixture('helpscout', name, edit);

/** X-HelpScout-Signature exactly as Help Scout computes it. */
function helpScoutSignature(secret: string, body: string): string {
  return createHmac('sha1', secret).update(body).digest('base64');
}

interface PostOptions {
  secret?: string;
  signedBody?: string;
  omit?: 'signature' | 'event';
}

function postHelpScout(h: Harness, event: string, body: string, options: PostOptions = {}): Promise<Response> {
  return postWebhook(h.baseUrl, 'helpscout', body, {
    'x-helpscout-event': options.omit === 'event' ? undefined : event,
    'x-helpscout-signature': options.omit === 'signature' ? undefined : helpScoutSignature(options.secret ?? NEW_SECRET, options.signedBody ?? body),
  });
}

const helpScoutDeliveries = (h: Harness) => deliveriesOf(h, 'helpscout');

function interpret(event: string, payload: unknown) {
  return interpretBody(helpScoutSource(['unit-secret']), JSON.stringify(payload), { 'x-helpscout-event': event });
}

function eventsOf(event: string, payload: unknown): DomainEvent[] {
  return interpret(event, payload).events;
}

function rejection(event: string, payload: unknown): IngestError {
  return ingestErrorFrom(() => interpret(event, payload));
}

/** A second customer reply: Help Scout adds a thread and moves no `userUpdatedAt`. */
function withSecondCustomerReply(p: Json): void {
  p['threads'] = 2;
  const threads = (p['_embedded'] as { threads: Json[] }).threads;
  threads.unshift({ id: 3002090, type: 'customer', createdBy: { id: 238123, type: 'customer' }, createdAt: '2026-11-23T10:07:30Z' });
}

describe('POST /webhooks/helpscout over HTTP', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ HELPSCOUT_WEBHOOK_SECRET: `${OLD_SECRET},${NEW_SECRET}` });
  });
  afterAll(async () => {
    await h.close();
  });

  it('accepts a signed convo.created and records it under the conversation, event and state', async () => {
    const res = await postHelpScout(h, 'convo.created', fixtureText('conversation.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    expect(helpScoutDeliveries(h)).toContainEqual(
      expect.objectContaining({
        deliveryId: `convo:${CONVERSATION_ID}:convo.created:2026-11-23T09:58:12.000Z:t1`,
        topic: 'convo.created',
        outcome: 'processed',
      }),
    );
  });

  it('answers the same conversation state sent again as a duplicate', async () => {
    const body = JSON.stringify(fixture('conversation.json', (p) => (p['id'] = 2391938222)));
    expect((await postHelpScout(h, 'convo.created', body)).status).toBe(200);
    const again = await postHelpScout(h, 'convo.created', body);
    expect(await again.json()).toEqual({ ok: true, outcome: 'duplicate' });
  });

  it('records a rating under its rating id', async () => {
    const res = await postHelpScout(h, 'satisfaction.ratings', fixtureText('rating.json'));
    expect(res.status).toBe(200);
    expect(helpScoutDeliveries(h)).toContainEqual(expect.objectContaining({ deliveryId: 'rating:5434', topic: 'satisfaction.ratings', outcome: 'processed' }));
  });

  it('accepts the old secret during a rotation', async () => {
    const body = JSON.stringify(fixture('conversation.json', (p) => (p['id'] = 2391938333)));
    expect((await postHelpScout(h, 'convo.created', body, { secret: OLD_SECRET })).status).toBe(200);
  });

  it('accepts the second (new) secret of the rotation list', async () => {
    const body = JSON.stringify(fixture('conversation.json', (p) => (p['id'] = 2391938444)));
    expect((await postHelpScout(h, 'convo.created', body, { secret: NEW_SECRET })).status).toBe(200);
    expect(helpScoutDeliveries(h).map((row) => row.deliveryId)).toContainEqual(expect.stringMatching(/^convo:2391938444:/));
  });

  it('acknowledges an event it does not use, recorded as ignored', async () => {
    const res = await postHelpScout(h, 'convo.tags', fixtureText('conversation.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'ignored' });
    expect(helpScoutDeliveries(h)).toContainEqual(expect.objectContaining({ topic: 'convo.tags', outcome: 'ignored' }));
  });

  const rejected: { name: string; options: (body: string) => PostOptions }[] = [
    { name: 'a secret that is not configured', options: () => ({ secret: 'some-other-secret' }) },
    { name: 'a tampered body', options: (body) => ({ signedBody: body.replace('"active"', '"closed"') }) },
    { name: 'no signature header', options: () => ({ omit: 'signature' }) },
  ];

  it.each(rejected)('refuses $name with an empty 401 and stores nothing', async ({ options }) => {
    const body = JSON.stringify(fixture('conversation.json', (p) => (p['id'] = 2391939000 + Math.floor(Math.random() * 1000))));
    const before = helpScoutDeliveries(h).length;
    const res = await postHelpScout(h, 'convo.created', body, options(body));
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
    expect(helpScoutDeliveries(h)).toHaveLength(before);
  });

  it('answers a signed request without X-HelpScout-Event with 400', async () => {
    const before = helpScoutDeliveries(h).length;
    const res = await postHelpScout(h, 'convo.created', fixtureText('conversation.json'), { omit: 'event' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'The X-HelpScout-Event header is missing.' });
    expect(helpScoutDeliveries(h)).toHaveLength(before);
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const before = helpScoutDeliveries(h).length;
    const res = await postHelpScout(h, 'convo.created', '{"id": 2391938111, "status": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed_json', message: 'The body is not valid JSON.' });
    expect(helpScoutDeliveries(h)).toHaveLength(before);
  });

  it('answers a conversation without an id with 400 naming the field', async () => {
    const body = JSON.stringify(fixture('conversation.json', (p) => delete p['id']));
    const before = helpScoutDeliveries(h).length;
    const res = await postHelpScout(h, 'convo.created', body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'id: is required' });
    expect(helpScoutDeliveries(h)).toHaveLength(before);
  });

  it('answers 404 when no Help Scout secret is configured', async () => {
    const disabled = await startHarness();
    try {
      const res = await postHelpScout(disabled, 'convo.created', fixtureText('conversation.json'));
      expect(res.status).toBe(404);
      expect(helpScoutDeliveries(disabled)).toHaveLength(0);
    } finally {
      await disabled.close();
    }
  });
});

describe('helpScoutSource().interpret: conversations', () => {
  it('maps convo.created to an opened ticket for the primary customer', () => {
    expect(eventsOf('convo.created', fixture('conversation.json'))).toEqual([
      {
        type: 'ticket_changed',
        source: 'helpscout',
        externalId: CONVERSATION_ID,
        version: new Date('2026-11-23T09:58:12Z'),
        customer: MAYA,
        change: 'opened',
        status: 'open',
        subject: 'Cracked pour-over set in order #1005',
        occurredAt: new Date('2026-11-23T09:58:12Z'),
      },
    ] satisfies DomainEvent[]);
  });

  it.each([
    ['closed', 'closed'],
    ['pending', 'pending'],
    ['active', 'open'],
  ])('maps convo.status %s to status_changed %s', (helpScoutStatus, status) => {
    const payload = fixture('conversation.json', (p) => {
      p['status'] = helpScoutStatus;
      p['userUpdatedAt'] = '2026-11-23T11:30:00Z';
    });
    expect(eventsOf('convo.status', payload)).toEqual([
      expect.objectContaining({ change: 'status_changed', status, version: new Date('2026-11-23T11:30:00Z'), occurredAt: new Date('2026-11-23T11:30:00Z') }),
    ]);
  });

  it('ignores spam, whatever the event', () => {
    const spam = fixture('conversation.json', (p) => (p['status'] = 'spam'));
    expect(eventsOf('convo.status', spam)).toEqual([]);
    expect(eventsOf('convo.created', spam)).toEqual([]);
  });

  it('maps convo.customer.reply.created to customer_replied at the newest customer thread', () => {
    const [event] = eventsOf('convo.customer.reply.created', fixture('conversation.json', withSecondCustomerReply));
    expect(event).toMatchObject({ change: 'customer_replied', occurredAt: new Date('2026-11-23T10:07:30Z'), version: new Date('2026-11-23T10:07:30Z') });
  });

  it('gives two customer replies in a row different delivery ids although userUpdatedAt stays', () => {
    const first = interpret('convo.customer.reply.created', fixture('conversation.json')).delivery.deliveryId;
    const second = interpret('convo.customer.reply.created', fixture('conversation.json', withSecondCustomerReply)).delivery.deliveryId;
    expect(second).not.toBe(first);
    expect(second).toBe(`convo:${CONVERSATION_ID}:convo.customer.reply.created:2026-11-23T10:07:30.000Z:t2`);
  });

  it('reads the legacy conversation shape (customer.firstName, modifiedAt)', () => {
    const legacy = {
      id: 2391938111,
      number: 349,
      subject: 'Cracked pour-over set',
      status: 'active',
      customer: { id: 238123, firstName: 'Maya', lastName: 'Lindqvist', email: 'maya.lindqvist@example.com' },
      createdAt: '2026-11-23T09:58:12Z',
      modifiedAt: '2026-11-23T10:05:00Z',
      threadCount: 2,
    };
    expect(eventsOf('convo.created', legacy)).toEqual([
      expect.objectContaining({ customer: MAYA, version: new Date('2026-11-23T10:05:00Z'), occurredAt: new Date('2026-11-23T09:58:12Z') }),
    ]);
  });

  it('accepts a conversation whose only customer detail is the id', () => {
    const payload = fixture('conversation.json', (p) => (p['primaryCustomer'] = { id: 238123 }));
    expect(eventsOf('convo.created', payload)).toEqual([expect.objectContaining({ customer: { externalId: '238123' } })]);
  });

  it.each([
    { name: 'no customer at all', edit: (p: Json) => delete p['primaryCustomer'], reason: 'primaryCustomer: must have an id or an email' },
    { name: 'a customer with neither id nor e-mail', edit: (p: Json) => (p['primaryCustomer'] = { first: 'Maya' }), reason: 'primaryCustomer: must have an id or an email' },
    { name: 'a text id', edit: (p: Json) => (p['id'] = 'abc'), reason: 'id: must be a numeric Help Scout id' },
    { name: 'a malformed createdAt', edit: (p: Json) => (p['createdAt'] = 'yesterday'), reason: /^createdAt: must be an ISO 8601 date-time/ },
    { name: 'e-mails that are not a list', edit: (p: Json) => (p['primaryCustomer'] = { id: 238123, emails: 'maya@example.com' }), reason: 'primaryCustomer.emails: must be a list' },
    {
      name: 'no timestamps at all',
      edit: (p: Json) => {
        for (const key of ['createdAt', 'userUpdatedAt', 'customerWaitingSince', '_embedded']) delete p[key];
      },
      reason: 'createdAt: is required',
    },
  ])('rejects $name', ({ edit, reason }) => {
    const error = rejection('convo.created', fixture('conversation.json', edit));
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain('maya');
  });
});

describe('helpScoutSource().interpret: satisfaction ratings', () => {
  it('maps a Great rating with its comment', () => {
    expect(interpret('satisfaction.ratings', fixture('rating.json'))).toEqual({
      delivery: { source: 'helpscout', deliveryId: 'rating:5434', topic: 'satisfaction.ratings' },
      events: [
        {
          type: 'satisfaction_rated',
          source: 'helpscout',
          externalId: '5434',
          version: new Date('2026-11-23T16:46:02Z'),
          customer: MAYA,
          rating: 'good',
          comment: 'Jonas sorted it out the same day.',
          ticketExternalId: CONVERSATION_ID,
          ratedAt: new Date('2026-11-23T16:45:10Z'),
        },
      ] satisfies DomainEvent[],
    });
  });

  it.each([
    ['Great', 'good'],
    ['great', 'good'],
    ['Okay', 'okay'],
    ['Not Good', 'bad'],
    ['not-good', 'bad'],
    ['Bad', 'bad'],
  ])('reads %s as %s', (rating, expected) => {
    const [event] = eventsOf('satisfaction.ratings', fixture('rating.json', (p) => (p['rating'] = rating)));
    expect(event).toMatchObject({ rating: expected });
  });

  it('reads a 2.0-style customer and conversationId', () => {
    const payload = fixture('rating.json', (p) => {
      p['customer'] = { id: 238123, first: 'Maya', last: 'Lindqvist', email: 'maya.lindqvist@example.com' };
      delete p['ticketId'];
      p['conversationId'] = 2391938111;
    });
    expect(eventsOf('satisfaction.ratings', payload)).toEqual([expect.objectContaining({ customer: MAYA, ticketExternalId: CONVERSATION_ID })]);
  });

  it.each([
    { name: 'an unknown rating', edit: (p: Json) => (p['rating'] = 'Superb'), reason: 'rating: must be a Help Scout rating (Great, Okay or Not Good)' },
    { name: 'no rating', edit: (p: Json) => delete p['rating'], reason: 'rating: is required' },
    { name: 'no customer', edit: (p: Json) => delete p['customer'], reason: 'customer: is required' },
    { name: 'no time', edit: (p: Json) => (delete p['createdAt'], delete p['modifiedAt']), reason: 'createdAt: is required' },
  ])('rejects $name', ({ edit, reason }) => {
    const error = rejection('satisfaction.ratings', fixture('rating.json', edit));
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toBe(reason);
  });
});
