import type { Db } from '../../db/client.js';
import type { DomainEvent } from '../events.js';
import { allCustomerIds, matchCustomers } from './match-customers.js';
import { redactCustomers, type RedactionCounts } from './redact.js';
import { completeRequest, openRequest, type PrivacyKind, type RequestKey } from './requests.js';

/** What handling one privacy event did inside its transaction. Ids and counts only. */
export interface HandledRequest {
  key: RequestKey;
  /** Null when the same request had been recorded before: nothing was done again. */
  requestId: number | null;
  /** How many customer records the request matched. */
  matched: number;
  counts: RedactionCounts | null;
  staleExports: string[];
}

type PrivacyEvent = Extract<DomainEvent, { type: 'customer_redact_requested' | 'customer_data_requested' | 'shop_redact_requested' }>;

const KIND: Record<PrivacyEvent['type'], PrivacyKind> = {
  customer_redact_requested: 'customer_redact',
  customer_data_requested: 'customer_data_request',
  shop_redact_requested: 'shop_redact',
};

/** Narrows a domain event to the three privacy requests. */
export function isPrivacyEvent(event: DomainEvent): event is PrivacyEvent {
  return event.type in KIND;
}

/** The request's identity: stable across redeliveries of the same request. */
export function requestKeyOf(event: PrivacyEvent): RequestKey {
  return { source: event.source, kind: KIND[event.type], externalId: event.externalId };
}

/**
 * Acts on a privacy request inside the transaction that received it:
 * redactions are carried out at once (so the sender's 2xx means "erased"),
 * data requests are recorded as pending for the export after the commit.
 * A request recorded before is not acted on again.
 */
export function handlePrivacyEvent(tx: Db, event: DomainEvent, actor: string, now: Date): HandledRequest | null {
  if (!isPrivacyEvent(event)) return null;
  const key = requestKeyOf(event);
  const matchedIds = event.type === 'shop_redact_requested' ? allCustomerIds(tx) : matchCustomers(tx, event.source, event.customer);
  const handled: HandledRequest = { key, requestId: null, matched: matchedIds.length, counts: null, staleExports: [] };
  if (event.type === 'customer_data_requested') {
    handled.requestId = openRequest(tx, key, matchedIds[0] ?? null, now);
    return handled;
  }
  handled.requestId = openRequest(tx, key, null, now);
  if (handled.requestId === null) return handled;
  const report = redactCustomers(tx, matchedIds, actor, now);
  completeRequest(tx, handled.requestId, now, { forgetCustomer: true });
  return { ...handled, counts: report.counts, staleExports: report.staleExports };
}
