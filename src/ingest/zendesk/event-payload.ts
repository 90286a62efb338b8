import { z } from 'zod';
import type { CustomerUpserted, DomainEvent, TicketChanged, TicketStatus } from '../../history/events.js';
import { BIRTHDAY_KEYS, birthdayFrom, ignoredList, recordCandidates } from '../birthday-fields.js';
import { checkPayload, expecting, optionalText, present, realDateTime, splitName, type IgnoredValue } from '../payload-kit.js';

/**
 * Zendesk's event-subscribed webhooks ("zen:event-type:…"): one JSON envelope
 * per event, `{ type, id, time, account_id, subject, detail, event }`, where
 * `detail` is the ticket or user as it is now and `event` says what changed.
 * Zendesk returns ids as strings here ("8447388090494"); numbers are tolerated.
 * Objects are loose and only the fields we read are validated: Zendesk adds
 * properties with every `zendesk_event_version`.
 */

const EVENT_TYPE_PREFIX = /^zen:event-type[:/]/;

/** The result of reading a body: what to record it as, its domain events and the values dropped as unreadable. */
export type ParsedZendesk =
  | { ok: true; deliveryId: string; topic: string; events: DomainEvent[]; ignored?: IgnoredValue[] }
  | { ok: false; reason: string };

/** A Zendesk id: a numeric string, or a number small enough to be exact. */
export const zendeskId = z
  .union(
    [
      // Each option words its own failure: a union reports the option whose type matched.
      z.string().regex(/^\d+$/, 'must be a numeric Zendesk id'),
      z.number().refine((n) => Number.isSafeInteger(n) && n >= 0, 'must be a numeric Zendesk id'),
    ],
    { error: expecting('a numeric Zendesk id') },
  )
  .transform(String);

/** Zendesk sends nanoseconds ("2025-01-08T14:25:30.123456789Z"); any ISO 8601 date-time with a zone is fine. */
const dateTime = realDateTime('an ISO 8601 date-time such as 2026-11-23T10:00:00Z');

const envelopeSchema = z.looseObject({
  type: z.string({ error: expecting('a Zendesk event type') }).min(1, 'must not be empty'),
  id: z.string({ error: expecting('the event id') }).min(1, 'must not be empty'),
  time: dateTime,
});

const ticketDetail = z.looseObject({
  id: zendeskId,
  requester_id: zendeskId,
  subject: optionalText,
  status: optionalText,
});

const ticketPayload = z.looseObject({ detail: ticketDetail });

const statusChangedPayload = z.looseObject({
  detail: ticketDetail,
  // Absent or not a string in some trimmed samples; the ticket's own status then stands in.
  event: z.looseObject({ current: z.unknown().optional() }).nullish(),
});

const commentAddedPayload = z.looseObject({
  detail: ticketDetail,
  event: z.looseObject({
    comment: z.looseObject({
      author: z.looseObject({ id: zendeskId }),
      is_public: z.boolean().nullish(),
    }),
  }),
});

const userPayload = z.looseObject({
  detail: z.looseObject({
    id: zendeskId,
    email: optionalText,
    name: optionalText,
    role: optionalText,
    // Custom user fields by key. The documented event detail leaves them out;
    // read leniently when a payload has them, never validated.
    user_fields: z.unknown().optional(),
  }),
  event: z.looseObject({ current: z.unknown().optional() }).nullish(),
});

type Envelope = z.infer<typeof envelopeSchema>;
type TicketDetail = z.infer<typeof ticketDetail>;

/**
 * User events that can change who a customer is (name, e-mail, ids). Others,
 * such as `user.last_login_changed`, say nothing a nudge needs.
 */
const USER_EVENTS = new Set([
  'user.created',
  'user.name_changed',
  'user.details_changed',
  'user.external_id_changed',
  'user.identity_created',
  'user.identity_changed',
]);

/**
 * Validates a JSON-parsed event-webhook body and converts it.
 * @returns the delivery id (the event's `id`, which Zendesk keeps on retries),
 * the topic (the event `type`) and the domain events: none for event types
 * delightbot does not use, for agents' and admins' user records, and for
 * internal notes. `{ ok: false, reason }` names the first bad field and never
 * quotes payload values. Does not throw for bad input.
 */
export function parseZendeskEvent(json: unknown): ParsedZendesk {
  const envelope = checkPayload(envelopeSchema, json);
  if (!envelope.ok) return envelope;
  const { id: deliveryId, type: topic } = envelope.value;
  const events = eventsOf(envelope.value, json);
  if (!events.ok) return events;
  return { ok: true, deliveryId, topic, events: events.events, ignored: events.ignored };
}

