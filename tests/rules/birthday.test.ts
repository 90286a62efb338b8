import { describe, expect, it } from 'vitest';
import { birthday } from '../../src/nudges/rules/birthday.js';
import { history, settings } from './history-builder.js';

interface Case {
  name: string;
  birthday: string | null;
  now: string;
  timeZone?: string;
  /** Orders the customer has; one live order unless told. */
  orders?: 'none' | 'cancelled';
  /** The year in the dedupe key, or null when it must not fire. */
  year: number | null;
}

// 2026 is not a leap year, 2028 is. New York is on EDT (UTC−4) from March 8, 2026.
const cases: Case[] = [
  { name: 'on the birthday', birthday: '1990-03-10', now: '2026-03-10T15:00:00Z', year: 2026 },
  { name: 'a birthday without a year', birthday: '--03-10', now: '2026-03-10T15:00:00Z', year: 2026 },
  { name: 'the day before', birthday: '1990-03-10', now: '2026-03-09T15:00:00Z', year: null },
  { name: 'the day after', birthday: '1990-03-10', now: '2026-03-11T15:00:00Z', year: null },
  { name: '23:30 in New York is still the birthday, though UTC is a day on', birthday: '--03-10', now: '2026-03-11T03:30:00Z', year: 2026 },
  { name: '00:30 in New York the day after is not', birthday: '--03-10', now: '2026-03-11T04:30:00Z', year: null },
  { name: '23:30 in New York the evening before is not, though UTC is already the day', birthday: '--03-10', now: '2026-03-10T03:30:00Z', year: null },
  { name: '00:30 in Berlin is the birthday, though UTC is the day before', birthday: '--03-10', now: '2026-03-09T23:30:00Z', timeZone: 'Europe/Berlin', year: 2026 },
  { name: 'Auckland is a day ahead of UTC', birthday: '--01-01', now: '2025-12-31T12:00:00Z', timeZone: 'Pacific/Auckland', year: 2026 },
  { name: 'Feb 29 is celebrated on Feb 28 in a common year', birthday: '2000-02-29', now: '2026-02-28T15:00:00Z', year: 2026 },
  { name: 'Feb 29 is not celebrated on Mar 1 in a common year', birthday: '2000-02-29', now: '2026-03-01T15:00:00Z', year: null },
  { name: 'Feb 29 is celebrated on Feb 29 in a leap year', birthday: '--02-29', now: '2028-02-29T15:00:00Z', year: 2028 },
  { name: 'Feb 29 is not celebrated on Feb 28 in a leap year', birthday: '--02-29', now: '2028-02-28T15:00:00Z', year: null },
  { name: 'a Feb 28 birthday stays on Feb 28', birthday: '1990-02-28', now: '2028-02-28T15:00:00Z', year: 2028 },
  { name: 'unknown birthday', birthday: null, now: '2026-03-10T15:00:00Z', year: null },
  { name: 'malformed birthday', birthday: '10/03/1990', now: '2026-03-10T15:00:00Z', year: null },
  { name: 'impossible month', birthday: '1990-13-10', now: '2026-03-10T15:00:00Z', year: null },
  { name: 'impossible day', birthday: '--04-31', now: '2026-04-30T15:00:00Z', year: null },
  { name: 'a profile that never ordered', birthday: '--03-10', now: '2026-03-10T15:00:00Z', orders: 'none', year: null },
  { name: 'a customer whose only order was cancelled', birthday: '--03-10', now: '2026-03-10T15:00:00Z', orders: 'cancelled', year: null },
];

describe('birthday', () => {
  it.each(cases)('$name', ({ birthday: text, now, timeZone, orders, year }) => {
    const builder = history().birthday(text);
    if (orders !== 'none') builder.order('2025-06-01T12:00:00Z', { cancelled: orders === 'cancelled' });
    const suggestion = birthday({ history: builder.build(), now: new Date(now), timeZone: timeZone ?? 'America/New_York', settings: settings() });
    if (year === null) expect(suggestion).toBeNull();
    else expect(suggestion).toMatchObject({ kind: 'birthday', dedupeKey: `birthday:7:${year}`, proactive: true, priority: 50 });
  });

  it('says the date and never the age', () => {
    const builder = history().birthday('1990-03-10').order('2025-06-01T12:00:00Z');
    const suggestion = birthday({ history: builder.build(), now: new Date('2026-03-10T15:00:00Z'), timeZone: 'America/New_York', settings: settings() });
    expect(suggestion?.facts).toEqual({ why: 'birthday today', birthday: '--03-10', celebratedOn: '2026-03-10' });
    expect(suggestion).toMatchObject({ suggestedGesture: 'gift_card', suggestedAmountCents: 5_000 });
  });
});
