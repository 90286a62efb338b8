/**
 * Peak memory and speed of `delight import` on a large Shopify export.
 *
 *   npx tsx bench/import-memory.ts [rows=200000] [--keep]
 *
 * Generates a synthetic orders export of about `rows` rows (79 columns,
 * 1–4 line items per order, quoted commas and multi-line notes) in a temp
 * folder, imports it twice into a fresh database (first run: everything new;
 * second: everything already known) and prints rows/s and peak RSS. Not run
 * by the tests: it takes minutes. The point is that peak RSS stays flat as
 * the file grows — run it with 50000 and 200000 rows to compare.
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { runImport } from '../src/cli/import/index.js';
import { csvLine, orderRows, rowLine, SHOPIFY_ORDER_COLUMNS, syntheticOrder } from '../tests/helpers/shopify-csv.js';

const MB = 1024 * 1024;

async function writeExport(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  out.write(`\uFEFF${csvLine(SHOPIFY_ORDER_COLUMNS)}\r\n`);
  let written = 0;
  for (let n = 0; written < rows; n++) {
    const lines = orderRows(syntheticOrder(n)).map((row) => `${rowLine(row).replace(/\n/g, '\r\n')}\r\n`);
    written += lines.length;
    // Respect backpressure, or the generator itself would hold the file in memory.
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  return written;
}

/** Samples RSS while `work` runs; the import yields to the event loop between chunks of the file. */
async function measure<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRss: number }> {
  let peakRss = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  const started = performance.now();
  try {
    const result = await work();
    return { result, seconds: (performance.now() - started) / 1000, peakRss: Math.max(peakRss, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function main(): Promise<void> {
  const rows = Number(process.argv.find((arg) => /^\d+$/.test(arg)) ?? 200_000);
  const keep = process.argv.includes('--keep');
  const dir = mkdtempSync(join(tmpdir(), 'delightbot-import-bench-'));
  const file = join(dir, 'orders_export.csv');
  try {
    const written = await writeExport(file, rows);
    const size = statSync(file).size;
    console.log(`file: ${written.toLocaleString('en-US')} rows, ${(size / MB).toFixed(1)} MB (${file})`);
    const baseline = process.memoryUsage.rss();
    console.log(`RSS before the import: ${(baseline / MB).toFixed(0)} MB`);
    for (const label of ['first import (all new)', 'second import (all known)']) {
      const stdout = new Capture();
      const run = await measure(() => runImport([file], { env: { DATABASE_PATH: join(dir, 'delight.db') }, stdout, stderr: process.stderr }));
      if (run.result !== 0) throw new Error(`import failed with exit code ${run.result}:\n${stdout.text}`);
      const rate = Math.round(written / run.seconds).toLocaleString('en-US');
      console.log(`${label}: ${run.seconds.toFixed(1)} s, ${rate} rows/s, peak RSS ${(run.peakRss / MB).toFixed(0)} MB`);
      console.log(stdout.text.replace(/^/gm, '    ').trimEnd());
    }
    console.log(`process max RSS (getrusage): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
