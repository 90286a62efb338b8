import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CustomerUpserted, DomainEvent } from '../src/history/events.js';
import type { IngestError } from '../src/ingest/http-errors.js';
import { SATISFACTION_TRIGGER_TEMPLATE } from '../src/ingest/zendesk/satisfaction-payload.js';
import { zendeskSource } from '../src/ingest/zendesk/source.js';
import { ignoredBirthdayLogs, storedBirthday } from './helpers/birthdays.js';
import { jsonFixture, readFixture, type Json } from './helpers/fixtures.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { logLinesContaining } from './helpers/log-check.js';
import { deliveriesOf, ingestErrorFrom, interpretBody, postWebhook, zendeskSignature } from './helpers/webhooks.js';

const OLD_SECRET = 'zd-signing-secret-previous-0123';
const NEW_SECRET = 'zd-signing-secret-current-4567';
const NOW = new Date('2026-11-23T10:00:00Z');
const REQUESTER = '8447388090494';

const fixtureText = (name: string) => readFixture('zendesk', name);
const fixture = (name: string, edit?: (payload: Json) => void) => jsonFixture('zendesk', name, edit);

function objectAt(payload: Json, key: string): Json {
  return payload[key] as Json;
}

function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

interface PostOptions {
  secret?: string;
  timestamp?: string;
  /** Sign this text but send `body` (a tampered request). */
  signedBody?: string;
  omit?: 'signature' | 'timestamp';
}

function postZendesk(h: Harness, body: string, options: PostOptions = {}): Promise<Response> {
  const timestamp = options.timestamp ?? isoSeconds(NOW);
  return postWebhook(h.baseUrl, 'zendesk', body, {
    'user-agent': 'Zendesk Webhook',
    'x-zendesk-webhook-signature-timestamp': options.omit === 'timestamp' ? undefined : timestamp,
    'x-zendesk-webhook-signature':
      options.omit === 'signature' ? undefined : zendeskSignature(options.secret ?? NEW_SECRET, timestamp, options.signedBody ?? body),
  });
}

const zendeskDeliveries = (h: Harness) => deliveriesOf(h, 'zendesk');

function interpret(payload: unknown) {
  return interpretBody(zendeskSource(['unit-secret']), JSON.stringify(payload));
}

function eventsOf(payload: unknown): DomainEvent[] {
  return interpret(payload).events;
}

function rejection(payload: unknown): IngestError {
  return ingestErrorFrom(() => interpret(payload));
}

