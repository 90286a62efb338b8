import { createHash, createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { anySecretMatches, sameSignature } from '../hmac.js';
import { parseJsonBody, requestHeader, requireValid } from '../request-kit.js';
import type { WebhookSource } from '../webhook-route.js';
import { parseGenericBody } from './schema.js';

const SIGNATURE_HEADER = 'x-delight-signature';
const TIMESTAMP_HEADER = 'x-delight-timestamp';
const SIGNATURE_PREFIX = 'sha256=';

/** How far the signed timestamp may be from our clock, either way, before a request counts as replayed. */
const MAX_SKEW_SECONDS = 5 * 60;

/**
 * delightbot's own webhook for any other sender (docs/generic-webhook.md).
 * `X-Delight-Signature: sha256=<hex>` is the HMAC-SHA256 of
 * `<X-Delight-Timestamp>.<raw body>` under the shared secret, the timestamp
 * being Unix seconds; signing the timestamp is what makes an old request
 * useless to replay.
 */
export function genericSource(secrets: readonly string[]): WebhookSource {
  return {
    name: 'generic',
    path: '/webhooks/generic',
    secrets,
    verify: verifyGenericSignature,
    interpret: (_req, body) => {
      const parsed = requireValid(parseGenericBody(parseJsonBody(body)));
      const [first] = parsed.keys;
      const single = !parsed.batch && first !== undefined;
      return {
        delivery: {
          source: 'generic',
          deliveryId: single ? first : batchDeliveryId(parsed.keys),
          topic: single ? first.slice(0, first.indexOf(':')) : 'batch',
        },
        events: parsed.events,
      };
    },
  };
}

/** Checks the timestamp window, then the signature against every active secret. */
function verifyGenericSignature(req: IncomingMessage, body: Buffer, secrets: readonly string[], now: Date): boolean {
  const timestamp = requestHeader(req, TIMESTAMP_HEADER);
  const signature = requestHeader(req, SIGNATURE_HEADER);
  if (timestamp === undefined || signature === undefined || !isWithinWindow(timestamp, now)) return false;
  if (!signature.startsWith(SIGNATURE_PREFIX)) return false;
  const received = signature.slice(SIGNATURE_PREFIX.length);
  return anySecretMatches(secrets, (secret) => sameSignature(signHex(secret, timestamp, body), received));
}

/** Lower-case hex, as `openssl dgst -sha256 -hmac` prints it. */
function signHex(secret: string, timestamp: string, body: Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

function isWithinWindow(timestamp: string, now: Date): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(now.getTime() / 1000 - Number(timestamp)) <= MAX_SKEW_SECONDS;
}

/**
 * A batch has no id of its own. The ids of its events, in order, stand in: a
 * resend of the same batch is a duplicate, while events resent in another
 * batch are applied again and deduplicated by the recorders per object id.
 */
function batchDeliveryId(keys: readonly string[]): string {
  return `batch:${createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32)}`;
}
