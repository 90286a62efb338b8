import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyHmacBase64 } from '../hmac.js';
import { parseJsonBody, requestHeader, requireValid } from '../request-kit.js';
import type { WebhookSource } from '../webhook-route.js';
import { parseZendeskEvent, type ParsedZendesk } from './event-payload.js';
import { parseSatisfactionTrigger, SATISFACTION_TRIGGER_TYPE } from './satisfaction-payload.js';

const SIGNATURE_HEADER = 'x-zendesk-webhook-signature';
const TIMESTAMP_HEADER = 'x-zendesk-webhook-signature-timestamp';

/** How far the signed timestamp may be from our clock, either way, before a request counts as replayed. */
const MAX_SKEW_MS = 5 * 60 * 1000;

/** Zendesk's timestamp header, e.g. "2026-11-23T10:00:00Z". Date.parse alone would accept "1" as the year 2001. */
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})$/;

/**
 * Zendesk webhooks: `X-Zendesk-Webhook-Signature` is the base64 HMAC-SHA256
 * of the `X-Zendesk-Webhook-Signature-Timestamp` value followed by the raw
 * body, under the webhook's signing secret. One URL serves both the webhook
 * subscribed to ticket and user events and the one the satisfaction trigger
 * notifies; Zendesk gives each webhook its own secret, so both are listed.
 */
export function zendeskSource(secrets: readonly string[]): WebhookSource {
  return {
    name: 'zendesk',
    path: '/webhooks/zendesk',
    secrets,
    verify: verifyZendeskSignature,
    interpret: (_req, body) => {
      const json = parseJsonBody(body);
      const parsed = requireValid(isSatisfactionTrigger(json) ? satisfactionDelivery(json, body) : parseZendeskEvent(json));
      return { delivery: { source: 'zendesk', deliveryId: parsed.deliveryId, topic: parsed.topic }, events: parsed.events, ignored: parsed.ignored };
    },
  };
}

/**
 * Checks the timestamp window first (a replayed request is refused however
 * good its signature), then the HMAC against every active secret.
 */
function verifyZendeskSignature(req: IncomingMessage, body: Buffer, secrets: readonly string[], now: Date): boolean {
  const timestamp = requestHeader(req, TIMESTAMP_HEADER);
  if (timestamp === undefined || !isWithinWindow(timestamp, now)) return false;
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body]);
  return verifyHmacBase64(signed, requestHeader(req, SIGNATURE_HEADER), secrets);
}

function isWithinWindow(timestamp: string, now: Date): boolean {
  if (!ISO_TIMESTAMP.test(timestamp)) return false;
  const at = Date.parse(timestamp);
  return !Number.isNaN(at) && Math.abs(now.getTime() - at) <= MAX_SKEW_MS;
}

function isSatisfactionTrigger(json: unknown): boolean {
  return typeof json === 'object' && json !== null && (json as Record<string, unknown>)['type'] === SATISFACTION_TRIGGER_TYPE;
}

/**
 * A trigger request has no event id. The body's hash stands in: a retry of the
 * same request is caught, while a new rating or an added comment renders a
 * different body and counts as a new delivery.
 */
function satisfactionDelivery(json: unknown, body: Buffer): ParsedZendesk {
  const parsed = parseSatisfactionTrigger(json);
  if (!parsed.ok) return parsed;
  const digest = createHash('sha256').update(body).digest('hex').slice(0, 32);
  return { ok: true, deliveryId: `satisfaction:${parsed.ticketId}:${digest}`, topic: SATISFACTION_TRIGGER_TYPE, events: parsed.events };
}
