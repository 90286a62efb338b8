import { describe, expect, it } from 'vitest';
import { recovery, type RecoveryTrigger } from '../../src/nudges/rules/recovery.js';
import { DAY, history, HOUR, NOW, plus, settings, type HistoryBuilder } from './history-builder.js';

interface Case {
  name: string;
  build: () => HistoryBuilder;
  /** Which fact triggers: the last ticket or the last rating added. */
  on: 'ticket' | 'rating';
  expected: { key: string; reason: string; priority: number } | null;
}

const ago = (ms: number) => plus(NOW, -ms);

const cases: Case[] = [
  // Tickets
  {
    name: 'a ticket reopened twice',
    build: () => history().ticket(ago(30 * HOUR), { reopenCount: 2 }),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:ticket_reopened', reason: 'ticket_reopened', priority: 98 },
  },
  { name: 'a ticket reopened once', build: () => history().ticket(ago(30 * HOUR), { reopenCount: 1 }), on: 'ticket', expected: null },
  {
    name: 'a ticket reopened twice and solved yesterday',
    build: () => history().ticket(ago(10 * DAY), { reopenCount: 2, status: 'solved', solvedAt: ago(DAY) }),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:ticket_reopened', reason: 'ticket_reopened', priority: 98 },
  },
  {
    name: 'a ticket reopened twice and closed months ago (imported history)',
    build: () => history().ticket(ago(200 * DAY), { reopenCount: 3, status: 'closed', solvedAt: ago(190 * DAY) }),
    on: 'ticket',
    expected: null,
  },
  {
    name: 'a ticket open for 73 hours',
    build: () => history().ticket(ago(73 * HOUR)),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:ticket_open_too_long', reason: 'ticket_open_too_long', priority: 95 },
  },
  { name: 'a ticket open for 72 hours exactly', build: () => history().ticket(ago(72 * HOUR)), on: 'ticket', expected: null },
  { name: 'a ticket open for 71 hours', build: () => history().ticket(ago(71 * HOUR)), on: 'ticket', expected: null },
  {
    name: 'a new ticket nobody picked up for 4 days',
    build: () => history().ticket(ago(4 * DAY), { status: 'new' }),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:ticket_open_too_long', reason: 'ticket_open_too_long', priority: 95 },
  },
  {
    name: 'a ticket on hold for 4 days (the customer still waits)',
    build: () => history().ticket(ago(4 * DAY), { status: 'on_hold' }),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:ticket_open_too_long', reason: 'ticket_open_too_long', priority: 95 },
  },
  { name: 'a ticket pending for 4 days (the team waits for the customer)', build: () => history().ticket(ago(4 * DAY), { status: 'pending' }), on: 'ticket', expected: null },
  { name: 'a ticket solved after 4 days', build: () => history().ticket(ago(4 * DAY), { status: 'solved', solvedAt: ago(HOUR) }), on: 'ticket', expected: null },
  {
    name: 'a refund request',
    build: () => history().ticket(ago(HOUR), { subject: 'Refund for order #1102' }),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:refund_request', reason: 'refund_request', priority: 92 },
  },
  {
    name: 'money back, in other words',
    build: () => history().ticket(ago(HOUR), { subject: 'I want my money back' }),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:refund_request', reason: 'refund_request', priority: 92 },
  },
  {
    name: 'a return',
    build: () => history().ticket(ago(HOUR), { subject: 'How do I RETURN the scarf?' }),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:refund_request', reason: 'refund_request', priority: 92 },
  },
  { name: 'an ordinary question', build: () => history().ticket(ago(HOUR), { subject: 'Where is my parcel?' }), on: 'ticket', expected: null },
  { name: 'a ticket without a subject', build: () => history().ticket(ago(HOUR), { subject: null }), on: 'ticket', expected: null },
  { name: 'a refund request from last year', build: () => history().ticket(ago(300 * DAY), { subject: 'Refund', status: 'closed', solvedAt: ago(299 * DAY) }), on: 'ticket', expected: null },
  {
    name: 'a refund request reopened twice: one suggestion, for the worse reason',
    build: () => history().ticket(ago(HOUR), { subject: 'Refund please', reopenCount: 2 }),
    on: 'ticket',
    expected: { key: 'recovery:7:ticket:301:ticket_reopened', reason: 'ticket_reopened', priority: 98 },
  },
  // Ratings
  {
    name: 'a bad satisfaction rating',
    build: () => history().satisfaction('bad', ago(HOUR)),
    on: 'rating',
    expected: { key: 'recovery:7:rating:401', reason: 'bad_rating', priority: 95 },
  },
  { name: 'an okay satisfaction rating', build: () => history().satisfaction('okay', ago(HOUR)), on: 'rating', expected: null },
  { name: 'a good satisfaction rating', build: () => history().satisfaction('good', ago(HOUR), { comment: 'Thanks!' }), on: 'rating', expected: null },
  { name: 'a bad rating from last month', build: () => history().satisfaction('bad', ago(30 * DAY)), on: 'rating', expected: null },
  { name: 'NPS 0, the angriest detractor', build: () => history().nps(0, ago(HOUR)), on: 'rating', expected: { key: 'recovery:7:rating:401', reason: 'detractor', priority: 100 } },
  { name: 'NPS 3', build: () => history().nps(3, ago(HOUR)), on: 'rating', expected: { key: 'recovery:7:rating:401', reason: 'detractor', priority: 95 } },
  { name: 'NPS 6, still a detractor', build: () => history().nps(6, ago(HOUR)), on: 'rating', expected: { key: 'recovery:7:rating:401', reason: 'detractor', priority: 90 } },
  { name: 'NPS 7, a passive', build: () => history().nps(7, ago(HOUR)), on: 'rating', expected: null },
  { name: 'NPS 10', build: () => history().nps(10, ago(HOUR)), on: 'rating', expected: null },
  {
    name: 'the rating that triggers, not an earlier one',
    build: () => history().nps(2, ago(2 * DAY)).nps(9, ago(HOUR)),
    on: 'rating',
    expected: null,
  },
];

