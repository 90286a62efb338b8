import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { count } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { customers } from '../../db/schema.js';
import { readGenericJsonl } from './generic-jsonl.js';
import { createProgress, type ProgressStats, type ProgressStream } from './progress.js';
import { readShopifyCsv } from './shopify-csv.js';
import { SkippedFile } from './skipped-file.js';
import { readStripeJsonl } from './stripe-jsonl.js';
import { ImportFormatError, type ImportFormat, type ImportItem, type SkippedRow } from './types.js';
import { BatchWriter, type ImportCounts } from './writer.js';

const READERS: Readonly<Record<ImportFormat, (input: Readable) => AsyncGenerator<ImportItem>>> = {
  'shopify-csv': readShopifyCsv,
  'stripe-jsonl': readStripeJsonl,
  'generic-jsonl': readGenericJsonl,
};

export interface ImportOptions {
  file: string;
  format: ImportFormat;
  skippedPath: string;
  /** The input's size, for the progress bar. */
  totalBytes: number;
  progressStream: ProgressStream;
  now: () => Date;
  batchEvents?: number;
}

export interface ImportResult {
  file: string;
  format: ImportFormat;
  /** Data rows read (CSV records or non-blank JSON lines). */
  rows: number;
  counts: ImportCounts;
  customersBefore: number;
  customersAfter: number;
  skipped: { path: string; count: number; examples: SkippedRow[] };
  seconds: number;
  /** Why the import stopped before the end of the file; everything before it is stored. */
  stoppedBecause?: string;
}

/**
 * Streams `file` through its reader into the database: memory stays flat
 * whatever the file size, because only the current record and one batch are
 * held. Skipped rows go to the skipped-rows file as they come.
 * @throws database errors; a malformed file is reported in `stoppedBecause` instead.
 */
export async function importFile(db: Db, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const input = createReadStream(options.file);
  let bytesRead = 0;
  input.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  const skipped = new SkippedFile(options.skippedPath, options.format === 'shopify-csv' ? 'csv' : 'jsonl');
  const failed: SkippedRow[] = [];
  const writer = new BatchWriter(db, {
    now: options.now,
    batchEvents: options.batchEvents,
    onFailure: (unit, reason) => failed.push(...unit.source.map((row) => ({ kind: 'skip' as const, ...row, reason }))),
  });
  const customersBefore = countCustomers(db);
  const progress = createProgress(options.progressStream, options.totalBytes);
  let rows = 0;
  const stats = (): ProgressStats => ({ rows, orders: writer.counts.orders.new + writer.counts.orders.known, newCustomers: countCustomers(db) - customersBefore });
  let stoppedBecause: string | undefined;
  try {
    try {
      for await (const item of READERS[options.format](input)) {
        if (item.kind === 'header') skipped.setHeader(item.columns);
        else if (item.kind === 'skip') {
          rows++;
          await skipped.add(item);
        } else {
          rows += item.rows;
          writer.add(item);
        }
        // Units that failed to store are not skipped rows until then: the rest of their batch went in.
        while (failed.length > 0) await skipped.add(failed.shift() as SkippedRow);
        progress.update(bytesRead, stats);
      }
    } catch (error) {
      if (!(error instanceof ImportFormatError)) throw error;
      stoppedBecause = error.message;
    }
    // What was read before a format error is complete records: they are stored.
    writer.flush();
    for (const row of failed.splice(0)) await skipped.add(row);
  } finally {
    progress.stop(bytesRead, stats());
    input.destroy();
    await skipped.close();
  }
  return {
    file: options.file,
    format: options.format,
    rows,
    counts: writer.counts,
    customersBefore,
    customersAfter: countCustomers(db),
    skipped: { path: options.skippedPath, count: skipped.count, examples: skipped.examples },
    seconds: (performance.now() - started) / 1000,
    stoppedBecause,
  };
}

function countCustomers(db: Db): number {
  return db.select({ n: count() }).from(customers).get()?.n ?? 0;
}
