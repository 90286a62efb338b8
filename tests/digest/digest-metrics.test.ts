import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetMonths } from '../../src/db/schema.js';
import { buildDigest, type DigestSettings } from '../../src/digest/build-digest.js';
import type { Digest } from '../../src/digest/digest.js';
import { digestPeriod } from '../../src/digest/week.js';
import { openDigestHistory, type DigestHistory } from '../helpers/digest-history.js';

/**
 * A hand-made history around one digest week in Europe/Berlin: every
 * expected number below can be counted from the rows written here. The
 * comparison weeks start at local midnight (23:00 UTC), so rows an hour
 * either side of it tell a local boundary from a UTC one.
 */
const NOW = new Date('2026-11-30T08:00:00Z'); // Monday 09:00 in Berlin
const SETTINGS: DigestSettings = {
  monthlyBudgetCents: 100_000,
  currency: 'USD',
  timeZone: 'Europe/Berlin',
  overdueMs: 72 * 3_600_000,
  repeatWindowDays: 60,
  minCount: 10,
};

let history: DigestHistory;
let digest: Digest;

function plantWeek(h: DigestHistory): void {
  const ann = h.customer('Ann Lee');
  const annCard = h.card(ann, { kinds: ['first_order'], found: '2026-11-24T10:00Z', posted: '2026-11-24T10:00Z', decided: '2026-11-24T11:00Z', state: 'approved' });
  h.gesture(annCard, { approved: '2026-11-24T11:00Z', kind: 'gift_card', cents: 5_000, approvedBy: 'U_ANA' });
  h.order(ann, '2026-11-28T09:00Z', 12_000);
  h.nps(ann, 10, '2026-11-28T10:00Z');
  h.satisfaction(ann, 'good', '2026-11-25T10:00Z');

  const bob = h.customer('Bob Stone');
  const bobCard = h.card(bob, { kinds: ['birthday'], found: '2026-11-24T12:00Z', posted: '2026-11-24T12:00Z', decided: '2026-11-24T14:00Z', state: 'approved' });
  h.gesture(bobCard, { approved: '2026-11-24T14:00Z', kind: 'discount', cents: 2_500, state: 'approved', approvedBy: 'U_ANA', fulfillerId: 'U_FUL' });
  h.nps(bob, 8, '2026-11-26T10:00Z');
  h.satisfaction(bob, 'good', '2026-11-26T10:00Z');

  const cy = h.customer('Cy Reed');
  const cyCard = h.card(cy, { kinds: ['recovery'], found: '2026-11-25T09:00Z', posted: '2026-11-25T09:00Z', decided: '2026-11-25T13:00Z', state: 'approved' });
  h.gesture(cyCard, { approved: '2026-11-25T13:00Z', kind: 'fee_refund', cents: 1_000, approvedBy: 'U_BEN' });
  h.order(cy, '2026-11-28T12:00Z', 3_000);
  h.nps(cy, 9, '2026-11-27T10:00Z');
  h.satisfaction(cy, 'good', '2026-11-27T10:00Z');

  const fay = h.customer('Fay Wu');
  h.card(fay, { kinds: ['first_order'], found: '2026-11-26T09:00Z', posted: '2026-11-26T09:00Z', decided: '2026-11-26T09:30Z', state: 'skipped' });
  h.nps(fay, 3, '2026-11-27T11:00Z');
  h.satisfaction(fay, 'bad', '2026-11-27T11:00Z');

  h.card(h.customer('Gus Hall'), { kinds: ['came_back'], found: '2026-11-26T10:00Z', posted: '2026-11-26T10:00Z', decided: '2026-11-28T10:00Z', state: 'expired' });
  h.card(h.customer('Eve Moss'), { kinds: ['first_order'], found: '2026-11-29T08:00Z', posted: '2026-11-29T08:00Z', state: 'pending' });
  h.card(h.customer('Hal Berg'), { kinds: ['birthday'], found: '2026-11-29T20:00Z', state: 'queued' });
  const ivy = h.customer('Ivy Cole');
  const ivyCard = h.card(ivy, { kinds: ['first_order', 'lifetime_spend'], found: '2026-11-27T10:00Z', posted: '2026-11-27T10:00Z', decided: '2026-11-27T10:05Z', state: 'approved' });
  h.gesture(ivyCard, { approved: '2026-11-27T10:05Z', cents: 10_000, state: 'cancelled' });
  h.suppressedMoment(h.customer('Dee Park', { holdout: true }), 'birthday', '2026-11-25T08:00Z', 'holdout');
  h.suppressedMoment(h.customer('Jo King'), 'came_back', '2026-11-26T08:00Z', 'cooldown');
  h.db.insert(budgetMonths).values({ month: '2026-11', currency: 'USD', limitCents: 100_000, spentCents: 8_500, createdAt: 0, updatedAt: 0 }).run();
}

