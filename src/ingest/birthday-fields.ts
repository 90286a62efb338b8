import { parseBirthday } from '../history/birthday.js';
import type { IgnoredValue } from './payload-kit.js';

/**
 * Where stores and help desks keep a customer's birthday, and how to read it
 * there. A birthday is enrichment: nothing here ever refuses a body. A field
 * that holds something unreadable is reported as an `IgnoredValue`.
 */

/** Keys a custom field, metafield or metadata entry holding the birthday goes by. */
export const BIRTHDAY_KEYS: readonly string[] = ['birthday', 'birth_date', 'date_of_birth'];

/** A value that may hold the birthday, and its path for the log. */
export interface BirthdayCandidate {
  field: string;
  value: unknown;
}

/** What a payload says about the birthday: the date, or the field that held something unreadable. */
export interface BirthdayFinding {
  birthday?: string;
  ignored?: IgnoredValue;
}

/**
 * Picks the birthday from candidates in order of preference.
 * @returns the first candidate that reads as a birthday; otherwise, when some
 * candidate held a value (blank text and null do not count), the first such
 * field as ignored; otherwise nothing.
 */
export function birthdayFrom(candidates: readonly BirthdayCandidate[]): BirthdayFinding {
  let unreadable: string | undefined;
  for (const { field, value } of candidates) {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    const birthday = parseBirthday(value);
    if (birthday !== null) return { birthday };
    unreadable ??= field;
  }
  return unreadable === undefined ? {} : { ignored: { code: 'birthday_unreadable', field: unreadable } };
}

/** @returns the finding's ignored value as a list for a parse result, or undefined when nothing was ignored. */
export function ignoredList(finding: BirthdayFinding): IgnoredValue[] | undefined {
  return finding.ignored ? [finding.ignored] : undefined;
}

/** "Birthday: …", "DOB: …", "Date of birth: …" at the start of a line, any case. */
const NOTE_LABEL = /^[ \t]*(?:birthday|dob|date of birth)[ \t]*:(.*)$/im;

/**
 * The birthday line of a free-text note, such as a Shopify customer's note.
 * Only a labelled line counts: "her son's birthday is March 3" is not hers.
 * @returns the text after the first label, as a candidate; none when the note
 * is not text or has no such line.
 */
export function noteCandidate(note: unknown, field: string): BirthdayCandidate[] {
  if (typeof note !== 'string') return [];
  const line = NOTE_LABEL.exec(note);
  return line ? [{ field, value: line[1] }] : [];
}

/**
 * Entries of a `[{ key, value }]` list (Shopify metafields, WooCommerce
 * meta_data) whose key is one of `keys` (any case), in the order of `keys`.
 * Anything that is not such a list, or not such an entry, is passed over.
 * @returns candidates named "<list>.<key>".
 */
export function keyedCandidates(list: unknown, keys: readonly string[], listName: string): BirthdayCandidate[] {
  if (!Array.isArray(list)) return [];
  const entries = list.filter(isKeyedEntry);
  return keys.flatMap((key) =>
    entries.filter((entry) => entry.key.trim().toLowerCase() === key).map((entry) => ({ field: `${listName}.${key}`, value: entry.value })),
  );
}

/**
 * Values of a plain object (Stripe metadata, Zendesk user_fields) under `keys`, in that order.
 * @returns candidates named "<objectName>.<key>"; none when it is not an object.
 */
export function recordCandidates(record: unknown, keys: readonly string[], objectName: string): BirthdayCandidate[] {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return [];
  const values = record as Record<string, unknown>;
  return keys.filter((key) => Object.hasOwn(values, key)).map((key) => ({ field: `${objectName}.${key}`, value: values[key] }));
}

function isKeyedEntry(entry: unknown): entry is { key: string; value: unknown } {
  return typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string';
}
