import type { HomeView as SlackHomeView, KnownBlock } from '@slack/types';
import type { GestureToFulfil, HomeCustomer, HomeView, PendingDecision, RecentGesture, WaitingRequest } from '../../gestures/home-view.js';
import { formatMoney } from '../../money.js';
import { PRIORITY } from '../../nudges/rules/types.js';
import { cardLink, type WorkspaceLinks } from './card-link.js';
import { customerText, truncate } from './escape.js';
import { formatDay, formatMoment, gestureLabel } from './format.js';
import { escalationText } from './nudge-card-state.js';
import { momentLabel } from './nudge-headline.js';

export interface HomeTabOptions {
  timeZone: string;
  /** The delight channel, for "see every card in #delight". */
  channelId: string;
  workspace: WorkspaceLinks;
}

/** Moment kinds named per card before "and 2 more". */
const KINDS_SHOWN = 3;
/** Characters of a customer's name shown: enough to recognise them, never enough to crowd the tab. */
const NAME_MAX = 80;

/**
 * The person's Home tab: what waits for their decision, the gestures they
 * must make happen, the requests waiting for them as a manager (managers
 * only), the month's budget and the team's last gestures. Pure. Within
 * Slack's limits whatever the data: every list is bounded by the read model,
 * customer text is cut and escaped, every text is cut to its block's limit.
 */
export function homeTab(view: HomeView, options: HomeTabOptions): SlackHomeView {
  const blocks: KnownBlock[] = [
    header('Your delight desk'),
    context(`Updated ${formatMoment(view.at, options.timeZone)} · every card is in <#${options.channelId}>`),
    ...pendingBlocks(view, options),
    { type: 'divider' },
    ...fulfilBlocks(view, options),
    ...(view.waitingForManager ? [{ type: 'divider' } as const, ...managerBlocks(view.waitingForManager, view.waitingForManagerTotal, options)] : []),
    { type: 'divider' },
    ...budgetBlocks(view),
    { type: 'divider' },
    ...recentBlocks(view.recentGestures, options),
  ];
  return { type: 'home', blocks: blocks.slice(0, 100) };
}

function pendingBlocks(view: HomeView, options: HomeTabOptions): KnownBlock[] {
  const title = header(`:inbox_tray: Waiting for your decision${count(view.pendingDecisionsTotal)}`);
  if (!view.mayDecide) return [title, section('Nothing waits for you: the approvers decide on cards. You can still add a note to any card.')];
  if (view.pendingDecisions.length === 0) return [title, section('Nothing waits for you. :sparkles:')];
  return [title, ...view.pendingDecisions.map((item) => section(pendingLine(item, options))), ...more(view.pendingDecisionsTotal, view.pendingDecisions.length, options)];
}

function pendingLine(item: PendingDecision, options: HomeTabOptions): string {
  const [first, ...others] = item.momentKinds;
  const what = first ? momentLabel(first) : 'a moment';
  const shown = others.slice(0, KINDS_SHOWN - 1).map(momentLabel);
  const rest = others.length - shown.length;
  const also = shown.length > 0 ? `, also ${shown.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}` : '';
  const urgent = item.priority >= PRIORITY.trouble.min ? ':rotating_light: ' : '';
  const posted = item.postedAt ? `posted ${formatMoment(item.postedAt, options.timeZone)}` : 'being posted';
  return `${urgent}*${who(item.customer)}*: ${what}${also}\n${joined([posted, cardLink(item.card, options.workspace)])}`;
}

function fulfilBlocks(view: HomeView, options: HomeTabOptions): KnownBlock[] {
  const title = header(`:gift: Yours to make happen${count(view.toFulfilTotal)}`);
  if (view.toFulfil.length === 0) return [title, section('Nothing to make happen: every gesture you took on is done.')];
  return [title, ...view.toFulfil.map((item) => section(fulfilLine(item, options))), ...more(view.toFulfilTotal, view.toFulfil.length, options)];
}

function fulfilLine(item: GestureToFulfil, options: HomeTabOptions): string {
  const approved = item.approvedBy ? `approved by <@${item.approvedBy}>${item.approvedAt ? ` ${formatDay(item.approvedAt, options.timeZone)}` : ''}` : 'approved';
  const status = item.state === 'failed'
    ? `:warning: *The automatic fulfilment failed:* ${customerText(item.failReason ?? 'no reason given', 200)}. Do it by hand.`
    : item.overdue ? ':warning: *Overdue:* not marked done yet.' : '';
  const link = cardLink(item.card, options.workspace, 'mark it done on the card');
  return `*${gesture(item)}* for *${who(item.customer)}* · ${approved}\n${joined([status, link])}`;
}