describe('POST /webhooks/zendesk over HTTP', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ ZENDESK_WEBHOOK_SECRET: `${OLD_SECRET},${NEW_SECRET}` });
  });
  afterAll(async () => {
    await h.close();
  });
  beforeEach(() => {
    h.clock.now = NOW;
  });

  it('accepts a signed ticket.created event and records the delivery under the event id', async () => {
    const body = fixtureText('ticket-created.json');
    const res = await postZendesk(h, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    expect(zendeskDeliveries(h)).toContainEqual(
      expect.objectContaining({
        deliveryId: '0f6c2e1a-5b7d-4c39-9e8a-2d4f6b8c0a11',
        topic: 'zen:event-type:ticket.created',
        outcome: 'processed',
      }),
    );
  });

  it('answers a redelivery of the same event id as a duplicate', async () => {
    const body = JSON.stringify(fixture('ticket-created.json', (p) => (p['id'] = 'redelivered-event-1')));
    expect((await postZendesk(h, body)).status).toBe(200);
    const again = await postZendesk(h, body);
    expect(await again.json()).toEqual({ ok: true, outcome: 'duplicate' });
    expect(zendeskDeliveries(h).filter((row) => row.deliveryId === 'redelivered-event-1')).toHaveLength(1);
  });

  it('accepts the old secret during a rotation', async () => {
    const body = JSON.stringify(fixture('ticket-created.json', (p) => (p['id'] = 'signed-with-old-secret')));
    const res = await postZendesk(h, body, { secret: OLD_SECRET });
    expect(res.status).toBe(200);
  });

  it('accepts the second (new) secret of the rotation list', async () => {
    const body = JSON.stringify(fixture('ticket-created.json', (p) => (p['id'] = 'signed-with-new-secret')));
    const res = await postZendesk(h, body, { secret: NEW_SECRET });
    expect(res.status).toBe(200);
    expect(zendeskDeliveries(h).map((row) => row.deliveryId)).toContain('signed-with-new-secret');
  });

  it('accepts a timestamp four minutes old', async () => {
    const body = JSON.stringify(fixture('ticket-created.json', (p) => (p['id'] = 'four-minutes-old')));
    const res = await postZendesk(h, body, { timestamp: isoSeconds(new Date(NOW.getTime() - 4 * 60_000)) });
    expect(res.status).toBe(200);
  });

  it('records the satisfaction trigger body as a delivery', async () => {
    const res = await postZendesk(h, fixtureText('satisfaction-trigger.json'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
    const row = zendeskDeliveries(h).find((d) => d.topic === 'delightbot.satisfaction_rated');
    expect(row?.deliveryId).toMatch(/^satisfaction:5158:[0-9a-f]{32}$/);
  });

  it('acknowledges an event type it does not use, recorded as ignored', async () => {
    const body = JSON.stringify(
      fixture('ticket-created.json', (p) => {
        p['id'] = 'priority-changed-1';
        p['type'] = 'zen:event-type:ticket.priority_changed';
        p['event'] = { current: 'HIGH', previous: 'NORMAL' };
      }),
    );
    const res = await postZendesk(h, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, outcome: 'ignored' });
    expect(zendeskDeliveries(h)).toContainEqual(expect.objectContaining({ deliveryId: 'priority-changed-1', outcome: 'ignored' }));
  });

  const rejected: { name: string; options: (body: string) => PostOptions; body?: string }[] = [
    { name: 'a secret that is not configured', options: () => ({ secret: 'some-other-secret' }) },
    { name: 'a tampered body', options: (body) => ({ signedBody: body.replace('"5158"', '"5159"') }) },
    { name: 'no signature header', options: () => ({ omit: 'signature' }) },
    { name: 'no timestamp header', options: () => ({ omit: 'timestamp' }) },
    { name: 'a timestamp six minutes old', options: () => ({ timestamp: isoSeconds(new Date(NOW.getTime() - 6 * 60_000)) }) },
    { name: 'a timestamp six minutes ahead', options: () => ({ timestamp: isoSeconds(new Date(NOW.getTime() + 6 * 60_000)) }) },
    { name: 'a timestamp that is not ISO 8601', options: () => ({ timestamp: String(Math.floor(NOW.getTime() / 1000)) }) },
  ];

  it.each(rejected)('refuses $name with an empty 401 and stores nothing', async ({ options }) => {
    const body = JSON.stringify(fixture('ticket-created.json', (p) => (p['id'] = `rejected-${Math.random()}`)));
    const before = zendeskDeliveries(h).length;
    const res = await postZendesk(h, body, options(body));
    expect(res.status).toBe(401);
    expect(await res.text()).toBe('');
    expect(zendeskDeliveries(h)).toHaveLength(before);
  });

  it('answers malformed JSON with 400 malformed_json', async () => {
    const before = zendeskDeliveries(h).length;
    const res = await postZendesk(h, '{"type": "zen:event-type:ticket.created", ');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'malformed_json', message: 'The body is not valid JSON.' });
    expect(zendeskDeliveries(h)).toHaveLength(before);
  });

  it('answers a ticket event without a requester with 400 naming the field', async () => {
    const body = JSON.stringify(fixture('ticket-created.json', (p) => delete objectAt(p, 'detail')['requester_id']));
    const before = zendeskDeliveries(h).length;
    const res = await postZendesk(h, body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'invalid_payload', message: 'detail.requester_id: is required' });
    expect(zendeskDeliveries(h)).toHaveLength(before);
  });

  it('answers an unknown satisfaction rating with 400 naming the field', async () => {
    const body = JSON.stringify(fixture('satisfaction-trigger.json', (p) => (p['rating'] = 'Meh')));
    const res = await postZendesk(h, body);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; message: string };
    expect(answer.error).toBe('invalid_payload');
    expect(answer.message).toMatch(/^rating: /);
  });

  it('answers 404 when no Zendesk secret is configured', async () => {
    const disabled = await startHarness();
    try {
      const body = fixtureText('ticket-created.json');
      const res = await postZendesk(disabled, body);
      expect(res.status).toBe(404);
      expect(zendeskDeliveries(disabled)).toHaveLength(0);
    } finally {
      await disabled.close();
    }
  });
});

