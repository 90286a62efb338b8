import type { KnownBlock } from '@slack/types';
import { formatMoney } from '../../money.js';
import type { NudgeView } from '../../nudges/nudge-view.js';
import { ActionId, BlockId } from '../ids.js';
import { customerText, escapeMrkdwn, truncate } from './escape.js';
import { formatAmounts, formatDay, formatItems, formatMoment, ordinal } from './format.js';
import type { SlackMessage } from './message.js';

/**
 * The nudge card: headline, the customer's context, and either the decision
 * buttons or who decided what. Pure: the same view always renders the same card.
 */
export function nudgeCard(view: NudgeView, timeZone: string): SlackMessage {
  const headline = nudgeHeadline(view);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: true } },
    ...whyBlock(view),
    contextFields(view, timeZone),
    ...orderSections(view, timeZone),
  ];
  if (view.note) blocks.push(noteBlock(view.note));
  blocks.push(...stateBlocks(view, timeZone));
  return { text: `${escapeMrkdwn(headline)}${stateSuffix(view)}`, blocks };
}

/** "Jane Smith's 5th order — add a note?" (plain text: the header block never parses mentions). */
export function nudgeHeadline(view: NudgeView): string {
  const who = view.customerErased ? 'A customer (erased)' : (view.customer.name ?? view.customer.email ?? 'A guest customer');
  switch (view.kind) {
    case 'first_order':
      return `${who}'s first order — say thank you?`;
    case 'order_milestone':
      return `${who}'s ${ordinal(view.ordinal ?? view.customer.ordersCount)} order — add a note?`;
    case 'came_back':
      return `${who} is back for a ${ordinal(view.ordinal ?? 2)} order — great to hear from you again?`;
    case 'lifetime_spend': {
      const amount = view.threshold ? `${formatMoney(view.threshold.cents, view.threshold.currency)} lifetime` : 'a lifetime-spend milestone';
      return `${who} just passed ${amount} — recognise them?`;
    }
    case 'unneeded_express':
      return `${who} paid for express shipping they didn't need — refund the difference?`;
    case 'surprise':
      return `Surprise ${who}? A good customer's ordinary order`;
    case 'recovery':
      return `${who} is unhappy — make it right?`;
    case 'promoter':
      return `${who} loves you — thank them and ask for a referral?`;
    default:
      return `A moment for ${who} — take a look?`;
  }
}

/** The rule's reason as a context line, escaped: it can quote a shop's shipping title. */
function whyBlock(view: NudgeView): KnownBlock[] {
  if (!view.why) return [];
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: customerText(view.why, 300), verbatim: true }] }];
}

function contextFields(view: NudgeView, timeZone: string): KnownBlock {
  const { customer } = view;
  const since = customer.firstOrderAt ? formatDay(customer.firstOrderAt, timeZone) : '—';
  return {
    type: 'section',
    fields: [
      { type: 'mrkdwn', text: `*Orders so far*\n${customer.ordersCount}` },
      { type: 'mrkdwn', text: `*Lifetime spend*\n${formatAmounts(customer.lifetimeSpend)}` },
      { type: 'mrkdwn', text: `*Customer since*\n${since}` },
      { type: 'mrkdwn', text: `*E-mail*\n${customer.email ? customerText(customer.email, 200) : '—'}`, verbatim: true },
    ],
  };
}

function orderSections(view: NudgeView, timeZone: string): KnownBlock[] {
  const sections: KnownBlock[] = [];
  if (view.order) {
    const number = view.order.number ? `${customerText(view.order.number, 40)} · ` : '';
    sections.push(section(`*This order* (${number}${formatMoney(view.order.total.cents, view.order.total.currency)}): ${formatItems(view.order.items)}`));
  }
  if (view.previousOrder) {
    const when = formatDay(view.previousOrder.placedAt, timeZone);
    sections.push(section(`*Last time* (${when}): ${formatItems(view.previousOrder.items)}`));
  } else if (view.kind === 'first_order') {
    sections.push(section('*Last time:* nothing — this is their first order with us.'));
  }
  return sections;
}

function noteBlock(note: NonNullable<NudgeView['note']>): KnownBlock {
  const by = note.by ? ` from <@${note.by}>` : '';
  return section(`:memo: *Note${by}:* ${customerText(note.text, 1000)}`);
}

function stateBlocks(view: NudgeView, timeZone: string): KnownBlock[] {
  const budget = budgetLine(view);
  const when = view.decision ? ` · ${formatMoment(view.decision.at, timeZone)}` : '';
  switch (view.state) {
    case 'pending':
      return [actions(view), { type: 'context', elements: [{ type: 'mrkdwn', text: budget }] }];
    case 'approved': {
      const amount = view.gesture ? formatMoney(view.gesture.amountCents, view.gesture.currency) : 'a';
      return [
        section(`:white_check_mark: <@${view.decision?.by ?? 'unknown'}> approved a *${amount} gesture*${when}`),
        { type: 'context', elements: [{ type: 'mrkdwn', text: budget }] },
      ];
    }
    case 'skipped':
      return [section(`:fast_forward: Skipped by <@${view.decision?.by ?? 'unknown'}>${when}`)];
    case 'expired':
      return [section(':hourglass: Expired: nobody decided in time.')];
  }
}

function actions(view: NudgeView): KnownBlock {
  const value = String(view.nudgeId);
  return {
    type: 'actions',
    block_id: BlockId.nudgeActions,
    elements: [
      { type: 'button', action_id: ActionId.addNote, text: { type: 'plain_text', text: 'Add a note' }, value },
      { type: 'button', action_id: ActionId.approveSmall, text: { type: 'plain_text', text: 'Approve $50 gesture' }, value, style: 'primary' },
      { type: 'button', action_id: ActionId.approveLarge, text: { type: 'plain_text', text: 'Approve $100 gesture' }, value },
      { type: 'button', action_id: ActionId.skip, text: { type: 'plain_text', text: 'Skip' }, value },
    ],
  };
}

function budgetLine(view: NudgeView): string {
  const { budget } = view;
  return `:moneybag: Budget ${budget.month}: ${formatMoney(budget.leftCents, budget.currency)} left of ${formatMoney(budget.limitCents, budget.currency)}`;
}

function stateSuffix(view: NudgeView): string {
  switch (view.state) {
    case 'pending':
      return '';
    case 'approved':
      return ` — approved ${view.gesture ? formatMoney(view.gesture.amountCents, view.gesture.currency) : ''} by <@${view.decision?.by}>`;
    case 'skipped':
      return ` — skipped by <@${view.decision?.by}>`;
    case 'expired':
      return ' — expired';
  }
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000), verbatim: true } };
}