function managerBlocks(items: WaitingRequest[], total: number, options: HomeTabOptions): KnownBlock[] {
  const title = header(`:hourglass_flowing_sand: Waiting for you as a manager${count(total)}`);
  if (items.length === 0) return [title, section('No request waits for a manager.')];
  const lines = items.map((item) => {
    const asked = `<@${item.requestedBy}> asks for a *${gesture(item)}* for *${who(item.customer)}*: ${escalationText(item.escalation)}`;
    return section(`${asked}\n${joined([formatMoment(item.requestedAt, options.timeZone), cardLink(item.card, options.workspace, 'approve or decline on the card')])}`);
  });
  return [title, ...lines, ...more(total, items.length, options)];
}

function budgetBlocks(view: HomeView): KnownBlock[] {
  const { budget } = view;
  const money = (cents: number) => formatMoney(cents, budget.currency);
  const pace = budget.pace.status === 'ahead'
    ? `:chart_with_upwards_trend: *ahead of pace* by ${money(budget.pace.aheadByCents)}`
    : 'on pace';
  return [
    header(`:moneybag: Budget for ${monthName(budget.month)}`),
    {
      type: 'section',
      fields: [
        mrkdwn(`*Spent*\n${money(budget.spentCents)}`),
        mrkdwn(`*Left*\n${money(Math.max(0, budget.leftCents))} of ${money(budget.limitCents)}`),
        mrkdwn(`*Pace*\n${pace}: ${money(budget.pace.expectedCents)} expected by today`),
      ],
    },
  ];
}

function recentBlocks(items: RecentGesture[], options: HomeTabOptions): KnownBlock[] {
  const title = header(':sparkles: Recent gestures across the team');
  if (items.length === 0) return [title, section(`No gestures yet: approve one from a card in <#${options.channelId}>.`)];
  const lines = items.map((item) => `• *${gesture(item)}* · ${stateText(item, options.timeZone)}${link(item, options)}`);
  return [title, section(lines.join('\n'))];
}

function stateText(item: RecentGesture, timeZone: string): string {
  const day = formatDay(item.at, timeZone);
  const approver = item.approvedBy ? `approved by <@${item.approvedBy}>` : `asked by <@${item.requestedBy}>`;
  const fulfiller = item.fulfillerId ? ` · <@${item.fulfillerId}> makes it happen` : '';
  switch (item.state) {
    case 'requested':
      return `asked by <@${item.requestedBy}> ${day}, waiting for a manager`;
    case 'approved':
      return `${approver} ${day}${fulfiller}`;
    case 'fulfilled':
      return `done by <@${item.closedBy ?? item.fulfillerId ?? 'unknown'}> ${day} · ${approver}`;
    case 'cancelled':
      return `cancelled by <@${item.closedBy ?? 'unknown'}> ${day}`;
    case 'failed':
      return `automatic fulfilment failed ${day}${fulfiller}`;
    case 'declined':
      return `declined by <@${item.closedBy ?? 'unknown'}> ${day}`;
  }
}

function link(item: RecentGesture, options: HomeTabOptions): string {
  const text = cardLink(item.card, options.workspace, 'card');
  return text ? ` · ${text}` : '';
}

/** The customer as the card names them; escaped and cut, since a name can be `<!channel>`. */
function who(customer: HomeCustomer): string {
  if (customer.erased) return 'a customer (erased)';
  return customerText(customer.name ?? 'a guest customer', NAME_MAX);
}

function gesture(item: { amountCents: number; currency: string; kind: string }): string {
  const amount = item.amountCents > 0 ? `${formatMoney(item.amountCents, item.currency)} ` : '';
  return `${amount}${gestureLabel(item.kind)}`;
}

function more(total: number, shown: number, options: HomeTabOptions): KnownBlock[] {
  return total > shown ? [context(`and ${total - shown} more: see <#${options.channelId}>`)] : [];
}

function count(total: number): string {
  return total > 0 ? ` (${total})` : '';
}

function joined(parts: string[]): string {
  return parts.filter(Boolean).join(' · ');
}

/** "2026-11" → "November 2026". */
function monthName(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number);
  if (!year || !monthNumber) return month;
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
}

function header(text: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, 150), emoji: true } };
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000), verbatim: true } };
}

function mrkdwn(text: string) {
  return { type: 'mrkdwn' as const, text: truncate(text, 2000), verbatim: true };
}

function context(text: string): KnownBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(text, 3000), verbatim: true }] };
}
