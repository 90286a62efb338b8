import type { Config } from '../config.js';
import { shopifySource } from './shopify/source.js';
import type { WebhookSource } from './webhook-route.js';

/**
 * Every webhook source delightbot serves, one line each. A source whose secret
 * is not configured stays registered and answers 404, so a sender pointed at
 * the wrong instance gets a clear answer instead of silence.
 */
export function webhookSources(config: Config): WebhookSource[] {
  return [
    shopifySource(config.secrets.shopify),
  ];
}
