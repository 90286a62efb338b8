import type { IncomingMessage } from 'node:http';
import type { DomainEvent } from '../../history/events.js';
import { verifyHmacBase64 } from '../hmac.js';
import { bodyDigest, parseJsonBody, requestHeader, requireValid } from '../request-kit.js';
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
    verify: (req, body, activeSecrets) => verifyHmacBase64(body, requestHeader(req, 'x-shopify-hmac-sha256'), activeSecrets),
    interpret: (req, body) => {
      const topic = requestHeader(req, 'x-shopify-topic') ?? 'unknown';
      const delivery = { source: 'shopify', deliveryId: deliveryIdOf(req, body), topic };
      const json = parseJsonBody(body);
      if (PRIVACY_TOPICS.has(topic)) {
        const privacy = requireValid(parseShopifyPrivacy(topic, json, delivery.deliveryId));
        return { delivery, events: [privacy.event] };
      }
      if (!ORDER_TOPICS.has(topic)) return { delivery, ...shopifyTopicEvents(topic, json, body) };
      const parsed = requireValid(parseShopifyOrder(json));
      const events: DomainEvent[] = [parsed.event];
      return { delivery, events, ignored: parsed.ignored };
    },
  };
}

/**
 * Shopify reuses `X-Shopify-Webhook-Id` when it retries a delivery. Without
 * it, the body's hash stands in, so a byte-identical resend is still caught.
 */
function deliveryIdOf(req: IncomingMessage, body: Buffer): string {
  return requestHeader(req, 'x-shopify-webhook-id') ?? bodyDigest(body);
}
