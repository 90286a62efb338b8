import { ErrorCode, LogLevel, WebClient, type Logger } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderBlocks } from '../src/dev/render-blocks.js';
import { STAND_IN_IDENTITY, startSlackStandIn, type SlackStandIn } from '../src/dev/slack-stand-in/index.js';

const TOKEN = 'xoxb-test-token';

const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};

let standIn: SlackStandIn;

/** `null` builds a client that sends no token at all. */
function client(token: string | null = TOKEN): WebClient {
  return new WebClient(token ?? undefined, {
    slackApiUrl: standIn.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: silentLogger,
  });
}

/** Resolves to the error a call rejects with, failing the test if it succeeds. */
async function rejection(call: Promise<unknown>): Promise<{ code?: string; data?: Record<string, unknown> } & Record<string, unknown>> {
  try {
    await call;
  } catch (error) {
    return error as { code?: string; data?: Record<string, unknown> } & Record<string, unknown>;
  }
  throw new Error('expected the call to fail');
}

const approvalBlocks = [
  { type: 'header', text: { type: 'plain_text', text: 'Delight nudge' } },
  { type: 'section', text: { type: 'mrkdwn', text: 'Send *Ada* a $50 voucher?' } },
  {
    type: 'actions',
    elements: [
      { type: 'button', action_id: 'approve', text: { type: 'plain_text', text: 'Approve $50' }, style: 'primary' },
      { type: 'button', action_id: 'skip', text: { type: 'plain_text', text: 'Skip' } },
    ],
  },
];

beforeAll(async () => {
  standIn = await startSlackStandIn({ botToken: TOKEN });
});

afterAll(async () => {
  await standIn.close();
});

beforeEach(() => {
  standIn.reset();
});

