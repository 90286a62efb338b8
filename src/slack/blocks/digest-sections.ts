import type { Digest } from '../../digest/digest.js';
import { formatMoney, minorUnitDigits } from '../../money.js';
import type { MomentKind } from '../../nudges/moment.js';
import { duration, percent, points, rate, signed, withChange } from './digest-format.js';
import { customerText } from './escape.js';
import { gestureLabel } from './format.js';
import { momentLabel } from './nudge-headline.js';

/** How the message names a customer: from the database when posted; erased customers stay unnamed. */
export type CustomerNames = ReadonlyMap<number, string | null>;

const KINDS_SHOWN = 8;

export function momentsSection(digest: Digest): string {
  const { moments } = digest;
  const lines = moments.byKind.slice(0, KINDS_SHOWN).map((line) => `• ${kindLabel(line.kind)}: ${withChange(line.count)}`);
  const more = moments.byKind.length - KINDS_SHOWN;
  if (more > 0) lines.push(`• and ${more} more kinds`);
  if (lines.length === 0) lines.push('No moments this week.');
  const kept = moments.heldOut + moments.cooledDown > 0 ? `\n_${moments.heldOut} held out (control group), ${moments.cooledDown} in a cooldown after a recent gesture._` : '';
  return `*Moments found* · ${withChange(moments.total)}\n${lines.join('\n')}${kept}`;
}

export function cardsSection(digest: Digest): string {
  const { nudges } = digest;
  const decided = nudges.medianDecisionMs === null ? 'no decisions this week' : `median time to a decision ${duration(nudges.medianDecisionMs)}`;
  const before = nudges.baselineMedianDecisionMs === null ? '' : ` _(before: ${duration(nudges.baselineMedianDecisionMs)})_`;
  return [
    '*Cards*',
    `Posted ${withChange(nudges.posted)} · approved ${withChange(nudges.approved)}`,
    `Skipped ${withChange(nudges.skipped)} · expired ${withChange(nudges.expired)}`,
    `Waiting now: ${nudges.waiting} in the channel, ${nudges.queued} queued · ${decided}${before}`,
  ].join('\n');
}

export function gesturesSection(digest: Digest): string {
  const { gestures, budget, overdue, currency } = digest;
  const money = (cents: number) => formatMoney(cents, currency);
  const byKind = gestures.byKind.map((line) => `${line.count} ${gestureLabel(line.kind)}${line.count === 1 ? '' : 's'} (${money(line.spendCents)})`).join(', ');
  const share =
    gestures.proactiveShare === null
      ? ''
      : `\nProactive: ${percent(gestures.proactiveShare)} (${gestures.proactive} delight, ${gestures.recovery} recovery)` +
        (gestures.baselineProactiveShare === null ? '' : ` _vs ${percent(gestures.baselineProactiveShare)} before_`);
  const left = budget.limitCents - budget.spentCents;
  // The pace is a guide, not a ledger: whole units read faster.
  const expected = wholeMoney(currency)(budget.expectedCents);
  const pace = budget.status === 'ahead' ? `:warning: ahead of pace (${expected} expected by now)` : `on pace (${expected} expected by now)`;
  const lines = [
    `*Gestures* · ${withChange(gestures.count)} · spend ${withChange(gestures.spendCents, wholeMoney(currency))}`,
    byKind || 'No gestures this week.',
  ];
  lines[1] += share;
  lines.push(`Budget for ${monthName(budget.month)}: ${money(budget.spentCents)} of ${money(budget.limitCents)} spent, ${money(left)} left · ${pace}`);
  if (overdue.total > 0) {
    const owed = overdue.oldest.map((gesture) => {
      const who = gesture.fulfillerId ? `<@${gesture.fulfillerId}>` : 'no one assigned';
      const what = gesture.amountCents > 0 ? `a ${gestureLabel(gesture.kind)} (${money(gesture.amountCents)})` : `a ${gestureLabel(gesture.kind)}`;
      return `${who} owes ${what}, approved ${duration(digest.generatedAt - gesture.approvedAt)} ago`;
    });
    lines.push(`:hourglass: ${overdue.total} overdue: ${owed.join('; ')}${overdue.total > overdue.oldest.length ? '; …' : ''}`);
  }
  return lines.join('\n');
}

