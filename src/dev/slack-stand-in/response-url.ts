import { isRecord } from './block-kit-checker.js';
import { checkMessageBlocks } from './block-kit-rules.js';
import { STAND_IN_IDENTITY, type ResponseUrlSource } from './types.js';
import type { Workspace } from './workspace.js';

/** response_url answers are plain text, not Web API JSON. */
export type ResponseUrlAnswer = { status: number; text: string };

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Applies a response_url payload to the workspace the way Slack would, or refuses it with Slack's 400. */
export function applyResponsePayload(workspace: Workspace, source: ResponseUrlSource, body: unknown): ResponseUrlAnswer {
  if (!isRecord(body)) return { status: 400, text: 'invalid_payload' };
  const { channel, messageTs, userId } = source;
  if (isTrue(body['delete_original'])) {
    if (channel !== undefined && messageTs !== undefined) workspace.removeMessage(channel, messageTs);
    return { status: 200, text: 'ok' };
  }
  const verdict = checkMessageBlocks(body['blocks']);
  if (verdict.kind !== 'valid') return { status: 400, text: 'invalid_blocks' };
  const text = typeof body['text'] === 'string' ? body['text'] : '';
  if (text === '' && verdict.blocks.length === 0 && body['attachments'] === undefined) {
    return { status: 400, text: 'no_text' };
  }

  const content = { text, blocks: verdict.blocks };
  const original = channel !== undefined && messageTs !== undefined ? workspace.findMessage(channel, messageTs) : undefined;
  if (isTrue(body['replace_original']) && original) {
    Object.assign(original, content, { edited: true });
  } else if (body['response_type'] === 'in_channel' && channel !== undefined) {
    const threadTs = typeof body['thread_ts'] === 'string' ? { threadTs: body['thread_ts'] } : {};
    const message = { channel, ts: workspace.nextTs(), ...content, user: STAND_IN_IDENTITY.userId, edited: false };
    workspace.messages.push({ ...message, ...threadTs });
  } else if (channel !== undefined && userId !== undefined) {
    workspace.ephemerals.push({ channel, user: userId, ...content });
  }
  return { status: 200, text: 'ok' };
}
