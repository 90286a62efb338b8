import { describe, expect, it } from 'vitest';
import type { Digest } from '../../src/digest/digest.js';
import { checkMessageBlocks } from '../../src/dev/slack-stand-in/index.js';
import { digestMessage } from '../../src/slack/blocks/digest-message.js';
import { textObjects } from '../helpers/block-text.js';

const count = (week: number, baselineWeekly = 0) => ({ week, baselineWeekly });

/** A digest with every list at its longest and every text at its worst. */
function busyDigest(overrides: Partial<Digest> = {}): Digest {
  return {
    week: '2026-W49',
    firstDay: '2026-11-23',
    lastDay: '2026-11-29',
    generatedAt: Date.parse('2026-11-30T14:00:00Z'),
    timeZone: 'America/New_York',
    currency: 'USD',
    moments: {
      total: count(140, 120.5),
      byKind: ['first_order', 'order_milestone', 'came_back', 'lifetime_spend', 'birthday', 'first_order_anniversary', 'unneeded_express', 'payment_trouble', 'duplicate_charge', 'overpayment', 'recovery', 'promoter', 'lapsed', 'surprise'].map((kind, i) => ({ kind, count: count(14 - i, 3) })),
      heldOut: 12,
      cooledDown: 4,
    },
    nudges: { posted: count(100, 90), approved: count(60, 50), skipped: count(30, 35), expired: count(10, 5), waiting: 7, queued: 3, medianDecisionMs: 95 * 60_000, baselineMedianDecisionMs: 3 * 3_600_000 },
    gestures: {
      count: count(60, 50.25),
      spendCents: count(412_550, 300_012),
      byKind: ['note', 'discount', 'gift_card', 'fee_refund', 'upgrade', 'gift', 'call', 'other'].map((kind, i) => ({ kind, count: 8 - i, spendCents: (8 - i) * 2_500 })),
      proactive: 45,
      recovery: 15,
      proactiveShare: 0.75,
      baselineProactiveShare: 0.7,
    },
    budget: { month: '2026-11', limitCents: 500_000, spentCents: 480_000, expectedCents: 483_312, status: 'on_pace' },
    overdue: {
      total: 9,
      oldest: Array.from({ length: 5 }, (_, i) => ({ gestureId: i, customerId: i, fulfillerId: i === 0 ? null : `U0FUL0000${i}`, kind: 'gift_card', amountCents: i * 1_000, approvedAt: Date.parse('2026-11-20T10:00:00Z') })),
    },
    customers: { newThanked: count(20, 18), repeatRecognised: count(15, 12), recoveries: count(15, 10), recoveredLately: { customers: 120, orderedAgain: 40 } },
    nps: { promoters: 30, passives: 10, detractors: 5, score: 56, baselineScore: 50 },
    satisfaction: { good: 80, okay: 10, bad: 10, baselineGoodShare: 0.78 },
    outcome: {
      windowDays: 60,
      minCount: 30,
      cohortFrom: 0,
      cohortTo: 0,
      gifted: { customers: 400, orderedAgain: 150, revenueCents: 1_000_000 },
      holdout: { customers: 60, orderedAgain: 14, revenueCents: 90_000 },
      repeat: { kind: 'estimate', rateA: 0.375, rateB: 0.2333, difference: 0.1417, low: 0.021, high: 0.243, significant: true },
      revenue: { kind: 'estimate', meanA: 2_500, meanB: 1_500, difference: 1_000, low: -210, high: 2_210, significant: false },
    },
    stories: [1, 2, 3].map((customerId) => ({ gestureId: customerId, customerId, gestureKind: 'gift_card', amountCents: 5_000, approvedBy: 'U0MARIA001', momentKind: 'order_milestone', ordersSince: 2, revenueSinceCents: 24_000, npsSince: 10 })),
    chart: [],
    ...overrides,
  };
}

