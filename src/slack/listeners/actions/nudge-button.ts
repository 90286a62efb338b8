import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { SlackDeps } from '../../deps.js';
import { nudgeIdValue } from '../../payloads.js';
import { replyPrivately } from './reply-privately.js';

export interface NudgeClick {
  nudgeId: number;
  userId: string;
  triggerId: string;
  body: BlockAction<ButtonAction>;
  client: WebClient;
}

/**
 * A button on a nudge card: acknowledged first (Slack wants an answer within 3
 * seconds), its value checked to be a nudge id, then `run`. Whatever `run`
 * returns as text is told privately to the person who clicked; the outbox is
 * kicked, since most clicks change the card.
 */
export function onNudgeButton(app: App, deps: SlackDeps, actionId: string, run: (click: NudgeClick) => Promise<string | null> | string | null): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
    await ack();
    const nudgeId = nudgeIdValue.safeParse(action.value);
    if (!nudgeId.success) {
      await replyPrivately(client, body, 'That button is not from a delightbot card.', deps.logger);
      return;
    }
    const reply = await run({ nudgeId: nudgeId.data, userId: body.user.id, triggerId: body.trigger_id, body, client });
    deps.kickOutbox();
    if (reply) await replyPrivately(client, body, reply, deps.logger);
  });
}
