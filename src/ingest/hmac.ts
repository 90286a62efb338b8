import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signature checks. Most senders sign in the style Shopify uses: the
 * base64 HMAC of the raw request body, sent in a header
 * (X-Shopify-Hmac-Sha256). The body must be the exact bytes received:
 * re-serialized JSON does not hash the same. Every source, whatever its
 * scheme, tries its secrets through `anySecretMatches`.
 */

export type HmacAlgorithm = 'sha256' | 'sha1';

/**
 * Signs a body the way Shopify does.
 * @returns the base64 HMAC digest of `body` under `secret`.
 */
export function signHmacBase64(body: Buffer | string, secret: string, algorithm: HmacAlgorithm = 'sha256'): string {
  return createHmac(algorithm, secret).update(body).digest('base64');
}

/**
 * Checks a base64 HMAC header against every active secret, so a secret can be
 * rotated by listing the new one next to the old one for a while.
 * @returns true when the header is exactly the signature of `body` under one of
 * the secrets; false for a missing or empty header, an empty secret list, or
 * any mismatch. Never throws on malformed headers.
 */
export function verifyHmacBase64(
  body: Buffer | string,
  header: string | undefined,
  secrets: readonly string[],
  algorithm: HmacAlgorithm = 'sha256',
): boolean {
  if (!header) return false;
  // The canonical base64 text is compared rather than decoded bytes because
  // Node's base64 decoder silently skips invalid characters, which would let
  // several different header strings pass as the same signature.
  return anySecretMatches(secrets, (secret) => sameSignature(signHmacBase64(body, secret, algorithm), header));
}

/**
 * Runs a signature check under each active secret.
 * @returns true when `check` accepts the request under at least one non-empty
 * secret. An empty secret is skipped: it is a configuration slip, and
 * accepting it would let anyone sign a forged body with the empty key.
 */
export function anySecretMatches(secrets: readonly string[], check: (secret: string) => boolean): boolean {
  let matched = false;
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    // Every secret is tried even after a match, so timing does not reveal
    // which secret (old or new) signed the body.
    if (check(secret)) matched = true;
  }
  return matched;
}

/**
 * Compares a computed signature with the one received, in constant time.
 * @returns true only for the exact same text; false for any other, of any length.
 */
export function sameSignature(expected: string, received: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8');
  const receivedBytes = Buffer.from(received, 'utf8');
  return expectedBytes.length === receivedBytes.length && timingSafeEqual(expectedBytes, receivedBytes);
}