function plantComparisonWeeks(h: DigestHistory): void {
  // One gifted first order a week; the first at 00:30 on Monday Oct 26 in Berlin (23:30 UTC the day before), inside the weeks compared.
  const found = ['2026-10-25T23:30Z', '2026-11-02T10:00Z', '2026-11-09T10:00Z', '2026-11-16T10:00Z'];
  found.forEach((at, index) => {
    const customer = h.customer(`Kim${index + 1} Bay`);
    const decided = new Date(new Date(at).getTime() + 2 * 3_600_000).toISOString();
    const card = h.card(customer, { kinds: ['first_order'], found: at, posted: at, decided, state: 'approved' });
    h.gesture(card, { approved: decided, approvedBy: 'U_ANA' });
    if (index === 0) h.nps(customer, 10, '2026-11-01T10:00Z');
    if (index === 1) h.order(customer, '2026-11-10T10:00Z', 6_000);
  });
  // 23:30 on Sunday Oct 25 in Berlin: the day before the comparison weeks begin.
  h.card(h.customer('Old Timer'), { kinds: ['first_order'], found: '2026-10-25T22:30Z', posted: '2026-10-25T22:30Z', decided: '2026-10-25T22:40Z', state: 'skipped' });
  // A recovery that did not bring the customer back.
  const rob = h.customer('Rob Lane');
  h.gesture(h.card(rob, { kinds: ['recovery'], found: '2026-11-10T08:00Z', posted: '2026-11-10T08:00Z', decided: '2026-11-10T10:00Z', state: 'approved' }), {
    approved: '2026-11-10T10:00Z',
    kind: 'fee_refund',
    cents: 1_000,
  });
  h.nps(h.customer('Kim Nps'), 9, '2026-11-03T10:00Z');
  h.satisfaction(h.customer('Sat One'), 'good', '2026-11-03T10:00Z');
  h.satisfaction(h.customer('Sat Two'), 'bad', '2026-11-04T10:00Z');
}

/** Twelve gifted customers and ten held out, all with their 60 days behind them. */
function plantCohorts(h: DigestHistory): void {
  for (let i = 0; i < 12; i++) {
    const customer = h.customer(`Gifted${i} Cohort`);
    const approved = new Date(Date.UTC(2026, 7, 1 + i, 10)).toISOString();
    const card = h.card(customer, { kinds: ['first_order'], found: approved, posted: approved, decided: approved, state: 'approved' });
    h.gesture(card, { approved });
    const days = (n: number) => new Date(new Date(approved).getTime() + n * 86_400_000).toISOString();
    if (i < 6) h.order(customer, days(30), 8_000);
    if (i === 6) h.order(customer, days(61), 50_000); // after the window
    if (i === 7) h.order(customer, days(10), 9_000, { cancelled: true });
  }
  const rex = h.customer('Rex Fix'); // a recovery: no control group, so in neither cohort
  h.gesture(h.card(rex, { kinds: ['recovery'], found: '2026-08-05T10:00Z', state: 'approved' }), { approved: '2026-08-05T10:00Z' });
  h.order(rex, '2026-08-20T10:00Z');
  for (let i = 0; i < 10; i++) {
    const customer = h.customer(`Held${i} Out`, { holdout: true });
    const at = new Date(Date.UTC(2026, 7, 2 + i, 10)).toISOString();
    h.suppressedMoment(customer, 'birthday', at, 'holdout');
    if (i < 2) h.order(customer, new Date(new Date(at).getTime() + 20 * 86_400_000).toISOString(), 4_000);
  }
}

