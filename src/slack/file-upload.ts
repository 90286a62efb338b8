import type {
  Block,
  FilesCompleteUploadExternalArguments,
  FilesGetUploadURLExternalArguments,
  KnownBlock,
  WebClient,
} from '@slack/web-api';

/** A file to share in one channel, or in one of its threads. */
export interface FileToShare {
  filename: string;
  title: string;
  bytes: Buffer;
  /** What a screen reader says instead of showing the image; Slack allows 1,000 characters. */
  altText: string;
  channelId: string;
  /** The parent message's ts, to share the file as a reply in its thread. */
  threadTs?: string;
  /** The message text above the file. Slack ignores `blocks` when this is set, so give one or the other. */
  initialComment?: string;
  blocks?: (KnownBlock | Block)[];
}

/** The `code` of a FileUploadError, next to @slack/web-api's own `slack_webapi_*` codes. */
export const FILE_UPLOAD_ERROR_CODE = 'delightbot_file_upload_error';

/** A PNG is well under a megabyte; a minute means the upload host is stuck, not slow. */
const UPLOAD_TIMEOUT_MS = 60_000;

/**
 * POSTing the bytes to Slack's upload URL failed: a non-200 answer (`statusCode` set) or no
 * answer at all (`statusCode` undefined: network error or timeout). classifySlackError sorts it.
 */
export class FileUploadError extends Error {
  readonly code = FILE_UPLOAD_ERROR_CODE;

  constructor(
    message: string,
    readonly statusCode: number | undefined,
    /** From a 429's Retry-After header, when it had one. */
    readonly retryAfterSeconds?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'FileUploadError';
  }
}

/**
 * Uploads one file with Slack's external upload flow and shares it into `file.channelId`
 * (in `file.threadTs`'s thread when given).
 *
 * The three steps are spelled out rather than left to `client.filesUploadV2`, which sends the
 * screen-reader text as `alt_text` where Slack reads `alt_txt`, turns a failed byte upload into a
 * bare Error without its HTTP status (so a 503 and a 400 look alike to the retry logic), and sends
 * the bot token to the upload URL, which is pre-signed and needs none.
 *
 * @returns Slack's id of the shared file.
 * @throws the WebClient's errors unchanged (platform, HTTP, request, rate-limited) from
 *   files.getUploadURLExternal and files.completeUploadExternal; a FileUploadError when the bytes
 *   could not be uploaded; a TypeError when both `initialComment` and `blocks` are given.
 *   classifySlackError sorts all of these.
 */
export async function shareFile(client: WebClient, file: FileToShare): Promise<{ fileId: string }> {
  if (file.initialComment !== undefined && file.blocks !== undefined) {
    throw new TypeError('shareFile: give initialComment or blocks, not both (Slack ignores blocks next to initial_comment)');
  }
  // alt_txt is the name Slack documents; the SDK's argument type only knows `alt_text`.
  const reserve: FilesGetUploadURLExternalArguments & { alt_txt: string } = {
    filename: file.filename,
    length: file.bytes.length,
    alt_txt: file.altText,
  };
  const reserved = await client.files.getUploadURLExternal(reserve);
  const { upload_url: uploadUrl, file_id: fileId } = reserved;
  if (!uploadUrl || !fileId) throw new Error('files.getUploadURLExternal answered ok without upload_url or file_id');

  await postBytes(uploadUrl, file.bytes, fileId);
  await client.files.completeUploadExternal(completion(file, fileId));
  return { fileId };
}

/** Slack takes the raw bytes as the body and answers 200 when it has them; anything else is a failure. */
async function postBytes(uploadUrl: string, bytes: Buffer, fileId: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(uploadUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: bytes,
      redirect: 'error',
      signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
    });
  } catch (error) {
    throw new FileUploadError(`uploading file ${fileId} failed before Slack answered`, undefined, undefined, { cause: error });
  }
  // Read the body either way: an unread body keeps the socket busy.
  await response.arrayBuffer().catch(() => undefined);
  if (response.status === 200) return;
  const retryAfter = Number(response.headers.get('retry-after'));
  throw new FileUploadError(
    `uploading file ${fileId} failed with HTTP ${response.status}`,
    response.status,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

function completion(file: FileToShare, fileId: string): FilesCompleteUploadExternalArguments {
  const content = {
    files: [{ id: fileId, title: file.title }] as [{ id: string; title: string }],
    ...(file.initialComment === undefined ? {} : { initial_comment: file.initialComment }),
    ...(file.blocks === undefined ? {} : { blocks: file.blocks }),
  };
  return file.threadTs === undefined
    ? { ...content, channel_id: file.channelId }
    : { ...content, channel_id: file.channelId, thread_ts: file.threadTs };
}
