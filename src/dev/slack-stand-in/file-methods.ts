import { randomBytes } from 'node:crypto';
import { isRecord } from './block-kit-checker.js';
import { checkMessageBlocks } from './block-kit-rules.js';
import { slackFileObject } from './file-object.js';
import { type ApiResult, blocksFailure, failure, missingArgument, stringArg } from './results.js';
import { STAND_IN_IDENTITY, type StandInFile, type StandInMessage } from './types.js';
import type { Workspace } from './workspace.js';

/** Slack's documented limit for `alt_txt`. */
const MAX_ALT_TEXT_CHARS = 1000;

/** Where the stand-in is listening, for upload URLs that point back at it. */
export interface MethodContext {
  baseUrl: string;
}

/**
 * files.getUploadURLExternal: reserves a file id and a single-use upload URL on the stand-in itself.
 * Like Slack, a `length` of 0 answers `missing_argument` rather than `invalid_arguments`.
 */
export function getUploadUrlExternal(workspace: Workspace, args: Record<string, unknown>, context: MethodContext): ApiResult {
  const filename = stringArg(args, 'filename');
  if (filename === undefined) return missingArgument('filename');
  const lengthArg = stringArg(args, 'length');
  if (lengthArg === undefined) return missingArgument('length');
  if (!/^\d+$/.test(lengthArg)) return failure('invalid_arguments', ['must be an integer [json-pointer:/length]']);
  const length = Number(lengthArg);
  if (length === 0) return failure('missing_argument');
  const altText = stringArg(args, 'alt_txt');
  if (altText !== undefined && [...altText].length > MAX_ALT_TEXT_CHARS) return failure('alt_txt_too_large');

  const id = workspace.nextFileId();
  // The secret makes the URL unguessable, as Slack's pre-signed upload URLs are.
  const uploadUrl = `${context.baseUrl}/upload/v1/${id}/${randomBytes(12).toString('hex')}`;
  const file: StandInFile = { id, filename, length, uploadUrl, completed: false, channels: [] };
  if (altText !== undefined) file.altText = altText;
  workspace.files.push(file);
  return { ok: true, upload_url: uploadUrl, file_id: id };
}

type FileToComplete = { file: StandInFile; title: string };

/**
 * The `files` argument resolved to uploaded, not yet completed files, or Slack's failure.
 * An id that was never reserved or was already completed is `file_not_found` ("Could not find
 * the file from the upload ticket"; completion "can only be called once"). Slack documents no
 * code for an id whose bytes never arrived (it waits for an upload still in flight); here the
 * bytes either arrived before completion or never will, so that is `file_not_found` too.
 */
function readFiles(workspace: Workspace, files: unknown): FileToComplete[] | ApiResult {
  if (files === undefined || files === '') return missingArgument('files');
  if (!Array.isArray(files) || files.length === 0) {
    return failure('invalid_arguments', ['must provide a non-empty array [json-pointer:/files]']);
  }
  const resolved: FileToComplete[] = [];
  for (const [index, entry] of files.entries()) {
    const id = isRecord(entry) && typeof entry['id'] === 'string' ? entry['id'] : undefined;
    if (id === undefined) return failure('invalid_arguments', [`missing required field: id [json-pointer:/files/${index}/id]`]);
    const file = workspace.files.find((candidate) => candidate.id === id);
    if (!file || file.bytes === undefined || file.completed) return failure('file_not_found');
    const title = isRecord(entry) && typeof entry['title'] === 'string' && entry['title'] !== '' ? entry['title'] : file.filename;
    resolved.push({ file, title });
  }
  return resolved;
}

/** `channel_id`, or the older comma-separated `channels`; none keeps the files private. */
function readChannels(args: Record<string, unknown>): string[] {
  const channelId = stringArg(args, 'channel_id');
  if (channelId !== undefined) return [channelId];
  const channels = stringArg(args, 'channels');
  return channels === undefined ? [] : channels.split(',').map((channel) => channel.trim()).filter(Boolean);
}

/**
 * files.completeUploadExternal: checks every file before sharing any, then posts one message per
 * channel carrying them. Slack ignores `blocks` when `initial_comment` is given, so they are
 * only validated when they will be shown.
 */
export function completeUploadExternal(workspace: Workspace, args: Record<string, unknown>): ApiResult {
  const files = readFiles(workspace, args['files']);
  if (!Array.isArray(files)) return files;
  const initialComment = stringArg(args, 'initial_comment');
  let blocks: unknown[] = [];
  if (initialComment === undefined) {
    const verdict = checkMessageBlocks(args['blocks']);
    if (verdict.kind !== 'valid') return blocksFailure(verdict);
    blocks = verdict.blocks;
  }
  const channels = readChannels(args);
  const threadTs = stringArg(args, 'thread_ts');

  for (const channel of channels) {
    const message: StandInMessage = {
      channel,
      ts: workspace.nextTs(),
      text: initialComment ?? '',
      blocks,
      user: STAND_IN_IDENTITY.userId,
      edited: false,
      fileIds: files.map(({ file }) => file.id),
    };
    if (threadTs !== undefined) message.threadTs = threadTs;
    workspace.messages.push(message);
  }
  for (const { file, title } of files) {
    file.title = title;
    file.completed = true;
    file.channels = channels;
    if (threadTs !== undefined && channels.length > 0) file.threadTs = threadTs;
  }
  return { ok: true, files: files.map(({ file }) => slackFileObject(file)) };
}
