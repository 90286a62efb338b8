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
]);

export function classifySlackError(error: unknown): SlackFailure {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number };
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
    default:
      return { reason: 'unexpected_error', permanent: false };
  }
}

/** Exponential backoff with jitter, from 1 s up to 15 minutes: Slack outages rarely last longer. */
export function retryDelayMs(attemptsSoFar: number, random: () => number = Math.random): number {
  const base = Math.min(15 * 60_000, 1000 * 2 ** Math.min(attemptsSoFar, 20));
  return Math.round(base * (0.75 + random() * 0.5));
}
