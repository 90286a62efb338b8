import type { BlocksVerdict } from './block-kit-rules.js';

/** The JSON body of a Web API answer. */
export type ApiResult = { ok: boolean } & Record<string, unknown>;

export function failure(error: string, messages: string[] = []): ApiResult {
  return messages.length === 0
    ? { ok: false, error }
    : { ok: false, error, response_metadata: { messages: messages.map((message) => `[ERROR] ${message}`) } };
}

export function missingArgument(field: string): ApiResult {
  return failure('invalid_arguments', [`missing required field: ${field} [json-pointer:/${field}]`]);
}

/** Slack's answer to bad message blocks: `errors` plus the same text in response_metadata. */
export function blocksFailure(verdict: Exclude<BlocksVerdict, { kind: 'valid' }>): ApiResult {
  const error = verdict.kind === 'malformed' ? 'invalid_blocks_format' : 'invalid_blocks';
  return { ...failure(error, verdict.errors), errors: verdict.errors };
}

export function stringArg(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : undefined;
}
