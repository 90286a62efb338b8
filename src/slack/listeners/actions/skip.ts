import type { App } from '@slack/bolt';
import { skipNudge } from '../../../gestures/decide.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';
import { ActionId } from '../../ids.js';
import { decisionReply } from './decision-reply.js';
import { onNudgeButton } from './nudge-button.js';

/** Skip on a nudge card. */
export function registerSkip(app: App, deps: SlackDeps): void {
  onNudgeButton(app, deps, ActionId.skip, ({ nudgeId, userId }) => {
    const result = skipNudge(deps.db, { nudgeId, actorId: userId }, decisionSettings(deps.config, deps.groups, deps.autoKinds), deps.now());
    return decisionReply(result, deps.config.budgetCurrency);
  });
}