describe('zendeskSource().interpret: ticket events', () => {
  const at = (p: Json) => new Date(p['time'] as string);

  it('maps ticket.created to an opened ticket for the requester id', () => {
    const payload = fixture('ticket-created.json');
    expect(interpret(payload)).toEqual({
      delivery: { source: 'zendesk', deliveryId: '0f6c2e1a-5b7d-4c39-9e8a-2d4f6b8c0a11', topic: 'zen:event-type:ticket.created' },
      events: [
        {
          type: 'ticket_changed',
          source: 'zendesk',
          externalId: '5158',
          version: at(payload),
          customer: { externalId: REQUESTER },
          change: 'opened',
          status: 'new',
          subject: 'Cracked pour-over set in order #1005',
          occurredAt: new Date('2026-11-23T09:58:12.481Z'),
        },
      ] satisfies DomainEvent[],
    });
  });

  it('maps ticket.status_changed to the new status from event.current', () => {
    const [event] = eventsOf(fixture('ticket-status-changed.json'));
    expect(event).toMatchObject({ type: 'ticket_changed', change: 'status_changed', status: 'solved', externalId: '5158' });
  });

  it.each([
    ['HOLD', 'on_hold'],
    ['pending', 'pending'],
    ['Open', 'open'],
    ['CLOSED', 'closed'],
  ])('reads the status %s as %s', (current, status) => {
    const [event] = eventsOf(fixture('ticket-status-changed.json', (p) => (objectAt(p, 'event')['current'] = current)));
    expect(event).toMatchObject({ change: 'status_changed', status });
  });

  it('falls back to the ticket status when event.current is absent', () => {
    const [event] = eventsOf(fixture('ticket-status-changed.json', (p) => delete p['event']));
    expect(event).toMatchObject({ change: 'status_changed', status: 'solved' });
  });

  it('ignores a change to a status that is not a customer conversation (deleted)', () => {
    expect(eventsOf(fixture('ticket-status-changed.json', (p) => (objectAt(p, 'event')['current'] = 'DELETED')))).toEqual([]);
  });

  it('maps a public agent comment to agent_replied', () => {
    const [event] = eventsOf(fixture('ticket-comment-added.json'));
    expect(event).toMatchObject({ change: 'agent_replied', status: 'open', customer: { externalId: REQUESTER } });
  });

  it("maps the requester's own comment to customer_replied", () => {
    const payload = fixture('ticket-comment-added.json', (p) => {
      const comment = objectAt(objectAt(p, 'event'), 'comment');
      comment['author'] = { id: REQUESTER, is_staff: false, name: 'Maya Lindqvist' };
    });
    expect(eventsOf(payload)).toEqual([expect.objectContaining({ change: 'customer_replied', customer: { externalId: REQUESTER } })]);
  });

  it('compares author and requester ids whether Zendesk sends them as strings or numbers', () => {
    const payload = fixture('ticket-comment-added.json', (p) => {
      objectAt(p, 'detail')['requester_id'] = Number(REQUESTER);
      objectAt(objectAt(p, 'event'), 'comment')['author'] = { id: REQUESTER };
    });
    expect(eventsOf(payload)).toEqual([expect.objectContaining({ change: 'customer_replied' })]);
  });

  it('ignores an internal note (a private comment by an agent)', () => {
    const payload = fixture('ticket-comment-added.json', (p) => (objectAt(objectAt(p, 'event'), 'comment')['is_public'] = false));
    expect(eventsOf(payload)).toEqual([]);
  });

  it('acknowledges other event types without events', () => {
    expect(interpret(fixture('ticket-created.json', (p) => (p['type'] = 'zen:event-type:ticket.tags_changed')))).toEqual({
      delivery: { source: 'zendesk', deliveryId: '0f6c2e1a-5b7d-4c39-9e8a-2d4f6b8c0a11', topic: 'zen:event-type:ticket.tags_changed' },
      events: [],
    });
  });

  it.each([
    { name: 'no event id', edit: (p: Json) => delete p['id'], reason: 'id: is required' },
    { name: 'no time', edit: (p: Json) => delete p['time'], reason: 'time: is required' },
    { name: 'a time without zone', edit: (p: Json) => (p['time'] = '2026-11-23 09:58'), reason: /^time: must be an ISO 8601 date-time/ },
    { name: 'a non-numeric ticket id', edit: (p: Json) => (objectAt(p, 'detail')['id'] = 'abc'), reason: 'detail.id: must be a numeric Zendesk id' },
    { name: 'no detail', edit: (p: Json) => delete p['detail'], reason: 'detail: is required' },
  ])('rejects $name', ({ edit, reason }) => {
    const error = rejection(fixture('ticket-created.json', edit));
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toMatch(reason);
  });

  it('rejects a comment event without its author', () => {
    const error = rejection(fixture('ticket-comment-added.json', (p) => delete objectAt(objectAt(p, 'event'), 'comment')['author']));
    expect(error.message).toBe('event.comment.author: is required');
  });

  it('words a wrong type the way every source does', () => {
    const error = rejection(fixture('ticket-comment-added.json', (p) => (objectAt(objectAt(p, 'event'), 'comment')['is_public'] = 'yes')));
    expect(error.message).toBe('event.comment.is_public: must be true or false');
  });
});

