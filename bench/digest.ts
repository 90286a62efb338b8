/**
 * How long the weekly digest takes to compute, and its chart to render, as
 * the store grows.
 *
 *   npm run bench:digest -- [--stores 1,5,20] [--dir /tmp]
 *
 * Each size plants that many seeded sample stores (src/dev/sample-store.ts:
 * 200 days, about 1,400 delight moments, 1,700 orders and 1,000 ratings
 * each) into one SQLite file with the real migrations and pragmas, then
 * times buildDigest (all metrics, the holdout comparison and twelve chart
 * weeks) and the chart's SVG → PNG, five runs each after one warm-up, and
 * prints the median.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import { openDatabase, runMigrations } from '../src/db/client.js';
import { customers, moments, orders } from '../src/db/schema.js';
import { plantSampleStore, SAMPLE_DIGEST_SETTINGS, SAMPLE_NOW } from '../src/dev/sample-store.js';
import { buildDigest } from '../src/digest/build-digest.js';
import { median } from '../src/digest/stats.js';
import { digestPeriod } from '../src/digest/week.js';
import { digestChartPng } from '../src/slack/digest-publisher.js';

const NOW = SAMPLE_NOW;
const SETTINGS = SAMPLE_DIGEST_SETTINGS;

function timed(run: () => unknown, times = 5): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  // Never null: at least one sample is taken.
  return median(samples)!;
}

const { values } = parseArgs({ options: { stores: { type: 'string', default: '1,5,20' }, dir: { type: 'string' } } });
console.log('stores  customers  orders   moments  digest ms  chart ms  database MB');
for (const size of values.stores.split(',').map(Number)) {
  const dir = mkdtempSync(join(values.dir ?? tmpdir(), 'delightbot-bench-digest-'));
  const opened = openDatabase(join(dir, 'bench.db'));
  try {
    runMigrations(opened);
    for (let store = 0; store < size; store++) plantSampleStore(opened.db, { now: NOW, seed: 1_000 + store, budget: store === 0 });
    const { db } = opened;
    const rows = (table: typeof customers | typeof orders | typeof moments) => db.select({ n: count() }).from(table).get()!.n;
    const period = digestPeriod(NOW, SETTINGS.timeZone);
    let digest = buildDigest(db, period, SETTINGS, NOW);
    const digestMs = timed(() => (digest = buildDigest(db, period, SETTINGS, NOW)));
    const chartMs = timed(() => digestChartPng(digest));
    const pages = opened.sqlite.pragma('page_count', { simple: true }) as number;
    const pageSize = opened.sqlite.pragma('page_size', { simple: true }) as number;
    console.log(
      `${String(size).padStart(6)}  ${String(rows(customers)).padStart(9)}  ${String(rows(orders)).padStart(6)}  ${String(rows(moments)).padStart(8)}  ${digestMs.toFixed(1).padStart(9)}  ${chartMs.toFixed(1).padStart(8)}  ${((pages * pageSize) / 1e6).toFixed(1).padStart(11)}`,
    );
  } finally {
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
