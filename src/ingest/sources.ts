import type { Config } from '../config.js';
import { shopifySource } from './shopify/source.js';
import { stripeSource } from './stripe/source.js';
import { wooCommerceSource } from './woocommerce/source.js';
import { zendeskSource } from './zendesk/source.js';
import { helpScoutSource } from './helpscout/source.js';
import { genericSource } from './generic/source.js';
import type { WebhookSource } from './webhook-route.js';

/**
 * Every webhook source delightbot serves, one line each. A source whose secret
 * is not configured stays registered and answers 404, so a sender pointed at
 * the wrong instance gets a clear answer instead of silence.
 */
export function webhookSources(config: Config): WebhookSource[] {
  return [
    shopifySource(config.secrets.shopify),
    stripeSource(config.secrets.stripe),
    wooCommerceSource(config.secrets.woocommerce),
    zendeskSource(config.secrets.zendesk),
    helpScoutSource(config.secrets.helpscout),
    genericSource(config.secrets.generic),
  ];
}
