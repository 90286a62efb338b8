import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { DigestSettings } from '../digest/build-digest.js';
import type { DecisionSettings } from '../gestures/decide.js';
import type { HomeSettings } from '../gestures/home-view.js';
import type { BudgetSettings } from '../nudges/nudge-view.js';
import type { GestureKind } from '../nudges/moment.js';
import { PRIORITY } from '../nudges/rules/types.js';
import type { WorkspaceLinks } from './blocks/card-link.js';

/** Members of the configured approver and manager user groups, as last read from Slack. */
export interface GroupMembers {
  membersOf(groupId: string | null): readonly string[];
}

/** What every listener gets: explicit dependencies, no module-level singletons. */
export interface SlackDeps {
  db: Db;
  config: Config;
  logger: Logger;
  now: () => Date;
  /** Called after a commit that changed a card, so the change reaches Slack promptly. */
  kickOutbox: () => void;
  groups: GroupMembers;
  /** Gesture kinds an automatic fulfiller handles (none ships yet). Absent: none. */
  autoKinds?: ReadonlySet<GestureKind>;
  /** The workspace's URL and team id once `auth.test` answered, for links to cards. */
  workspace: () => WorkspaceLinks;
}

const NO_GROUPS: GroupMembers = { membersOf: () => [] };

/**
 * The approval rules in force: the configured people plus the members of the
 * configured user groups. An approver group that has not been read yet adds
 * nobody — so with only a group configured, nobody may approve until Slack
 * answered, rather than everybody.
 */
export function decisionSettings(config: Config, groups: GroupMembers = NO_GROUPS, autoKinds: ReadonlySet<GestureKind> = new Set()): DecisionSettings {
  return {
    autoKinds,
    anyoneMayApprove: config.approverIds.length === 0 && config.approverGroupId === null,
    approverIds: [...new Set([...config.approverIds, ...groups.membersOf(config.approverGroupId)])],
    managerIds: [...new Set([...config.managerIds, ...groups.membersOf(config.managerGroupId)])],
    gestureLimitCents: config.gestureLimitCents,
    currency: config.budgetCurrency,
    monthlyBudgetCents: config.monthlyBudgetCents,
    timeZone: config.timeZone,
    approverMonthlyLimitCents: config.approverMonthlyLimitCents,
    customerCooldownMs: config.playbook.noise.cooldownMs,
    paceMarginShare: config.paceMarginShare,
    // Warm moments and surprises: milestones, trouble and recoveries are never "low priority".
    lowPriorityBelow: PRIORITY.milestone.min,
  };
}

/** What a card needs besides the database: the budget, the managers to call (read live from the groups), the overdue threshold. */
export function budgetSettings(config: Config, groups: GroupMembers = NO_GROUPS): BudgetSettings {
  return {
    monthlyBudgetCents: config.monthlyBudgetCents,
    currency: config.budgetCurrency,
    timeZone: config.timeZone,
    overdueMs: config.overdueMs,
    get managerIds() {
      return [...new Set([...config.managerIds, ...groups.membersOf(config.managerGroupId)])];
    },
  };
}

/** What a Home tab shows depends on: who decides and manages (groups included), the budget, the overdue threshold. */
export function homeSettings(config: Config, groups: GroupMembers = NO_GROUPS): HomeSettings {
  const { anyoneMayApprove, approverIds, managerIds } = decisionSettings(config, groups);
  return {
    anyoneMayApprove,
    approverIds,
    managerIds,
    monthlyBudgetCents: config.monthlyBudgetCents,
    currency: config.budgetCurrency,
    timeZone: config.timeZone,
    overdueMs: config.overdueMs,
  };
}

/** What the weekly digest is computed with: the budget, the overdue threshold, the repeat window. */
export function digestSettings(config: Config): DigestSettings {
  return {
    monthlyBudgetCents: config.monthlyBudgetCents,
    currency: config.budgetCurrency,
    timeZone: config.timeZone,
    overdueMs: config.overdueMs,
    repeatWindowDays: config.digest.repeatWindowDays,
    minCount: config.digest.minCount,
  };
}
