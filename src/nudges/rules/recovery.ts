import { count, hasText, isFresh, matches, wholeDays } from './shared.js';
import { PRIORITY, type CustomerHistory, type HistoryRating, type HistoryTicket, type PlaybookSuggestion, type RuleSettings } from './types.js';

/** What to look at: a ticket that changed (or is still open at a scan), or a rating that arrived. */
export type RecoveryTrigger = { ticketId: number } | { ratingId: number };

export interface RecoveryInput {
  trigger: RecoveryTrigger;
  history: CustomerHistory;
  now: Date;
  settings: RuleSettings;
}

export type RecoveryReason = 'ticket_reopened' | 'ticket_open_too_long' | 'refund_request' | 'bad_rating' | 'detractor';

/** Within the recovery band, the worse experience ranks higher. */
const TICKET_PRIORITY: Record<'ticket_reopened' | 'ticket_open_too_long' | 'refund_request', number> = {
  ticket_reopened: PRIORITY.recovery.max - 2,
  ticket_open_too_long: PRIORITY.recovery.min + 5,
  refund_request: PRIORITY.recovery.min + 2,
};

const WAITING: ReadonlySet<HistoryTicket['status']> = new Set(['new', 'open', 'on_hold']);
const DONE: ReadonlySet<HistoryTicket['status']> = new Set(['solved', 'closed']);

/**
 * Complaints are gold: an unhappy customer gets a fast recovery gesture.
 * Fires for
 * - a ticket reopened `ticketReopenedThreshold` (2) times or more;
 * - a ticket still new, open or on hold (the customer is the one waiting;
 *   not "pending", where the team waits for the customer) after
 *   `ticketOpenTooLongMs` (72 h) — call this from a periodic scan with each
 *   waiting ticket as the trigger, since no event marks the moment;
 * - a ticket whose subject asks for money back (/refund|money back|return/i);
 * - a 'bad' satisfaction rating;
 * - an NPS answer of `npsDetractorMax` (6) or less.
 * A ticket that qualifies for several reasons yields one suggestion, for the
 * worst reason, listing all of them; its dedupe key is per ticket and that
 * reason, so a ticket that gets worse later (reopened again, then left
 * waiting) escalates once per reason and never repeats. Stale facts (a
 * rating, a refund request or a finished ticket older than `maxFactAgeMs`)
 * never fire. Not proactive: a recovery only gets back to zero.
 * Subjects and comments are matched, never copied into facts.
 */
export function recovery(input: RecoveryInput): PlaybookSuggestion | null {
  const { trigger, history, now, settings } = input;
  if ('ticketId' in trigger) {
    const ticket = history.tickets.find((candidate) => candidate.ticketId === trigger.ticketId);
    return ticket ? ticketRecovery(history, ticket, now, settings) : null;
  }
  const rating = history.ratings.find((candidate) => candidate.ratingId === trigger.ratingId);
  return rating ? ratingRecovery(history, rating, now, settings) : null;
}

function ticketRecovery(history: CustomerHistory, ticket: HistoryTicket, now: Date, settings: RuleSettings): PlaybookSuggestion | null {
  const waitedMs = now.getTime() - ticket.openedAt.getTime();
  const reasons: (keyof typeof TICKET_PRIORITY)[] = [];
  const recentlyActive = !DONE.has(ticket.status) || (ticket.solvedAt !== null && isFresh(ticket.solvedAt, now, settings.maxFactAgeMs));
  if (ticket.reopenCount >= settings.ticketReopenedThreshold && recentlyActive) reasons.push('ticket_reopened');
  if (WAITING.has(ticket.status) && waitedMs > settings.ticketOpenTooLongMs) reasons.push('ticket_open_too_long');
  if (matches(settings.refundRequest, ticket.subject) && isFresh(ticket.openedAt, now, settings.maxFactAgeMs)) reasons.push('refund_request');
  const reason = reasons[0];
  if (reason === undefined) return null;
  const hoursOpen = Math.floor(waitedMs / 3_600_000);
  const why: Record<keyof typeof TICKET_PRIORITY, string> = {
    ticket_reopened: `ticket reopened ${count(ticket.reopenCount, 'time')}`,
    ticket_open_too_long: `ticket waiting ${hoursOpen >= 72 ? count(wholeDays(waitedMs), 'day') : count(hoursOpen, 'hour')} without a solution`,
    refund_request: 'ticket asks for money back',
  };
  return suggestion(history, settings, `ticket:${ticket.ticketId}:${reason}`, TICKET_PRIORITY[reason], {
    why: why[reason],
    reason,
    reasons,
    ticketSource: ticket.source,
    ticketExternalId: ticket.externalId,
    ticketStatus: ticket.status,
    reopenCount: ticket.reopenCount,
    hoursOpen,
  });
}

function ratingRecovery(history: CustomerHistory, rating: HistoryRating, now: Date, settings: RuleSettings): PlaybookSuggestion | null {
  if (!isFresh(rating.ratedAt, now, settings.maxFactAgeMs)) return null;
  const base = { ratingSource: rating.source, ratingExternalId: rating.externalId, ticketExternalId: rating.ticketExternalId, hasComment: hasText(rating.comment) };
  if (rating.kind === 'satisfaction' && rating.rating === 'bad') {
    return suggestion(history, settings, `rating:${rating.ratingId}`, PRIORITY.recovery.min + 5, {
      why: 'rated the support "bad"',
      reason: 'bad_rating',
      rating: 'bad',
      ...base,
    });
  }
  if (rating.kind === 'nps' && rating.score !== null && rating.score >= 0 && rating.score <= settings.npsDetractorMax) {
    const span = PRIORITY.recovery.max - PRIORITY.recovery.min;
    return suggestion(
      history,
      settings,
      `rating:${rating.ratingId}`,
      // 0 is the angriest detractor: top of the band; the highest detractor score at its bottom.
      PRIORITY.recovery.min + Math.round((span * (settings.npsDetractorMax - rating.score)) / Math.max(1, settings.npsDetractorMax)),
      { why: `NPS ${rating.score} (detractor)`, reason: 'detractor', score: rating.score, ...base },
    );
  }
  return null;
}

function suggestion(history: CustomerHistory, settings: RuleSettings, key: string, priority: number, facts: Record<string, unknown>): PlaybookSuggestion {
  const { gesture, cents } = settings.gestures.recovery;
  return {
    kind: 'recovery',
    dedupeKey: `recovery:${history.customerId}:${key}`,
    facts,
    suggestedGesture: gesture,
    suggestedAmountCents: cents,
    proactive: false,
    priority,
  };
}
