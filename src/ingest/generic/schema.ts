import { z } from 'zod';
import type {
  CustomerUpserted,
  DomainEvent,
  NpsAnswered,
  OrderPlaced,
  PaymentRecorded,
  SatisfactionRated,
  TicketChanged,
} from '../../history/events.js';
import { checkPayload, expecting, formatPath, friendlyMessage } from '../payload-kit.js';
import { checkoutSchema, toCheckoutAbandoned } from './checkout.js';
import { amount, ConversionError, currency, customerRef, dateTime, head, optional, optionalDate, sourceId, text, toMinor, type Path } from './fields.js';

/**
 * delightbot's own webhook format, for senders that are not one of the named
 * sources (Zapier, a survey tool, an in-house shop). docs/generic-webhook.md
 * is the reference for senders; this file is the contract it describes.
 *
 * A body is one event object or `{ "events": [ … ] }` with at most 500. Every
 * event has the sender's `id` (unique per type) and a `type`; unknown types
 * are acknowledged and skipped, so a sender can start sending new types
 * before delightbot reads them. Known types are validated strictly (no
 * coercion: a number where a string belongs is refused), unknown fields are
 * ignored, optional fields may be omitted, null or "".
 *
 * Money rule: every amount is a decimal string in the currency's main unit
 * ("149.19" USD, "1200" JPY), never a JSON number (floats lose cents) and
 * never with more decimals than the currency has.
 */

export const GENERIC_EVENT_TYPES = ['order', 'payment', 'ticket', 'satisfaction', 'nps', 'checkout', 'customer'] as const;
export type GenericEventType = (typeof GENERIC_EVENT_TYPES)[number];

export const MAX_EVENTS_PER_DELIVERY = 500;

export type ParsedGenericBody =
  | {
      ok: true;
      /** True for the `{ "events": [...] }` form. */
      batch: boolean;
      /** "type:id" of every event in the body, unknown types included, in order. */
      keys: string[];
      /** Domain events of the known types. */
      events: DomainEvent[];
    }
  | { ok: false; reason: string };

/**
 * Readable messages for the issues no schema below words itself, on top of
 * the friendly type messages every source uses. None quotes the input.
 */
