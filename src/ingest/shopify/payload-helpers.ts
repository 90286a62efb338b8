import { z } from 'zod';
import type { DomainEvent } from '../../history/events.js';
import { BIRTHDAY_KEYS, birthdayFrom, keyedCandidates, noteCandidate, type BirthdayFinding } from '../birthday-fields.js';
import { checkPayload, expecting, realDateTime, type IgnoredValue } from '../payload-kit.js';

/** Schema pieces and id handling shared by the Shopify topics; ../payload-kit.ts has what every source shares. */

/** A topic body's domain events and the values dropped as unreadable, or why it was refused (never quoting payload values). */
export type ParsedTopic = { ok: true; events: DomainEvent[]; ignored?: IgnoredValue[] } | { ok: false; reason: string };

/** The fields of a Customer resource a birthday can be kept in; read leniently, never validated. */
export const birthdayFields = { note: z.unknown().optional(), metafields: z.unknown().optional() };

/**
 * A Shopify customer's birthday. Shopify has no birthday field: shops keep it
 * in a metafield (sent only when the webhook subscription names its
 * namespace), or as a "Birthday: …" line in the customer's note.
 * @param at the customer's path in the body ("" for a customer topic,
 * "customer." inside an order), for the log.
 * @returns a metafield keyed birthday, birth_date or date_of_birth (any
 * namespace) when it reads as a date, else the note's line; or the field that
 * held an unreadable one.
 */
export function customerBirthday(customer: { note?: unknown; metafields?: unknown } | null | undefined, at: string): BirthdayFinding {
  if (!customer) return {};
  return birthdayFrom([...keyedCandidates(customer.metafields, BIRTHDAY_KEYS, `${at}metafields`), ...noteCandidate(customer.note, `${at}note`)]);
}

/**
 * Shopify ids are 64-bit integers: usually JSON numbers, sometimes quoted.
 * Not z.int(), which caps at 2^53: bigger ids are recovered by `exactId`.
 */
export const shopifyId = z.union(
  [
    z.number().refine((n) => Number.isInteger(n) && n > 0, 'must be a numeric Shopify id'),
    z.string().regex(/^[1-9]\d*$/, 'must be a numeric Shopify id'),
  ],
  { error: expecting('a numeric Shopify id') },
);

export const dateTime = realDateTime('an ISO 8601 date-time such as 2026-11-20T10:15:00-05:00');

/** Where an id that JSON.parse rounded can be found again: a GraphQL gid, or the raw body under a key. */
export interface IdSources {
  gid?: string | null | undefined;
  raw?: { text: string; key: string };
}

/**
 * The exact decimal text of a Shopify id.
 * @returns the id as text, or undefined when it is above 2^53 (rounded by
 * JSON.parse, as in Shopify's own test payloads) and neither the gid nor the
 * raw body recovers it. A rounded id is never returned: it could name another record.
 */
export function exactId(id: number | string, sources: IdSources = {}): string | undefined {
  if (typeof id === 'string') return id;
  if (Number.isSafeInteger(id)) return String(id);
  const digits = sources.gid ? /\/(\d+)$/.exec(sources.gid)?.[1] : undefined;
  if (digits !== undefined && Number(digits) === id) return digits;
  return sources.raw ? idFromText(sources.raw.text, sources.raw.key, id) : undefined;
}

/**
 * Finds the digits written after `"<key>":` in the raw body that round to the
 * parsed number. Only an unambiguous match counts: ids minted close together
 * (a refund's line items) can round to the same number.
 */
function idFromText(text: string, key: string, rounded: number): string | undefined {
  const candidates = new Set<string>();
  for (const match of text.matchAll(new RegExp(`"${key}"\\s*:\\s*(\\d+)`, 'g'))) {
    const digits = match[1];
    if (digits !== undefined && Number(digits) === rounded) candidates.add(digits);
  }
  const [only] = candidates;
  return candidates.size === 1 ? only : undefined;
}

/**
 * Validates `json` against `schema` and converts it.
 * @returns `{ ok: false, reason }` with the first issue as "path: problem" when
 * the schema refuses the body; whatever `convert` returns otherwise.
 */
export function withPayload<T>(schema: z.ZodType<T>, json: unknown, convert: (payload: T) => ParsedTopic): ParsedTopic {
  const checked = checkPayload(schema, json);
  return checked.ok ? convert(checked.value) : checked;
}
