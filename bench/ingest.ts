/**
 * Webhook ingest throughput of the real app, next to the simplest baseline.
 *
 *   npm run bench -- [--n 5000] [--c 16] [--warmup 500] [--orders-per-customer 4] [--dir /tmp]
 *
 * Starts delightbot as the tests do (real HTTP, real Shopify signatures, the
 * Slack stand-in, a SQLite file in `--dir` with the real pragmas, no cron
 * jobs), sends `--warmup` then `--n` signed `orders/create` webhooks with
 * `--c` in flight from a child process, and prints deliveries/s, p50/p99
 * latency and the server's CPU ms per delivery (this process: the app, its
 * outbox posting cards, and the stand-in). Then does the same against a bare
 * node:http server that checks the same HMAC and does one INSERT per
 * delivery (bench/ingest-baseline.ts). Customers get several orders each, so
 * histories grow as in a shop. With synchronous=FULL every commit waits for
 * the disk: `--dir /dev/shm` takes the disk out and measures CPU alone.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, devNull, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { startSlackStandIn } from '../src/dev/slack-stand-in/index.js';
import { createLogger } from '../src/logger.js';
import { startDelightbot } from '../src/start.js';
import { shopifyOrder } from '../tests/helpers/shopify-orders.js';
import { startBaseline } from './ingest-baseline.js';
import type { ChildMessage, ClientJob, ClientResult, ParentMessage } from './ingest-client.js';

const SHOPIFY_SECRET = 'shpss_bench_secret_0123456789';
const BOT_TOKEN = 'xoxb-bench-token';

interface Options {
  n: number;
  inFlight: number;
  warmup: number;
  ordersPerCustomer: number;
  dir: string;
}

interface Measured {
  label: string;
  result: ClientResult;
  cpuMs: number;
  systemMs: number;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      n: { type: 'string', default: '5000' },
      c: { type: 'string', default: '16' },
      warmup: { type: 'string', default: '500' },
      'orders-per-customer': { type: 'string', default: '4' },
      dir: { type: 'string', default: tmpdir() },
    },
  });
  const whole = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1, got "${text}"`);
    return value;
  };
  return {
    n: whole('n', values.n),
    inFlight: whole('c', values.c),
    warmup: whole('warmup', values.warmup),
    ordersPerCustomer: whole('orders-per-customer', values['orders-per-customer']),
    dir: values.dir,
  };
}

/** One JSON body a line: orders placed over the last minutes by customers with several orders each. */
function writeBodies(path: string, total: number, ordersPerCustomer: number): void {
  const customers = Math.max(1, Math.round(total / ordersPerCustomer));
  const start = Date.now() - total * 1000;
  const lines: string[] = [];
  for (let i = 0; i < total; i++) {
    const customer = i % customers;
    const cents = 1000 + ((i * 7919) % 20000);
    const price = (cents / 100).toFixed(2);
    const order = shopifyOrder({
      id: 5_000_000 + i,
      number: 10_000 + i,
      email: `customer${customer}@bench.example`,
      customerId: 9_000_000 + customer,
      firstName: 'Bench',
      lastName: `Customer ${customer}`,
      total: price,
      createdAt: new Date(start + i * 1000).toISOString(),
      items: [{ title: 'Merino scarf', variant: 'Blue', quantity: 1, price }],
    });
    lines.push(JSON.stringify(order));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/** Runs the client against `url`: the warm-up unmeasured, then the measured run. @returns its result and this process's CPU meanwhile. */
async function drive(url: string, base: Omit<ClientJob, 'url'>, afterRun: () => Promise<void>): Promise<Omit<Measured, 'label'>> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./ingest-client.ts', import.meta.url)));
  const next = () =>
    new Promise<ChildMessage>((resolve, reject) => {
      child.once('message', (message: ChildMessage) => resolve(message));
      child.once('exit', (code) => reject(new Error(`the load generator exited with ${code}`)));
    });
  const send = (message: ParentMessage) => child.send(message);
  send({ type: 'run', job: { ...base, url } });
  await next();
  await afterRun();
  const cpu = process.cpuUsage();
  send({ type: 'go' });
  const done = await next();
  if (done.type !== 'done') throw new Error('the load generator answered out of turn');
  await afterRun();
  const used = process.cpuUsage(cpu);
  return { result: done.result, cpuMs: (used.user + used.system) / 1000, systemMs: used.system / 1000 };
}

async function benchApp(dir: string, job: Omit<ClientJob, 'url'>): Promise<Measured & { cards: number }> {
  const standIn = await startSlackStandIn({ botToken: BOT_TOKEN });
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: 'bench-signing-secret-0123456789',
    SLACK_API_URL: standIn.apiUrl,
    DELIGHT_CHANNEL_ID: 'C0BENCH0001',
    DATABASE_PATH: join(dir, 'delight.db'),
    PORT: '0',
    SHOPIFY_WEBHOOK_SECRET: SHOPIFY_SECRET,
    LOG_LEVEL: 'info',
  });
  // Logged as in production (JSON lines, written synchronously), into the void.
  const logger = createLogger('info', pino.destination({ dest: devNull, sync: true }));
  const running = await startDelightbot({ config, logger, jobs: false });
  try {
    const measured = await drive(`http://127.0.0.1:${running.port}/webhooks/shopify`, job, () => running.outbox.idle());
    return { label: 'delightbot', ...measured, cards: standIn.callsTo('chat.postMessage').length };
  } finally {
    await running.stop();
    await standIn.close();
  }
}