describe('zendeskSource().interpret: user events', () => {
  it('maps user.created to a customer with Zendesk id and e-mail', () => {
    expect(eventsOf(fixture('user-created.json'))).toEqual([
      {
        type: 'customer_upserted',
        source: 'zendesk',
        externalId: REQUESTER,
        version: new Date('2026-11-23T09:58:11Z'),
        customer: { externalId: REQUESTER, email: 'maya.lindqvist@example.com' },
      },
    ] satisfies DomainEvent[]);
  });

  it('takes the name from detail.name when present, split at the first space', () => {
    const [event] = eventsOf(fixture('user-created.json', (p) => (objectAt(p, 'detail')['name'] = 'Maya Lindqvist Berg')));
    expect(event).toMatchObject({ customer: { firstName: 'Maya', lastName: 'Lindqvist Berg' } });
  });

  it('takes the new name from user.name_changed', () => {
    const payload = fixture('user-created.json', (p) => {
      p['type'] = 'zen:event-type:user.name_changed';
      p['event'] = { current: 'Maya Lindqvist', previous: 'maya' };
    });
    expect(eventsOf(payload)).toEqual([
      expect.objectContaining({ customer: { externalId: REQUESTER, email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist' } }),
    ]);
  });

  it('treats an empty e-mail as none', () => {
    const [event] = eventsOf(fixture('user-created.json', (p) => (objectAt(p, 'detail')['email'] = '')));
    expect(event).toMatchObject({ customer: { externalId: REQUESTER, email: undefined } });
  });

  it('ignores agents and admins: they are not customers', () => {
    expect(eventsOf(fixture('user-created.json', (p) => (objectAt(p, 'detail')['role'] = 'agent')))).toEqual([]);
    expect(eventsOf(fixture('user-created.json', (p) => (objectAt(p, 'detail')['role'] = 'admin')))).toEqual([]);
  });

  it('ignores user events that do not change who the customer is', () => {
    expect(eventsOf(fixture('user-created.json', (p) => (p['type'] = 'zen:event-type:user.last_login_changed')))).toEqual([]);
  });
});

describe('birthdays from the user\'s user_fields', () => {
  // Zendesk's documented event detail lists no user_fields; when a user payload
  // does carry them (keyed by each field's key), a birthday there is read.
  const userWithFields = (fields: Json, edit?: (p: Json) => void) =>
    fixture('user-created.json', (p) => {
      objectAt(p, 'detail')['user_fields'] = fields;
      edit?.(p);
    });

  it.each([
    { fields: { birthday: '1985-03-14' }, expected: '1985-03-14' },
    { fields: { birth_date: '1985-03-14T00:00:00+00:00' }, expected: '1985-03-14' },
    { fields: { date_of_birth: '14 March' }, expected: '--03-14' },
    { fields: { customer_tier: 'gold', birthday: null }, expected: undefined },
    { fields: { anniversary: '2010-06-01' }, expected: undefined },
  ])('user_fields $fields', ({ fields, expected }) => {
    const result = interpret(userWithFields(fields));
    expect(result.events).toEqual([expect.objectContaining({ type: 'customer_upserted', customer: expect.objectContaining({ externalId: REQUESTER }) })]);
    expect((result.events[0] as CustomerUpserted).customer.birthday).toEqual(expected);
    expect(result.ignored).toBeUndefined();
  });

  it('a user.details_changed event carries it too', () => {
    const [event] = eventsOf(userWithFields({ birthday: '1985-03-14' }, (p) => (p['type'] = 'zen:event-type:user.details_changed')));
    expect(event).toMatchObject({ type: 'customer_upserted', customer: { birthday: '1985-03-14' } });
  });

  it('an unreadable birthday is dropped and reported; the user still lands', () => {
    const result = interpret(userWithFields({ birthday: '03/04/1985' }));
    expect(result.events).toEqual([expect.objectContaining({ customer: expect.objectContaining({ email: 'maya.lindqvist@example.com', birthday: undefined }) })]);
    expect(result.ignored).toEqual([{ code: 'birthday_unreadable', field: 'detail.user_fields.birthday' }]);
  });

  it('user_fields that are not an object are passed over', () => {
    expect(eventsOf(userWithFields(['1985-03-14'] as unknown as Json))).toEqual([expect.objectContaining({ type: 'customer_upserted' })]);
  });

  describe('over HTTP', () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness({ ZENDESK_WEBHOOK_SECRET: NEW_SECRET });
      h.clock.now = NOW;
    });
    afterEach(async () => {
      await h.close();
    });

    it('a signed user.created stores the birthday in customers.birthday', async () => {
      const res = await postZendesk(h, JSON.stringify(userWithFields({ birthday: '1985-03-14' })));
      expect(await res.json()).toEqual({ ok: true, outcome: 'processed' });
      expect(storedBirthday(h, 'maya.lindqvist@example.com')).toBe('1985-03-14');
    });

    it('an unreadable birthday: 200, the customer stored without it, logged by code and field only', async () => {
      const res = await postZendesk(h, JSON.stringify(userWithFields({ birthday: 'Feb 30' })));
      expect(res.status).toBe(200);
      expect(storedBirthday(h, 'maya.lindqvist@example.com')).toBeNull();
      expect(ignoredBirthdayLogs(h)).toEqual([{ source: 'zendesk', code: 'birthday_unreadable', field: 'detail.user_fields.birthday' }]);
      expect(logLinesContaining(h.logs, 'Feb 30')).toEqual([]);
    });
  });
});

