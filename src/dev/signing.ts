import { createHmac } from 'node:crypto';

/** Headers exactly as Slack signs a request: v0=HMAC-SHA256(secret, "v0:<ts>:<body>"). */
export function slackSignatureHeaders(secret: string, body: string, at: Date = new Date()): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const signature = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${signature}` };
}

/** X-Shopify-Hmac-Sha256 as Shopify computes it: base64 HMAC-SHA256 of the raw body. */
export function shopifyHmac(secret: string, body: string | Buffer): string {
  return createHmac('sha256', secret).update(body).digest('base64');
}