export function customersSection(digest: Digest): string {
  const { customers, nps, satisfaction } = digest;
  const lately = customers.recoveredLately;
  const npsLine =
    nps.score === null
      ? 'NPS: no answers this week'
      : `NPS ${nps.score > 0 ? '+' : ''}${nps.score} (${nps.promoters} promoters, ${nps.passives} passives, ${nps.detractors} detractors)` +
        (nps.baselineScore === null ? '' : ` _vs ${nps.baselineScore > 0 ? '+' : ''}${nps.baselineScore} before_`);
  const rated = satisfaction.good + satisfaction.okay + satisfaction.bad;
  const satisfactionLine =
    rated === 0
      ? 'Support ratings: none this week'
      : `Support ratings: ${satisfaction.good} good, ${satisfaction.okay} okay, ${satisfaction.bad} bad (${percent(satisfaction.good / rated)} good` +
        (satisfaction.baselineGoodShare === null ? ')' : ` _vs ${percent(satisfaction.baselineGoodShare)} before_)`);
  return [
    '*Customers*',
    `New customers thanked ${withChange(customers.newThanked)} · repeat customers recognised ${withChange(customers.repeatRecognised)}`,
    `Recoveries ${withChange(customers.recoveries)} · of ${lately.customers} recovered in the last 12 weeks, ${lately.orderedAgain} ordered again since`,
    `${npsLine}\n${satisfactionLine}`,
  ].join('\n');
}

export function paysSection(digest: Digest): string {
  const { outcome, currency } = digest;
  const money = (cents: number) => formatMoney(Math.round(cents), currency);
  const head = `*Does it pay?* · orders within ${outcome.windowDays} days, customers gifted vs the random holdout that got nothing`;
  const { gifted, holdout, repeat, revenue } = outcome;
  const counts = `gifted ${gifted.orderedAgain} of ${gifted.customers}, holdout ${holdout.orderedAgain} of ${holdout.customers}`;
  if (repeat.kind === 'not_enough_data') {
    return `${head}\nNot enough data yet: ${gifted.customers} gifted and ${holdout.customers} holdout customers have had their ${outcome.windowDays} days; each group needs ${outcome.minCount} before the digest states a difference.`;
  }
  const repeatLine =
    `Ordered again: ${rate(repeat.rateA)} vs ${rate(repeat.rateB)} (${counts}) → ${points(repeat.difference)}, ` +
    `95% interval ${points(repeat.low)} to ${points(repeat.high)}: ${verdict(repeat.significant, repeat.difference)}`;
  const revenueLine =
    revenue.kind === 'not_enough_data'
      ? 'Revenue per customer: not enough data yet.'
      : `Revenue per customer: ${money(revenue.meanA)} vs ${money(revenue.meanB)} → ${signed(revenue.difference, money)}, ` +
        `95% interval ${signed(revenue.low, money)} to ${signed(revenue.high, money)}: ${verdict(revenue.significant, revenue.difference)}`;
  return `${head}\n${repeatLine}\n${revenueLine}`;
}

function verdict(significant: boolean, difference: number): string {
  if (!significant) return 'no clear difference yet';
  return difference > 0 ? '*gifted customers do better*' : '*gifted customers do worse*';
}

export function storiesSection(digest: Digest, names: CustomerNames): string {
  if (digest.stories.length === 0) return '*Stories* · none yet: they appear when a gifted customer orders again or answers NPS as a promoter.';
  const money = (cents: number) => formatMoney(cents, digest.currency);
  const lines = digest.stories.map((story, index) => {
    const name = names.get(story.customerId);
    const who = name ? customerText(name, 60) : 'A customer';
    const gift = story.amountCents > 0 ? `a ${money(story.amountCents)} ${gestureLabel(story.gestureKind)}` : `a ${gestureLabel(story.gestureKind)}`;
    const outcomes = [
      story.ordersSince > 0 ? `ordered again (${story.ordersSince}×, ${money(story.revenueSinceCents)})` : null,
      story.npsSince !== null && story.npsSince >= 9 ? `NPS ${story.npsSince}` : null,
    ].filter(Boolean);
    const by = story.approvedBy ? ` — thanks to <@${story.approvedBy}>` : '';
    return `${index + 1}. ${who} (${kindLabel(story.momentKind)}) got ${gift} → ${outcomes.join(', ')}${by}`;
  });
  return `*Top stories*\n${lines.join('\n')}`;
}

/** Amounts rounded to whole units ("$495", not "$494.75"): weekly averages read faster that way. */
export function wholeMoney(currency: string): (cents: number) => string {
  const unit = 10 ** minorUnitDigits(currency);
  return (cents) => formatMoney(Math.round(cents / unit) * unit, currency);
}

/** "2026-11" → "November". */
function monthName(month: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long' }).format(new Date(`${month}-15T12:00:00Z`));
}

/** Kinds come from stored digests: one a later version no longer knows is shown as stored. */
function kindLabel(kind: string): string {
  const label: string | undefined = momentLabel(kind as MomentKind);
  return label ?? kind;
}
