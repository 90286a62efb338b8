import type { Logger } from 'pino';
import type { Db } from '../../db/client.js';
import type { DomainEvent } from '../events.js';
import { completeDataRequests } from './data-requests.js';
import { scrubFilesAfterErasure } from './files.js';
import { handlePrivacyEvent, type HandledRequest } from './handle.js';

export { handlePrivacyEvent, isPrivacyEvent, type HandledRequest } from './handle.js';
export { matchCustomers } from './match-customers.js';
export { redactCustomers, REDACTED_TITLE, type RedactionCounts, type RedactionReport } from './redact.js';
export { openRequest, completeRequest, type PrivacyKind, type RequestKey } from './requests.js';
export { completeDataRequests, dataRequestNotice } from './data-requests.js';
export { collectCustomerData, writeExportFile, type CustomerExport } from './export.js';
export { scrubFilesAfterErasure, type FileScrub } from './files.js';
export { forgetCustomerByEmail, type ForgetOutcome } from './forget.js';

export interface PrivacyDeps {
  db: Db;
  exportDir: string;
  logger: Logger;
  now: () => Date;
}

export interface PrivacyHooks {
  /** For `ApplyOptions.onPrivacyRequest`: runs inside the delivery's transaction. */
  onPrivacyRequest: (tx: Db, event: DomainEvent, now: Date) => void;
  /**
   * Runs after the delivery committed: clears the WAL after erasures, writes
   * exports for data requests. Never throws; the caller kicks the outbox next
   * so the queued notices and card updates go out.
   */
  afterCommit: (events: readonly DomainEvent[]) => void;
}

/** The webhook side of privacy requests, for every source. Logs ids and counts, never personal data. */
export function privacyHooks(deps: PrivacyDeps): PrivacyHooks {
  const { logger } = deps;
  // Filled inside transactions, taken after the commit; a rolled-back entry is overwritten by the redelivery.
  const handled = new Map<string, HandledRequest>();
  const keyOf = (event: DomainEvent) => `${event.source}\u0000${event.type}\u0000${event.externalId}`;
  return {
    onPrivacyRequest: (tx, event, now) => {
      const outcome = handlePrivacyEvent(tx, event, 'delightbot', now);
      if (outcome) handled.set(keyOf(event), outcome);
    },
    afterCommit: (events) => {
      const outcomes = events.map((event) => handled.get(keyOf(event))).filter((outcome): outcome is HandledRequest => outcome !== undefined);
      for (const event of events) handled.delete(keyOf(event));
      for (const outcome of outcomes) {
        const { key, requestId, matched, counts } = outcome;
        logger.info({ source: key.source, kind: key.kind, requestId, repeated: requestId === null, matched, counts }, 'privacy request recorded');
      }
      const erasures = outcomes.filter((outcome) => outcome.counts !== null);
      if (erasures.length > 0) guard(logger, 'privacy file scrub failed', () => scrub(deps, erasures));
      if (outcomes.some((outcome) => outcome.key.kind === 'customer_data_request')) guard(logger, 'privacy export failed', () => exportPending(deps));
    },
  };
}

function scrub(deps: PrivacyDeps, erasures: readonly HandledRequest[]): void {
  const result = scrubFilesAfterErasure(deps.db, erasures.flatMap((outcome) => outcome.staleExports));
  deps.logger[result.walCleared ? 'info' : 'warn']({ walCleared: result.walCleared, exportsRemoved: result.exportsRemoved }, 'erased data scrubbed from the database files');
}

function exportPending(deps: PrivacyDeps): void {
  for (const done of completeDataRequests(deps.db, deps.exportDir, deps.now())) {
    deps.logger.info({ requestId: done.requestId, customerId: done.customerId, dataHeld: done.dataHeld }, 'customer data export written');
  }
}

/** After the commit nothing may throw back into the webhook route: the sender already has its answer. */
function guard(logger: Logger, message: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    logger.error({ err: { type: error instanceof Error ? error.name : typeof error, code: (error as { code?: unknown }).code } }, message);
  }
}
