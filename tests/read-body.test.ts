import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BodyError, ONE_MIB, readRawBody } from '../src/ingest/read-body.js';

const LIMIT = 1024;

/** What the server saw for one request, so tests can assert on the server side too. */
type Outcome =
  | { ok: true; body: Buffer }
  | { ok: false; code: string; status: number; paused: boolean; dataListeners: number };

let server: Server;
let port: number;
let limit = LIMIT;
let outcome: Promise<Outcome>;
let settle: (value: Outcome) => void;

function expectOutcome(): void {
  outcome = new Promise((resolve) => (settle = resolve));
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    const body = await readRawBody(req, limit);
    settle({ ok: true, body });
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(body.length));
  } catch (error) {
    if (!(error instanceof BodyError)) throw error;
    settle({
      ok: false,
      code: error.code,
      status: error.status,
      paused: req.isPaused(),
      dataListeners: req.listenerCount('data'),
    });
    if (!res.destroyed) res.writeHead(error.status, { connection: 'close' }).end(error.code);
  }
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  limit = LIMIT;
  expectOutcome();
});

/** Sends raw HTTP so a test can lie in Content-Length; resolves with the first bytes of the response. */
function rawRequest(head: string, body: string, { end }: { end: boolean }): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(`${head}\r\n\r\n${body}`);
      if (end) socket.end();
    });
    let response = '';
    socket.on('data', (chunk: Buffer) => {
      response += chunk.toString('latin1');
      if (response.includes('\r\n\r\n')) {
        socket.destroy();
        resolve(response);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(response));
  });
}

/** A chunked upload that keeps the request open until the test decides. */
function chunkedRequest(): { req: ReturnType<typeof request>; response: Promise<IncomingMessage> } {
  const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers: { 'transfer-encoding': 'chunked' } });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.on('response', resolve);
    req.on('error', reject);
  });
  return { req, response };
}

describe('readRawBody over real HTTP', () => {
  it('exports ONE_MIB as 1024 * 1024', () => {
    expect(ONE_MIB).toBe(1_048_576);
  });

  it.each([
    { name: 'empty body', size: 0 },
    { name: 'one byte', size: 1 },
    { name: 'one byte under the limit', size: LIMIT - 1 },
    { name: 'exactly the limit', size: LIMIT },
  ])('accepts $name ($size bytes) byte for byte', async ({ size }) => {
    const sent = Buffer.alloc(size, 0x61);
    sent[0] = 0xff; // a non-UTF-8 byte must survive: signatures cover raw bytes
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: size > 0 ? sent : '' });
    expect(response.status).toBe(200);
    const seen = await outcome;
    expect(seen.ok && seen.body.equals(size > 0 ? sent : Buffer.alloc(0))).toBe(true);
  });

  it('accepts exactly one MiB at the production limit', async () => {
    limit = ONE_MIB;
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: Buffer.alloc(ONE_MIB, 0x7b) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(String(ONE_MIB));
  });

  it.each([
    { name: 'one byte over the limit', size: LIMIT + 1 },
    { name: 'ten times the limit', size: LIMIT * 10 },
  ])('rejects $name with 413 from Content-Length, before reading', async ({ size }) => {
    const response = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: Buffer.alloc(size) });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('body_too_large');
    expect(await outcome).toMatchObject({ ok: false, code: 'body_too_large', status: 413, dataListeners: 0 });
  });

  it('rejects a Content-Length that announces too much even though few bytes follow', async () => {
    // The client never sends the promised megabyte; a 413 arriving anyway
    // proves the server decided from the header without waiting for the body.
    const response = await rawRequest(
      `POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ${ONE_MIB}\r\nContent-Type: application/json`,
      '{"id":1}',
      { end: false },
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(await outcome).toMatchObject({ ok: false, code: 'body_too_large' });
  });

  it('reads only the announced bytes when Content-Length understates the body', async () => {
    // Node's parser takes the surplus for a malformed next request and answers
    // it with its own 400; what matters is that none of it reaches the body.
    await rawRequest(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5`, 'hello, and then much more', { end: false });
    const seen = await outcome;
    expect(seen.ok && seen.body.toString()).toBe('hello');
  });

  it('reports body_aborted when the client hangs up before the announced length arrives', async () => {
    await rawRequest(`POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100`, 'only ten..', { end: true });
    expect(await outcome).toMatchObject({ ok: false, code: 'body_aborted', status: 400, dataListeners: 0 });
  });

  it('accepts a chunked body within the limit, reassembled in order', async () => {
    const { req, response } = chunkedRequest();
    const parts = ['{"a":', '"', 'x'.repeat(LIMIT - 8), '"}'];
    for (const part of parts) req.write(part);
    req.end();
    expect((await response).statusCode).toBe(200);
    const seen = await outcome;
    expect(seen.ok && seen.body.toString()).toBe(parts.join(''));
  });

  it('stops a chunked body as soon as it exceeds the limit, without waiting for the rest', async () => {
    const { req, response } = chunkedRequest();
    req.write(Buffer.alloc(LIMIT, 0x61));
    await new Promise((resolve) => setTimeout(resolve, 20));
    req.write(Buffer.alloc(1, 0x61));
    // The request is never ended: a response can only come from the early stop.
    const res = await response;
    expect(res.statusCode).toBe(413);
    expect(await outcome).toEqual({ ok: false, code: 'body_too_large', status: 413, paused: true, dataListeners: 0 });
    req.destroy();
  });

  it('reports body_aborted when a chunked upload is abandoned midway', async () => {
    const { req, response } = chunkedRequest();
    response.catch(() => {}); // the client side errors by design
    req.write('{"partial":');
    await new Promise((resolve) => setTimeout(resolve, 20));
    req.destroy();
    expect(await outcome).toMatchObject({ ok: false, code: 'body_aborted', status: 400 });
  });
});

describe('BodyError', () => {
  it.each([
    { code: 'body_too_large' as const, status: 413 },
    { code: 'body_aborted' as const, status: 400 },
  ])('$code carries status $status', ({ code, status }) => {
    const error = new BodyError(code, 'x');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code, status, name: 'BodyError' });
  });
});