const genericMessages: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${String(issue.maximum)} characters`;
      if (issue.origin === 'array') return `must contain at most ${String(issue.maximum)} items`;
      return `must be at most ${String(issue.maximum)}`;
    default:
      return friendlyMessage(issue);
  }
};

const itemSchema = z.object({
  title: text(500),
  quantity: z.int({ error: expecting('a whole number') }).min(1, 'must be at least 1'),
  price: amount,
});

const orderSchema = z.object({
  ...head,
  type: z.literal('order'),
  order_id: sourceId,
  number: optional(sourceId),
  currency,
  total: amount,
  shipping: optional(amount),
  placed_at: dateTime,
  updated_at: optional(dateTime),
  items: optional(z.array(itemSchema).max(1000)),
  status: optional(z.enum(['placed', 'paid', 'cancelled', 'refunded'])),
});

const paymentSchema = z.object({
  ...head,
  type: z.literal('payment'),
  payment_id: sourceId,
  status: z.enum(['succeeded', 'failed', 'refunded']),
  amount,
  currency,
  order_id: optional(sourceId),
  failure_reason: optional(text(500)),
  occurred_at: dateTime,
  updated_at: optional(dateTime),
});

const ticketSchema = z
  .object({
    ...head,
    type: z.literal('ticket'),
    ticket_id: sourceId,
    change: z.enum(['opened', 'status_changed', 'customer_replied', 'agent_replied']),
    status: optional(z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed'])),
    subject: optional(text(500)),
    occurred_at: dateTime,
    updated_at: optional(dateTime),
  })
  .refine((ticket) => ticket.change !== 'status_changed' || ticket.status !== undefined, {
    path: ['status'],
    message: 'is required when change is status_changed',
  });

const satisfactionSchema = z.object({
  ...head,
  type: z.literal('satisfaction'),
  rating_id: sourceId,
  rating: z.enum(['good', 'okay', 'bad']),
  comment: optional(text(5000)),
  ticket_id: optional(sourceId),
  rated_at: dateTime,
});

const npsScore = z.int({ error: expecting('an integer from 0 to 10') }).min(0, 'must be an integer from 0 to 10').max(10, 'must be an integer from 0 to 10');

const npsSchema = z.object({
  ...head,
  type: z.literal('nps'),
  response_id: sourceId,
  score: npsScore,
  comment: optional(text(5000)),
  answered_at: dateTime,
});

const customerEventSchema = z.object({
  ...head,
  type: z.literal('customer'),
  updated_at: optional(dateTime),
});

const eventHeadSchema = z.looseObject({
  id: sourceId,
  type: z.string({ error: expecting(`an event type such as ${GENERIC_EVENT_TYPES.join(', ')}`) }).trim().min(1).max(64),
});

const batchSchema = z
  .array(z.unknown(), { error: expecting('a list of events') })
  .min(1, 'must contain at least one event')
  .max(MAX_EVENTS_PER_DELIVERY, `must contain at most ${MAX_EVENTS_PER_DELIVERY} events`);

/**
 * Validates a JSON-parsed body in the generic format and converts its events.
 * @returns the keys ("type:id") of every event and the domain events of the
 * known types, or `{ ok: false, reason }` naming the first bad field by its
 * path (e.g. "events.3.score: must be an integer from 0 to 10"). Reasons never
 * quote the payload's values, so they are safe to log and to send back. Does
 * not throw for bad input.
 */
export function parseGenericBody(json: unknown): ParsedGenericBody {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'payload: must be a JSON object: one event, or {"events": [...]}' };
  }
  const body = itemsOf(json);
  if (!body.ok) return body;
  const { batch, items } = body;
  const keys: string[] = [];
  const events: DomainEvent[] = [];
  const seen = new Map<string, number>();
  for (const [index, item] of items.entries()) {
    const path: Path = batch ? ['events', index] : [];
    const head = checkPayload(eventHeadSchema, item, { at: path, messages: genericMessages });
    if (!head.ok) return head;
    const key = `${head.value.type}:${head.value.id}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) return { ok: false, reason: `${formatPath([...path, 'id'])}: repeats the id of events.${earlier} (same type)` };
    seen.set(key, index);
    keys.push(key);
    const converted = convertKnown(head.value.type, item, path);
    if (!converted.ok) return converted;
    if (converted.event) events.push(converted.event);
  }
  return { ok: true, batch, keys, events };
}

/** The `{ "events": [...] }` form is a batch; any other object is one event. */
function itemsOf(json: object): { ok: true; batch: boolean; items: unknown[] } | { ok: false; reason: string } {
  if (!('events' in json)) return { ok: true, batch: false, items: [json] };
  const list = checkPayload(batchSchema, json.events, { at: ['events'], messages: genericMessages });
  return list.ok ? { ok: true, batch: true, items: list.value } : list;
}

type Converted = { ok: true; event?: DomainEvent } | { ok: false; reason: string };

/** Unknown types convert to nothing: they are acknowledged, not refused. */
function convertKnown(type: string, item: unknown, path: Path): Converted {
  if (!isKnownType(type)) return { ok: true };
  try {
    return convert(type, item, path);
  } catch (error) {
    if (error instanceof ConversionError) return { ok: false, reason: `${formatPath([...path, ...error.path])}: ${error.problem}` };
    throw error;
  }
}

function isKnownType(type: string): type is GenericEventType {
  return (GENERIC_EVENT_TYPES as readonly string[]).includes(type);
}

function convert(type: GenericEventType, item: unknown, path: Path): Converted {
  switch (type) {
    case 'order':
      return validated(orderSchema, item, path, toOrderPlaced);
    case 'payment':
      return validated(paymentSchema, item, path, toPaymentRecorded);
    case 'ticket':
      return validated(ticketSchema, item, path, toTicketChanged);
    case 'satisfaction':
      return validated(satisfactionSchema, item, path, toSatisfactionRated);
    case 'nps':
      return validated(npsSchema, item, path, toNpsAnswered);
    case 'checkout':
      return validated(checkoutSchema, item, path, toCheckoutAbandoned);
    case 'customer':
      return validated(customerEventSchema, item, path, toCustomerUpserted);
  }
}

