import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { DomainEvent } from '../../history/events.js';
import { verifyHmacBase64 } from '../hmac.js';
import { IngestError } from '../http-errors.js';
import type { WebhookSource } from '../webhook-route.js';
import { parseShopifyOrder } from './order-payload.js';
import { shopifyTopicEvents } from './topics.js';
import { parseShopifyPrivacy, PRIVACY_TOPICS } from './privacy-payload.js';

/** `orders/create`; topics.ts reads the other topics, and any topic neither knows is acknowledged and ignored. */
const ORDER_TOPICS = new Set(['orders/create']);

/**
 * Shopify webhooks: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the
 * raw body under the app's client secret (or the notification key shown in
 * Settings → Notifications → Webhooks for webhooks made by hand).
 */
export function shopifySource(secrets: readonly string[]): WebhookSource {
  return {
    name: 'shopify',
    path: '/webhooks/shopify',
    secrets,
    verify: (req, body, activeSecrets) => verifyHmacBase64(body, header(req, 'x-shopify-hmac-sha256'), activeSecrets),
    interpret: (req, body) => {
      const topic = header(req, 'x-shopify-topic') ?? 'unknown';
      const delivery = { source: 'shopify', deliveryId: deliveryIdOf(req, body), topic };
      const json = parseJson(body);
      if (PRIVACY_TOPICS.has(topic)) {
        const privacy = parseShopifyPrivacy(topic, json, delivery.deliveryId);
        if (!privacy.ok) throw new IngestError('invalid_payload', privacy.reason);
        return { delivery, events: [privacy.event] };
      }
      if (!ORDER_TOPICS.has(topic)) return { delivery, events: shopifyTopicEvents(topic, json, body) };
      const parsed = parseShopifyOrder(json);
      if (!parsed.ok) throw new IngestError('invalid_payload', parsed.reason);
      const events: DomainEvent[] = [parsed.event];
      return { delivery, events };
    },
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Shopify reuses `X-Shopify-Webhook-Id` when it retries a delivery. Without
 * it, the body's hash stands in, so a byte-identical resend is still caught.
 */
function deliveryIdOf(req: IncomingMessage, body: Buffer): string {
  return header(req, 'x-shopify-webhook-id') ?? `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new IngestError('malformed_json', 'The body is not valid JSON.');
  }
}
