import { z } from 'zod';
import type { DomainEvent } from '../../history/events.js';
import { checkPayload, type IgnoredValue } from '../payload-kit.js';
import { checkoutExpired } from './checkout-expired.js';
import {
  chargeEvent,
  chargeSchema,
  checkoutPaid,
  checkoutSessionSchema,
  customerSchema,
  customerUpserted,
  invoiceEvent,
  invoiceSchema,
  paymentIntentFailed,
  paymentIntentSchema,
  StripeObjectError,
  unixSeconds,
} from './objects.js';

/**
 * Stripe's snapshot events: `{ id: "evt_…", object: "event", type, created,
 * api_version, data: { object } }`, where `data.object` is the API object as
 * it was when the event happened. Only the envelope is checked here; each
 * event type's object is checked by its own schema in objects.ts.
 */

/** The result of reading an event: its id and type, its domain events and the values dropped as unreadable. */
export type ParsedStripeEvent = { ok: true; id: string; type: string; events: DomainEvent[]; ignored?: IgnoredValue[] } | { ok: false; reason: string };

const envelopeSchema = z.looseObject({
  id: z.string().min(1, 'must not be empty'),
  object: z.literal('event', { error: 'must be "event"' }),
  type: z.string().min(1, 'must not be empty'),
  created: unixSeconds,
  data: z.looseObject({ object: z.looseObject({}) }),
});

type Produced = DomainEvent[] | { events: DomainEvent[]; ignored?: IgnoredValue[] };
type Mapper = (object: unknown, eventAt: Date) => Produced;

/** A Map, not an object literal: an event type such as "constructor" must not find a prototype member. */
const MAPPERS = new Map<string, Mapper>([
  ['charge.succeeded', (o, at) => withObject(chargeSchema, o, (c) => [chargeEvent(c, at, 'succeeded')])],
  ['charge.failed', (o, at) => withObject(chargeSchema, o, (c) => [chargeEvent(c, at, 'failed')])],
  ['charge.refunded', (o, at) => withObject(chargeSchema, o, (c) => [chargeEvent(c, at, 'refunded')])],
  ['payment_intent.payment_failed', (o, at) => withObject(paymentIntentSchema, o, (pi) => [paymentIntentFailed(pi, at)])],
  ['checkout.session.completed', (o, at) => withObject(checkoutSessionSchema, o, (s) => checkoutPaid(s, at))],
  // Delayed methods (bank debits) complete the session unpaid and are paid later under this type.
  ['checkout.session.async_payment_succeeded', (o, at) => withObject(checkoutSessionSchema, o, (s) => checkoutPaid(s, at))],
  ['checkout.session.expired', (o, at) => withObject(checkoutSessionSchema, o, (s) => checkoutExpired(s, at))],
  ['invoice.paid', (o, at) => withObject(invoiceSchema, o, (i) => invoiceEvent(i, at, 'succeeded'))],
  ['invoice.payment_failed', (o, at) => withObject(invoiceSchema, o, (i) => invoiceEvent(i, at, 'failed'))],
  ['customer.created', (o, at) => withObject(customerSchema, o, (c) => customerUpserted(c, at))],
  ['customer.updated', (o, at) => withObject(customerSchema, o, (c) => customerUpserted(c, at))],
]);

/**
 * Validates a JSON-parsed Stripe event and converts it.
 * @returns the event id (Stripe keeps it on retries) and type, with the
 * domain events: none for types delightbot does not use. `{ ok: false, reason }`
 * names the first bad field (e.g. "data.object.amount: is required") and never
 * quotes payload values. Does not throw for bad input.
 */
export function parseStripeEvent(json: unknown): ParsedStripeEvent {
  const envelope = checkPayload(envelopeSchema, json);
  if (!envelope.ok) return envelope;
  const { id, type, created, data } = envelope.value;
  const mapper = MAPPERS.get(type);
  if (!mapper) return { ok: true, id, type, events: [] };
  try {
    const produced = mapper(data.object, created);
    return Array.isArray(produced) ? { ok: true, id, type, events: produced } : { ok: true, id, type, ...produced };
  } catch (error) {
    if (error instanceof StripeObjectError) return { ok: false, reason: error.message };
    throw error;
  }
}

function withObject<T, R>(schema: z.ZodType<T>, object: unknown, convert: (value: T) => R): R {
  const parsed = checkPayload(schema, object, { at: ['data', 'object'] });
  if (!parsed.ok) throw new StripeObjectError(parsed.reason);
  return convert(parsed.value);
}
