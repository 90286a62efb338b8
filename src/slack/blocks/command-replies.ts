import type { KnownBlock } from '@slack/types';
import type { BudgetState } from '../../gestures/budget.js';
import type { Pace } from '../../gestures/pacing.js';
import { formatMoney } from '../../money.js';
import type { SlackMessage } from './message.js';

/** `/delight help`. */
export function helpMessage(): SlackMessage {
  const text = [
    '*delightbot* notices moments worth a small gesture and posts them in the delight channel.',
    '• `/delight jane@example.com` — a customer card by e-mail',
    '• `/delight Jane Smith` — by name (part of it is enough)',
    '• `/delight #1005` — by order number',
    '• `/delight budget` — spent and left this month, and the pace',
    "• `/delight budget set 1500` — a manager sets this month's budget (never below what is spent)",
    '• `/delight audit jane@example.com` — who decided what for a customer (also a name, `#1005`, `@person` or nothing for everyone; approvers and managers)',
    '• `/delight rules` — the playbook in effect: moments, thresholds, daily cap, working hours',
    '• `/delight queue` — nudges waiting for a slot in the channel, in the order they will be posted',
    "• `/delight digest` — this week's delight digest, only for you",
    '• `/delight help` — this message',
  ].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export interface BudgetContext {
  pace?: Pace;
  /** DELIGHT_MONTHLY_BUDGET, named when a manager's limit replaces it this month. */
  configuredLimitCents?: number;
}

/** `/delight budget`: spent and left, the pace, and who set the limit when a manager did. */
export function budgetMessage(budget: BudgetState, context: BudgetContext = {}): SlackMessage {
  const money = (cents: number) => formatMoney(cents, budget.currency);
  const text = `:moneybag: Budget ${budget.month}: *${money(budget.spentCents)}* spent, *${money(budget.leftCents)}* left of ${money(budget.limitCents)}.`;
  return withDetails(text, [paceLine(budget, context.pace), setByLine(budget, context.configuredLimitCents)]);
}

/** A manager changed this month's budget. */
export function budgetChangedMessage(budget: BudgetState, previousLimitCents: number, pace?: Pace): SlackMessage {
  const money = (cents: number) => formatMoney(cents, budget.currency);
  const text = `:moneybag: Budget ${budget.month} set to *${money(budget.limitCents)}* (was ${money(previousLimitCents)}): *${money(budget.spentCents)}* spent, *${money(budget.leftCents)}* left.`;
  return withDetails(text, [paceLine(budget, pace), 'It holds until the end of the month; next month follows DELIGHT_MONTHLY_BUDGET again. The change is in the audit log.']);
}

/** Someone who is not a manager tried to set the budget. */
export function budgetNotAllowedMessage(managerIds: readonly string[]): SlackMessage {
  const who = managerIds.length > 0 ? `(${managerIds.map((id) => `<@${id}>`).join(', ')})` : '(none is set: DELIGHT_MANAGER_IDS is empty, so change DELIGHT_MONTHLY_BUDGET instead)';
  const text = `:lock: Only managers can set the budget ${who}. Ask one of them. Nothing changed.`;
  return withDetails(text, []);
}

/** The asked-for budget is below what is already spent. */
export function budgetBelowSpentMessage(requestedCents: number, budget: BudgetState): SlackMessage {
  const money = (cents: number) => formatMoney(cents, budget.currency);
  const text = `:no_entry: ${money(requestedCents)} is below what is already spent in ${budget.month}: ${money(budget.spentCents)} of ${money(budget.limitCents)}. Set at least ${money(budget.spentCents)}. Nothing changed.`;
  return withDetails(text, []);
}

/** `/delight budget …` that is not understood. */
export function budgetUsageMessage(currency: string): SlackMessage {
  const text = `To see the budget: \`/delight budget\`. To set this month's budget (managers only): \`/delight budget set 1500\` — an amount in ${currency}, at least what is already spent.`;
  return withDetails(text, []);
}

function paceLine(budget: BudgetState, pace: Pace | undefined): string | null {
  if (!pace) return null;
  const money = (cents: number) => formatMoney(cents, budget.currency);
  const gone = `${Math.round(pace.monthFraction * 100)} % of the month gone`;
  return pace.status === 'ahead'
    ? `:warning: ${money(pace.aheadByCents)} ahead of pace: ${money(pace.expectedCents)} expected by now (${gone}).`
    : `On pace: ${money(pace.expectedCents)} expected by now (${gone}).`;
}

function setByLine(budget: BudgetState, configuredLimitCents: number | undefined): string | null {
  if (!budget.limitSetBy) return null;
  const configured = configuredLimitCents === undefined ? '' : ` instead of DELIGHT_MONTHLY_BUDGET (${formatMoney(configuredLimitCents, budget.currency)})`;
  return `Set by <@${budget.limitSetBy}> for ${budget.month}${configured}.`;
}

function withDetails(text: string, details: (string | null)[]): SlackMessage {
  const lines = details.filter((line): line is string => line !== null);
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (lines.length > 0) blocks.push({ type: 'context', elements: lines.map((line) => ({ type: 'mrkdwn' as const, text: line })) });
  return { text, blocks };
}
