import type { DomainEvent } from '../../history/events.js';
import type { IgnoredValue } from '../payload-kit.js';
import { requireValid } from '../request-kit.js';
import { parseShopifyCheckout } from './checkout-payload.js';
import { parseShopifyCustomer } from './customer-payload.js';
import { parseOrderStateChange, parseOrderUpdated } from './order-state-payload.js';
import type { ParsedTopic } from './payload-helpers.js';
import { parseShopifyRefund } from './refund-payload.js';

type TopicParser = (json: unknown, rawText: string) => ParsedTopic;

/**
 * The Shopify topics besides `orders/create` that become domain events (the
 * privacy topics are read by privacy-payload.ts, before these). A Map, not an
 * object literal: a topic header such as "constructor" must not find a
 * prototype member.
 */
const TOPIC_PARSERS = new Map<string, TopicParser>([
  ['orders/paid', parseOrderStateChange],
  ['orders/cancelled', parseOrderStateChange],
  ['orders/updated', parseOrderUpdated],
  ['refunds/create', parseShopifyRefund],
  ['customers/create', parseShopifyCustomer],
  ['customers/update', parseShopifyCustomer],
  ['checkouts/create', parseShopifyCheckout],
  ['checkouts/update', parseShopifyCheckout],
]);

/**
 * The domain events of a verified body of one of the topics above.
 * @returns the events (none for a topic delightbot does not use) and the
 * values dropped as unreadable.
 * @throws IngestError('invalid_payload') naming the first bad field, never its value.
 */
export function shopifyTopicEvents(topic: string, json: unknown, body: Buffer): { events: DomainEvent[]; ignored?: IgnoredValue[] } {
  const parse = TOPIC_PARSERS.get(topic);
  if (!parse) return { events: [] };
  const { events, ignored } = requireValid(parse(json, body.toString('utf8')));
  return { events, ignored };
}
