import { z } from 'zod';
import type { CustomerRef, CustomerUpserted, PaymentRecorded } from '../../history/events.js';
import { minorUnitDigits } from '../../money.js';
import { BIRTHDAY_KEYS, birthdayFrom, ignoredList, recordCandidates } from '../birthday-fields.js';
import { present, splitName, type IgnoredValue } from '../payload-kit.js';

/**
 * The Stripe API objects delightbot reads from `data.object` — charge,
 * payment intent, Checkout Session, invoice, customer — and their
 * translation into domain events. Objects are loose: Stripe adds fields with
 * every API version, and a delivery must never bounce for a field we do not
 * use. Fields that Stripe documents as nullable are nullish here.
 */

export const unixSeconds = z.int().nonnegative().transform((seconds) => new Date(seconds * 1000));
const text = z.string().nullish();
const amount = z.int().nonnegative();
const currency = z
  .string()
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as usd')
  .transform((code) => code.toUpperCase());
/** Webhooks carry the customer's id; an expanded object is tolerated in case a tool forwards one. */
const customerField = z.union([z.string(), z.looseObject({ id: z.string() })]).nullish();
const metadata = z.record(z.string(), z.string()).nullish();
const billingDetails = z.looseObject({ email: text, name: text }).nullish();

export const chargeSchema = z.looseObject({
  id: z.string().min(1),
  amount,
  amount_refunded: amount,
  currency,
  created: unixSeconds,
  customer: customerField,
  billing_details: billingDetails,
  receipt_email: text,
  metadata,
  failure_message: text,
  failure_code: text,
});

export const paymentIntentSchema = z.looseObject({
  id: z.string().min(1),
  amount,
  currency,
  customer: customerField,
  receipt_email: text,
  metadata,
  last_payment_error: z
    .looseObject({ message: text, code: text, payment_method: z.looseObject({ billing_details: billingDetails }).nullish() })
    .nullish(),
});

export const checkoutSessionSchema = z.looseObject({
  id: z.string().min(1),
  amount_total: amount.nullish(),
  currency: currency.nullish(),
  customer: customerField,
  customer_details: z.looseObject({ email: text, name: text }).nullish(),
  customer_email: text,
  metadata,
  payment_status: z.string(),
  /** open | complete | expired */
  status: text,
  expires_at: unixSeconds.nullish(),
});

export const invoiceSchema = z.looseObject({
  id: z.string().min(1),
  amount_paid: amount,
  amount_due: amount,
  currency,
  customer: customerField,
  customer_email: text,
  customer_name: text,
  metadata,
  attempt_count: z.int().nullish(),
  status_transitions: z.looseObject({ paid_at: unixSeconds.nullish() }).nullish(),
});

export const customerSchema = z.looseObject({
  id: z.string().min(1),
  email: text,
  name: text,
  // Stripe has no birthday field; integrations keep it in the metadata. Read leniently, never validated.
  metadata: z.unknown().optional(),
});

/** `data.object` passed its schema but lacks what its state requires (a paid session without an amount). */
export class StripeObjectError extends Error {}

/** Stripe's own minor-unit exponents (docs.stripe.com/currencies); every other currency is two-decimal there. */
const STRIPE_ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const STRIPE_THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** Failure messages are Stripe's sentences ("Your card was declined."); a cap keeps a card readable. */
const MAX_REASON = 160;

/**
 * A charge's payment: `charge.succeeded`, `charge.failed`, or `charge.refunded`
 * (whose amount is everything refunded on the charge so far).
 */
export function chargeEvent(charge: z.infer<typeof chargeSchema>, eventAt: Date, status: PaymentRecorded['status']): PaymentRecorded {
  const billing = charge.billing_details;
  return {
    ...payment(eventAt, charge.id, status, status === 'refunded' ? charge.amount_refunded : charge.amount, charge.currency),
    customer: customerRef(charge.customer, billing?.email ?? charge.receipt_email, billing?.name),
    orderExternalId: orderIdOf(charge.metadata),
    failureReason: status === 'failed' ? shortReason(charge.failure_message ?? charge.failure_code) : undefined,
    // A refund happens long after the charge was created; the event says when.
    occurredAt: status === 'refunded' ? eventAt : charge.created,
  };
}

/** `payment_intent.payment_failed`: the decline is in `last_payment_error`. */
export function paymentIntentFailed(intent: z.infer<typeof paymentIntentSchema>, eventAt: Date): PaymentRecorded {
  const error = intent.last_payment_error;
  const billing = error?.payment_method?.billing_details;
  return {
    ...payment(eventAt, intent.id, 'failed', intent.amount, intent.currency),
    customer: customerRef(intent.customer, intent.receipt_email ?? billing?.email, billing?.name),
    orderExternalId: orderIdOf(intent.metadata),
    failureReason: shortReason(error?.message ?? error?.code),
    occurredAt: eventAt,
  };
}

/**
 * A completed Checkout Session, only once it is paid.
 * @throws StripeObjectError for a paid session without an amount or currency.
 */
