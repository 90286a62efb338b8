import { formatMoney } from '../../money.js';
import type { MomentKind } from '../../nudges/moment.js';
import type { SuggestedGesture } from '../../nudges/rules/types.js';
import type { PlaybookSettings } from '../../nudges/settings.js';
import { escapeMrkdwn } from './escape.js';
import { gestureLabel, ordinal } from './format.js';

/**
 * One plain-language line per playbook moment for `/delight rules`: what
 * makes it fire, with the thresholds in effect, and the gesture it suggests.
 */

export const MOMENT_TITLES: Readonly<Record<MomentKind, string>> = {
  first_order: 'First order',
  order_milestone: 'Order milestones',
  came_back: 'Came back',
  lifetime_spend: 'Lifetime spend',
  birthday: 'Birthday',
  first_order_anniversary: 'First-order anniversary',
  unneeded_express: 'Unneeded express shipping',
  payment_trouble: 'Payment trouble',
  duplicate_charge: 'Duplicate charge',
  overpayment: 'Overpayment',
  recovery: 'Recovery',
  promoter: 'Promoter',
  lapsed: 'Lapsed customer',
  surprise: 'Surprise',
};

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/** "1 day", "30 days", "1.5 hours". */
export function duration(ms: number, unit: 'minute' | 'hour' | 'day'): string {
  const n = Math.round((ms / { minute: MINUTE_MS, hour: HOUR_MS, day: DAY_MS }[unit]) * 100) / 100;
  return `${n.toLocaleString('en-US')} ${unit}${n === 1 ? '' : 's'}`;
}

/** 0.03 → "3%". */
export function percent(share: number): string {
  return new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 }).format(share);
}

/** "a, b and c" (or "a, b or c"). */
function listing(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1) ?? ''}`;
}

/** A pattern as inline code; backticks would end the code span, so they are swapped for a look-alike. */
function code(pattern: RegExp): string {
  return `\`${escapeMrkdwn(pattern.source).replace(/`/g, 'ˋ')}\``;
}

/** Per-country table: "US 5, CA 7, elsewhere 6". */
function byCountry<T>(table: Readonly<Record<string, T>>, show: (value: T) => string): string {
  const entries = Object.entries(table);
  const named = entries.filter(([key]) => key !== 'default').map(([key, value]) => `${escapeMrkdwn(key)} ${show(value)}`);
  const fallback = entries.find(([key]) => key === 'default');
  const parts = fallback ? [...named, named.length > 0 ? `elsewhere ${show(fallback[1])}` : show(fallback[1])] : named;
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function suggests(gesture: SuggestedGesture, currency: string): string {
  const label = gestureLabel(gesture.gesture);
  return ` · suggests a ${label}${gesture.cents > 0 ? ` (${formatMoney(gesture.cents, currency)})` : ''}`;
}

function thresholds(table: Readonly<Record<string, readonly number[]>>, currency: string): string {
  const parts = Object.entries(table).map(([key, amounts]) => {
    const money = listing(amounts.map((cents) => formatMoney(cents, key === 'default' ? currency : key)), 'or');
    return key === 'default' ? `${money || 'nothing'}${Object.keys(table).length > 1 ? ' in other currencies' : ''}` : `${money || 'nothing'} in ${escapeMrkdwn(key)}`;
  });
  return parts.length > 0 ? parts.join('; ') : 'no thresholds set';
}

/** What makes the moment fire, with its settings, and what it suggests. */
export function momentLine(kind: MomentKind, playbook: PlaybookSettings, currency: string): string {
  const r = playbook.rules;
  const g = r.gestures;
  switch (kind) {
    case 'first_order':
      return "a customer's first order · suggests a handwritten note";
    case 'order_milestone':
      return `a customer's ${listing(r.orderMilestones.filter((count) => count > 1).map(ordinal))} orders · suggests a handwritten note`;
    case 'came_back':
      return `a customer's 2nd order${suggests(g.comeBack, currency)}`;
    case 'lifetime_spend':
      return `passes ${thresholds(r.lifetimeSpendThresholds, currency)}${suggests(g.lifetimeSpend, currency)}`;
    case 'birthday':
      return `on the customer's birthday${suggests(g.birthday, currency)}`;
    case 'first_order_anniversary':
      return `a year after the first order${suggests(g.anniversary, currency)}`;
    case 'unneeded_express': {
      const rates = Object.keys(r.standardShippingRates).length === 0
        ? '_no standard shipping rates set, so it stays silent_'
        : `standard rates ${byCountry(r.standardShippingRates, (rate) => formatMoney(rate.cents, rate.currency))}`;
      const days = (n: number) => duration(n * DAY_MS, 'day');
      return `express shipping (${code(r.expeditedShipping)}) when standard arrives as soon: standard ${byCountry(r.standardTransitDays, days)}; express ${byCountry(r.expressTransitDays, days)}; ${duration(r.expressSlackDays * DAY_MS, 'day')} slack; ${rates} · suggests refunding the difference`;
    }
    case 'payment_trouble':
      return `a failed payment or abandoned checkout with nothing paid ${duration(r.paymentFollowUpMs, 'minute')} later${suggests(g.paymentTrouble, currency)}`;
    case 'duplicate_charge':
      return `two equal payments within ${duration(r.duplicateChargeWindowMs, 'minute')} · suggests refunding the duplicate`;
    case 'overpayment':
      return 'paid more than the order total · suggests refunding the difference';
    case 'recovery':
      return `a bad rating, NPS 0–${r.npsDetractorMax}, a ticket open over ${duration(r.ticketOpenTooLongMs, 'hour')} or reopened ${r.ticketReopenedThreshold} times, or a subject matching ${code(r.refundRequest)}${suggests(g.recovery, currency)}`;
    case 'promoter':
      return `NPS ${r.npsPromoterMin}–10, or a good support rating with a comment${suggests(g.promoter, currency)}`;
    case 'lapsed':
      return `${r.lapsedMinOrders}+ orders, then silent ${r.lapsedGapFactor}× their usual gap and at least ${duration(r.lapsedMinSilenceMs, 'day')}${suggests(g.lapsed, currency)}`;
    case 'surprise':
      return `${percent(r.surpriseProbability)} of ordinary orders from customers with ${r.surpriseMinOrders}+ orders, not within ${duration(r.surpriseCooldownMs, 'day')} of a gesture${suggests(g.surprise, currency)}`;
  }
}
