import type { AuditTrailEntry } from '../../gestures/audit-trail.js';
import { formatMoney } from '../../money.js';
import { customerText, escapeMrkdwn } from './escape.js';
import { gestureLabel } from './format.js';

/**
 * One audit entry as a line people read:
 * "Nov 21, 10:02 · <@U…> approved a $50 gift card for Jane Smith (#1005)".
 * Customer text (names, e-mails, order numbers) is escaped; codes are put in
 * words; an entry of a kind this file does not know still gets a plain line.
 */
export function auditLine(entry: AuditTrailEntry, timeZone: string, fallbackCurrency: string): string {
  return `${auditStamp(entry.at, timeZone)} · ${actorText(entry.actor)} ${whatHappened(entry, fallbackCurrency)}`;
}

const stampFormats = new Map<string, Intl.DateTimeFormat>();

/** "Nov 21, 10:02" in the team's time zone, on a 24-hour clock. */
function auditStamp(at: Date, timeZone: string): string {
  let format = stampFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    stampFormats.set(timeZone, format);
  }
  return format.format(at);
}

/** Who acted: a mention for a person, words for delightbot, the configuration and the command line. */
function actorText(actor: string): string {
  if (/^[UW][A-Z0-9]+$/.test(actor)) return `<@${actor}>`;
  if (actor === 'delightbot') return 'delightbot';
  if (actor === 'config') return 'the configuration';
  if (actor === 'cli') return 'an operator (command line)';
  return escapeMrkdwn(actor);
}

/** Refusal codes and escalation reasons, in words. */
const REASONS: Record<string, string> = {
  not_an_approver: 'not an approver',
  needs_manager: 'only a manager may',
  over_budget: "over this month's budget",
  invalid_amount: 'not a valid amount',
  no_manager: 'no manager is set',
  already_decided: 'it was already decided',
  not_allowed: 'not the fulfiller, an approver or a manager',
  not_requested: 'nothing was asked for',
  not_a_manager: 'only managers may change the budget',
  below_spent: 'below what is already spent',
  over_limit: 'above the per-gesture limit',
  ahead_of_pace: 'spending is ahead of pace',
  cooldown: 'the customer had a gesture recently',
  approver_limit: "above the approver's monthly limit",
  undecided: 'nobody decided in time',
  stale_in_queue: 'it waited too long in the queue',
};

function reasonText(detail: AuditTrailEntry['detail']): string {
  const code = detail?.['code'] ?? detail?.['reason'] ?? detail?.['escalation'];
  if (typeof code !== 'string') return '';
  if (code === 'wrong_state' && typeof detail?.['from'] === 'string') return `: the gesture was ${escapeMrkdwn(detail['from'])}`;
  return `: ${REASONS[code] ?? escapeMrkdwn(code.replace(/_/g, ' '))}`;
}

function whatHappened(entry: AuditTrailEntry, fallbackCurrency: string): string {
  const currency = entry.currency ?? fallbackCurrency;
  const gesture = gestureText(entry, currency);
  const forWhom = `for ${customerOf(entry)}`;
  const nudge = `the nudge for ${customerOf(entry)}`;
  const why = reasonText(entry.detail);
  switch (entry.action) {
    case 'approve':
      return `approved ${gesture} ${forWhom}${entry.detail?.['escalation'] ? `, which needed a manager${why}` : ''}`;
    case 'customize':
      return `approved ${gesture} ${forWhom} (customised)`;
    case 'escalate':
      return `asked a manager to approve ${gesture} ${forWhom}${why}`;
    case 'approve_refused':
      return `could not approve ${gesture} ${forWhom}${why}`;
    case 'decline':
      return entry.detail?.['code'] ? `could not decline ${gesture} ${forWhom}${why}` : `declined ${gesture} ${forWhom}`;
    case 'skip':
      return `skipped ${nudge}`;
    case 'skip_refused':
      return `could not skip ${nudge}${why}`;
    case 'note':
      return entry.detail?.['length'] === 0 ? `cleared the note on ${nudge}` : `added a note to ${nudge}`;
    case 'fulfil':
      return `marked ${gesture} ${forWhom} done`;
    case 'fulfil_refused':
      return `could not mark ${gesture} ${forWhom} done${why}`;
    case 'cancel':
      return `cancelled ${gesture} ${forWhom}${entry.amountCents ? ' (the budget got it back)' : ''}`;
    case 'cancel_refused':
      return `could not cancel ${gesture} ${forWhom}${why}`;
    case 'fail':
      return `marked ${gesture} ${forWhom} failed`;
    case 'remind':
      return `reminded the fulfiller of ${gesture} ${forWhom}${typeof entry.detail?.['hours'] === 'number' ? ` (${entry.detail['hours']} h after approval)` : ''}`;
    case 'expire':
      return `expired ${nudge}${why}`;
    case 'budget_changed':
      return `set the ${monthOf(entry)}budget to ${amountOf(entry, currency)}${previousLimit(entry, currency)}`;
    case 'budget_change_refused':
      return `could not set the ${monthOf(entry)}budget to ${amountOf(entry, currency)}${why}`;
    case 'customer_redacted':
      return "erased a customer's personal data";
    default:
      return `${escapeMrkdwn(entry.action.replace(/_/g, ' '))}${entry.nudgeId !== null ? ` on ${nudge}` : ''}`;
  }
}

/** "a $50 gift card", "an $80 discount", "a handwritten note"; "a gesture" when nothing is known. */
function gestureText(entry: AuditTrailEntry, currency: string): string {
  const label = entry.gestureKind ? escapeMrkdwn(gestureLabel(entry.gestureKind)) : 'gesture';
  if (entry.amountCents === null || (entry.amountCents === 0 && entry.gestureKind !== null)) return `${article(label)} ${label}`;
  const amount = formatMoney(entry.amountCents, currency);
  return `${article(amount)} ${amount} ${label}`;
}

/** "an" before a vowel sound: "an $80", "an $11", "an €18,000", "an upgrade". */
function article(next: string): string {
  const leading = /^[^\d\w]*([\d,]+)/.exec(next)?.[1]?.split(',')[0];
  if (leading !== undefined) return /^(8\d{0,2}|11|18)$/.test(leading) ? 'an' : 'a';
  return /^[aeio]/i.test(next) ? 'an' : 'a';
}

/** The customer as the team knows them; never empty, escaped, erased customers named as such. */
function customerOf(entry: AuditTrailEntry): string {
  const who = entry.customerName
    ? customerText(entry.customerName, 80)
    : entry.customerEmail
      ? customerText(entry.customerEmail, 120)
      : entry.customerErased
        ? 'an erased customer'
        : 'a guest customer';
  return entry.orderNumber ? `${who} (${customerText(entry.orderNumber, 40)})` : who;
}

function monthOf(entry: AuditTrailEntry): string {
  const month = entry.detail?.['month'];
  return typeof month === 'string' ? `${escapeMrkdwn(month)} ` : '';
}

function amountOf(entry: AuditTrailEntry, currency: string): string {
  return entry.amountCents === null ? 'an unknown amount' : formatMoney(entry.amountCents, currency);
}

function previousLimit(entry: AuditTrailEntry, currency: string): string {
  const from = entry.detail?.['fromCents'];
  return typeof from === 'number' ? ` (was ${formatMoney(from, currency)})` : '';
}
