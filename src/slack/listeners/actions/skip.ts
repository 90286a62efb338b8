import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { skipNudge } from '../../../gestures/decide.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import { nudgeIdValue } from '../../payloads.js';
import { decisionReply } from './decision-reply.js';
import { replyPrivately } from './reply-privately.js';

/** Skip on a nudge card. */
export function registerSkip(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ActionId.skip, async ({ ack, body, action, client }) => {
    await ack();
    const nudgeId = nudgeIdValue.safeParse(action.value);
    if (!nudgeId.success) {
      await replyPrivately(client, body, 'That button is not from a delightbot card.', deps.logger);
      return;
    }
    const result = skipNudge(deps.db, { nudgeId: nudgeId.data, actorId: body.user.id }, decisionSettings(deps.config), deps.now());
    if (result.outcome === 'skipped') deps.kickOutbox();
    const reply = decisionReply(result, deps.config.budgetCurrency);
    if (reply) await replyPrivately(client, body, reply, deps.logger);
  });
}
