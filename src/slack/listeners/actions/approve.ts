import type { App } from '@slack/bolt';
import { approveNudge } from '../../../gestures/decide.js';
import { FREE_KINDS } from '../../../gestures/policy.js';
import { twoDecimalsIn } from '../../../money.js';
import { loadSuggestion } from '../../../nudges/suggestion.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';
import { ActionId, ONE_CLICK_AMOUNTS } from '../../ids.js';
import { decisionReply } from './decision-reply.js';
import { onNudgeButton } from './nudge-button.js';

/**
 * The one-click approvals: the rule's suggested gesture at its suggested
 * amount (read from the database, never from the button), and the fixed
 * $50 / $100 gestures.
 */
export function registerApprove(app: App, deps: SlackDeps): void {
  onNudgeButton(app, deps, ActionId.approveSuggested, ({ nudgeId, userId }) => {
    const suggestion = loadSuggestion(deps.db, nudgeId);
    if (!suggestion) return decisionReply({ outcome: 'not_found' }, deps.config.budgetCurrency);
    const result = approveNudge(deps.db, { nudgeId, actorId: userId, amountCents: suggestion.amountCents, kind: suggestion.kind, via: 'suggested' }, decisionSettings(deps.config, deps.groups, deps.autoKinds), deps.now());
    return decisionReply(result, deps.config.budgetCurrency);
  });
  for (const actionId of [ActionId.approveSmall, ActionId.approveLarge] as const) {
    onNudgeButton(app, deps, actionId, ({ nudgeId, userId }) => {
      const suggested = loadSuggestion(deps.db, nudgeId)?.kind ?? 'other';
      // Free gestures have no sensible amount: a one-click amount on a note's card is a gesture of its own kind.
      const kind = FREE_KINDS.has(suggested) ? 'other' : suggested;
      const amountCents = twoDecimalsIn(ONE_CLICK_AMOUNTS[actionId], deps.config.budgetCurrency);
      const result = approveNudge(deps.db, { nudgeId, actorId: userId, amountCents, kind, via: 'button' }, decisionSettings(deps.config, deps.groups, deps.autoKinds), deps.now());
      return decisionReply(result, deps.config.budgetCurrency);
    });
  }
}
