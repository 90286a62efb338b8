import type { IncomingMessage } from 'node:http';
import { verifyHmacBase64 } from '../hmac.js';
import { bodyDigest, parseJsonBody, requestHeader, requireValid } from '../request-kit.js';
import type { WebhookSource } from '../webhook-route.js';
import { parseWooCustomer, parseWooOrder, type ParsedWoo } from './payload.js';

/** Topics turned into domain events; any other is acknowledged and ignored. */
const PARSERS = new Map<string, (json: unknown) => ParsedWoo>([
  ['order.created', parseWooOrder],
  ['order.updated', parseWooOrder],
  ['customer.created', parseWooCustomer],
]);

/** The save-time ping's whole body, e.g. "webhook_id=12". */
const PING_BODY = /^webhook_id=\d+$/;

/**
 * WooCommerce webhooks: `X-WC-Webhook-Signature` is the base64 HMAC-SHA256
 * of the raw body under the webhook's secret, and `X-WC-Webhook-Topic` says
 * what the body is ("order.created").
 */
export function wooCommerceSource(secrets: readonly string[]): WebhookSource {
  return {
    name: 'woocommerce',
    path: '/webhooks/woocommerce',
    secrets,
    isPing: isWooPing,
    verify: (req, body, activeSecrets) => verifyHmacBase64(body, requestHeader(req, 'x-wc-webhook-signature'), activeSecrets),
    interpret: (req, body) => {
      const topic = requestHeader(req, 'x-wc-webhook-topic') ?? 'unknown';
      const json = parseJsonBody(body);
      const parse = PARSERS.get(topic);
      // Ignored topics are recorded once per distinct body; their content never matters.
      if (!parse) return { delivery: { source: 'woocommerce', deliveryId: bodyDigest(body), topic }, events: [] };
      const parsed = requireValid(parse(json));
      return { delivery: { source: 'woocommerce', deliveryId: parsed.deliveryId, topic }, events: parsed.events, ignored: parsed.ignored };
    },
  };
}

/**
 * When a webhook is saved, WooCommerce checks the URL with an unsigned,
 * form-encoded POST whose body is only `webhook_id=<id>`, and refuses to
 * activate the webhook unless it gets a 200. It carries nothing to record.
 */
function isWooPing(req: IncomingMessage, body: Buffer): boolean {
  const type = requestHeader(req, 'content-type')?.toLowerCase();
  if (type !== undefined && !type.startsWith('application/x-www-form-urlencoded')) return false;
  return body.length <= 64 && PING_BODY.test(body.toString('utf8').trim());
}
