import { isRecord } from './block-kit-checker.js';
import { checkMessageBlocks } from './block-kit-rules.js';
import { type ApiResult, blocksFailure, failure, missingArgument, stringArg } from './results.js';
import { STAND_IN_IDENTITY, type StandInMessage } from './types.js';
import type { Workspace } from './workspace.js';

const MAX_TEXT_CHARS = 40_000;

type Content = { text: string; blocks: unknown[] };

/**
 * The text/blocks of a message, or the failure Slack would answer.
 * `textRequired` is false for chat.update, which keeps whatever is not resent.
 */
function readContent(args: Record<string, unknown>, textRequired = true): Content | ApiResult {
  const verdict = checkMessageBlocks(args['blocks']);
  if (verdict.kind !== 'valid') return blocksFailure(verdict);
  const text = typeof args['text'] === 'string' ? args['text'] : '';
  const hasAttachments = args['attachments'] !== undefined && args['attachments'] !== '';
  if (textRequired && text === '' && verdict.blocks.length === 0 && !hasAttachments) return failure('no_text');
  if ([...text].length > MAX_TEXT_CHARS) return failure('msg_too_long');
  return { text, blocks: verdict.blocks };
}

function isContent(value: Content | ApiResult): value is Content {
  return !('ok' in value);
}

function checkMetadata(metadata: unknown): ApiResult | undefined {
  if (metadata === undefined) return undefined;
  const wellFormed =
    isRecord(metadata) && typeof metadata['event_type'] === 'string' && isRecord(metadata['event_payload']);
  return wellFormed ? undefined : failure('invalid_metadata_format');
}

/** The `message` object Slack echoes back from chat.postMessage / chat.update. */
function asSlackMessage(message: StandInMessage): Record<string, unknown> {
  return {
    type: 'message',
    user: message.user,
    bot_id: STAND_IN_IDENTITY.botId,
    app_id: STAND_IN_IDENTITY.appId,
    team: STAND_IN_IDENTITY.teamId,
    text: message.text,
    blocks: message.blocks,
    ts: message.ts,
    ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
    ...(message.metadata === undefined ? {} : { metadata: message.metadata }),
  };
}

export function postMessage(workspace: Workspace, args: Record<string, unknown>): ApiResult {
  const channel = stringArg(args, 'channel');
  if (channel === undefined) return failure('channel_not_found');
  const content = readContent(args);
  if (!isContent(content)) return content;
  const metadataProblem = checkMetadata(args['metadata']);
  if (metadataProblem) return metadataProblem;

  const message: StandInMessage = {
    channel,
    ts: workspace.nextTs(),
    ...content,
    user: STAND_IN_IDENTITY.userId,
    edited: false,
  };
  const threadTs = stringArg(args, 'thread_ts');
  if (threadTs !== undefined) message.threadTs = threadTs;
  if (args['metadata'] !== undefined) message.metadata = args['metadata'];
  workspace.messages.push(message);
  return { ok: true, channel, ts: message.ts, message: asSlackMessage(message) };
}

export function updateMessage(workspace: Workspace, args: Record<string, unknown>): ApiResult {
  const channel = stringArg(args, 'channel');
  if (channel === undefined) return failure('channel_not_found');
  const ts = stringArg(args, 'ts');
  const message = ts === undefined ? undefined : workspace.findMessage(channel, ts);
  if (!message) return failure('message_not_found');
  const content = readContent(args, false);
  if (!isContent(content)) return content;
  if (args['text'] === undefined && args['blocks'] === undefined && args['attachments'] === undefined) {
    return failure('no_text');
  }
  const metadataProblem = checkMetadata(args['metadata']);
  if (metadataProblem) return metadataProblem;

  // Slack keeps whichever of text / blocks the update leaves out.
  if (args['text'] !== undefined) message.text = content.text;
  if (args['blocks'] !== undefined) message.blocks = content.blocks;
  if (args['metadata'] !== undefined) message.metadata = args['metadata'];
  message.edited = true;
  return { ok: true, channel, ts: message.ts, text: message.text, message: asSlackMessage(message) };
}

export function postEphemeral(workspace: Workspace, args: Record<string, unknown>): ApiResult {
  const channel = stringArg(args, 'channel');
  if (channel === undefined) return failure('channel_not_found');
  const user = stringArg(args, 'user');
  if (user === undefined) return missingArgument('user');
  const content = readContent(args);
  if (!isContent(content)) return content;
  workspace.ephemerals.push({ channel, user, ...content });
  return { ok: true, message_ts: workspace.nextTs() };
}