async function benchBaseline(dir: string, job: Omit<ClientJob, 'url'>): Promise<Measured> {
  const baseline = await startBaseline(join(dir, 'baseline.db'), SHOPIFY_SECRET);
  try {
    return { label: 'bare http + 1 INSERT', ...(await drive(baseline.url, job, () => Promise.resolve())) };
  } finally {
    await baseline.close();
  }
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function row({ label, result, cpuMs, systemMs }: Measured): string {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const rate = Math.round(result.deliveries / (result.wallMs / 1000));
  const cells = [String(rate), percentile(sorted, 50).toFixed(1), percentile(sorted, 99).toFixed(1), (cpuMs / result.deliveries).toFixed(3), (systemMs / result.deliveries).toFixed(3)];
  const refused = Object.entries(result.statuses).filter(([status]) => status !== '200');
  const note = refused.length > 0 ? `  NOT 200: ${JSON.stringify(Object.fromEntries(refused))}` : '';
  return `${label.padEnd(22)}${cells.map((cell) => cell.padStart(14)).join('')}${note}`;
}

async function main(): Promise<void> {
  const opts = options();
  const dir = mkdtempSync(join(opts.dir, 'delightbot-bench-'));
  try {
    const bodiesFile = join(dir, 'bodies.jsonl');
    writeBodies(bodiesFile, opts.warmup + opts.n, opts.ordersPerCustomer);
    const job = { secret: SHOPIFY_SECRET, bodiesFile, warmup: opts.warmup, inFlight: opts.inFlight };
    console.log(
      `${opts.n} signed Shopify orders/create (after ${opts.warmup} warm-up), ${opts.inFlight} in flight, ~${opts.ordersPerCustomer} orders per customer; ` +
        `SQLite in ${opts.dir}; ${availableParallelism()} cores, load average ${loadavg()[0]?.toFixed(1)}, Node ${process.versions.node}`,
    );
    const app = await benchApp(dir, job);
    const baseline = await benchBaseline(dir, job);
    console.log(`${''.padEnd(22)}${['deliveries/s', 'p50 ms', 'p99 ms', 'CPU ms/deliv.', 'of it kernel'].map((h) => h.padStart(14)).join('')}`);
    console.log(row(app));
    console.log(row(baseline));
    console.log(`(delightbot posted ${app.cards} cards to the Slack stand-in; CPU is the server process's, the load generator runs apart)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
