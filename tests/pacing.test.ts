import { describe, expect, it } from 'vitest';
import { fractionOfMonth, isAheadBeyondMargin, paceOf } from '../src/gestures/pacing.js';

describe('budget pacing', () => {
  it.each([
    ['the first instant of a month', '2026-11-01T00:00:00Z', 'UTC', 0],
    ['half of a 30-day month', '2026-11-16T00:00:00Z', 'UTC', 0.5],
    ['a quarter of February 2026 (28 days)', '2026-02-08T00:00:00Z', 'UTC', 0.25],
    ['half of a 31-day month', '2026-12-16T12:00:00Z', 'UTC', 0.5],
    // November in New York has 721 hours (DST ends Nov 1): local midnight Nov 1 is 04:00 UTC.
    ['New York, the start of its November', '2026-11-01T04:00:00Z', 'America/New_York', 0],
    ['New York, still October there', '2026-11-01T03:59:00Z', 'America/New_York', 1 - 1 / (31 * 24 * 60)],
  ])('%s', (_name, at, zone, fraction) => {
    expect(fractionOfMonth(new Date(at), zone)).toBeCloseTo(fraction, 5);
  });

  it('spreads the budget evenly and says whether spending is ahead', () => {
    const now = new Date('2026-11-16T00:00:00Z');
    expect(paceOf({ limitCents: 100_000, spentCents: 40_000 }, now, 'UTC')).toEqual({ expectedCents: 50_000, aheadByCents: -10_000, status: 'on_pace', monthFraction: 0.5 });
    const ahead = paceOf({ limitCents: 100_000, spentCents: 65_000 }, now, 'UTC');
    expect(ahead).toMatchObject({ expectedCents: 50_000, aheadByCents: 15_000, status: 'ahead' });
    expect(isAheadBeyondMargin(ahead, 100_000, 0.1)).toBe(true);
    expect(isAheadBeyondMargin(ahead, 100_000, 0.2)).toBe(false);
  });
});