function validated<T>(schema: z.ZodType<T>, item: unknown, path: Path, toEvent: (data: T) => DomainEvent): Converted {
  const parsed = checkPayload(schema, item, { at: path, messages: genericMessages });
  return parsed.ok ? { ok: true, event: toEvent(parsed.value) } : parsed;
}

function toOrderPlaced(order: z.infer<typeof orderSchema>): OrderPlaced {
  const placedAt = new Date(order.placed_at);
  const updatedAt = order.updated_at === undefined ? undefined : new Date(order.updated_at);
  return {
    type: 'order_placed',
    source: 'generic',
    externalId: order.order_id,
    version: updatedAt,
    number: order.number,
    customer: customerRef(order.customer),
    currency: order.currency,
    totalCents: toMinor(order.total, order.currency, ['total']),
    shippingCents: order.shipping === undefined ? 0 : toMinor(order.shipping, order.currency, ['shipping']),
    financialStatus: order.status === undefined ? undefined : FINANCIAL_STATUS[order.status],
    // The format has no cancellation time of its own: the change that
    // cancelled the order is the best known one.
    cancelledAt: order.status === 'cancelled' ? (updatedAt ?? placedAt) : undefined,
    placedAt,
    lineItems: (order.items ?? []).map((item, index) => ({
      title: item.title,
      quantity: item.quantity,
      priceCents: toMinor(item.price, order.currency, ['items', index, 'price']),
    })),
  };
}

/** The order's `status` in the words the orders table already uses (Shopify's financial status). */
const FINANCIAL_STATUS: Readonly<Record<'placed' | 'paid' | 'cancelled' | 'refunded', string | undefined>> = {
  placed: 'pending',
  paid: 'paid',
  refunded: 'refunded',
  cancelled: undefined,
};

function toPaymentRecorded(payment: z.infer<typeof paymentSchema>): PaymentRecorded {
  return {
    type: 'payment_recorded',
    source: 'generic',
    externalId: payment.payment_id,
    version: optionalDate(payment.updated_at),
    customer: customerRef(payment.customer),
    status: payment.status,
    amountCents: toMinor(payment.amount, payment.currency, ['amount']),
    currency: payment.currency,
    orderExternalId: payment.order_id,
    failureReason: payment.failure_reason,
    occurredAt: new Date(payment.occurred_at),
  };
}

function toTicketChanged(ticket: z.infer<typeof ticketSchema>): TicketChanged {
  return {
    type: 'ticket_changed',
    source: 'generic',
    externalId: ticket.ticket_id,
    version: optionalDate(ticket.updated_at),
    customer: customerRef(ticket.customer),
    change: ticket.change,
    status: ticket.status,
    subject: ticket.subject,
    occurredAt: new Date(ticket.occurred_at),
  };
}

function toSatisfactionRated(rating: z.infer<typeof satisfactionSchema>): SatisfactionRated {
  return {
    type: 'satisfaction_rated',
    source: 'generic',
    externalId: rating.rating_id,
    customer: customerRef(rating.customer),
    rating: rating.rating,
    comment: rating.comment,
    ticketExternalId: rating.ticket_id,
    ratedAt: new Date(rating.rated_at),
  };
}

function toNpsAnswered(answer: z.infer<typeof npsSchema>): NpsAnswered {
  return {
    type: 'nps_answered',
    source: 'generic',
    externalId: answer.response_id,
    customer: customerRef(answer.customer),
    score: answer.score,
    comment: answer.comment,
    answeredAt: new Date(answer.answered_at),
  };
}

function toCustomerUpserted(event: z.infer<typeof customerEventSchema>): CustomerUpserted {
  const customer = customerRef(event.customer);
  return {
    type: 'customer_upserted',
    source: 'generic',
    // The schema guarantees one of the two; an e-mail-only customer is known by its address.
    externalId: customer.externalId ?? customer.email ?? '',
    version: optionalDate(event.updated_at),
    customer,
  };
}