beforeAll(() => {
  history = openDigestHistory();
  plantWeek(history);
  plantComparisonWeeks(history);
  plantCohorts(history);
  digest = buildDigest(history.db, digestPeriod(NOW, SETTINGS.timeZone), SETTINGS, NOW);
});

afterAll(() => history.close());

describe('the digest of a known week', () => {
  it('covers Monday to Sunday before the week it belongs to, in the team time zone', () => {
    expect({ week: digest.week, firstDay: digest.firstDay, lastDay: digest.lastDay }).toEqual({ week: '2026-W49', firstDay: '2026-11-23', lastDay: '2026-11-29' });
  });

  it('counts moments by kind against the weekly average of the four weeks before', () => {
    expect(digest.moments.total).toEqual({ week: 11, baselineWeekly: 1.25 });
    const byKind = Object.fromEntries(digest.moments.byKind.map((line) => [line.kind, line.count]));
    expect(byKind).toEqual({
      first_order: { week: 4, baselineWeekly: 1 },
      birthday: { week: 3, baselineWeekly: 0 },
      came_back: { week: 2, baselineWeekly: 0 },
      recovery: { week: 1, baselineWeekly: 0.25 },
      lifetime_spend: { week: 1, baselineWeekly: 0 },
    });
    expect(digest.moments.byKind[0]?.kind).toBe('first_order');
    expect({ heldOut: digest.moments.heldOut, cooledDown: digest.moments.cooledDown }).toEqual({ heldOut: 1, cooledDown: 1 });
  });

  it('counts cards posted and decided, what waits now, and the median time to a decision', () => {
    const { nudges } = digest;
    expect(nudges.posted).toEqual({ week: 7, baselineWeekly: 1.25 });
    expect(nudges.approved).toEqual({ week: 4, baselineWeekly: 1.25 });
    expect(nudges.skipped).toEqual({ week: 1, baselineWeekly: 0 });
    expect(nudges.expired).toEqual({ week: 1, baselineWeekly: 0 });
    expect({ waiting: nudges.waiting, queued: nudges.queued }).toEqual({ waiting: 1, queued: 1 });
    // Waits of 5 min, 30 min, 1 h, 2 h and 4 h; expiry is no decision.
    expect(nudges.medianDecisionMs).toBe(3_600_000);
    expect(nudges.baselineMedianDecisionMs).toBe(2 * 3_600_000);
  });

  it('sums gestures given by type, leaves a cancelled one out, and splits delight from recovery', () => {
    const { gestures } = digest;
    expect(gestures.count).toEqual({ week: 3, baselineWeekly: 1.25 });
    expect(gestures.spendCents).toEqual({ week: 8_500, baselineWeekly: 5_250 });
    expect(gestures.byKind).toEqual([
      { kind: 'gift_card', count: 1, spendCents: 5_000 },
      { kind: 'discount', count: 1, spendCents: 2_500 },
      { kind: 'fee_refund', count: 1, spendCents: 1_000 },
    ]);
    expect({ proactive: gestures.proactive, recovery: gestures.recovery }).toEqual({ proactive: 2, recovery: 1 });
    expect(gestures.proactiveShare).toBeCloseTo(2 / 3, 10);
    expect(gestures.baselineProactiveShare).toBe(0.8);
  });

  it("reads the month's budget and pace, and names who owes an overdue gesture", () => {
    expect(digest.budget).toMatchObject({ month: '2026-11', limitCents: 100_000, spentCents: 8_500, status: 'on_pace' });
    // 29 days and 9 hours of November's 30 days have passed in Berlin.
    expect(digest.budget.expectedCents).toBe(Math.round(100_000 * ((29 * 24 + 9) / (30 * 24))));
    expect(digest.overdue.total).toBe(1);
    expect(digest.overdue.oldest[0]).toMatchObject({ fulfillerId: 'U_FUL', kind: 'discount', amountCents: 2_500 });
  });

  it('counts customers thanked, recognised and recovered, and whether the recovered came back', () => {
    expect(digest.customers.newThanked).toEqual({ week: 1, baselineWeekly: 1 });
    expect(digest.customers.repeatRecognised).toEqual({ week: 0, baselineWeekly: 0 });
    expect(digest.customers.recoveries).toEqual({ week: 1, baselineWeekly: 0.25 });
    expect(digest.customers.recoveredLately).toEqual({ customers: 2, orderedAgain: 1 });
  });

  it('reports NPS and support ratings of the week', () => {
    expect(digest.nps).toEqual({ promoters: 2, passives: 1, detractors: 1, score: 25, baselineScore: 100 });
    expect(digest.satisfaction).toEqual({ good: 3, okay: 0, bad: 1, baselineGoodShare: 0.5 });
  });

  it('compares gifted customers with the holdout over closed windows only', () => {
    const { outcome } = digest;
    expect(outcome.gifted).toEqual({ customers: 12, orderedAgain: 6, revenueCents: 48_000 });
    expect(outcome.holdout).toEqual({ customers: 10, orderedAgain: 2, revenueCents: 8_000 });
    expect(outcome.cohortTo).toBe(NOW.getTime() - 60 * 86_400_000);
    // Reference: Newcombe's hybrid score interval and scipy's Welch interval, computed in Python:
    //   newcombe(6, 12, 2, 10) → (0.3, -0.09575598, 0.58489210)
    //   scipy.stats.ttest_ind([8000]*6+[0]*6, [4000]*2+[0]*8, equal_var=False).confidence_interval() → (389.58025, 6010.41975)
    expect(outcome.repeat.kind).toBe('estimate');
    if (outcome.repeat.kind !== 'estimate') return;
    expect(outcome.repeat.difference).toBeCloseTo(0.3, 10);
    expect(outcome.repeat.low).toBeCloseTo(-0.09575598, 6);
    expect(outcome.repeat.high).toBeCloseTo(0.5848921, 6);
    expect(outcome.repeat.significant).toBe(false);
    expect(outcome.revenue.kind).toBe('estimate');
    if (outcome.revenue.kind !== 'estimate') return;
    expect(outcome.revenue.difference).toBeCloseTo(3_200, 6);
    expect(outcome.revenue.low).toBeCloseTo(389.58025, 3);
    expect(outcome.revenue.high).toBeCloseTo(6010.41975, 3);
    expect(outcome.revenue.significant).toBe(true);
  });

  it('says not enough data rather than a lift when a group is below the minimum', () => {
    const strict = buildDigest(history.db, digestPeriod(NOW, SETTINGS.timeZone), { ...SETTINGS, minCount: 11 }, NOW);
    expect(strict.outcome.repeat.kind).toBe('not_enough_data');
    expect(strict.outcome.revenue.kind).toBe('not_enough_data');
  });

  it('tells the three best stories of the last twelve weeks, most revenue first', () => {
    expect(digest.stories.map((story) => [story.momentKind, story.revenueSinceCents, story.npsSince, story.approvedBy])).toEqual([
      ['first_order', 12_000, 10, 'U_ANA'],
      ['first_order', 6_000, null, 'U_ANA'],
      ['recovery', 3_000, 9, 'U_BEN'],
    ]);
  });

  it('charts twelve weeks of gestures and spend, ending with the digest week', () => {
    expect(digest.chart).toHaveLength(12);
    expect(digest.chart.at(-1)).toMatchObject({ label: 'W48', spendCents: 8_500, gestures: 3 });
    expect(digest.chart.slice(-6, -1).map((week) => week.gestures)).toEqual([0, 1, 1, 2, 1]);
  });
});
