import { randomUUID } from 'node:crypto';
import { slackSignatureHeaders } from './signing.js';

/**
 * Requests shaped and signed exactly as Slack sends them to an app: used by the
 * tests and by the demo, which drive the real app over HTTP without a workspace.
 */

const TEAM = { id: 'T0DELIGHT', domain: 'delight' };

export interface ClickSpec {
  actionId: string;
  value: string;
  userId: string;
  channelId: string;
  messageTs?: string;
  responseUrl: string;
}

/** The fields every interaction payload opens with: its type, who acted, and the app and workspace. */
function interactionHead(type: string, userId: string): Record<string, unknown> {
  return {
    type,
    team: TEAM,
    user: { id: userId, username: userId.toLowerCase(), team_id: TEAM.id },
    api_app_id: 'A0DELIGHT',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${randomUUID()}`,
  };
}

/** A `block_actions` payload for one button click on a message. */
export function blockActionPayload(spec: ClickSpec): Record<string, unknown> {
  const ts = spec.messageTs ?? '1.0';
  return {
    ...interactionHead('block_actions', spec.userId),
    container: { type: 'message', message_ts: ts, channel_id: spec.channelId, is_ephemeral: false },
    channel: { id: spec.channelId, name: 'delight' },
    message: { ts, type: 'message', text: '' },
    response_url: spec.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: spec.actionId,
        block_id: 'nudge_actions',
        value: spec.value,
        text: { type: 'plain_text', text: spec.actionId },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** A `view_submission` payload for a modal. */
export function viewSubmissionPayload(spec: {
  callbackId: string;
  privateMetadata: string;
  values: Record<string, Record<string, unknown>>;
  userId: string;
}): Record<string, unknown> {
  return {
    ...interactionHead('view_submission', spec.userId),
    view: {
      id: 'V0NOTE',
      type: 'modal',
      callback_id: spec.callbackId,
      private_metadata: spec.privateMetadata,
      state: { values: spec.values },
      hash: 'h',
      title: { type: 'plain_text', text: 'Add a note' },
      blocks: [],
    },
  };
}

/** The form body of a slash command. */
export function slashCommandBody(spec: { command: string; text: string; userId: string; responseUrl: string }): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    channel_id: 'C0ELSEWHERE',
    channel_name: 'general',
    user_id: spec.userId,
    user_name: spec.userId.toLowerCase(),
    command: spec.command,
    text: spec.text,
    api_app_id: 'A0DELIGHT',
    response_url: spec.responseUrl,
    trigger_id: `trigger-${randomUUID()}`,
  }).toString();
}

/**
 * An Events API `event_callback` envelope, as Slack POSTs it as JSON to the
 * request URL, around `app_home_opened`: the person opened the bot's Home tab
 * (or its Messages or About tab, named in `tab`).
 */
export function appHomeOpenedEvent(spec: { userId: string; tab?: 'home' | 'messages' | 'about'; at?: Date }): Record<string, unknown> {
  const seconds = Math.floor((spec.at ?? new Date()).getTime() / 1000);
  return {
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    api_app_id: 'A0DELIGHT',
    event: {
      type: 'app_home_opened',
      user: spec.userId,
      channel: `D${spec.userId.slice(1)}`,
      tab: spec.tab ?? 'home',
      event_ts: `${seconds}.000100`,
    },
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    event_time: seconds,
    authorizations: [{ enterprise_id: null, team_id: TEAM.id, user_id: 'U0DELIGHTBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: `4-${randomUUID()}`,
  };
}

/** Interactions arrive form-encoded with the JSON in a `payload` field. */
export function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/**
 * POSTs a body to the app's Slack endpoint with a valid Slack signature: form
 * encoded for interactions and slash commands, JSON for the Events API.
 */
export function postSignedToSlackEndpoint(
  baseUrl: string,
  signingSecret: string,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json' = 'application/x-www-form-urlencoded',
): Promise<Response> {
  return fetch(`${baseUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...slackSignatureHeaders(signingSecret, body) },
    body,
  });
}
