import { readFileSync } from 'node:fs';
import { ErrorCode, LogLevel, WebClient, type Logger } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startSlackStandIn, type SlackStandIn } from '../src/dev/slack-stand-in/index.js';
import { FileUploadError, shareFile, type FileToShare } from '../src/slack/file-upload.js';
import { classifySlackError } from '../src/slack/slack-errors.js';

const TOKEN = 'xoxb-test-token';
const CHANNEL = 'C0DIGEST01';

const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

/** A PNG signature followed by every byte value: any text decoding on the way would change it. */
const CHART_PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from(Array.from({ length: 256 }, (_, value) => value)),
]);

let standIn: SlackStandIn;
let client: WebClient;

/** Built like the app's own client: no retries of its own, 429s rejected at once. */
function appLikeClient(): WebClient {
  return new WebClient(TOKEN, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silentLogger,
  });
}

function chart(overrides: Partial<FileToShare> = {}): FileToShare {
  return {
    filename: 'weekly-digest.png',
    title: 'Gestures this week',
    bytes: CHART_PNG,
    altText: 'Bar chart: 12 gestures this week, up from 9',
    channelId: CHANNEL,
    ...overrides,
  };
}

/** Resolves to the error a call rejects with, failing the test if it succeeds. */
async function rejection(call: Promise<unknown>): Promise<Record<string, unknown> & { code?: string; data?: Record<string, unknown> }> {
  try {
    await call;
  } catch (error) {
    return error as Record<string, unknown> & { code?: string; data?: Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  standIn = await startSlackStandIn({ botToken: TOKEN });
  client = appLikeClient();
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => {
  standIn.reset();
});

describe('shareFile', () => {
  it('uploads the exact bytes and shares them in the thread with the comment', async () => {
    const parent = await client.chat.postMessage({ channel: CHANNEL, text: 'Weekly digest' });
    const { fileId } = await shareFile(client, chart({ threadTs: parent.ts ?? '', initialComment: 'This week in one picture' }));

    expect(standIn.files).toEqual([
      {
        id: fileId,
        filename: 'weekly-digest.png',
        length: CHART_PNG.length,
        altText: 'Bar chart: 12 gestures this week, up from 9',
        uploadUrl: expect.any(String),
        bytes: CHART_PNG,
        title: 'Gestures this week',
        completed: true,
        channels: [CHANNEL],
        threadTs: parent.ts,
      },
    ]);
    expect(standIn.messages[1]).toMatchObject({
      channel: CHANNEL,
      threadTs: parent.ts,
      text: 'This week in one picture',
      fileIds: [fileId],
    });
    expect(standIn.callsTo('files.completeUploadExternal')[0]?.response).toMatchObject({
      ok: true,
      files: [{ id: fileId, name: 'weekly-digest.png', title: 'Gestures this week', mimetype: 'image/png', size: CHART_PNG.length }],
    });
  });

  it('sends the alt text under the name Slack documents, alt_txt', async () => {
    await shareFile(client, chart());
    expect(standIn.callsTo('files.getUploadURLExternal')[0]?.args).toEqual({
      filename: 'weekly-digest.png',
      length: String(CHART_PNG.length),
      alt_txt: 'Bar chart: 12 gestures this week, up from 9',
    });
  });

  it('shares with blocks in the channel itself when there is no thread', async () => {
    const blocks = [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: '*Weekly digest*' } }];
    const { fileId } = await shareFile(client, chart({ blocks }));
    expect(standIn.messages).toEqual([
      expect.objectContaining({ channel: CHANNEL, text: '', blocks, fileIds: [fileId] }),
    ]);
    expect(standIn.messages[0]?.threadTs).toBeUndefined();
  });

  it('surfaces the stand-in rejecting invalid blocks as a permanent platform error, sharing nothing', async () => {
    const blocks = [{ type: 'header' as const, text: { type: 'mrkdwn', text: '*no*' } }] as never;
    const error = await rejection(shareFile(client, chart({ blocks })));
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data?.['error']).toBe('invalid_blocks');
    expect(error.data?.['errors']).toEqual(['must be "plain_text" [json-pointer:/blocks/0/text/type]']);
    expect(classifySlackError(error)).toEqual({ reason: 'invalid_blocks', permanent: true });
    expect(standIn.messages).toEqual([]);
    expect(standIn.files[0]?.completed).toBe(false);
  });

  it('surfaces an injected 429 on files.getUploadURLExternal as a rate limit with its Retry-After', async () => {
    standIn.failNext('files.getUploadURLExternal', { status: 429, retryAfterSeconds: 30 });
    const error = await rejection(shareFile(client, chart()));
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error['retryAfter']).toBe(30);
    expect(classifySlackError(error)).toEqual({ reason: 'ratelimited', permanent: false, retryAfterMs: 30_000 });
    expect(standIn.files).toEqual([]);
  });

  it('passes a Slack error from completion through unchanged', async () => {
    standIn.failNext('files.completeUploadExternal', { error: 'not_in_channel' });
    const error = await rejection(shareFile(client, chart()));
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data?.['error']).toBe('not_in_channel');
    expect(standIn.messages).toEqual([]);
  });

  it('throws a retryable FileUploadError when the upload URL answers 503, and a retry starts over and shares', async () => {
    standIn.failNextUpload(503);
    const error = await rejection(shareFile(client, chart()));
    expect(error).toBeInstanceOf(FileUploadError);
    expect(error['statusCode']).toBe(503);
    expect(classifySlackError(error)).toEqual({ reason: 'upload_http_503', permanent: false });
    expect(standIn.callsTo('files.completeUploadExternal')).toEqual([]);

    const { fileId } = await shareFile(client, chart());
    const [abandoned, shared] = standIn.files;
    expect(abandoned?.completed).toBe(false);
    expect(abandoned?.bytes).toBeUndefined();
    expect(shared).toMatchObject({ id: fileId, completed: true, bytes: CHART_PNG });
    expect(standIn.messages).toHaveLength(1);
  });

  it('throws a FileUploadError carrying a 429\'s Retry-After, classified as a rate limit that waits that long', async () => {
    standIn.failNextUpload(429, 1, 7);
    const error = await rejection(shareFile(client, chart()));
    expect(error).toBeInstanceOf(FileUploadError);
    expect(error['statusCode']).toBe(429);
    expect(error['retryAfterSeconds']).toBe(7);
    expect(classifySlackError(error)).toEqual({ reason: 'upload_http_429', permanent: false, retryAfterMs: 7_000 });
    expect(standIn.callsTo('files.completeUploadExternal')).toEqual([]);
    expect(standIn.files[0]?.bytes).toBeUndefined();
  });

  it('refuses initialComment together with blocks before calling Slack', async () => {
    const blocks = [{ type: 'divider' as const }];
    await expect(shareFile(client, chart({ initialComment: 'hi', blocks }))).rejects.toThrow(TypeError);
    expect(standIn.calls).toEqual([]);
  });
});

