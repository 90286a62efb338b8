/**
 * The simplest webhook receiver worth the name, as a yardstick for
 * `bench/ingest.ts`: a bare node:http server that reads the body (1 MiB
 * cap), checks the Shopify HMAC the way delightbot does (timing-safe, every
 * secret) and stores the delivery with one INSERT into SQLite opened with
 * delightbot's pragmas, then answers 200. No parsing, no history, no nudges.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase } from '../src/db/client.js';
import { verifyHmacBase64 } from '../src/ingest/hmac.js';
import { ONE_MIB, readRawBody } from '../src/ingest/read-body.js';

export interface Baseline {
  url: string;
  close(): Promise<void>;
}

/** Starts the baseline on 127.0.0.1 with its database at `path`. @returns its webhook URL. */
export async function startBaseline(path: string, secret: string): Promise<Baseline> {
  // Opened as delightbot opens its own, so both pay the same for a durable commit.
  const database = openDatabase(path);
  const { sqlite } = database;
  sqlite.exec(
    'create table deliveries (id integer primary key, delivery_id text not null unique, topic text not null, body text not null, received_at integer not null)',
  );
  const insert = sqlite.prepare('insert into deliveries (delivery_id, topic, body, received_at) values (?, ?, ?, ?) on conflict do nothing');
  const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const server: Server = createServer((req, res) => {
    readRawBody(req, ONE_MIB).then(
      (body) => {
        if (!verifyHmacBase64(body, header(req.headers['x-shopify-hmac-sha256']), [secret])) {
          res.writeHead(401, { 'content-length': '0' }).end();
          return;
        }
        insert.run(header(req.headers['x-shopify-webhook-id']) ?? '', header(req.headers['x-shopify-topic']) ?? '', body.toString('utf8'), Date.now());
        const answer = '{"ok":true}';
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) }).end(answer);
      },
      () => res.writeHead(400, { 'content-length': '0' }).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/shopify`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      database.close();
    },
  };
}