describe('the digest message', () => {
  it('is valid Block Kit with a header, six key numbers and a text fallback', () => {
    const message = digestMessage(busyDigest(), new Map(), { chartFollows: true });
    expect(checkMessageBlocks(message.blocks)).toMatchObject({ kind: 'valid' });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Delight digest · Nov 23 – 29', emoji: true } });
    const fields = (message.blocks[1] as { fields: { text: string }[] }).fields.map((field) => field.text);
    expect(fields).toEqual([
      '*Gestures*\n60 ↑ _vs 50.3/wk_',
      '*Spend*\n$4,126 ↑ _vs $3,000/wk_',
      '*Moments found*\n140 ↑ _vs 120.5/wk_',
      '*Cards approved*\n60 ↑ _vs 50/wk_ · median 1 h 35 min',
      '*NPS*\n+56 from 45 answers',
      '*Ordered again, gifted vs holdout*\n37.5% vs 23.3% (+14.2 pts)',
    ]);
    expect(message.text).toBe('Delight digest Nov 23 – 29: 60 gestures ($4,125.50), 140 moments, 100 cards posted');
  });

  it('states an interval and a verdict, and says plainly when a difference is not clear', () => {
    const text = textObjects(digestMessage(busyDigest(), new Map(), { chartFollows: false }).blocks).mrkdwn.join('\n');
    expect(text).toContain('Ordered again: 37.5% vs 23.3% (gifted 150 of 400, holdout 14 of 60) → +14.2 pts, 95% interval +2.1 pts to +24.3 pts: *gifted customers do better*');
    expect(text).toContain('Revenue per customer: $25 vs $15 → +$10, 95% interval −$2.10 to +$22.10: no clear difference yet');
    expect(text).toContain('Budget for November: $4,800 of $5,000 spent, $200 left · on pace ($4,833 expected by now)');
    expect(text).toContain(':hourglass: 9 overdue: no one assigned owes a gift card, approved 10 days 4 h ago; <@U0FUL00001> owes a gift card ($10)');
    expect(text).toContain('• and 6 more kinds');
    expect(text).not.toContain('chart follows');
  });

  it('says "not enough data yet" with the counts instead of a lift', () => {
    const thin = busyDigest();
    thin.outcome = { ...thin.outcome, gifted: { customers: 12, orderedAgain: 6, revenueCents: 0 }, holdout: { customers: 3, orderedAgain: 0, revenueCents: 0 }, repeat: { kind: 'not_enough_data', need: 30, have: { a: 12, b: 3 } }, revenue: { kind: 'not_enough_data', need: 30, have: { a: 12, b: 3 } } };
    const message = digestMessage(thin, new Map(), { chartFollows: true });
    const text = textObjects(message.blocks).mrkdwn.join('\n');
    expect(text).toContain('Not enough data yet: 12 gifted and 3 holdout customers have had their 60 days; each group needs 30');
    expect(text).toContain('*Ordered again, gifted vs holdout*\nnot enough data yet');
    expect(text).not.toMatch(/pts/);
  });

  it('escapes customer names, and leaves erased or unnamed customers unnamed', () => {
    const names = new Map<number, string | null>([
      [1, '<!channel> *Bob* & <https://evil.example|click>'],
      [2, null],
    ]);
    const message = digestMessage(busyDigest(), names, { chartFollows: true });
    expect(checkMessageBlocks(message.blocks)).toMatchObject({ kind: 'valid' });
    const stories = textObjects(message.blocks).mrkdwn.find((text) => text.startsWith('*Top stories*')) ?? '';
    expect(stories).not.toContain('<!channel>');
    expect(stories).not.toContain('<https://');
    expect(stories).toContain('&lt;!channel&gt;');
    expect(stories).toContain('2. A customer (order milestone) got a $50 gift card → ordered again (2×, $240), NPS 10 — thanks to <@U0MARIA001>');
    expect(stories).toContain('3. A customer');
  });

  it('names a week without gestures or answers without inventing numbers', () => {
    const quiet = busyDigest({ stories: [] });
    quiet.gestures = { ...quiet.gestures, count: count(0), spendCents: count(0), byKind: [], proactive: 0, recovery: 0, proactiveShare: null, baselineProactiveShare: null };
    quiet.nps = { promoters: 0, passives: 0, detractors: 0, score: null, baselineScore: null };
    quiet.nudges = { ...quiet.nudges, medianDecisionMs: null, baselineMedianDecisionMs: null };
    const text = textObjects(digestMessage(quiet, new Map(), { chartFollows: true }).blocks).mrkdwn.join('\n');
    expect(text).toContain('No gestures this week.');
    expect(text).toContain('*NPS*\nno answers');
    expect(text).toContain('no decisions this week');
    expect(text).toContain('*Stories* · none yet');
    expect(text).not.toContain('Proactive:');
  });
});
