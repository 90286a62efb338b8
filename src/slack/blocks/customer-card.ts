import type { KnownBlock } from '@slack/types';
import type { CustomerSummary } from '../../history/customer-summary.js';
import type { CustomerMatch, CustomerQuery } from '../../history/find-customers.js';
import { formatMoney } from '../../money.js';
import { customerText, escapeMrkdwn, truncate } from './escape.js';
import { formatAmounts, formatDay, formatItems, gestureLabel } from './format.js';
import type { SlackMessage } from './message.js';
import { supportLines } from './support-lines.js';

/** The `/delight` customer card: who they are, what they bought, what we did for them. */
export function customerCard(customer: CustomerSummary, timeZone: string): SlackMessage {
  const title = customer.name ?? customer.email ?? 'Guest customer';
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(title, 150), emoji: true } },
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: `*E-mail*\n${customer.email ? customerText(customer.email, 200) : '—'}`, verbatim: true },
        { type: 'mrkdwn', text: `*Orders*\n${customer.ordersCount}` },
        { type: 'mrkdwn', text: `*Lifetime spend*\n${formatAmounts(customer.lifetimeSpend)}` },
        { type: 'mrkdwn', text: `*Customer since*\n${customer.firstOrderAt ? formatDay(customer.firstOrderAt, timeZone) : '—'}` },
      ],
    },
  ];
  if (customer.recentOrders.length > 0) {
    const lines = customer.recentOrders.map((order) => {
      const number = order.number ? `${customerText(order.number, 40)} · ` : '';
      return `• ${number}${formatDay(order.placedAt, timeZone)} · ${formatMoney(order.total.cents, order.total.currency)} — ${formatItems(order.items, 3)}`;
    });
    blocks.push(mrkdwnSection(`*Recent orders*\n${lines.join('\n')}`));
  }
  const gestures = customer.recentGestures.length ? customer.recentGestures.map((g) => gestureLine(g, timeZone)).join('\n') : 'none yet';
  blocks.push(mrkdwnSection(`*Gestures*\n${gestures}`));
  const support = supportLines(customer.support, timeZone);
  if (support.length > 0) blocks.push(mrkdwnSection(`*Payments and support*\n${support.join('\n')}`));
  return { text: `Customer card: ${escapeMrkdwn(title)}`, blocks };
}

/** One gesture in the customer's history: what, who decided, whether it happened and what the customer was told. */
function gestureLine(g: CustomerSummary['recentGestures'][number], timeZone: string): string {
  const what = `• ${formatDay(g.at, timeZone)} · ${formatMoney(g.amount.cents, g.amount.currency)} ${gestureLabel(g.kind)}`;
  const who = g.approvedBy ? ` approved by <@${g.approvedBy}>` : ` asked for by <@${g.requestedBy}>`;
  const done = g.state === 'fulfilled' && g.fulfilledAt ? ` · done${g.fulfilledBy ? ` by <@${g.fulfilledBy}>` : ''} ${formatDay(g.fulfilledAt, timeZone)}` : ` (${g.state})`;
  const told = g.customerMessage ? `\n   _told them:_ ${customerText(g.customerMessage, 200)}` : '';
  return `${what}${who}${done}${told}`;
}

/** Several customers matched a name: a short list to pick from. */
export function customerMatchList(query: CustomerQuery, matches: readonly CustomerMatch[]): SlackMessage {
  const lines = matches.map((match) => {
    const name = match.name ? customerText(match.name, 80) : '_no name_';
    const email = match.email ? ` — ${customerText(match.email, 120)}` : '';
    return `• ${name}${email}`;
  });
  const intro = `${matches.length} customers match ${describeQuery(query)}. Look one up by e-mail for the full card:`;
  return { text: intro, blocks: [mrkdwnSection(`${intro}\n${lines.join('\n')}`)] };
}

/** Nothing matched: say what was searched and how else to search. */
export function noCustomerFound(query: CustomerQuery): SlackMessage {
  const text = `No customer found for ${describeQuery(query)}. Try an e-mail, a name or an order number like #1005.`;
  return { text, blocks: [mrkdwnSection(text)] };
}

/** What was searched, for replies: the e-mail “…”, order #1005, the name “…” (escaped). */
export function describeQuery(query: CustomerQuery): string {
  switch (query.by) {
    case 'email':
      return `the e-mail “${customerText(query.email, 200)}”`;
    case 'order':
      return `order #${customerText(query.number, 40)}`;
    case 'name':
      return `the name “${customerText(query.name, 100)}”`;
  }
}

function mrkdwnSection(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000), verbatim: true } };
}
