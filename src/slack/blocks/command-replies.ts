import type { BudgetState } from '../../gestures/budget.js';
import { formatMoney } from '../../money.js';
import type { SlackMessage } from './message.js';

/** `/delight help`. */
export function helpMessage(): SlackMessage {
  const text = [
    '*delightbot* notices moments worth a small gesture and posts them in the delight channel.',
    '• `/delight jane@example.com` — a customer card by e-mail',
    '• `/delight Jane Smith` — by name (part of it is enough)',
    '• `/delight #1005` — by order number',
    '• `/delight budget` — spent and left this month',
    '• `/delight rules` — the playbook in effect: moments, thresholds, daily cap, working hours',
    '• `/delight queue` — nudges waiting for a slot in the channel, in the order they will be posted',
    '• `/delight help` — this message',
  ].join('\n');
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** `/delight budget`. */
export function budgetMessage(budget: BudgetState): SlackMessage {
  const money = (cents: number) => formatMoney(cents, budget.currency);
  const text = `:moneybag: Budget ${budget.month}: *${money(budget.spentCents)}* spent, *${money(budget.leftCents)}* left of ${money(budget.limitCents)}.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
