import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { approveNudge } from '../../../gestures/decide.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';
import { ActionId, ONE_CLICK_AMOUNTS } from '../../ids.js';
import { nudgeIdValue } from '../../payloads.js';
import { replyPrivately } from './reply-privately.js';
import { decisionReply } from './decision-reply.js';

/** Approve $50 / Approve $100 on a nudge card. */
export function registerApprove(app: App, deps: SlackDeps): void {
  for (const actionId of [ActionId.approveSmall, ActionId.approveLarge] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const nudgeId = nudgeIdValue.safeParse(action.value);
      if (!nudgeId.success) {
        await replyPrivately(client, body, 'That button is not from a delightbot card.', deps.logger);
        return;
      }
      const result = approveNudge(
        deps.db,
        { nudgeId: nudgeId.data, actorId: body.user.id, amountCents: ONE_CLICK_AMOUNTS[actionId], kind: 'other' },
        decisionSettings(deps.config),
        deps.now(),
      );
      if (result.outcome === 'approved') deps.kickOutbox();
      const reply = decisionReply(result, deps.config.budgetCurrency);
      if (reply) await replyPrivately(client, body, reply, deps.logger);
    });
  }
}
