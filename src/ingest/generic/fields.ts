import { z } from 'zod';
import type { CustomerRef } from '../../history/events.js';
import { decimalToMinor, minorUnitDigits } from '../../money.js';
import { DECIMAL_AMOUNT, expecting, realDateTime } from '../payload-kit.js';

/**
 * The field schemas and conversions every event type of the generic format
 * shares (docs/generic-webhook.md, "Rules for every field"): ids, text,
 * dates, currencies, money as decimal strings, and the customer.
 */

/** Where a value sits in the body, for reasons such as "events.3.total". */
export type Path = readonly (string | number)[];

/** "" and null mean "not given" for optional fields: form tools send both for empty inputs. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value), schema.optional());
}

/** An id as the sender has it: a non-empty string, or a whole number (kept as its decimal text). */
export const sourceId = z
  .union([z.string().trim().min(1).max(200), z.int().nonnegative()], {
    error: expecting('a non-empty string (at most 200 characters) or a whole number'),
  })
  .transform(String);

export const text = (max: number) => z.string().trim().min(1).max(max);

export const dateTime = realDateTime('an ISO 8601 date-time with a time zone, such as 2026-11-20T15:14:58Z');

export const currency = z
  .string({ error: expecting('a three-letter currency code such as USD') })
  .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as USD')
  .transform((code) => code.toUpperCase());

/** Kept as text here: how many decimals are allowed depends on the event's currency, checked in `toMinor`. */
export const amount = z
  .string({ error: expecting('a decimal string such as "24.90" (not a JSON number)') })
  .regex(DECIMAL_AMOUNT, 'must be a decimal string such as "24.90" (not a JSON number)');

const email = z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an e-mail address');

const birthday = z
  .string()
  .regex(/^(?:\d{4}|-)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'must be a date such as 1990-04-17, or --04-17 without the year');

const customerSchema = z
  .object({
    id: optional(sourceId),
    email: optional(email),
    first_name: optional(text(100)),
    last_name: optional(text(100)),
    birthday: optional(birthday),
  }, { error: expecting('an object with an id or an email') })
  .refine((customer) => customer.id !== undefined || customer.email !== undefined, 'must have an id or an email');

export const head = { id: sourceId, customer: customerSchema };

/** A value that passed its schema but cannot be converted faithfully (too many decimals for the currency). */
export class ConversionError extends Error {
  constructor(
    readonly path: Path,
    readonly problem: string,
  ) {
    super(problem);
    this.name = 'ConversionError';
  }
}

/** The `customer` object as validated. */
type CustomerFields = z.infer<typeof customerSchema>;

/** @returns the customer as domain events carry it. */
export function customerRef(customer: CustomerFields): CustomerRef {
  return {
    externalId: customer.id,
    email: customer.email,
    firstName: customer.first_name,
    lastName: customer.last_name,
    birthday: customer.birthday,
  };
}

/**
 * An amount in the currency's minor units.
 * @throws ConversionError when it has more decimals than the currency allows.
 */
export function toMinor(value: string, currencyCode: string, path: Path): number {
  const minor = decimalToMinor(value, currencyCode);
  if (minor === null) {
    const digits = minorUnitDigits(currencyCode);
    throw new ConversionError(path, `must have at most ${digits} decimal${digits === 1 ? '' : 's'} in ${currencyCode}`);
  }
  return minor;
}

/** @returns the date, or undefined for a field left out. */
export function optionalDate(value: string | undefined): Date | undefined {
  return value === undefined ? undefined : new Date(value);
}