describe('files.completeUploadExternal on an id whose bytes never arrived', () => {
  it('answers file_not_found and shares nothing', async () => {
    const reserved = await client.files.getUploadURLExternal({ filename: 'chart.png', length: 3 });
    const error = await rejection(
      client.files.completeUploadExternal({ files: [{ id: reserved.file_id ?? '' }], channel_id: CHANNEL }),
    );
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data?.['error']).toBe('file_not_found');
    expect(standIn.messages).toEqual([]);
  });
});

describe('classifySlackError for byte uploads', () => {
  it.each([
    { status: undefined, retryAfter: undefined, expected: { reason: 'upload_request_error', permanent: false } },
    { status: 500, retryAfter: undefined, expected: { reason: 'upload_http_500', permanent: false } },
    { status: 408, retryAfter: undefined, expected: { reason: 'upload_http_408', permanent: false } },
    { status: 429, retryAfter: 12, expected: { reason: 'upload_http_429', permanent: false, retryAfterMs: 12_000 } },
    { status: 400, retryAfter: undefined, expected: { reason: 'upload_http_400', permanent: true } },
    { status: 413, retryAfter: undefined, expected: { reason: 'upload_http_413', permanent: true } },
  ])('HTTP $status → $expected.reason', ({ status, retryAfter, expected }) => {
    expect(classifySlackError(new FileUploadError('upload failed', status, retryAfter))).toEqual(expected);
  });

  it('treats a connection the upload host refused as retryable', async () => {
    const closed = await startSlackStandIn();
    const deadUrl = closed.apiUrl.replace('/api/', '/upload/v1/F0DEAD/secret');
    await closed.close();
    const refused = appLikeClientWithUploadUrl(deadUrl);
    const error = await rejection(shareFile(refused, chart()));
    expect(error).toBeInstanceOf(FileUploadError);
    expect(error['statusCode']).toBeUndefined();
    expect(classifySlackError(error)).toEqual({ reason: 'upload_request_error', permanent: false });
  });
});

describe('manifest', () => {
  it('grants the bot files:write, which both upload methods need', () => {
    const manifest = parse(readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8')) as {
      oauth_config: { scopes: { bot: string[] } };
    };
    expect(manifest.oauth_config.scopes.bot).toContain('files:write');
  });
});

/** A client whose files.getUploadURLExternal hands out `uploadUrl`, for failures the stand-in cannot stage itself. */
function appLikeClientWithUploadUrl(uploadUrl: string): WebClient {
  const web = appLikeClient();
  const real = web.files.getUploadURLExternal.bind(web.files);
  web.files.getUploadURLExternal = async (args) => ({ ...(await real(args)), upload_url: uploadUrl });
  return web;
}
