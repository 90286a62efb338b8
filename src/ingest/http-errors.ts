import type { ServerResponse } from 'node:http';

/**
 * Errors a webhook route answers with. Each carries a code; `sendError` is the
 * one place that maps codes to HTTP statuses and bodies.
 */
export type IngestErrorCode =
  | 'not_found'
  | 'method_not_allowed'
  | 'body_too_large'
  | 'body_aborted'
  | 'bad_signature'
  | 'malformed_json'
  | 'invalid_payload'
  | 'internal';

const STATUS: Record<IngestErrorCode, number> = {
  not_found: 404,
  method_not_allowed: 405,
  body_too_large: 413,
  body_aborted: 400,
  bad_signature: 401,
  malformed_json: 400,
  invalid_payload: 400,
  internal: 500,
};

export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IngestError';
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/**
 * Answers with the error's status. A bad signature gets an empty body: an
 * attacker learns nothing. Other client errors get a short JSON reason so a
 * store owner can see what was wrong in the sender's delivery log.
 */
export function sendError(res: ServerResponse, error: IngestError, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  if (error.code === 'bad_signature') {
    res.writeHead(error.status, { 'content-length': '0', ...headers }).end();
    return;
  }
  const body = JSON.stringify({ error: error.code, message: error.message });
  res.writeHead(error.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: error.status === 413 ? 'close' : 'keep-alive', ...headers });
  res.end(body);
}

/** 200 with a small JSON body saying what happened. */
export function sendOk(res: ServerResponse, outcome: string): void {
  const body = JSON.stringify({ ok: true, outcome });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
}
