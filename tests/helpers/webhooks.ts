import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { eq } from 'drizzle-orm';
import { webhookDeliveries } from '../../src/db/schema.js';
import { IngestError } from '../../src/ingest/http-errors.js';
import type { WebhookSource } from '../../src/ingest/webhook-route.js';
import type { Harness } from './harness.js';

/**
 * POSTs a raw body to a source's webhook route as JSON.
 * @param headers the sender's headers; one set to undefined is left out, so a
 * case can drop a signature or timestamp header. A `content-type` here
 * replaces the default `application/json`.
 * @returns the app's response.
 */
export function postWebhook(baseUrl: string, source: string, body: string, headers: Record<string, string | undefined> = {}): Promise<Response> {
  const sent: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) sent[name] = value;
  return fetch(`${baseUrl}/webhooks/${source}`, { method: 'POST', headers: sent, body });
}

/** @returns the rows of webhook_deliveries recorded for one source, oldest first. */
export function deliveriesOf(h: Harness, source: string) {
  return h.running.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.source, source)).all();
}

/**
 * X-Zendesk-Webhook-Signature exactly as Zendesk computes it, written here
 * rather than taken from src so the tests check the source against the spec.
 * @returns the base64 HMAC-SHA256 of the timestamp followed by the body.
 */
export function zendeskSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(timestamp + body).digest('base64');
}

/**
 * X-Delight-Signature as docs/generic-webhook.md tells senders to compute it,
 * written here rather than taken from src so the tests check the source
 * against the documentation.
 * @returns "sha256=" and the hex HMAC-SHA256 of "<timestamp>.<body>".
 */
export function delightSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Runs a source's `interpret` the way the route does once the signature has
 * passed.
 * @param body the raw body text, as it would arrive.
 * @param headers the request headers `interpret` reads (topic, event name).
 * @returns the delivery and its domain events.
 * @throws whatever `interpret` throws, e.g. IngestError for a refused body.
 */
export function interpretBody(source: WebhookSource, body: string, headers: Record<string, string> = {}) {
  const req = { headers } as unknown as IncomingMessage;
  return source.interpret(req, Buffer.from(body, 'utf8'));
}

/**
 * Runs `refuse`, which must throw an IngestError.
 * @returns that error, for checks on its code and message.
 * @throws the error itself when it is anything else, or an Error when nothing was thrown.
 */
export function ingestErrorFrom(refuse: () => unknown): IngestError {
  try {
    refuse();
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('expected the payload to be rejected');
}
