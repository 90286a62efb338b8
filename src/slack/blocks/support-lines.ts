import type { SupportSummary } from '../../history/support-summary.js';
import { formatMoney } from '../../money.js';
import { customerText } from './escape.js';
import { formatDay } from './format.js';

/**
 * The support side of a customer card: payments, tickets and scores from every
 * source, as mrkdwn lines. Empty when the customer has none.
 */
export function supportLines(support: SupportSummary, timeZone: string): string[] {
  const lines: string[] = [];
  if (support.sources.length > 0) lines.push(`*Known in:* ${support.sources.join(', ')}`);
  for (const payment of support.recentPayments.slice(0, 3)) {
    lines.push(`• ${formatDay(payment.at, timeZone)} · ${payment.source} payment ${formatMoney(payment.amount.cents, payment.amount.currency)} (${payment.status})`);
  }
  for (const ticket of support.openTickets.slice(0, 3)) {
    const subject = ticket.subject ? ` “${customerText(ticket.subject, 120)}”` : '';
    const reopened = ticket.reopenCount > 0 ? `, reopened ${ticket.reopenCount}×` : '';
    lines.push(`• :speech_balloon: ${ticket.source} ticket ${customerText(ticket.externalId, 40)}${subject} — ${ticket.status}${reopened} since ${formatDay(ticket.openedAt, timeZone)}`);
  }
  if (support.openTickets.length === 0 && support.recentTickets.length > 0) {
    lines.push(`• ${support.recentTickets.length} solved ticket${support.recentTickets.length === 1 ? '' : 's'}, none open`);
  }
  if (support.latestNps) {
    const comment = support.latestNps.comment ? ` — “${customerText(support.latestNps.comment, 200)}”` : '';
    lines.push(`• NPS ${support.latestNps.score ?? '?'} on ${formatDay(support.latestNps.at, timeZone)}${comment}`);
  }
  if (support.latestSatisfaction) {
    const comment = support.latestSatisfaction.comment ? ` — “${customerText(support.latestSatisfaction.comment, 200)}”` : '';
    lines.push(`• Rated support *${support.latestSatisfaction.rating ?? '?'}* on ${formatDay(support.latestSatisfaction.at, timeZone)}${comment}`);
  }
  return lines;
}
