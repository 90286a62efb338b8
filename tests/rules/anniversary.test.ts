import { describe, expect, it } from 'vitest';
import { anniversary } from '../../src/nudges/rules/anniversary.js';
import { history, settings } from './history-builder.js';

interface Case {
  name: string;
  /** The first order's time; null for none. */
  first: string | null;
  firstCancelled?: boolean;
  now: string;
  timeZone?: string;
  expected: { year: number; years: number; priority: number } | null;
}

const cases: Case[] = [
  { name: 'one year to the day', first: '2025-03-10T15:00:00Z', now: '2026-03-10T15:00:00Z', expected: { year: 2026, years: 1, priority: 45 } },
  { name: 'three years', first: '2023-03-10T15:00:00Z', now: '2026-03-10T20:00:00Z', expected: { year: 2026, years: 3, priority: 47 } },
  { name: 'ten years rank no higher than the birthday', first: '2016-03-10T15:00:00Z', now: '2026-03-10T15:00:00Z', expected: { year: 2026, years: 10, priority: 50 } },
  { name: 'the day of the first order itself', first: '2026-03-10T12:00:00Z', now: '2026-03-10T15:00:00Z', expected: null },
  { name: 'a day early', first: '2025-03-11T15:00:00Z', now: '2026-03-10T15:00:00Z', expected: null },
  {
    name: 'a first order at 22:00 New York time (the next day in UTC) is remembered on the New York date',
    first: '2024-03-11T02:00:00Z',
    now: '2026-03-10T15:00:00Z',
    expected: { year: 2026, years: 2, priority: 46 },
  },
  { name: 'the same order read in UTC falls on the next day', first: '2024-03-11T02:00:00Z', now: '2026-03-10T15:00:00Z', timeZone: 'UTC', expected: null },
  { name: 'late evening in New York, after midnight UTC', first: '2025-03-10T15:00:00Z', now: '2026-03-11T03:59:00Z', expected: { year: 2026, years: 1, priority: 45 } },
  { name: 'just after midnight in New York, the day after', first: '2025-03-10T15:00:00Z', now: '2026-03-11T04:01:00Z', expected: null },
  { name: 'a Feb 29 first order on Feb 28 of a common year', first: '2024-02-29T15:00:00Z', now: '2025-02-28T15:00:00Z', expected: { year: 2025, years: 1, priority: 45 } },
  { name: 'a Feb 29 first order not on Mar 1', first: '2024-02-29T15:00:00Z', now: '2025-03-01T15:00:00Z', expected: null },
  { name: 'no orders', first: null, now: '2026-03-10T15:00:00Z', expected: null },
  { name: 'a cancelled first order is no anniversary', first: '2025-03-10T15:00:00Z', firstCancelled: true, now: '2026-03-10T15:00:00Z', expected: null },
];

describe('anniversary', () => {
  it.each(cases)('$name', ({ first, firstCancelled, now, timeZone, expected }) => {
    const builder = history();
    if (first !== null) builder.order(first, { cancelled: firstCancelled ?? false });
    const suggestion = anniversary({ history: builder.build(), now: new Date(now), timeZone: timeZone ?? 'America/New_York', settings: settings() });
    if (expected === null) {
      expect(suggestion).toBeNull();
      return;
    }
    expect(suggestion).toMatchObject({
      kind: 'first_order_anniversary',
      dedupeKey: `first_order_anniversary:7:${expected.year}`,
      facts: { years: expected.years },
      suggestedGesture: 'note',
      suggestedAmountCents: 0,
      proactive: true,
      priority: expected.priority,
    });
  });

  it('counts from the first live order when a later one exists', () => {
    const builder = history().order('2024-03-10T15:00:00Z').order('2025-07-01T15:00:00Z');
    const suggestion = anniversary({ history: builder.build(), now: new Date('2026-03-10T15:00:00Z'), timeZone: 'America/New_York', settings: settings() });
    expect(suggestion?.facts).toEqual({ why: '2 years since the first order', years: 2, firstOrderOn: '2024-03-10' });
  });
});
