import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { verifyHmacBase64 } from '../hmac.js';
import { IngestError } from '../http-errors.js';
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
    verify: (req, body, activeSecrets) => verifyHmacBase64(body, header(req, 'x-wc-webhook-signature'), activeSecrets),
    interpret: (req, body) => {
      const topic = header(req, 'x-wc-webhook-topic') ?? 'unknown';
      const json = parseJson(body);
      const parse = PARSERS.get(topic);
      if (!parse) return { delivery: { source: 'woocommerce', deliveryId: bodyDigest(body), topic }, events: [] };
      const parsed = parse(json);
      if (!parsed.ok) throw new IngestError('invalid_payload', parsed.reason);
      return { delivery: { source: 'woocommerce', deliveryId: parsed.deliveryId, topic }, events: parsed.events };
    },
  };
}

/**
 * When a webhook is saved, WooCommerce checks the URL with an unsigned,
 * form-encoded POST whose body is only `webhook_id=<id>`, and refuses to
 * activate the webhook unless it gets a 200. It carries nothing to record.
 */
function isWooPing(req: IncomingMessage, body: Buffer): boolean {
  const type = header(req, 'content-type')?.toLowerCase();
  if (type !== undefined && !type.startsWith('application/x-www-form-urlencoded')) return false;
  return body.length <= 64 && PING_BODY.test(body.toString('utf8').trim());
}

/** Ignored topics are recorded once per distinct body; their content never matters. */
function bodyDigest(body: Buffer): string {
  return `sha256:${createHash('sha256').update(body).digest('hex')}`;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new IngestError('malformed_json', 'The body is not valid JSON.');
  }
}