describe('slack stand-in: Web API methods', () => {
  it('answers auth.test with the bot identity', async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({ ok: true, team_id: 'T0DELIGHT', user_id: 'U0DELIGHTBOT', bot_id: 'B0DELIGHT' });
  });

  it('posts and updates a message, recording parsed args without the token', async () => {
    const web = client();
    const posted = await web.chat.postMessage({ channel: 'C1', text: 'Approve?', blocks: approvalBlocks });
    expect(posted.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(standIn.messages).toEqual([
      {
        channel: 'C1',
        ts: posted.ts,
        text: 'Approve?',
        blocks: approvalBlocks,
        user: STAND_IN_IDENTITY.userId,
        edited: false,
      },
    ]);

    const updated = await web.chat.update({ channel: 'C1', ts: posted.ts ?? '', text: 'Approved by <@U1>', blocks: [] });
    expect(updated).toMatchObject({ ok: true, channel: 'C1', ts: posted.ts, text: 'Approved by <@U1>' });
    expect(standIn.messages).toHaveLength(1);
    expect(standIn.messages[0]).toMatchObject({ text: 'Approved by <@U1>', blocks: [], edited: true });

    const [postCall] = standIn.callsTo('chat.postMessage');
    expect(postCall?.args).toEqual({ channel: 'C1', text: 'Approve?', blocks: approvalBlocks });
    expect(postCall?.response).toMatchObject({ ok: true, ts: posted.ts });
  });

  it('hands out increasing ts values and keeps thread replies in post order', async () => {
    const web = client();
    const parent = await web.chat.postMessage({ channel: 'C1', text: 'parent' });
    const reply = await web.chat.postMessage({ channel: 'C1', text: 'reply', thread_ts: parent.ts ?? '' });
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));
    expect(standIn.messages.map((message) => [message.text, message.threadTs])).toEqual([
      ['parent', undefined],
      ['reply', parent.ts],
    ]);
  });

  it('rejects invalid blocks with every problem listed, and posts nothing', async () => {
    const tooLong = 'x'.repeat(3001);
    const error = await rejection(
      client().chat.postMessage({
        channel: 'C1',
        text: 'fallback',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: tooLong } },
          {
            type: 'actions',
            elements: [
              { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'One' }, style: 'green' },
              { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'Two' } },
            ],
          },
          { type: 'carousel' },
        ] as never,
      }),
    );
    expect(error.code).toBe(ErrorCode.PlatformError);
    expect(error.data?.['error']).toBe('invalid_blocks');
    expect(error.data?.['errors']).toEqual([
      'must be less than 3001 characters [json-pointer:/blocks/0/text/text]',
      'must be "primary" or "danger" [json-pointer:/blocks/1/elements/0/style]',
      'duplicate action_id "a" [json-pointer:/blocks/1/elements/1/action_id]',
      'unknown block type "carousel" [json-pointer:/blocks/2/type]',
    ]);
    expect(error.data?.['response_metadata']).toMatchObject({
      messages: expect.arrayContaining(['[ERROR] unknown block type "carousel" [json-pointer:/blocks/2/type]']),
    });
    expect(standIn.messages).toEqual([]);
    expect(standIn.callsTo('chat.postMessage')[0]?.response).toMatchObject({ ok: false, error: 'invalid_blocks' });
  });

  it('catches the classic mistakes: emoji on mrkdwn, long button labels, too many blocks', async () => {
    const web = client();
    const mrkdwnEmoji = await rejection(
      web.chat.postMessage({ channel: 'C1', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi', emoji: true } }] as never }),
    );
    expect(mrkdwnEmoji.data?.['errors']).toEqual(['invalid additional property: emoji [json-pointer:/blocks/0/text]']);

    const tooMany = Array.from({ length: 51 }, () => ({ type: 'divider' as const }));
    const tooManyError = await rejection(web.chat.postMessage({ channel: 'C1', text: 'x', blocks: tooMany }));
    expect(tooManyError.data?.['errors']).toEqual(['must provide no more than 50 items [json-pointer:/blocks]']);
  });

  it('answers Slack errors for missing text, unknown messages and unknown methods', async () => {
    const web = client();
    expect((await rejection(web.chat.postMessage({ channel: 'C1', text: '' }))).data?.['error']).toBe('no_text');
    expect((await rejection(web.chat.update({ channel: 'C1', ts: '1.2', text: 'x' }))).data?.['error']).toBe(
      'message_not_found',
    );
    expect((await rejection(web.apiCall('chat.meMessage', { channel: 'C1' }))).data?.['error']).toBe('unknown_method');
  });

  it('records ephemerals', async () => {
    const result = await client().chat.postEphemeral({ channel: 'C1', user: 'U1', text: 'Only you can see this' });
    expect(result.message_ts).toBeTruthy();
    expect(standIn.ephemerals).toEqual([{ channel: 'C1', user: 'U1', text: 'Only you can see this', blocks: [] }]);
  });

  it('accepts JSON bodies with a bearer token', async () => {
    const response = await fetch(`${standIn.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ channel: 'C1', text: 'from JSON', blocks: [{ type: 'divider' }] }),
    });
    expect(await response.json()).toMatchObject({ ok: true, channel: 'C1' });
    expect(standIn.messages[0]).toMatchObject({ text: 'from JSON', blocks: [{ type: 'divider' }] });
  });

  it('lists a user group\'s members as set, and forgets the group on reset', async () => {
    standIn.setUserGroup('S0APPROVERS', ['U0ALICE001', 'U0BOB00001']);
    await expect(client().usergroups.users.list({ usergroup: 'S0APPROVERS' })).resolves.toMatchObject({ ok: true, users: ['U0ALICE001', 'U0BOB00001'] });
    standIn.reset();
    const error = await rejection(client().usergroups.users.list({ usergroup: 'S0APPROVERS' }));
    expect(error.data?.['error']).toBe('no_such_subteam');
  });
});

describe('slack stand-in: auth', () => {
  it('answers not_authed without a token', async () => {
    const error = await rejection(client(null).chat.postMessage({ channel: 'C1', text: 'hi' }));
    expect(error.data?.['error']).toBe('not_authed');
    expect(standIn.messages).toEqual([]);
  });

  it('answers invalid_auth for a token other than the bot token', async () => {
    const error = await rejection(client('xoxb-someone-else').auth.test());
    expect(error.data?.['error']).toBe('invalid_auth');
  });
});

describe('slack stand-in: injected failures', () => {
  it('fails with a 500 the given number of times, then recovers', async () => {
    standIn.failNext('chat.postMessage', { status: 500 }, 2);
    const web = client();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const error = await rejection(web.chat.postMessage({ channel: 'C1', text: 'hi' }));
      expect(error.code).toBe(ErrorCode.HTTPError);
      expect(error['statusCode']).toBe(500);
    }
    await web.chat.postMessage({ channel: 'C1', text: 'hi' });
    expect(standIn.messages).toHaveLength(1);
    expect(standIn.callsTo('chat.postMessage').map((call) => typeof call.response)).toEqual([
      'string',
      'string',
      'object',
    ]);
  });

  it('rate-limits with Retry-After', async () => {
    standIn.failNext('chat.update', { status: 429, retryAfterSeconds: 7 });
    const error = await rejection(client().chat.update({ channel: 'C1', ts: '1.2', text: 'x' }));
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error['retryAfter']).toBe(7);
    expect(standIn.callsTo('chat.update')[0]?.response).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('sends the Retry-After header and the ratelimited body on the wire', async () => {
    standIn.failNext('auth.test', { status: 429, retryAfterSeconds: 3 });
    const response = await fetch(`${standIn.apiUrl}auth.test`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ ok: false, error: 'ratelimited' });
  });

  it('fails with a Slack error code', async () => {
    standIn.failNext('chat.postMessage', { error: 'channel_not_found' });
    const error = await rejection(client().chat.postMessage({ channel: 'C404', text: 'hi' }));
    expect(error.data?.['error']).toBe('channel_not_found');
    expect(standIn.messages).toEqual([]);
  });

  it('forgets planned failures on reset', async () => {
    standIn.failNext('auth.test', { status: 500 });
    standIn.reset();
    await expect(client().auth.test()).resolves.toMatchObject({ ok: true });
  });
});

describe('slack stand-in: response_url', () => {
  async function postTo(url: string, body: unknown): Promise<{ status: number; text: string }> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, text: await response.text() };
  }

  it('records posts and answers ok', async () => {
    const url = standIn.newResponseUrl();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/response\/\d+$/);
    expect(await postTo(url, { text: 'Done!', response_type: 'ephemeral' })).toEqual({ status: 200, text: 'ok' });
    expect(standIn.responses).toEqual([
      { url, body: { text: 'Done!', response_type: 'ephemeral' }, at: expect.any(Number), status: 200 },
    ]);
  });

  it('refuses invalid blocks with 400 invalid_blocks', async () => {
    const url = standIn.newResponseUrl();
    const answer = await postTo(url, { blocks: [{ type: 'header', text: { type: 'mrkdwn', text: '*no*' } }] });
    expect(answer).toEqual({ status: 400, text: 'invalid_blocks' });
    expect(standIn.responses[0]?.status).toBe(400);
  });

  it('replaces the original message when told where it came from', async () => {
    const posted = await client().chat.postMessage({ channel: 'C1', text: 'Approve?', blocks: approvalBlocks });
    const url = standIn.newResponseUrl({ channel: 'C1', messageTs: posted.ts ?? '', userId: 'U1' });
    await postTo(url, { replace_original: true, text: 'Approved by <@U1>' });
    expect(standIn.messages[0]).toMatchObject({ text: 'Approved by <@U1>', blocks: [], edited: true });
  });

  it('answers 404 for a response_url it never handed out', async () => {
    const answer = await postTo(standIn.apiUrl.replace('/api/', '/response/999'), { text: 'hi' });
    expect(answer.status).toBe(404);
  });
});

describe('slack stand-in: views', () => {
  const modal = {
    type: 'modal' as const,
    callback_id: 'gesture',
    title: { type: 'plain_text' as const, text: 'Send a gesture' },
    submit: { type: 'plain_text' as const, text: 'Send' },
    blocks: [
      {
        type: 'input' as const,
        block_id: 'note',
        label: { type: 'plain_text' as const, text: 'Note' },
        element: { type: 'plain_text_input' as const, action_id: 'note', max_length: 500 },
      },
    ],
  };

  it('opens a modal and records it', async () => {
    const result = await client().views.open({ trigger_id: 'trigger-1', view: modal });
    expect(result.view).toMatchObject({ id: expect.stringMatching(/^V/), callback_id: 'gesture' });
    expect(standIn.views).toEqual([
      { triggerId: 'trigger-1', view: modal, viewId: result.view?.id, hash: result.view?.hash },
    ]);
  });

  it('answers expired_trigger_id for an expired trigger and exchanged_trigger_id for a reused one', async () => {
    const web = client();
    expect((await rejection(web.views.open({ trigger_id: 'expired', view: modal }))).data?.['error']).toBe(
      'expired_trigger_id',
    );
    await web.views.open({ trigger_id: 'once', view: modal });
    expect((await rejection(web.views.open({ trigger_id: 'once', view: modal }))).data?.['error']).toBe(
      'exchanged_trigger_id',
    );
  });

  it('validates views with invalid_arguments', async () => {
    const web = client();
    const missingTrigger = await rejection(web.apiCall('views.open', { view: modal }));
    expect(missingTrigger.data?.['error']).toBe('invalid_arguments');

    const badView = {
      ...modal,
      title: { type: 'plain_text' as const, text: 'A title far longer than twenty-four' },
      submit: undefined,
      private_metadata: 'x'.repeat(3001),
    };
    const error = await rejection(web.views.open({ trigger_id: 'trigger-2', view: badView }));
    expect(error.data?.['error']).toBe('invalid_arguments');
    expect(error.data?.['response_metadata']).toMatchObject({
      messages: [
        '[ERROR] must be less than 25 characters [json-pointer:/view/title/text]',
        '[ERROR] must provide submit when the view contains input blocks [json-pointer:/view/submit]',
        '[ERROR] must be less than 3001 characters [json-pointer:/view/private_metadata]',
      ],
    });
    expect(standIn.views).toEqual([]);
  });

  it('publishes one Home tab per user and updates views by id', async () => {
    const web = client();
    const home = { type: 'home' as const, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: 'Budget: $120' } }] };
    await web.views.publish({ user_id: 'U1', view: home });
    const second = await web.views.publish({ user_id: 'U1', view: { ...home, blocks: [] } });
    expect(standIn.views).toHaveLength(1);
    expect(standIn.views[0]).toMatchObject({ userId: 'U1', view: { blocks: [] } });

    const stale = await rejection(web.views.update({ view_id: second.view?.id ?? '', hash: 'stale', view: home }));
    expect(stale.data?.['error']).toBe('hash_conflict');
    await web.views.update({ view_id: second.view?.id ?? '', hash: second.view?.hash ?? '', view: home });
    expect(standIn.views[0]?.view).toEqual(home);
  });
});

describe('slack stand-in: file uploads', () => {
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x0a]);

  async function reserve(length = bytes.length, filename = 'chart.png'): Promise<{ uploadUrl: string; fileId: string }> {
    const result = await client().files.getUploadURLExternal({ filename, length });
    return { uploadUrl: result.upload_url ?? '', fileId: result.file_id ?? '' };
  }

  async function upload(url: string, body: Buffer | FormData): Promise<{ status: number; text: string }> {
    const response = await fetch(url, { method: 'POST', body });
    return { status: response.status, text: await response.text() };
  }

  it('hands out a file id and a single-use upload URL on the stand-in itself', async () => {
    const { uploadUrl, fileId } = await reserve();
    expect(fileId).toMatch(/^F0\d{9}$/);
    expect(uploadUrl.startsWith(standIn.apiUrl.replace('/api/', `/upload/v1/${fileId}/`))).toBe(true);
    expect(standIn.files).toEqual([
      { id: fileId, filename: 'chart.png', length: bytes.length, uploadUrl, completed: false, channels: [] },
    ]);
  });

  it('answers getUploadURLExternal argument errors like Slack', async () => {
    const web = client();
    expect((await rejection(web.apiCall('files.getUploadURLExternal', { length: 3 }))).data?.['error']).toBe('invalid_arguments');
    expect((await rejection(web.apiCall('files.getUploadURLExternal', { filename: 'a.png' }))).data?.['error']).toBe(
      'invalid_arguments',
    );
    expect((await rejection(web.files.getUploadURLExternal({ filename: 'a.png', length: 0 }))).data?.['error']).toBe(
      'missing_argument',
    );
    const tooLong = web.apiCall('files.getUploadURLExternal', { filename: 'a.png', length: 3, alt_txt: 'x'.repeat(1001) });
    expect((await rejection(tooLong)).data?.['error']).toBe('alt_txt_too_large');
    expect(standIn.files).toEqual([]);
  });

  it('stores a raw body and answers OK - <length>', async () => {
    const { uploadUrl } = await reserve();
    expect(await upload(uploadUrl, bytes)).toEqual({ status: 200, text: `OK - ${bytes.length}` });
    expect(standIn.files[0]?.bytes).toEqual(bytes);
  });

  it('takes the file part of a multipart form, as curl -F sends it', async () => {
    const { uploadUrl } = await reserve();
    const form = new FormData();
    form.append('filename', new Blob([new Uint8Array(bytes)]), 'chart.png');
    expect((await upload(uploadUrl, form)).status).toBe(200);
    expect(standIn.files[0]?.bytes).toEqual(bytes);
  });

  it('refuses a byte count other than the declared length, and URLs it never handed out', async () => {
    const { uploadUrl } = await reserve(bytes.length + 1);
    expect(await upload(uploadUrl, bytes)).toEqual({
      status: 400,
      text: `length mismatch: ${bytes.length + 1} bytes declared, ${bytes.length} received`,
    });
    expect(standIn.files[0]?.bytes).toBeUndefined();
    expect((await upload(`${uploadUrl}x`, bytes)).status).toBe(404);
  });

  it('completes with files as a form-encoded JSON string, shares once, and refuses a second completion', async () => {
    const { uploadUrl, fileId } = await reserve();
    await upload(uploadUrl, bytes);
    const web = client();
    const result = await web.files.completeUploadExternal({
      files: [{ id: fileId, title: 'Weekly chart' }],
      channel_id: 'C1',
      initial_comment: 'Here it is',
    });
    expect(result.files).toEqual([
      expect.objectContaining({ id: fileId, name: 'chart.png', title: 'Weekly chart', mimetype: 'image/png', size: bytes.length, channels: ['C1'] }),
    ]);
    expect(standIn.callsTo('files.completeUploadExternal')[0]?.args['files']).toEqual([{ id: fileId, title: 'Weekly chart' }]);
    expect(standIn.messages).toEqual([
      { channel: 'C1', ts: expect.any(String), text: 'Here it is', blocks: [], user: STAND_IN_IDENTITY.userId, edited: false, fileIds: [fileId] },
    ]);
    expect(standIn.files[0]).toMatchObject({ title: 'Weekly chart', completed: true, channels: ['C1'] });

    const again = await rejection(web.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C1' }));
    expect(again.data?.['error']).toBe('file_not_found');
    expect((await upload(uploadUrl, bytes)).status).toBe(404);
    expect(standIn.messages).toHaveLength(1);
  });

  it('keeps a file private without a channel and titles it with its filename', async () => {
    const { uploadUrl, fileId } = await reserve();
    await upload(uploadUrl, bytes);
    const result = await client().files.completeUploadExternal({ files: [{ id: fileId }] });
    expect(result.files?.[0]).toMatchObject({ title: 'chart.png', channels: [] });
    expect(standIn.messages).toEqual([]);
  });

  it('checks every file before sharing any', async () => {
    const first = await reserve();
    await upload(first.uploadUrl, bytes);
    const error = await rejection(
      client().files.completeUploadExternal({ files: [{ id: first.fileId }, { id: 'F0NOSUCH' }], channel_id: 'C1' }),
    );
    expect(error.data?.['error']).toBe('file_not_found');
    expect(standIn.files[0]?.completed).toBe(false);
    expect(standIn.messages).toEqual([]);
  });

  it('validates blocks, but ignores them next to initial_comment as Slack does', async () => {
    const invalid = [{ type: 'header', text: { type: 'mrkdwn', text: '*no*' } }] as never;
    const web = client();
    const { uploadUrl, fileId } = await reserve();
    await upload(uploadUrl, bytes);
    const error = await rejection(web.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C1', blocks: invalid }));
    expect(error.data?.['error']).toBe('invalid_blocks');

    await web.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C1', blocks: invalid, initial_comment: 'Chart' });
    expect(standIn.messages[0]).toMatchObject({ text: 'Chart', blocks: [] });
  });

  it('works with the SDK helper filesUploadV2, which posts the bytes as multipart form-data', async () => {
    const result = await client().filesUploadV2({ channel_id: 'C1', file: bytes, filename: 'chart.png', title: 'Chart' });
    expect(result.ok).toBe(true);
    expect(standIn.files[0]).toMatchObject({ filename: 'chart.png', title: 'Chart', bytes, channels: ['C1'], completed: true });
  });

  it('fails uploads on request, rate-limits the upload methods, and forgets files on reset', async () => {
    const { uploadUrl } = await reserve();
    standIn.failNextUpload(500);
    expect((await upload(uploadUrl, bytes)).status).toBe(500);
    expect(standIn.files[0]?.bytes).toBeUndefined();
    expect((await upload(uploadUrl, bytes)).status).toBe(200);

    standIn.failNext('files.completeUploadExternal', { status: 429, retryAfterSeconds: 4 });
    const limited = await rejection(client().files.completeUploadExternal({ files: [{ id: standIn.files[0]?.id ?? '' }] }));
    expect(limited.code).toBe(ErrorCode.RateLimitedError);
    expect(limited['retryAfter']).toBe(4);

    standIn.reset();
    expect(standIn.files).toEqual([]);
  });
});

describe('slack stand-in: waitFor', () => {
  it('resolves with the probe value once it appears', async () => {
    setTimeout(() => void client().chat.postMessage({ channel: 'C1', text: 'later' }), 30);
    const message = await standIn.waitFor(() => standIn.messages.find((candidate) => candidate.text === 'later'));
    expect(message.channel).toBe('C1');
  });

  it('rejects with a message naming the probe and the calls made', async () => {
    await client().auth.test();
    await expect(standIn.waitFor(() => standIn.messages[0], 50)).rejects.toThrow(
      /waitFor timed out after 50 ms.*standIn\.messages\[0\].*auth\.test \(ok\)/s,
    );
  });
});

describe('renderBlocks', () => {
  it('renders a message as terminal text', () => {
    const text = renderBlocks([
      { type: 'header', text: { type: 'plain_text', text: 'Delight nudge' } },
      {
        type: 'section',
        text: { type: 'mrkdwn', text: '*<@U123>* spent &gt; $500 &amp; waited 3 days: <https://shop.test/o/1|order #1>' },
      },
      {
        type: 'section',
        fields: [
          { type: 'mrkdwn', text: '*Order*' },
          { type: 'mrkdwn', text: '*Budget left*' },
          { type: 'plain_text', text: '#1' },
          { type: 'plain_text', text: '$120' },
        ],
      },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Rule: late-delivery' }] },
      { type: 'divider' },
      approvalBlocks[2],
    ]);
    expect(text).toBe(
      [
        'DELIGHT NUDGE',
        '═════════════',
        '*@U123* spent > $500 & waited 3 days: order #1 (https://shop.test/o/1)',
        '*Order*   *Budget left*',
        '#1        $120',
        '  · Rule: late-delivery',
        '─'.repeat(40),
        '[ Approve $50 ]  [ Skip ]',
      ].join('\n'),
    );
  });

  it('falls back to the text when there are no blocks', () => {
    expect(renderBlocks([], 'Hello <#C1|general> &lt;3')).toBe('Hello #general <3');
  });

  it('uses ANSI bold for headers and *bold* when colour is on', () => {
    const text = renderBlocks(
      [
        { type: 'header', text: { type: 'plain_text', text: 'Hi' } },
        { type: 'section', text: { type: 'mrkdwn', text: 'a *b* c' } },
      ],
      { color: true },
    );
    expect(text).toBe('\u001b[1mHI\u001b[22m\n══\na \u001b[1mb\u001b[22m c');
  });

  it('shows something readable for inputs, accessories and unknown blocks', () => {
    const text = renderBlocks([
      {
        type: 'section',
        text: { type: 'mrkdwn', text: 'Pick one' },
        accessory: { type: 'static_select', action_id: 's', placeholder: { type: 'plain_text', text: 'Gesture' } },
      },
      {
        type: 'input',
        label: { type: 'plain_text', text: 'Note' },
        element: { type: 'plain_text_input', action_id: 'n' },
      },
      { type: 'video' },
    ]);
    expect(text).toBe(['Pick one  [ Gesture ▾ ]', 'Note', '  [ ___ ]', '[unsupported block: video]'].join('\n'));
  });
});