type Produced = { events: DomainEvent[]; ignored?: IgnoredValue[] };
type EventsResult = ({ ok: true } & Produced) | { ok: false; reason: string };

function eventsOf(envelope: Envelope, json: unknown): EventsResult {
  const name = envelope.type.replace(EVENT_TYPE_PREFIX, '');
  if (name === 'ticket.created') return withPayload(ticketPayload, json, (p) => [ticketEvent(envelope, p.detail, 'opened')]);
  if (name === 'ticket.status_changed') return withPayload(statusChangedPayload, json, (p) => statusChanged(envelope, p));
  if (name === 'ticket.comment_added') return withPayload(commentAddedPayload, json, (p) => commentAdded(envelope, p));
  if (USER_EVENTS.has(name)) return withPayload(userPayload, json, (p) => userUpserted(envelope, name, p));
  return { ok: true, events: [] };
}

function withPayload<T>(schema: z.ZodType<T>, json: unknown, convert: (payload: T) => DomainEvent[] | Produced): EventsResult {
  const parsed = checkPayload(schema, json);
  if (!parsed.ok) return parsed;
  const produced = convert(parsed.value);
  return Array.isArray(produced) ? { ok: true, events: produced } : { ok: true, ...produced };
}

function statusChanged(envelope: Envelope, payload: z.infer<typeof statusChangedPayload>): DomainEvent[] {
  const current = payload.event?.current;
  const status = ticketStatus(typeof current === 'string' ? current : payload.detail.status);
  // Deleted, archived and scrubbed tickets have no place in a customer's story.
  if (status === undefined) return [];
  return [{ ...ticketEvent(envelope, payload.detail, 'status_changed'), status }];
}

function commentAdded(envelope: Envelope, payload: z.infer<typeof commentAddedPayload>): DomainEvent[] {
  const { comment } = payload.event;
  const byRequester = comment.author.id === payload.detail.requester_id;
  // A private comment by anyone but the requester is an internal note: the
  // customer never saw it, so it is not a reply.
  if (!byRequester && comment.is_public === false) return [];
  return [ticketEvent(envelope, payload.detail, byRequester ? 'customer_replied' : 'agent_replied')];
}

function ticketEvent(envelope: Envelope, detail: TicketDetail, change: TicketChanged['change']): TicketChanged {
  const at = new Date(envelope.time);
  return {
    type: 'ticket_changed',
    source: 'zendesk',
    externalId: detail.id,
    version: at,
    // Ticket events carry only the requester's id; a user event or the
    // satisfaction trigger later links it to an e-mail.
    customer: { externalId: detail.requester_id },
    change,
    status: ticketStatus(detail.status),
    subject: present(detail.subject),
    occurredAt: at,
  };
}

function userUpserted(envelope: Envelope, name: string, payload: z.infer<typeof userPayload>): Produced {
  const { detail } = payload;
  const role = present(detail.role)?.toLowerCase();
  // Agents and admins are Zendesk users too, but never customers.
  if (role !== undefined && role !== 'end-user' && role !== 'end_user') return { events: [] };
  const current = payload.event?.current;
  // The documented user detail has no name; `user.name_changed` carries the new one in `event.current`.
  const fullName = present(detail.name) ?? (name === 'user.name_changed' && typeof current === 'string' ? present(current) : undefined);
  const birthday = birthdayFrom(recordCandidates(detail.user_fields, BIRTHDAY_KEYS, 'detail.user_fields'));
  const event: CustomerUpserted = {
    type: 'customer_upserted',
    source: 'zendesk',
    externalId: detail.id,
    version: new Date(envelope.time),
    // Zendesk keeps one name field; its own `first_name` placeholder splits it at the first space too.
    customer: { externalId: detail.id, email: present(detail.email), ...splitName(fullName), birthday: birthday.birthday },
  };
  return { events: [event], ignored: ignoredList(birthday) };
}

const STATUSES: Readonly<Record<string, TicketStatus>> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  hold: 'on_hold',
  on_hold: 'on_hold',
  solved: 'solved',
  closed: 'closed',
};

/** Zendesk writes statuses as "OPEN" in events and "open" elsewhere. */
function ticketStatus(raw: string | null | undefined): TicketStatus | undefined {
  const key = raw?.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return key ? STATUSES[key] : undefined;
}
