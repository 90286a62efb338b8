import type { CardLocation } from '../../gestures/home-view.js';

/** What links into the workspace need, from `auth.test`: its URL (`https://acme.slack.com/`) and team id. */
export interface WorkspaceLinks {
  url: string | null;
  teamId: string | null;
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,}$/;
const MESSAGE_TS = /^\d+\.\d+$/;
const TEAM_ID = /^[TE][A-Z0-9]{2,}$/;

/**
 * A link to a card in the channel. With the workspace's URL (from the
 * `auth.test` the bot makes once anyway) it is the message's permalink, in the
 * shape `chat.getPermalink` returns (`…/archives/C…/p<ts without the dot>`):
 * calling `chat.getPermalink` instead would cost one Web API call per card on
 * every publish of every Home tab, or a column to keep the answers in. Without
 * the URL it falls back to Slack's documented `app_redirect`, which opens the
 * channel (it takes `channel` and `team`, no message).
 * @returns null when the location does not look like Slack's ids, so nothing odd reaches a `<url|text>` link.
 */
export function cardUrl(card: CardLocation, workspace: WorkspaceLinks): string | null {
  if (!CHANNEL_ID.test(card.channelId) || !MESSAGE_TS.test(card.messageTs)) return null;
  const base = workspaceBase(workspace.url);
  if (base) return new URL(`archives/${card.channelId}/p${card.messageTs.replace('.', '')}`, base).toString();
  const team = workspace.teamId && TEAM_ID.test(workspace.teamId) ? `&team=${workspace.teamId}` : '';
  return `https://slack.com/app_redirect?channel=${card.channelId}${team}`;
}

/** mrkdwn for "open the card", or an empty string when there is nothing to link to yet. */
export function cardLink(card: CardLocation | null, workspace: WorkspaceLinks, label = 'open the card'): string {
  const url = card ? cardUrl(card, workspace) : null;
  return url ? `<${url}|${label}>` : '';
}

function workspaceBase(url: string | null): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.search || parsed.hash) return null;
    return new URL('/', parsed);
  } catch {
    return null;
  }
}