export function checkoutPaid(session: z.infer<typeof checkoutSessionSchema>, eventAt: Date): PaymentRecorded[] {
  // "unpaid" sessions pay later (async_payment_succeeded); "no_payment_required" ones never pay.
  if (session.payment_status !== 'paid') return [];
  if (session.amount_total == null) throw new StripeObjectError('data.object.amount_total: is required for a paid session');
  if (session.currency == null) throw new StripeObjectError('data.object.currency: is required for a paid session');
  const details = session.customer_details;
  return [
    {
      ...payment(eventAt, session.id, 'succeeded', session.amount_total, session.currency),
      customer: customerRef(session.customer, details?.email ?? session.customer_email, details?.name),
      orderExternalId: orderIdOf(session.metadata),
      occurredAt: eventAt,
    },
  ];
}

/**
 * `invoice.paid` (amount paid) or `invoice.payment_failed` (amount still due).
 * A $0 invoice (a trial period, a fully credited one) is "paid" without any
 * money changing hands, so it records nothing.
 */
export function invoiceEvent(invoice: z.infer<typeof invoiceSchema>, eventAt: Date, status: 'succeeded' | 'failed'): PaymentRecorded[] {
  const paid = status === 'succeeded';
  const amount = paid ? invoice.amount_paid : invoice.amount_due;
  if (amount === 0) return [];
  const attempts = invoice.attempt_count;
  return [
    {
      ...payment(eventAt, invoice.id, status, amount, invoice.currency),
      customer: customerRef(invoice.customer, invoice.customer_email, invoice.customer_name),
      orderExternalId: orderIdOf(invoice.metadata),
      // An invoice carries no decline message (nor, since API 2025-03-31, its payment intent): the attempt count is what is left.
      failureReason: paid ? undefined : attempts ? `Invoice payment attempt ${attempts} failed` : 'Invoice payment failed',
      occurredAt: (paid ? invoice.status_transitions?.paid_at : undefined) ?? eventAt,
    },
  ];
}

/**
 * `customer.created` / `customer.updated`, with the birthday when the
 * metadata has a readable one under birthday, birth_date or date_of_birth.
 * @returns the event, and the metadata field dropped when its birthday was unreadable.
 */
export function customerUpserted(customer: z.infer<typeof customerSchema>, eventAt: Date): { events: CustomerUpserted[]; ignored?: IgnoredValue[] } {
  const birthday = birthdayFrom(recordCandidates(customer.metadata, BIRTHDAY_KEYS, 'data.object.metadata'));
  const event: CustomerUpserted = {
    type: 'customer_upserted',
    source: 'stripe',
    externalId: customer.id,
    // Stripe customers have no last-changed time; the event's own time orders the updates.
    version: eventAt,
    customer: { externalId: customer.id, email: present(customer.email), ...splitName(customer.name), birthday: birthday.birthday },
  };
  return { events: [event], ignored: ignoredList(birthday) };
}

type PaymentCore = Pick<PaymentRecorded, 'type' | 'source' | 'externalId' | 'version' | 'status' | 'amountCents' | 'currency'>;

function payment(eventAt: Date, externalId: string, status: PaymentRecorded['status'], stripeAmount: number, code: string): PaymentCore {
  return {
    type: 'payment_recorded',
    source: 'stripe',
    externalId,
    // The event's time, so a late retry of an older state never overwrites a newer one.
    version: eventAt,
    status,
    amountCents: stripeToMinor(stripeAmount, code),
    currency: code,
  };
}

/**
 * Converts a Stripe amount to delightbot's minor units. Stripe's minor unit
 * is not always the one `minorUnitDigits` uses: Stripe counts HUF, ISK and
 * IDR in hundredths, which have none in everyday use. A fraction of a whole
 * unit (a HUF charge of 1000.50) is rounded.
 * @returns the amount in minor units of `code` as the rest of delightbot counts them.
 */
export function stripeToMinor(stripeAmount: number, code: string): number {
  const stripeDigits = STRIPE_ZERO_DECIMAL.has(code) ? 0 : STRIPE_THREE_DECIMAL.has(code) ? 3 : 2;
  const shift = stripeDigits - minorUnitDigits(code);
  if (shift === 0) return stripeAmount;
  return shift > 0 ? Math.round(stripeAmount / 10 ** shift) : stripeAmount * 10 ** -shift;
}

/** The customer a Stripe object names: its customer id, the e-mail and name given at payment. */
export function customerRef(customer: z.infer<typeof customerField>, email: string | null | undefined, name: string | null | undefined): CustomerRef {
  const externalId = typeof customer === 'string' ? customer : customer?.id;
  return { externalId: present(externalId), email: present(email), ...splitName(name) };
}

/** The shop's order id, when the integration put it in the metadata under `order_id`. */
function orderIdOf(data: z.infer<typeof metadata>): string | undefined {
  return present(data?.['order_id']);
}

function shortReason(reason: string | null | undefined): string | undefined {
  const trimmed = present(reason);
  return trimmed && trimmed.length > MAX_REASON ? `${trimmed.slice(0, MAX_REASON - 1)}…` : trimmed;
}
