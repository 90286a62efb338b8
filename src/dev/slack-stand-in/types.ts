export interface StandInOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** When set, API calls carrying any other token answer `invalid_auth`. */
  botToken?: string;
}

/** Who the stand-in says the bot is; matches what `auth.test` returns. */
export const STAND_IN_IDENTITY = {
  url: 'https://delight-demo.slack.com/',
  team: 'Delight Demo',
  teamId: 'T0DELIGHT',
  user: 'delightbot',
  userId: 'U0DELIGHTBOT',
  botId: 'B0DELIGHT',
  appId: 'A0DELIGHT',
} as const;

export interface RecordedCall {
  method: string;
  /** Free-form: whatever the caller sent (JSON-valued form fields parsed back), minus the token. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  args: Record<string, any>;
  at: number;
  /** The JSON body sent back, or the raw text for injected 500s. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  response: any;
}

export interface RecordedResponse {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  at: number;
  /** HTTP status the stand-in answered with: 200, or 400 when Slack would have refused the payload. */
  status: number;
}

export interface StandInMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  threadTs?: string;
  user: string;
  edited: boolean;
  metadata?: unknown;
  /** Ids of the files this message shares (files.completeUploadExternal); see `SlackStandIn.files`. */
  fileIds?: string[];
}

export interface StandInEphemeral {
  channel: string;
  user: string;
  text: string;
  blocks: unknown[];
}

export interface StandInView {
  triggerId?: string;
  userId?: string;
  /** The view as the app sent it (the latest version after views.update). */
  view: Record<string, unknown>;
  viewId: string;
  /** Changes on every update; views.update with a stale `hash` answers `hash_conflict`. */
  hash: string;
}

/** A file reserved with files.getUploadURLExternal, as the stand-in holds it through the upload flow. */
export interface StandInFile {
  id: string;
  filename: string;
  /** The byte count the app declared when it asked for the upload URL. */
  length: number;
  /** The `alt_txt` argument, if any. */
  altText?: string;
  uploadUrl: string;
  /** What was POSTed to `uploadUrl`; undefined until then. */
  bytes?: Buffer;
  /** From files.completeUploadExternal; Slack falls back to the filename. */
  title?: string;
  /** True once files.completeUploadExternal accepted it: the upload URL is spent. */
  completed: boolean;
  /** Where it was shared; empty for a completed file kept private (no channel given). */
  channels: string[];
  threadTs?: string;
}

export type InjectedFailure = { status: 500 } | { status: 429; retryAfterSeconds: number } | { error: string };

/** Where a response_url's payloads land, so replace_original / in_channel / ephemeral replies change `messages` like Slack. */
export interface ResponseUrlSource {
  channel?: string;
  /** The message whose buttons were clicked; enables replace_original / delete_original. */
  messageTs?: string;
  /** The user who clicked or ran the command; ephemeral replies go to them. */
  userId?: string;
}

export interface SlackStandIn {
  /** e.g. `http://127.0.0.1:PORT/api/`: give it to WebClient as `slackApiUrl`. */
  readonly apiUrl: string;
  newResponseUrl(source?: ResponseUrlSource): string;
  /** These arrays are live and cleared in place by `reset()`. */
  readonly calls: RecordedCall[];
  readonly responses: RecordedResponse[];
  readonly messages: StandInMessage[];
  readonly ephemerals: StandInEphemeral[];
  readonly views: StandInView[];
  /** Files reserved, uploaded and shared through the external upload flow, in reservation order. */
  readonly files: StandInFile[];
  callsTo(method: string): RecordedCall[];
  failNext(method: string, failure: InjectedFailure, times?: number): void;
  /**
   * The next byte uploads to any upload URL answer this HTTP status (e.g. 500, 503, 429) and
   * store nothing; with `retryAfterSeconds`, the answer carries it as a Retry-After header.
   */
  failNextUpload(status: number, times?: number, retryAfterSeconds?: number): void;
  /** Defines a user group's members, for usergroups.users.list. */
  setUserGroup(groupId: string, userIds: readonly string[]): void;
  waitFor<T>(probe: () => T | undefined | false, timeoutMs?: number): Promise<T>;
  reset(): void;
  close(): Promise<void>;
}
