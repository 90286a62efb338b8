import { randomUUID } from 'node:crypto';
import { immediate, type Db } from '../../db/client.js';
import { scrubFilesAfterErasure, type FileScrub } from './files.js';
import { matchCustomers } from './match-customers.js';
import { redactCustomers, type RedactionCounts } from './redact.js';
import { completeRequest, openRequest } from './requests.js';

export interface ForgetOutcome {
  requestId: number;
  matched: number;
  counts: RedactionCounts;
  scrub: FileScrub;
}

/**
 * Erases a customer by e-mail on an operator's request (the CLI): the same
 * erasure as a webhook's, recorded as a privacy request from "cli", then the
 * WAL is cleared. Nothing is recorded when nobody matches.
 * @returns what was erased, or null when no customer has that e-mail.
 */
export function forgetCustomerByEmail(db: Db, email: string, now: Date): ForgetOutcome | null {
  const erased = immediate(db, (tx) => {
    const ids = matchCustomers(tx, 'cli', { email });
    if (ids.length === 0) return null;
    // Each operator request is its own request: a random id, never the e-mail.
    const requestId = openRequest(tx, { source: 'cli', kind: 'customer_redact', externalId: randomUUID() }, null, now);
    if (requestId === null) throw new Error('a fresh privacy request id collided with an existing one');
    const report = redactCustomers(tx, ids, 'cli', now);
    completeRequest(tx, requestId, now, { forgetCustomer: true });
    return { requestId, matched: ids.length, ...report };
  });
  if (!erased) return null;
  const scrub = scrubFilesAfterErasure(db, erased.staleExports);
  return { requestId: erased.requestId, matched: erased.matched, counts: erased.counts, scrub };
}
