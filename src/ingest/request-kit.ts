import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { IngestError } from './http-errors.js';

/**
 * Reading a webhook request's headers and verified raw body, the same way
 * for every source adapter.
 */

/**
 * One request header. Node gives an array for a header sent more than once;
 * a sender's signature or topic header is only meaningful once, so the first
 * value counts.
 * @param name the header name in lower case, as Node keys `req.headers`.
 * @returns the first value, or undefined when the header is absent.
 */
export function requestHeader(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Parses a raw body as UTF-8 JSON.
 * @returns the parsed value, not yet validated.
 * @throws IngestError('malformed_json') when the body is not JSON; the message
 * does not quote the body.
 */
export function parseJsonBody(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new IngestError('malformed_json', 'The body is not valid JSON.');
  }
}

/**
 * A delivery id for a body whose sender gives none: a byte-identical resend
 * gets the same id and is caught as a duplicate.
 * @returns "sha256:" followed by the body's SHA-256 in lower-case hex.
 */
export function bodyDigest(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

/** What every payload parser returns when it refuses a body. */
export interface Refusal {
  ok: false;
  reason: string;
}

/**
 * Lets an accepted parse result through, or refuses the delivery with a 400.
 * @returns `parsed`, narrowed to its accepted form.
 * @throws IngestError('invalid_payload') carrying the parser's reason, which
 * names the field but never quotes its value.
 */
export function requireValid<Accepted extends { ok: true }>(parsed: Accepted | Refusal): Accepted {
  if (!parsed.ok) throw new IngestError('invalid_payload', parsed.reason);
  return parsed;
}
