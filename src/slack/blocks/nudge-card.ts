import type { KnownBlock } from '@slack/types';
import { formatMoney } from '../../money.js';
import type { NudgeView } from '../../nudges/nudge-view.js';
import { customerText, escapeMrkdwn, truncate } from './escape.js';
import { formatAmounts, formatDay, formatItems, gestureLabel } from './format.js';
import { stateBlocks, stateSuffix } from './nudge-card-state.js';
import { momentLabel, nudgeHeadline } from './nudge-headline.js';

export { nudgeHeadline } from './nudge-headline.js';
import type { SlackMessage } from './message.js';

/**
 * The nudge card: headline, the customer's context, and either the decision
 * buttons or who decided what. Pure: the same view always renders the same card.
 */
export function nudgeCard(view: NudgeView, timeZone: string): SlackMessage {
  const headline = nudgeHeadline(view);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(headline, 150), emoji: true } },
    whyBlock(view),
    ...alsoBlock(view),
    contextFields(view, timeZone),
    ...orderSections(view, timeZone),
    ...historyBlock(view, timeZone),
  ];
  if (view.note) blocks.push(noteBlock(view.note));
  blocks.push(...stateBlocks(view, timeZone));
  return { text: `${escapeMrkdwn(headline)}${stateSuffix(view)}`, blocks: blocks.slice(0, 50) };
}

/** The rule's reason and the suggested gesture, escaped: a reason can quote a shop's shipping title. */
function whyBlock(view: NudgeView): KnownBlock {
  const amount = view.suggestedAmountCents ? `${formatMoney(view.suggestedAmountCents, view.budget.currency)} ` : '';
  const suggestion = `suggested: ${amount}${gestureLabel(view.suggestedGesture)}`;
  const text = view.why ? `${customerText(view.why, 300)} · ${suggestion}` : `Suggested: ${amount}${gestureLabel(view.suggestedGesture)}`;
  return { type: 'context', elements: [{ type: 'mrkdwn', text, verbatim: true }] };
}

/** The other moments that joined this card: one nudge per customer at a time. */
function alsoBlock(view: NudgeView): KnownBlock[] {
  const others = (view.moments ?? []).slice(1);
  if (others.length === 0) return [];
  const lines = others.slice(0, 5).map((moment) => `${momentLabel(moment.kind)}${moment.why ? ` (${customerText(moment.why, 150)})` : ''}`);
  const more = others.length > 5 ? `, and ${others.length - 5} more` : '';
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: `:heavy_plus_sign: Also: ${lines.join('; ')}${more}`, verbatim: true }] }];
}

/** What else the team should know before deciding: open tickets, the last gesture, the latest NPS. */
function historyBlock(view: NudgeView, timeZone: string): KnownBlock[] {
  const { support, recentGestures } = view.customer;
  const parts: string[] = [];
  const open = support.openTickets.length;
  if (open > 0) parts.push(`:ticket: ${open} open ticket${open === 1 ? '' : 's'}`);
  const decidedAt = view.decision?.at.getTime() ?? Number.POSITIVE_INFINITY;
  const last = recentGestures.find((gesture) => gesture.at.getTime() < decidedAt);
  if (last) parts.push(`:gift: last gesture: ${formatMoney(last.amount.cents, last.amount.currency)} ${gestureLabel(last.kind)}, ${formatDay(last.at, timeZone)}`);
  if (support.latestNps?.score != null) parts.push(`NPS ${support.latestNps.score} (${formatDay(support.latestNps.at, timeZone)})`);
  if (parts.length === 0) return [];
  return [{ type: 'context', elements: [{ type: 'mrkdwn', text: parts.join(' · ') }] }];
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

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000), verbatim: true } };
}