describe('zendeskSource().interpret: the satisfaction trigger body', () => {
  it('maps a good rating with a comment', () => {
    const result = interpret(fixture('satisfaction-trigger.json'));
    expect(result.delivery.topic).toBe('delightbot.satisfaction_rated');
    expect(result.events).toEqual([
      {
        type: 'satisfaction_rated',
        source: 'zendesk',
        externalId: '5158:good',
        version: new Date('2026-11-23T16:45:00Z'),
        customer: { externalId: REQUESTER, email: 'maya.lindqvist@example.com', firstName: 'Maya', lastName: 'Lindqvist' },
        rating: 'good',
        comment: 'Replacement arrived two days later, thank you!',
        ticketExternalId: '5158',
        ratedAt: new Date('2026-11-23T16:45:00Z'),
      },
    ] satisfies DomainEvent[]);
  });

  it.each([
    ['Good', 'good'],
    ["Bad, I'm unsatisfied", 'bad'],
    ['bad', 'bad'],
    ['GOOD, I’m satisfied', 'good'],
  ])('normalizes the rating %s to %s', (rating, expected) => {
    const [event] = eventsOf(fixture('satisfaction-trigger.json', (p) => (p['rating'] = rating)));
    expect(event).toMatchObject({ rating: expected });
  });

  it.each(['Offered', 'Unoffered', ''])('acknowledges "%s" without an event', (rating) => {
    expect(eventsOf(fixture('satisfaction-trigger.json', (p) => (p['rating'] = rating)))).toEqual([]);
  });

  it('treats blank placeholders as absent', () => {
    const [event] = eventsOf(
      fixture('satisfaction-trigger.json', (p) => {
        p['comment'] = '';
        p['requester_name'] = '';
        p['requester_id'] = '';
      }),
    );
    expect(event).toMatchObject({ customer: { email: 'maya.lindqvist@example.com' }, comment: undefined });
  });

  it('accepts a rated_at with seconds too', () => {
    const [event] = eventsOf(fixture('satisfaction-trigger.json', (p) => (p['rated_at'] = '2026-11-23T16:45:30+01:00')));
    expect(event).toMatchObject({ ratedAt: new Date('2026-11-23T15:45:30Z') });
  });

  it('gives a changed rating or comment a new delivery id, and the same body the same one', () => {
    const first = interpret(fixture('satisfaction-trigger.json')).delivery.deliveryId;
    const same = interpret(fixture('satisfaction-trigger.json')).delivery.deliveryId;
    const changed = interpret(fixture('satisfaction-trigger.json', (p) => (p['comment'] = 'Actually, one more thing'))).delivery.deliveryId;
    expect(same).toBe(first);
    expect(changed).not.toBe(first);
  });

  it.each([
    { name: 'an unknown rating', edit: (p: Json) => (p['rating'] = 'Meh'), reason: /^rating: must be a Zendesk satisfaction rating/ },
    { name: 'no ticket id', edit: (p: Json) => delete p['ticket_id'], reason: 'ticket_id: is required' },
    { name: 'an unrendered placeholder as ticket id', edit: (p: Json) => (p['ticket_id'] = '{{ticket.id}}'), reason: 'ticket_id: must be a numeric Zendesk id' },
    { name: 'no rated_at', edit: (p: Json) => delete p['rated_at'], reason: 'rated_at: is required' },
    {
      name: 'a requester with neither id nor e-mail',
      edit: (p: Json) => {
        p['requester_id'] = '';
        p['requester_email'] = '';
      },
      reason: 'requester_id: is required when requester_email is blank',
    },
  ])('rejects $name', ({ edit, reason }) => {
    const error = rejection(fixture('satisfaction-trigger.json', edit));
    expect(error.code).toBe('invalid_payload');
    expect(error.message).toMatch(reason);
    expect(error.message).not.toContain('maya');
  });

  it('parses the documented template once Zendesk has filled in its placeholders', () => {
    const rendered = SATISFACTION_TRIGGER_TEMPLATE.replace('{{ticket.id}}', '5158')
      .replace('{{ticket.requester.id}}', REQUESTER)
      .replace('{{ticket.requester.email}}', 'maya.lindqvist@example.com')
      .replace('{{ticket.requester.name}}', 'Maya Lindqvist')
      .replace('{{satisfaction.current_rating}}', "Bad, I'm unsatisfied")
      .replace('{{satisfaction.current_comment}}', 'The replacement was cracked too.')
      .replace('{{ticket.updated_at_with_timestamp}}', '2026-11-23T16:45Z');
    expect(rendered).not.toContain('{{');
    const result = interpretBody(zendeskSource(['s']), rendered);
    expect(result.events).toEqual([expect.objectContaining({ type: 'satisfaction_rated', rating: 'bad', ticketExternalId: '5158' })]);
  });

  it('is documented word for word in docs/zendesk-satisfaction-trigger.md', () => {
    const doc = readFileSync(new URL('../docs/zendesk-satisfaction-trigger.md', import.meta.url), 'utf8');
    expect(doc).toContain(SATISFACTION_TRIGGER_TEMPLATE);
  });
});
