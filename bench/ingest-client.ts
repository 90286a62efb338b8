/**
 * The load generator of `bench/ingest.ts`, run in a child process so that
 * its own work (signing, HTTP client) is not counted as the server's CPU.
 * Reads the bodies from a file, signs each as Shopify does and keeps
 * `inFlight` requests open over keep-alive connections. The parent drives it
 * over IPC: `run` → the warm-up → `warm` → `go` → the measured run → `done`.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { shopifyHmac } from '../src/dev/signing.js';

export interface ClientJob {
  url: string;
  secret: string;
  bodiesFile: string;
  warmup: number;
  inFlight: number;
}

export interface ClientResult {
  deliveries: number;
  wallMs: number;
  latenciesMs: number[];
  /** HTTP status → count; every delivery should get a 200. */
  statuses: Record<string, number>;
}

export type ParentMessage = { type: 'run'; job: ClientJob } | { type: 'go' };
export type ChildMessage = { type: 'warm' } | { type: 'done'; result: ClientResult };

function post(agent: Agent, url: URL, secret: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-shopify-topic': 'orders/create',
        'x-shopify-hmac-sha256': shopifyHmac(secret, body),
        'x-shopify-shop-domain': 'bench.myshopify.com',
        'x-shopify-webhook-id': randomUUID(),
        'x-shopify-api-version': '2025-10',
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends every body with `inFlight` at a time. @returns each one's latency and status. */
async function send(job: ClientJob, bodies: readonly string[]): Promise<ClientResult> {
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.inFlight });
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (let i = next++; i < bodies.length; i = next++) {
      const sent = performance.now();
      const status = await post(agent, url, job.secret, bodies[i] as string);
      latenciesMs.push(performance.now() - sent);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: job.inFlight }, worker));
  const wallMs = performance.now() - started;
  agent.destroy();
  return { deliveries: bodies.length, wallMs, latenciesMs, statuses };
}

function reply(message: ChildMessage): void {
  process.send?.(message);
}

if (process.send) {
  let job: ClientJob | undefined;
  let bodies: string[] = [];
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'run') {
      job = message.job;
      bodies = readFileSync(job.bodiesFile, 'utf8').split('\n').filter(Boolean);
      void send(job, bodies.slice(0, job.warmup)).then(() => reply({ type: 'warm' }));
    } else if (job) {
      void send(job, bodies.slice(job.warmup)).then((result) => {
        reply({ type: 'done', result });
        process.disconnect();
      });
    }
  });
}
