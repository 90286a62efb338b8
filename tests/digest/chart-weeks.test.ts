import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chartWeeks } from '../../src/digest/chart-weeks.js';
import { digestPeriod } from '../../src/digest/week.js';
import { openDigestHistory, type DigestHistory } from '../helpers/digest-history.js';

const NOW = new Date('2026-11-30T08:00:00Z'); // the W49 digest: its twelve chart weeks run W37 (Sep 7) to W48 (Nov 23)
const SETTINGS = { windowDays: 60, currency: 'USD', timeZone: 'UTC' };
const DAY = 86_400_000;

let h: DigestHistory;
beforeEach(() => {
  h = openDigestHistory();
});
afterEach(() => h.close());

/** `count` customers entering a cohort on `day`; the first `reorders` order again `after` days later. */
function cohort(kind: 'gifted' | 'holdout', day: string, count: number, reorders: number, after = 10): void {
  for (let i = 0; i < count; i++) {
    const at = new Date(`${day}T12:00:00Z`).getTime() + i * 60_000;
    const customer = h.customer(`${kind}${i} ${day}`, { holdout: kind === 'holdout' });
    if (kind === 'gifted') {
      const card = h.card(customer, { kinds: ['birthday'], found: new Date(at).toISOString(), state: 'approved' });
      h.gesture(card, { approved: new Date(at).toISOString(), cents: 2_000 });
    } else {
      h.suppressedMoment(customer, 'birthday', new Date(at).toISOString(), 'holdout');
    }
    if (i < reorders) h.order(customer, new Date(at + after * DAY).toISOString());
  }
}

describe('the chart weeks', () => {
  it('pools four weeks of cohorts per point and draws only points whose 30 days have passed', () => {
    cohort('gifted', '2026-09-08', 10, 5); // W37
    cohort('holdout', '2026-09-09', 5, 1);
    cohort('gifted', '2026-09-15', 10, 3, 40); // W38: ordered again, but after the chart's 30 days
    const weeks = chartWeeks(h.db, digestPeriod(NOW, 'UTC'), SETTINGS, NOW);
    expect(weeks.map((week) => week.label)).toEqual(['W37', 'W38', 'W39', 'W40', 'W41', 'W42', 'W43', 'W44', 'W45', 'W46', 'W47', 'W48']);
    expect(weeks[0]).toMatchObject({ weekOf: 'Sep 7', gestures: 10, spendCents: 20_000, giftedRepeatRate: 0.5, holdoutRepeatRate: 0.2 });
    // W38 pools W35–W38: the 20 gifted of W37 and W38, 5 of whom ordered within 30 days.
    expect(weeks[1]).toMatchObject({ gestures: 10, giftedRepeatRate: 0.25, holdoutRepeatRate: 0.2 });
    expect(weeks[3]?.giftedRepeatRate).toBe(0.25); // W40 still pools W37
    expect(weeks[4]?.giftedRepeatRate).toBe(0); // W41 pools W38 only, whose orders came after 30 days
    expect(weeks[4]?.holdoutRepeatRate).toBeNull(); // no holdout cohort left in W38–W41
    expect(weeks[5]?.giftedRepeatRate).toBeNull(); // fewer than five customers
  });

  it('leaves the last weeks empty until their customers have had 30 days', () => {
    cohort('gifted', '2026-11-02', 10, 10, 1); // W45: everyone ordered again the next day
    cohort('holdout', '2026-11-02', 10, 0);
    const weeks = chartWeeks(h.db, digestPeriod(NOW, 'UTC'), SETTINGS, NOW);
    expect(weeks.slice(-4).map((week) => [week.label, week.gestures, week.giftedRepeatRate])).toEqual([
      ['W45', 10, null],
      ['W46', 0, null],
      ['W47', 0, null],
      ['W48', 0, null],
    ]);
  });
});
