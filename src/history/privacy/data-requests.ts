import type { Db } from '../../db/client.js';
import { immediate } from '../../db/client.js';
import { enqueueNotice } from '../../nudges/notice-queue.js';
import { collectCustomerData, writeExportFile } from './export.js';
import { completeRequest, pendingDataRequests, type PrivacyRequestRow } from './requests.js';

export interface CompletedExport {
  requestId: number;
  customerId: number | null;
  dataHeld: boolean;
}

/**
 * Writes the export for every pending data request, marks each done with its
 * path and queues a notice for the delight channel. Runs after the commit, so
 * the webhook's answer never waits for the file; a request left pending by a
 * crash or a disk error is picked up by the next run.
 * Synchronous on purpose: no other work interleaves between writing a file and
 * marking its request done, so one request never gets two exports.
 */
export function completeDataRequests(db: Db, exportDir: string, now: Date): CompletedExport[] {
  const done: CompletedExport[] = [];
  for (const request of pendingDataRequests(db)) {
    const data = collectCustomerData(db, request.id, request.customerId, now);
    const path = writeExportFile(exportDir, data, now);
    const customerId = data.dataHeld ? request.customerId : null;
    const marked = immediate(db, (tx) => {
      if (!completeRequest(tx, request.id, now, { exportPath: path })) return false;
      enqueueNotice(tx, dataRequestNotice(request, customerId, path), now);
      return true;
    });
    if (marked) done.push({ requestId: request.id, customerId, dataHeld: data.dataHeld });
  }
  return done;
}

/**
 * The channel message for a data request: where it came from and where the
 * export is. Never the e-mail or name — the notice sits in the queue and in
 * Slack's history long after the export is handed over.
 */
export function dataRequestNotice(request: Pick<PrivacyRequestRow, 'id' | 'source'>, customerId: number | null, path: string): string {
  const head = `:inbox_tray: A customer data request arrived from ${request.source} (request #${request.id}`;
  const file = `\`${slackSafe(path)}\``;
  if (customerId === null) return `${head}). No data is held about this customer; the export at ${file} says so. Reply to the request with it.`;
  return `${head}, customer #${customerId}). The export is at ${file} on the delightbot server: send it to the customer and delete it afterwards.`;
}

/** Slack reads &, < and > as markup even inside code spans. */
function slackSafe(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
