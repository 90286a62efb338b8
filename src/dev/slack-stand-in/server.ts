import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { callMethod } from './api-methods.js';
import { bearerToken, parseApiArgs, readBody, readRawBody, sendJson, sendText, tryParseJson } from './http.js';
import { applyResponsePayload } from './response-url.js';
import { type ApiResult, failure } from './results.js';
import type {
  InjectedFailure,
  RecordedCall,
  RecordedResponse,
  ResponseUrlSource,
  SlackStandIn,
  StandInOptions,
} from './types.js';
import { receiveUpload } from './upload-endpoint.js';
import { Workspace } from './workspace.js';

const POLL_INTERVAL_MS = 10;

/** Roughly what Slack's edge returns when the backend falls over; @slack/web-api surfaces it as an HTTP error. */
const INTERNAL_ERROR_PAGE =
  '<html><head><title>500 Internal Server Error</title></head><body><h1>Internal Server Error</h1></body></html>';

/** A local Slack Web API plus response_url endpoint, for running the real Bolt app without slack.com. */
export async function startSlackStandIn(options: StandInOptions = {}): Promise<SlackStandIn> {
  const workspace = new Workspace();
  const calls: RecordedCall[] = [];
  const responses: RecordedResponse[] = [];
  const plannedFailures = new Map<string, InjectedFailure[]>();
  const plannedUploadFailures: { status: number; retryAfterSeconds: number | undefined }[] = [];
  const responseUrlSources = new Map<string, ResponseUrlSource>();

  async function handleApiCall(method: string, req: IncomingMessage, res: ServerResponse, query: URLSearchParams) {
    const parsed = parseApiArgs(req.headers['content-type'], await readBody(req), query);
    const args = parsed.ok ? parsed.args : {};
    const record = (response: unknown) => calls.push({ method, args, at: Date.now(), response });

    const planned = plannedFailures.get(method)?.shift();
    if (planned) {
      record(sendInjectedFailure(res, planned));
      return;
    }
    const result = parsed.ok
      ? (checkAuth(bearerToken(req.headers.authorization) ?? parsed.bodyToken, options.botToken) ??
        callMethod(workspace, method, args, { baseUrl }))
      : failure(parsed.error);
    record(result);
    sendJson(res, 200, result);
  }

  async function handleResponseUrl(url: string, req: IncomingMessage, res: ServerResponse) {
    const source = responseUrlSources.get(url);
    const body = tryParseJson(await readBody(req));
    // Slack answers unknown or expired response_urls with a 404.
    const answer = source ? applyResponsePayload(workspace, source, body) : { status: 404, text: 'expired_url' };
    responses.push({ url, body, at: Date.now(), status: answer.status });
    sendText(res, answer.status, answer.text);
  }

  /** An upload URL from files.getUploadURLExternal: pre-signed, so no token is checked, as at Slack. */
  async function handleUpload(url: string, req: IncomingMessage, res: ServerResponse) {
    const body = await readRawBody(req);
    const planned = plannedUploadFailures.shift();
    if (planned !== undefined) {
      const headers: Record<string, string> = planned.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(planned.retryAfterSeconds) };
      if (planned.status >= 500) sendText(res, planned.status, INTERNAL_ERROR_PAGE, 'text/html', headers);
      else sendText(res, planned.status, 'upload refused', 'text/plain', headers);
      return;
    }
    const answer = await receiveUpload(workspace, url, req.headers['content-type'], body);
    sendText(res, answer.status, answer.text);
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', baseUrl);
    if (url.pathname.startsWith('/api/')) {
      return handleApiCall(decodeURIComponent(url.pathname.slice('/api/'.length)), req, res, url.searchParams);
    }
    if (url.pathname.startsWith('/response/') && req.method === 'POST') {
      return handleResponseUrl(`${baseUrl}${url.pathname}`, req, res);
    }
    if (url.pathname.startsWith('/upload/') && req.method === 'POST') {
      return handleUpload(`${baseUrl}${url.pathname}`, req, res);
    }
    sendText(res, 404, 'not_found');
  }

  const server = createServer((req, res) => {
    // A bug in the stand-in should fail the calling test loudly, not hang it.
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendText(res, 500, `slack stand-in crashed: ${String(error)}`);
    });
  });
  const port = await listen(server, options.port ?? 0);
  const baseUrl = `http://127.0.0.1:${port}`;
  let responseUrlCount = 0;

  const standIn: SlackStandIn = {
    apiUrl: `${baseUrl}/api/`,
    calls,
    responses,
    messages: workspace.messages,
    ephemerals: workspace.ephemerals,
    views: workspace.views,
    files: workspace.files,
    newResponseUrl(source = {}) {
      responseUrlCount += 1;
      const url = `${baseUrl}/response/${responseUrlCount}`;
      responseUrlSources.set(url, source);
      return url;
    },
    callsTo: (method) => calls.filter((call) => call.method === method),
    failNext(method, injected, times = 1) {
      const queue = plannedFailures.get(method) ?? [];
      for (let i = 0; i < times; i += 1) queue.push(injected);
      plannedFailures.set(method, queue);
    },
    failNextUpload(status, times = 1, retryAfterSeconds) {
      for (let i = 0; i < times; i += 1) plannedUploadFailures.push({ status, retryAfterSeconds });
    },
    setUserGroup(groupId, userIds) {
      workspace.userGroups.set(groupId, [...userIds]);
    },
    waitFor: (probe, timeoutMs = 5000) => pollUntil(probe, timeoutMs, () => describeCalls(calls)),
    reset() {
      calls.splice(0);
      responses.splice(0);
      plannedFailures.clear();
      plannedUploadFailures.splice(0);
      workspace.reset();
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // fetch keeps sockets alive; without this close() waits for them to time out.
      server.closeAllConnections();
      await closed;
    },
  };
  return standIn;
}

function checkAuth(token: string | undefined, expected: string | undefined): ApiResult | undefined {
  if (token === undefined || token === '') return failure('not_authed');
  if (expected !== undefined && token !== expected) return failure('invalid_auth');
  return undefined;
}

/** Sends the injected failure and returns what to record as the call's response. */
function sendInjectedFailure(res: ServerResponse, injected: InjectedFailure): unknown {
  if ('error' in injected) {
    const body = failure(injected.error);
    sendJson(res, 200, body);
    return body;
  }
  if (injected.status === 429) {
    const body = failure('ratelimited');
    sendJson(res, 429, body, { 'Retry-After': String(injected.retryAfterSeconds) });
    return body;
  }
  sendText(res, 500, INTERNAL_ERROR_PAGE, 'text/html');
  return INTERNAL_ERROR_PAGE;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function describeCalls(calls: RecordedCall[]): string {
  if (calls.length === 0) return 'no Web API calls were made';
  const recent = calls.slice(-10).map((call) => {
    const response = call.response as { ok?: boolean; error?: unknown } | undefined;
    const outcome = response?.ok ? 'ok' : typeof response?.error === 'string' ? response.error : 'failed';
    return `${call.method} (${outcome})`;
  });
  return `last Web API calls: ${recent.join(', ')}`;
}

async function pollUntil<T>(probe: () => T | undefined | false, timeoutMs: number, context: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = probe();
      if (value !== undefined && value !== false && value !== null) return value;
    } catch (error) {
      // A probe that indexes into a not-yet-filled array throws; that just means "not yet".
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const thrown = lastError instanceof Error ? ` Last probe error: ${lastError.message}.` : '';
      throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for ${probe.toString().slice(0, 200)}.${thrown} ${context()}`);
    }
    await sleep(POLL_INTERVAL_MS);
  }
}
