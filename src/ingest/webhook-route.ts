import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { DomainEvent } from '../history/events.js';
import { applyDelivery, type AppliedDelivery, type ApplyOptions } from './apply-events.js';
import type { Delivery } from './deliveries.js';
import { IngestError, sendError, sendOk } from './http-errors.js';
import type { IgnoredValue } from './payload-kit.js';
import { BodyError, ONE_MIB, readRawBody } from './read-body.js';

/** One webhook sender: how to check its signature and read its payloads. */
export interface WebhookSource {
  name: string;
  path: string;
  /** Active secrets; empty disables the route (404). */
  secrets: readonly string[];
  /**
   * Recognises an unsigned "is this URL alive?" request some senders make when
   * a webhook is saved (WooCommerce). It gets a 200 and causes nothing.
   */
  isPing?(req: IncomingMessage, body: Buffer): boolean;
  /** Checks the signature over the raw bytes, before anything is parsed. */
  verify(req: IncomingMessage, body: Buffer, secrets: readonly string[], now: Date): boolean;
  /**
   * Turns a verified body into a delivery and its domain events (none for
   * topics we ignore), with the values it dropped as unreadable.
   * @throws IngestError('malformed_json' | 'invalid_payload') for bodies that do not parse or validate.
   */
  interpret(req: IncomingMessage, body: Buffer): { delivery: Delivery; events: DomainEvent[]; ignored?: readonly IgnoredValue[] };
}

export interface WebhookDeps {
  db: Db;
  logger: Logger;
  now: () => Date;
  apply: ApplyOptions;
  /** Called after the commit, once the sender has its answer. */
  onCommitted: (result: AppliedDelivery) => void;
}

/** A Bolt custom route serving one source: POST only, 1 MiB, signature first, 200 after commit. */
export function webhookRoute(source: WebhookSource, deps: WebhookDeps) {
  return {
    path: source.path,
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    handler: (req: IncomingMessage, res: ServerResponse) => {
      handle(source, deps, req, res).catch((error: unknown) => {
        deps.logger.error({ source: source.name, err: errorSummary(error) }, 'webhook handler failed');
        sendError(res, new IngestError('internal', 'Something went wrong on our side; the sender will retry.'));
      });
    },
  };
}

async function handle(source: WebhookSource, deps: WebhookDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (source.secrets.length === 0) {
    sendError(res, new IngestError('not_found', `The ${source.name} source is disabled: set its webhook secret to enable it.`));
    return;
  }
  if (req.method !== 'POST') {
    sendError(res, new IngestError('method_not_allowed', 'Webhooks are delivered with POST.'), { allow: 'POST' });
    return;
  }
  let body: Buffer;
  try {
    body = await readRawBody(req, ONE_MIB);
  } catch (error) {
    if (error instanceof BodyError) {
      const code = error.code === 'body_too_large' ? 'body_too_large' : 'body_aborted';
      sendError(res, new IngestError(code, code === 'body_too_large' ? 'The body is larger than 1 MiB.' : 'The body was cut off.'));
      return;
    }
    throw error;
  }
  const now = deps.now();
  if (source.isPing?.(req, body)) {
    sendOk(res, 'ping');
    return;
  }
  if (!source.verify(req, body, source.secrets, now)) {
    deps.logger.warn({ source: source.name }, 'webhook signature rejected');
    sendError(res, new IngestError('bad_signature', ''));
    return;
  }
  let interpreted: ReturnType<WebhookSource['interpret']>;
  try {
    interpreted = source.interpret(req, body);
  } catch (error) {
    if (error instanceof IngestError) {
      deps.logger.info({ source: source.name, code: error.code }, 'webhook body rejected');
      sendError(res, error);
      return;
    }
    throw error;
  }
  for (const { code, field } of interpreted.ignored ?? []) {
    deps.logger.info({ source: source.name, topic: interpreted.delivery.topic, code, field }, 'webhook value ignored');
  }
  const result = applyDelivery(deps.db, interpreted.delivery, interpreted.events, deps.apply, now);
  deps.logger.info(
    { source: source.name, topic: interpreted.delivery.topic, outcome: result.outcome, nudges: result.nudgeIds.length },
    'webhook delivery',
  );
  sendOk(res, result.outcome);
  deps.onCommitted(result);
}

/** Error class and message only: a stack or cause could carry customer data from a payload. */
function errorSummary(error: unknown): { type: string; message: string } {
  if (error instanceof Error) return { type: error.name, message: error.message.slice(0, 200) };
  return { type: typeof error, message: 'non-error thrown' };
}
