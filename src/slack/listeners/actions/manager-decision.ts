import type { App } from '@slack/bolt';
import { decideRequest } from '../../../gestures/fulfilment.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import { decisionReply } from './decision-reply.js';
import { onNudgeButton } from './nudge-button.js';

/** A manager approves or declines a gesture an approver asked for. */
export function registerManagerDecision(app: App, deps: SlackDeps): void {
  for (const [actionId, approve] of [
    [ActionId.approveRequest, true],
    [ActionId.declineRequest, false],
  ] as const) {
    onNudgeButton(app, deps, actionId, ({ nudgeId, userId }) => {
      const result = decideRequest(deps.db, { nudgeId, actorId: userId, approve }, decisionSettings(deps.config, deps.groups, deps.autoKinds), deps.now());
      return decisionReply(result, deps.config.budgetCurrency);
    });
  }
}
