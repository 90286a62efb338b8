import { FILE_UPLOAD_ERROR_CODE } from './file-upload.js';

/**
 * Sorts a failed Web API call into "try again later" and "will never work".
 * The reason is Slack's error code or an HTTP status: never a message body,
 * which could echo customer text into the logs.
 */
export interface SlackFailure {
  reason: string;
  permanent: boolean;
  /** Set for 429s: how long Slack asked us to wait. */
  retryAfterMs?: number;
}

/** The outbox's way to sort a failed call (pausing on a 429), log it, and say how long to wait; see SlackOutbox. */
export type NoteFailure = (error: unknown, attemptsSoFar: number, ids: Record<string, number | string>, message: string) => SlackFailure & { delayMs: number };

/** Errors that retrying the same request cannot fix. */
const PERMANENT = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'invalid_arguments',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
  // views.publish: the Home tab is off in the app's settings, the view is over 250 kB, or the person is gone.
  'not_enabled',
  'view_too_large',
  'user_not_found',
  // files.getUploadURLExternal: a zero-byte file, alt text over 1,000 characters, uploads an admin turned off or capped.
  'missing_argument',
  'alt_txt_too_large',
  'file_uploads_disabled',
  'file_upload_size_restricted',
]);

export function classifySlackError(error: unknown): SlackFailure {
  const e = error as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    retryAfterSeconds?: number;
    statusCode?: number;
  };
  switch (e?.code) {
    case 'slack_webapi_rate_limited_error':
      return { reason: 'ratelimited', permanent: false, retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000 };
    case 'slack_webapi_platform_error': {
      const reason = e.data?.error ?? 'unknown_platform_error';
      return { reason, permanent: PERMANENT.has(reason) };
    }
    case 'slack_webapi_http_error':
      return { reason: `http_${e.statusCode ?? 'error'}`, permanent: false };
    case 'slack_webapi_request_error':
      return { reason: 'request_error', permanent: false };
    case FILE_UPLOAD_ERROR_CODE:
      return classifyUploadStatus(e.statusCode, e.retryAfterSeconds);
    default:
      return { reason: 'unexpected_error', permanent: false };
  }
}

/**
 * A failed POST of a file's bytes. A retry starts over with a fresh upload URL, so only what
 * the same bytes would meet again is permanent: a 4xx other than a timeout or a rate limit
 * (a length Slack disagrees with, a file too large).
 */
function classifyUploadStatus(statusCode: number | undefined, retryAfterSeconds: number | undefined): SlackFailure {
  if (statusCode === undefined) return { reason: 'upload_request_error', permanent: false };
  const reason = `upload_http_${statusCode}`;
  if (statusCode === 429) return { reason, permanent: false, retryAfterMs: Math.max(1, retryAfterSeconds ?? 1) * 1000 };
  const permanent = statusCode >= 400 && statusCode < 500 && statusCode !== 408;
  return { reason, permanent };
}

/** Exponential backoff with jitter, from 1 s up to 15 minutes: Slack outages rarely last longer. */
export function retryDelayMs(attemptsSoFar: number, random: () => number = Math.random): number {
  const base = Math.min(15 * 60_000, 1000 * 2 ** Math.min(attemptsSoFar, 20));
  return Math.round(base * (0.75 + random() * 0.5));
}
