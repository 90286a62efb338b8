import { z } from 'zod';
import type { CustomerRef, DomainEvent, SatisfactionRated, TicketChanged, TicketStatus } from '../../history/events.js';
import { verifyHmacBase64 } from '../hmac.js';
import { IngestError } from '../http-errors.js';
import { checkPayload, expecting, optionalText, present } from '../payload-kit.js';
import { parseJsonBody, requestHeader, requireValid } from '../request-kit.js';
import type { WebhookSource } from '../webhook-route.js';

/**
 * Help Scout webhooks (Manage → Apps → Webhooks): `X-HelpScout-Signature` is
 * the base64 HMAC-SHA1 of the raw body under the secret typed in when the
 * webhook was set up, and `X-HelpScout-Event` names the event. Conversation
 * events carry the Mailbox API 2.0 conversation object; ratings carry a rating
 * object. Objects are loose and only the fields used are validated, with both
 * the 2.0 spellings (`primaryCustomer.first`, `userUpdatedAt`) and the legacy
 * ones (`customer.firstName`, `modifiedAt`) accepted, because accounts still
 * differ in which one they get. These payloads name the customer by id,
 * e-mail and name only: customer properties (where a shop would keep a
 * birthday) are not in them, so Help Scout fills no birthday.
 */

const SIGNATURE_HEADER = 'x-helpscout-signature';
const EVENT_HEADER = 'x-helpscout-event';

const CONVERSATION_CHANGES: Readonly<Record<string, TicketChanged['change']>> = {
  'convo.created': 'opened',
  'convo.status': 'status_changed',
  'convo.customer.reply.created': 'customer_replied',
};

const RATING_EVENT = 'satisfaction.ratings';

/** Help Scout conversation and rating webhooks on POST /webhooks/helpscout. */
export function helpScoutSource(secrets: readonly string[]): WebhookSource {
  return {
    name: 'helpscout',
    path: '/webhooks/helpscout',
    secrets,
    // Help Scout signs no timestamp, so there is no replay window to check;
    // delivery ids built from the conversation's state make a replay a duplicate.
    verify: (req, body, activeSecrets) => verifyHmacBase64(body, requestHeader(req, SIGNATURE_HEADER), activeSecrets, 'sha1'),
    interpret: (req, body) => {
      const topic = requestHeader(req, EVENT_HEADER)?.trim();
      if (!topic) throw new IngestError('invalid_payload', 'The X-HelpScout-Event header is missing.');
      const json = parseJsonBody(body);
      const change = CONVERSATION_CHANGES[topic];
      const parsed = requireValid(change ? parseConversation(json, topic, change) : topic === RATING_EVENT ? parseRating(json) : ignored(json, topic));
      return { delivery: { source: 'helpscout', deliveryId: parsed.deliveryId, topic }, events: parsed.events };
    },
  };
}

type Parsed = { ok: true; deliveryId: string; events: DomainEvent[] } | { ok: false; reason: string };

const helpScoutId = z
  .union(
    [
      // Each option words its own failure: a union reports the option whose type matched.
      z.number().refine((n) => Number.isSafeInteger(n) && n > 0, 'must be a numeric Help Scout id'),
      z.string().regex(/^\d+$/, 'must be a numeric Help Scout id'),
    ],
    { error: expecting('a numeric Help Scout id') },
  )
  .transform(String);

const dateTime = z.iso.datetime({ offset: true, error: expecting('an ISO 8601 date-time such as 2026-11-23T10:00:00Z') });
const stamp = dateTime.nullish();

/** 2.0 (`first`, `last`, `email`) and legacy (`firstName`, `lastName`, `emails[]`) customers. */
const personSchema = z.looseObject({
  id: helpScoutId.nullish(),
  email: optionalText,
  emails: z.array(z.looseObject({ value: optionalText })).nullish(),
  first: optionalText,
  last: optionalText,
  firstName: optionalText,
  lastName: optionalText,
});

const threadSchema = z.looseObject({
  type: optionalText,
  createdAt: stamp,
  createdBy: z.looseObject({ type: optionalText }).nullish(),
});

const conversationSchema = z.looseObject({
  id: helpScoutId,
  subject: optionalText,
  status: optionalText,
  primaryCustomer: personSchema.nullish(),
  customer: personSchema.nullish(),
  createdAt: stamp,
  userUpdatedAt: stamp,
  updatedAt: stamp,
  modifiedAt: stamp,
  userModifiedAt: stamp,
  closedAt: stamp,
  customerWaitingSince: z.looseObject({ time: stamp }).nullish(),
  // 2.0 sends the thread count here; the legacy object sent the threads themselves.
  threads: z.union([z.number(), z.array(threadSchema)]).nullish(),
  threadCount: z.number().nullish(),
  _embedded: z.looseObject({ threads: z.array(threadSchema).nullish() }).nullish(),
});

const ratingSchema = z.looseObject({
  id: helpScoutId,
  rating: z.string({ error: expecting('a Help Scout rating (Great, Okay or Not Good)') }),
  comments: optionalText,
  customer: personSchema,
  ticketId: helpScoutId.nullish(),
  conversationId: helpScoutId.nullish(),
  createdAt: stamp,
  modifiedAt: stamp,
});

type Conversation = z.infer<typeof conversationSchema>;
type Person = z.infer<typeof personSchema>;
type Thread = z.infer<typeof threadSchema>;

const STATUSES: Readonly<Record<string, TicketStatus>> = { active: 'open', open: 'open', pending: 'pending', closed: 'closed' };

