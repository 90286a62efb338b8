import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { DecisionSettings } from '../gestures/decide.js';
import type { BudgetSettings } from '../nudges/nudge-view.js';

/** What every listener gets: explicit dependencies, no module-level singletons. */
export interface SlackDeps {
  db: Db;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Called after a commit that changed a card, so the change reaches Slack promptly. */
  kickOutbox: () => void;
}

export function decisionSettings(config: Config): DecisionSettings {
  return {
    approverIds: config.approverIds,
    managerIds: config.managerIds,
    gestureLimitCents: config.gestureLimitCents,
    currency: config.budgetCurrency,
    monthlyBudgetCents: config.monthlyBudgetCents,
    timeZone: config.timeZone,
  };
}

export function budgetSettings(config: Config): BudgetSettings {
  return { monthlyBudgetCents: config.monthlyBudgetCents, currency: config.budgetCurrency, timeZone: config.timeZone };
}