describe('recovery', () => {
  it.each(cases)('$name', ({ build, on, expected }) => {
    const builder = build();
    const trigger: RecoveryTrigger = on === 'ticket' ? { ticketId: builder.lastTicketId } : { ratingId: builder.lastRatingId };
    const suggestion = recovery({ trigger, history: builder.build(), now: NOW, settings: settings() });
    if (expected === null) {
      expect(suggestion).toBeNull();
      return;
    }
    expect(suggestion).toMatchObject({
      kind: 'recovery',
      dedupeKey: expected.key,
      facts: { reason: expected.reason },
      suggestedGesture: 'gift_card',
      suggestedAmountCents: 7_500,
      proactive: false,
      priority: expected.priority,
    });
  });

  it('an unknown ticket or rating is nothing', () => {
    const built = history().ticket(plus(NOW, -4 * DAY)).build();
    expect(recovery({ trigger: { ticketId: 999 }, history: built, now: NOW, settings: settings() })).toBeNull();
    expect(recovery({ trigger: { ratingId: 999 }, history: built, now: NOW, settings: settings() })).toBeNull();
  });

  it('lists every reason, and escalates once per reason as the ticket gets worse', () => {
    const early = history().ticket(plus(NOW, -HOUR), { subject: 'Refund, please' });
    const first = recovery({ trigger: { ticketId: 301 }, history: early.build(), now: NOW, settings: settings() });
    const later = plus(NOW, 4 * DAY);
    const second = recovery({ trigger: { ticketId: 301 }, history: early.build(), now: later, settings: settings() });
    expect(first?.dedupeKey).toBe('recovery:7:ticket:301:refund_request');
    expect(second?.dedupeKey).toBe('recovery:7:ticket:301:ticket_open_too_long');
    expect(second?.facts).toMatchObject({ why: 'ticket waiting 4 days without a solution', reasons: ['ticket_open_too_long', 'refund_request'], hoursOpen: 97 });
  });

  it('never copies the subject or the comment into the facts', () => {
    const builder = history().ticket(plus(NOW, -HOUR), { subject: 'Refund for Jane Doe jane@example.com', reopenCount: 2 }).satisfaction('bad', plus(NOW, -HOUR), { comment: 'Jane here, awful' });
    const ticket = recovery({ trigger: { ticketId: builder.lastTicketId }, history: builder.build(), now: NOW, settings: settings() });
    const rating = recovery({ trigger: { ratingId: builder.lastRatingId }, history: builder.build(), now: NOW, settings: settings() });
    expect(JSON.stringify([ticket?.facts, rating?.facts])).not.toMatch(/jane/i);
    expect(rating?.facts).toMatchObject({ hasComment: true });
  });
});