function parseConversation(json: unknown, topic: string, change: TicketChanged['change']): Parsed {
  const parsed = checkPayload(conversationSchema, json);
  if (!parsed.ok) return parsed;
  const conversation = parsed.value;
  const deliveryId = conversationDeliveryId(conversation, topic);
  const status = conversation.status?.trim().toLowerCase();
  // Spam is not a customer talking to us; a status we do not know says nothing useful.
  if (status === 'spam' || (change === 'status_changed' && (!status || !STATUSES[status]))) return { ok: true, deliveryId, events: [] };
  const customer = customerRef(conversation.primaryCustomer ?? conversation.customer);
  if (!customer) return { ok: false, reason: 'primaryCustomer: must have an id or an email' };
  const occurredAt = occurredAtOf(conversation, change);
  if (!occurredAt) return { ok: false, reason: 'createdAt: is required' };
  const event: TicketChanged = {
    type: 'ticket_changed',
    source: 'helpscout',
    externalId: conversation.id,
    version: latestChange(conversation),
    customer,
    change,
    status: status ? STATUSES[status] : undefined,
    subject: present(conversation.subject),
    occurredAt,
  };
  return { ok: true, deliveryId, events: [event] };
}

/**
 * Help Scout sends no delivery id, so the business key stands in: the same
 * event about the same state of a conversation is one delivery. The state is
 * the latest of its timestamps plus its thread count, because `userUpdatedAt`
 * alone does not move when a customer replies twice in a row.
 */
function conversationDeliveryId(conversation: Conversation, topic: string): string {
  const latest = latestChange(conversation);
  const count = threadCount(conversation);
  const state = [latest?.toISOString() ?? 'unversioned', count === undefined ? undefined : `t${count}`].filter(Boolean).join(':');
  return `convo:${conversation.id}:${topic}:${state}`;
}

function threadsOf(conversation: Conversation): Thread[] {
  return conversation._embedded?.threads ?? (Array.isArray(conversation.threads) ? conversation.threads : []);
}

function threadCount(conversation: Conversation): number | undefined {
  if (typeof conversation.threads === 'number') return conversation.threads;
  return conversation.threadCount ?? (threadsOf(conversation).length || undefined);
}

/** The conversation's last change: the newest timestamp it carries, threads included. */
function latestChange(conversation: Conversation): Date | undefined {
  const stamps = [
    conversation.userUpdatedAt,
    conversation.updatedAt,
    conversation.modifiedAt,
    conversation.userModifiedAt,
    conversation.closedAt,
    conversation.customerWaitingSince?.time,
    conversation.createdAt,
    ...threadsOf(conversation).map((thread) => thread.createdAt),
  ];
  return newest(stamps);
}

function occurredAtOf(conversation: Conversation, change: TicketChanged['change']): Date | undefined {
  if (change === 'opened') return dateOf(conversation.createdAt) ?? latestChange(conversation);
  if (change === 'customer_replied') {
    const customerThreads = threadsOf(conversation).filter((thread) => thread.type === 'customer' || thread.createdBy?.type === 'customer');
    return newest(customerThreads.map((thread) => thread.createdAt)) ?? dateOf(conversation.customerWaitingSince?.time) ?? latestChange(conversation);
  }
  return latestChange(conversation);
}

function parseRating(json: unknown): Parsed {
  const parsed = checkPayload(ratingSchema, json);
  if (!parsed.ok) return parsed;
  const body = parsed.value;
  const rating = normalizeRating(body.rating);
  if (!rating) return { ok: false, reason: 'rating: must be a Help Scout rating (Great, Okay or Not Good)' };
  const customer = customerRef(body.customer);
  if (!customer) return { ok: false, reason: 'customer: must have an id or an email' };
  const ratedAt = dateOf(body.createdAt) ?? dateOf(body.modifiedAt);
  if (!ratedAt) return { ok: false, reason: 'createdAt: is required' };
  const event: SatisfactionRated = {
    type: 'satisfaction_rated',
    source: 'helpscout',
    externalId: body.id,
    version: dateOf(body.modifiedAt) ?? ratedAt,
    customer,
    rating,
    comment: present(body.comments),
    ticketExternalId: body.conversationId ?? body.ticketId ?? undefined,
    ratedAt,
  };
  return { ok: true, deliveryId: `rating:${body.id}`, events: [event] };
}

/** Help Scout's ratings are Great, Okay and Not Good (the docs also say "Bad"); any case and spacing. */
function normalizeRating(text: string): SatisfactionRated['rating'] | undefined {
  const value = text.trim().toLowerCase().replace(/[^a-z]/g, '');
  if (value === 'great') return 'good';
  if (value === 'okay' || value === 'ok') return 'okay';
  if (value === 'notgood' || value === 'bad') return 'bad';
  return undefined;
}

/**
 * Events delightbot does not use are acknowledged. They still need a delivery
 * id; the object's id and the event name make one when the body has an id.
 */
function ignored(json: unknown, topic: string): Parsed {
  const id = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['id'] : undefined;
  const key = typeof id === 'string' || typeof id === 'number' ? String(id) : 'unknown';
  return { ok: true, deliveryId: `${topic}:${key}`, events: [] };
}

function customerRef(person: Person | null | undefined): CustomerRef | undefined {
  if (!person) return undefined;
  const email = present(person.email) ?? person.emails?.map((entry) => present(entry.value)).find(Boolean);
  const externalId = person.id ?? undefined;
  if (!externalId && !email) return undefined;
  return {
    externalId,
    email,
    firstName: present(person.first) ?? present(person.firstName),
    lastName: present(person.last) ?? present(person.lastName),
  };
}

function newest(stamps: readonly (string | null | undefined)[]): Date | undefined {
  let latest: Date | undefined;
  for (const value of stamps) {
    const date = dateOf(value);
    if (date && (!latest || date > latest)) latest = date;
  }
  return latest;
}

function dateOf(value: string | null | undefined): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
