import { z } from 'zod';

/**
 * Schema pieces and value helpers shared by every webhook adapter under
 * src/ingest. A refusal reason built here is "path: problem": it names the
 * field and what was wrong with it but never quotes the value, because the
 * reason goes into our logs and back to the sender's delivery log, and
 * payloads carry e-mail addresses and names.
 */

/** How zod's type names read in a reason ("must be a list", not "expected array"). */
const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/**
 * The error map every adapter parses with. Zod's default wording ("Invalid
 * input: expected string, received undefined") reads badly in a delivery log.
 * @returns "is required" for an absent field, "must be <type>" for a value of
 * the wrong type, and undefined (the schema's own message, or zod's) for any
 * other issue. An adapter that words more issues wraps this map and falls
 * back to it.
 */
export const friendlyMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code !== 'invalid_type') return undefined;
  return issue.input === undefined ? 'is required' : `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
};

/**
 * A field-level `error` option for schemas whose type name alone would say
 * too little ("must be a numeric Shopify id" rather than "must be a number").
 * @returns a message function: "is required" when the field is absent,
 * "must be <what>" otherwise.
 */
export function expecting(what: string): (issue: { input: unknown }) => string {
  return (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`);
}

/**
 * A field path as reasons write it.
 * @returns the keys joined with dots ("line_items.2.price"), or "payload" for
 * the body itself.
 */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : 'payload';
}

/**
 * The refusal reason for a failed parse.
 * @param at where the parsed value sits in the body (Stripe's `data.object`,
 * a batch's `events.3`), so the reason names the field as the sender wrote it.
 * @returns the first issue as "path: message", or "<at>: is invalid" when zod
 * reported none.
 */
function firstIssue(error: z.ZodError, at: readonly PropertyKey[] = []): string {
  const issue = error.issues[0];
  if (!issue) return `${formatPath(at)}: is invalid`;
  return `${formatPath([...at, ...issue.path])}: ${issue.message}`;
}

/** What `checkPayload` returns: the parsed value, or why it was refused. */
export type CheckedPayload<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface CheckOptions {
  /** Where the value sits in the body; prefixes the reason's path (see `firstIssue`). */
  at?: readonly PropertyKey[];
  /** An error map that words more issues than `friendlyMessage`, for schemas that need it. */
  messages?: z.core.$ZodErrorMap;
}

/**
 * Parses `json` with `schema` and the friendly messages.
 * @returns `{ ok: true, value }`, or `{ ok: false, reason }` with the first
 * issue as "path: message". Does not throw for bad input.
 */
export function checkPayload<T>(schema: z.ZodType<T>, json: unknown, options: CheckOptions = {}): CheckedPayload<T> {
  const parsed = schema.safeParse(json, { error: options.messages ?? friendlyMessage });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: firstIssue(parsed.error, options.at) };
}

/** A non-negative decimal written without thousands separators: "24.90", "1200". */
export const DECIMAL_AMOUNT = /^\d+(?:\.\d+)?$/;

/**
 * A non-negative decimal amount as text, sent either as a string ("24.90") or
 * as a bare JSON number. It stays text because how many decimals are allowed
 * depends on the currency, which the adapter applies when it converts to
 * minor units; the pattern is checked here because the money parser drops
 * commas as thousands separators, which would read "24,20" as 2420.
 */
export const decimalAmount = z
  .union([z.string(), z.number()], { error: expecting('a decimal amount') })
  .transform((value) => String(value).trim())
  .refine((value) => DECIMAL_AMOUNT.test(value), 'must be a decimal amount');

/**
 * An ISO 8601 date-time with a zone. Adapters turn it into a Date, so beyond
 * the format it must be one Date can read: an Invalid Date would otherwise
 * slip into the timeline.
 * @param described what a bad value "must be", with an example.
 * @returns the schema; its value stays the text as sent.
 */
export function realDateTime(described: string) {
  return z.iso
    .datetime({ offset: true, error: expecting(described) })
    .refine((value) => !Number.isNaN(Date.parse(value)), 'must be a real date and time');
}

/** Text that senders may leave out or send as null; `present` tells "" apart. */
export const optionalText = z.string().nullish();

/**
 * Senders send "" (or spaces) as readily as null for an absent e-mail, name
 * or subject.
 * @returns the trimmed text, or undefined when nothing is left.
 */
export function present(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** A person's names as domain events carry them. */
export interface PersonNames {
  firstName?: string;
  lastName?: string;
}

/**
 * Splits a single full-name field at the first run of spaces ("Ana María
 * Ruiz" → "Ana" + "María Ruiz"), for senders that keep one name field.
 * @returns no names for a blank name, only `firstName` for a single word.
 */
export function splitName(fullName: string | null | undefined): PersonNames {
  const full = present(fullName);
  if (!full) return {};
  const [firstName, ...rest] = full.split(/\s+/);
  return rest.length > 0 ? { firstName, lastName: rest.join(' ') } : { firstName };
}

/** A record with separate name fields: a customer, a billing or a shipping address. */
export interface NamedParty {
  first_name?: string | null | undefined;
  last_name?: string | null | undefined;
}

/**
 * The names of the first party that has either name. Both come from the same
 * party: mixing the buyer's first name with a gift recipient's last name from
 * the shipping address would invent a person.
 * @returns that party's names (either may be undefined), or undefined when no
 * party has a name.
 */
export function partyNames(parties: readonly (NamedParty | null | undefined)[]): PersonNames | undefined {
  for (const party of parties) {
    const firstName = present(party?.first_name);
    const lastName = present(party?.last_name);
    if (firstName || lastName) return { firstName, lastName };
  }
  return undefined;
}

/**
 * A value in an accepted body that was dropped because it could not be read
 * (the rest of the body still lands). Logged by its code and where it was,
 * never by its value: these are personal data.
 */
export interface IgnoredValue {
  code: 'birthday_unreadable';
  /** The field's path in delightbot's own words ("customer.note", "meta_data.birthday"). */
  field: string;
}
