import { budgetFor, budgetMonthOf } from '../../../gestures/budget.js';
import { changeMonthBudget } from '../../../gestures/budget-change.js';
import { paceOf } from '../../../gestures/pacing.js';
import { decimalToMinor } from '../../../money.js';
import { budgetBelowSpentMessage, budgetChangedMessage, budgetMessage, budgetNotAllowedMessage, budgetUsageMessage } from '../../blocks/command-replies.js';
import type { SlackMessage } from '../../blocks/message.js';
import { decisionSettings, type SlackDeps } from '../../deps.js';

/**
 * `/delight budget`: this month's spend, left and pace. `/delight budget set
 * <amount>`: a manager sets this month's limit.
 */
export function budgetReply(deps: SlackDeps, userId: string, argument: string): SlackMessage {
  const { config } = deps;
  const words = argument.split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    const now = deps.now();
    const budget = budgetFor(deps.db, budgetMonthOf(now, config.timeZone), config.monthlyBudgetCents, config.budgetCurrency);
    return budgetMessage(budget, { pace: paceOf(budget, now, config.timeZone), configuredLimitCents: config.monthlyBudgetCents });
  }
  const amountCents = words.length === 2 && words[0]?.toLowerCase() === 'set' ? readAmount(words[1] ?? '', config.budgetCurrency) : null;
  if (amountCents === null) return budgetUsageMessage(config.budgetCurrency);
  const settings = decisionSettings(config, deps.groups);
  const now = deps.now();
  const result = changeMonthBudget(deps.db, { actorId: userId, limitCents: amountCents }, settings, now);
  if (result.outcome === 'changed') {
    deps.logger.info({ userId, month: result.budget.month, limitCents: result.budget.limitCents }, 'budget set by a manager');
    return budgetChangedMessage(result.budget, result.previousLimitCents, paceOf(result.budget, now, config.timeZone));
  }
  switch (result.code) {
    case 'not_a_manager':
      return budgetNotAllowedMessage(settings.managerIds);
    case 'below_spent':
      return budgetBelowSpentMessage(amountCents, result.budget);
    case 'invalid_amount':
      return budgetUsageMessage(config.budgetCurrency);
  }
}

/** "1500", "$1,500", "1500.50" in the budget currency's minor units; null when not a plain amount ≥ 0. */
function readAmount(text: string, currency: string): number | null {
  const cents = decimalToMinor(text.replace(/^[^\d-]+/, ''), currency);
  return cents !== null && cents >= 0 ? cents : null;
}
