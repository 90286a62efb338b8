import type { KnownBlock } from '@slack/types';
import type { QueueView } from '../../nudges/queue-view.js';
import { customerText } from './escape.js';
import { formatMoment } from './format.js';
import type { SlackMessage } from './message.js';
import { momentLabel } from './nudge-headline.js';

/** `/delight queue`: what waits for a slot in the channel, in the order it will be posted. */
export function queueMessage(view: QueueView, timeZone: string): SlackMessage {
  const hours = Math.round(view.queueMaxWaitMs / 3_600_000);
  const why = !view.workingNow
    ? 'Outside working hours: the queue is posted when the day starts, highest priority first.'
    : view.postedToday >= view.dailyCap - view.recoveryReserve
      ? `Today's cap is reached (${view.postedToday} of ${view.dailyCap} posted${view.recoveryReserve > 0 ? `, the last ${view.recoveryReserve} kept for recoveries` : ''}): the queue is posted tomorrow, highest priority first.`
      : `${view.postedToday} of ${view.dailyCap} cards posted today.`;
  const summary =
    view.total === 0
      ? `:inbox_tray: The queue is empty. ${view.postedToday} of ${view.dailyCap} cards posted today.`
      : `:inbox_tray: *${view.total} nudge${view.total === 1 ? '' : 's'} waiting.* ${why} Proactive ones older than ${hours} h are dropped; recoveries always get their card.`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: summary } }];
  if (view.queued.length > 0) {
    const lines = view.queued.map((nudge, index) => {
      const who = nudge.customerName ? customerText(nudge.customerName, 80) : 'A guest customer';
      const what = nudge.kinds.map(momentLabel).join(', ');
      return `${index + 1}. ${nudge.recovery ? ':rotating_light: ' : ''}*${who}* — ${what} · priority ${nudge.priority} · since ${formatMoment(nudge.queuedAt, timeZone)}`;
    });
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: lines.join('\n').slice(0, 2900), verbatim: true } });
    if (view.total > view.queued.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${view.total - view.queued.length} more.` }] });
  }
  return { text: summary, blocks };
}
