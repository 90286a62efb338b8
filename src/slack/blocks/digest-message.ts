import type { KnownBlock } from '@slack/types';
import type { Digest } from '../../digest/digest.js';
import { formatMoney } from '../../money.js';
import { dayRange, duration, points, rate, withChange } from './digest-format.js';
import { cardsSection, customersSection, gesturesSection, momentsSection, paysSection, storiesSection, wholeMoney, type CustomerNames } from './digest-sections.js';
import { truncate } from './escape.js';
import type { SlackMessage } from './message.js';

/** Slack's limit for a section's text; the digest's sections stay far below it, this only guards. */
const SECTION_MAX = 3000;

/**
 * The weekly digest as a Slack message: a header, six key numbers with
 * their change against the four weeks before, then one section per topic.
 * Scannable in ten seconds; every number is in the text fallback's spirit
 * too, for notifications.
 */
export function digestMessage(digest: Digest, names: CustomerNames, options: { chartFollows: boolean }): SlackMessage {
  const days = dayRange(digest.firstDay, digest.lastDay);
  const money = (cents: number) => formatMoney(cents, digest.currency);
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Delight digest · ${days}`, emoji: true } },
    { type: 'section', fields: keyNumbers(digest).map((text) => ({ type: 'mrkdwn', text })) },
    { type: 'divider' },
    section(paysSection(digest)),
    section(storiesSection(digest, names)),
    { type: 'divider' },
    section(gesturesSection(digest)),
    section(customersSection(digest)),
    section(momentsSection(digest)),
    section(cardsSection(digest)),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${digest.week} · ${days} in ${digest.timeZone}, compared with the 4 weeks before${options.chartFollows ? ' · the 12-week chart follows' : ''}`,
        },
      ],
    },
  ];
  const text = `Delight digest ${days}: ${digest.gestures.count.week} gestures (${money(digest.gestures.spendCents.week)}), ${digest.moments.total.week} moments, ${digest.nudges.posted.week} cards posted`;
  return { text, blocks };
}

/** The six numbers a team lead reads first. */
function keyNumbers(digest: Digest): string[] {
  const { repeat } = digest.outcome;
  const pays = repeat.kind === 'not_enough_data' ? 'not enough data yet' : `${rate(repeat.rateA)} vs ${rate(repeat.rateB)} (${points(repeat.difference)})`;
  const decisions = digest.nudges.medianDecisionMs === null ? 'no decisions' : `median ${duration(digest.nudges.medianDecisionMs)}`;
  return [
    `*Gestures*\n${withChange(digest.gestures.count)}`,
    `*Spend*\n${withChange(digest.gestures.spendCents, wholeMoney(digest.currency))}`,
    `*Moments found*\n${withChange(digest.moments.total)}`,
    `*Cards approved*\n${withChange(digest.nudges.approved)} · ${decisions}`,
    `*NPS*\n${digest.nps.score === null ? 'no answers' : `${digest.nps.score > 0 ? '+' : ''}${digest.nps.score} from ${digest.nps.promoters + digest.nps.passives + digest.nps.detractors} answers`}`,
    `*Ordered again, gifted vs holdout*\n${pays}`,
  ];
}
