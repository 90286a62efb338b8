import type { AuthorizeResult } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { WorkspaceLinks } from './blocks/card-link.js';

/** Slack's answers that mean the token itself is wrong: retrying will not help. */
const TOKEN_REJECTED = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type']);

export class BotTokenRejected extends Error {
  readonly code = 'bot_token_rejected';
  constructor(readonly slackError: string) {
    super(`Slack rejected SLACK_BOT_TOKEN (${slackError}): copy the Bot User OAuth Token again from OAuth & Permissions, and reinstall the app if it was removed`);
    this.name = 'BotTokenRejected';
  }
}

/**
 * Bolt's built-in single-token authorization either fires `auth.test` from the
 * App constructor without awaiting it (an unreachable Slack at boot then
 * crashes the process with an unhandled rejection) or calls it on every
 * request. This one calls it when first needed, keeps a success, and forgets a
 * failure so the next request tries again. The same answer tells the
 * workspace's URL, which links to cards are made from.
 */
export function botAuthorization(client: WebClient, botToken: string) {
  let cached: Promise<AuthorizeResult> | null = null;
  let workspace: WorkspaceLinks = { url: null, teamId: null };
  const load = async (): Promise<AuthorizeResult> => {
    try {
      const result = await client.auth.test({ token: botToken });
      workspace = { url: result.url ?? null, teamId: result.team_id ?? null };
      return {
        botToken,
        ...(result.bot_id ? { botId: result.bot_id } : {}),
        ...(result.user_id ? { botUserId: result.user_id } : {}),
        ...(result.team_id ? { teamId: result.team_id } : {}),
        ...(result.enterprise_id ? { enterpriseId: result.enterprise_id } : {}),
      };
    } catch (error) {
      const slackError = (error as { data?: { error?: string } }).data?.error;
      if (slackError && TOKEN_REJECTED.has(slackError)) throw new BotTokenRejected(slackError);
      throw error;
    }
  };
  const authorize = (): Promise<AuthorizeResult> => {
    if (!cached) {
      const attempt = load();
      cached = attempt;
      attempt.catch(() => {
        if (cached === attempt) cached = null;
      });
    }
    return cached;
  };
  return { authorize, workspace: (): WorkspaceLinks => workspace };
}
