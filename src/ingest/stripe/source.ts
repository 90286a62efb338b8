import type { IncomingMessage } from 'node:http';
import Stripe from 'stripe';
import { anySecretMatches } from '../hmac.js';
import { parseJsonBody, requestHeader, requireValid } from '../request-kit.js';
import type { WebhookSource } from '../webhook-route.js';
import { parseStripeEvent } from './event-payload.js';

/** How old or how far ahead a signed timestamp may be, in seconds (Stripe's own default tolerance). */
const TOLERANCE_SECONDS = 300;

/**
 * Stripe webhooks: `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">` under the endpoint's signing secret (whsec_…), checked
 * by the official package. While a secret is being rolled Stripe signs with
 * both, so every listed secret is tried.
 */
export function stripeSource(secrets: readonly string[]): WebhookSource {
  return {
    name: 'stripe',
    path: '/webhooks/stripe',
    secrets,
    verify: verifyStripeSignature,
    interpret: (_req, body) => {
      const parsed = requireValid(parseStripeEvent(parseJsonBody(body)));
      return { delivery: { source: 'stripe', deliveryId: parsed.id, topic: parsed.type }, events: parsed.events, ignored: parsed.ignored };
    },
  };
}

/**
 * Verifies the signature and the timestamp against the app's clock, both
 * ways: the package refuses only timestamps older than the tolerance, and a
 * timestamp far in the future would let a captured request be replayed later.
 */
function verifyStripeSignature(req: IncomingMessage, body: Buffer, secrets: readonly string[], now: Date): boolean {
  const signature = requestHeader(req, 'stripe-signature');
  if (!signature) return false;
  const signedAt = signedTimestamp(signature);
  if (signedAt === undefined || signedAt - now.getTime() / 1000 > TOLERANCE_SECONDS) return false;
  return anySecretMatches(secrets, (secret) => verifiesWith(body, signature, secret, now));
}

/**
 * `signature.verifyHeader` is what `constructEvent` runs before it parses the
 * body; calling it alone keeps parsing in `interpret`, so a signed body that is
 * not JSON gets a 400 rather than passing for a bad signature. `receivedAt`
 * makes the age check use the app's clock instead of the machine's.
 */
function verifiesWith(body: Buffer, signature: string, secret: string, now: Date): boolean {
  const verifier = Stripe.webhooks.signature;
  if (!verifier) return false;
  try {
    return verifier.verifyHeader(body, signature, secret, TOLERANCE_SECONDS, undefined, now.getTime());
  } catch {
    // A mismatch, a stale timestamp and a malformed header all throw.
    return false;
  }
}

/** The `t=` value, read the way the package reads it (the last `t=` wins). */
function signedTimestamp(signature: string): number | undefined {
  let timestamp: number | undefined;
  for (const item of signature.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') timestamp = Number.parseInt(value ?? '', 10);
  }
  return timestamp === undefined || Number.isNaN(timestamp) ? undefined : timestamp;
}
