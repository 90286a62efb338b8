import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRecord } from './block-kit-checker.js';

/**
 * @slack/web-api form-encodes every argument and JSON-stringifies the non-primitive ones,
 * so these arrive as strings. Only known fields are parsed back: a `text` of "[1]" must stay text.
 */
const JSON_VALUED_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'metadata',
  'user_auth_blocks',
  'unfurls',
  'options',
  'option_groups',
  // files.completeUploadExternal: [{ id, title }].
  'files',
]);

export type ParsedArgs =
  | { ok: true; args: Record<string, unknown>; bodyToken: string | undefined }
  | { ok: false; error: string };

export async function readBody(req: IncomingMessage): Promise<string> {
  return (await readRawBody(req)).toString('utf8');
}

/** The body as bytes: an uploaded PNG must not go through a UTF-8 decode. */
export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Arguments of a Web API call from the query string plus a form or JSON body, as Slack accepts them. */
export function parseApiArgs(contentType: string | undefined, body: string, query: URLSearchParams): ParsedArgs {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  const fromQuery = decodeForm(query);
  if (mediaType === 'application/json') {
    const parsed = tryParseJson(body || '{}');
    if (!isRecord(parsed)) return { ok: false, error: 'invalid_json' };
    const args = { ...fromQuery, ...parsed };
    // Slack ignores a token inside a JSON body: JSON callers must use the Authorization header.
    delete args['token'];
    return { ok: true, args, bodyToken: undefined };
  }
  if (mediaType !== '' && mediaType !== 'application/x-www-form-urlencoded') {
    return { ok: false, error: 'invalid_form_data' };
  }
  const args = { ...fromQuery, ...decodeForm(new URLSearchParams(body)) };
  const token = args['token'];
  delete args['token'];
  return { ok: true, args, bodyToken: typeof token === 'string' ? token : undefined };
}

function decodeForm(form: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of form) {
    args[key] = JSON_VALUED_FIELDS.has(key) ? (tryParseJson(value) ?? value) : value;
  }
  return args;
}

export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

export function sendText(res: ServerResponse, status: number, text: string, contentType = 'text/plain', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': `${contentType}; charset=utf-8`, ...headers });
  res.end(text);
}
