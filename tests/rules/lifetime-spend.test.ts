import { describe, expect, it } from 'vitest';
import { lifetimeSpend } from '../../src/nudges/rules/lifetime-spend.js';
import { DAY, history, NOW, plus, settings, type HistoryBuilder } from './history-builder.js';

interface Case {
  name: string;
  build: () => HistoryBuilder;
  trigger?: number;
  expected: { threshold: number; currency: string; priority: number } | null;
  overrides?: Parameters<typeof settings>[0];
}

const earlier = (days: number) => plus(NOW, -days * DAY);

const cases: Case[] = [
  {
    name: 'crossing $500 fires',
    build: () => history().order(earlier(60), { cents: 30_000 }).order(NOW, { cents: 25_000 }),
    expected: { threshold: 50_000, currency: 'USD', priority: 60 },
  },
  {
    name: 'landing exactly on $500 fires',
    build: () => history().order(earlier(60), { cents: 30_000 }).order(NOW, { cents: 20_000 }),
    expected: { threshold: 50_000, currency: 'USD', priority: 60 },
  },
  {
    name: 'one cent short does not',
    build: () => history().order(earlier(60), { cents: 30_000 }).order(NOW, { cents: 19_999 }),
    expected: null,
  },
  {
    name: 'a threshold crossed by an earlier order does not fire again',
    build: () => history().order(earlier(60), { cents: 55_000 }).order(NOW, { cents: 10_000 }),
    expected: null,
  },
  {
    name: 'one large order crossing two thresholds recognises the higher',
    build: () => history().order(earlier(60), { cents: 40_000 }).order(NOW, { cents: 70_000 }),
    expected: { threshold: 100_000, currency: 'USD', priority: 65 },
  },
  {
    name: 'the top threshold ranks highest',
    build: () => history().order(earlier(60), { cents: 480_000 }).order(NOW, { cents: 30_000 }),
    expected: { threshold: 500_000, currency: 'USD', priority: 70 },
  },
  {
    name: 'spend in another currency does not add up',
    build: () => history().order(earlier(60), { cents: 30_000, currency: 'EUR' }).order(NOW, { cents: 25_000 }),
    expected: null,
  },
  {
    name: 'each currency crosses on its own',
    build: () => history().order(earlier(60), { cents: 30_000, currency: 'EUR' }).order(earlier(30), { cents: 40_000 }).order(NOW, { cents: 25_000, currency: 'EUR' }),
    expected: { threshold: 50_000, currency: 'EUR', priority: 60 },
  },
  {
    name: 'a cancelled order does not count towards the spend',
    build: () => history().order(earlier(60), { cents: 40_000, cancelled: true }).order(NOW, { cents: 20_000 }),
    expected: null,
  },
  {
    name: 'a cancelled order never fires',
    build: () => history().order(earlier(60), { cents: 40_000 }).order(NOW, { cents: 20_000, cancelled: true }),
    expected: null,
  },
  {
    name: 'an order delivered late counts only the orders placed before it',
    build: () => history().order(earlier(60), { cents: 30_000 }).order(earlier(2), { cents: 25_000 }).order(earlier(1), { cents: 10_000 }),
    trigger: 3,
    expected: null,
  },
  {
    name: 'per-currency thresholds (JPY has no minor unit)',
    build: () => history().order(earlier(60), { cents: 40_000, currency: 'JPY' }).order(NOW, { cents: 70_000, currency: 'JPY' }),
    overrides: { lifetimeSpendThresholds: { JPY: [100_000, 1_000_000], default: [50_000] } },
    expected: { threshold: 100_000, currency: 'JPY', priority: 60 },
  },
  {
    name: 'a currency with no thresholds and no default never fires',
    build: () => history().order(earlier(60), { cents: 40_000, currency: 'SEK' }).order(NOW, { cents: 70_000, currency: 'SEK' }),
    overrides: { lifetimeSpendThresholds: { USD: [50_000] } },
    expected: null,
  },
];

describe('lifetimeSpend', () => {
  it.each(cases)('$name', ({ build, trigger, expected, overrides }) => {
    const builder = build();
    const orderId = trigger === undefined ? builder.lastOrderId : builder.orderId(trigger);
    const suggestion = lifetimeSpend({ orderId, history: builder.build(), now: NOW, settings: settings(overrides) });
    if (expected === null) {
      expect(suggestion).toBeNull();
      return;
    }
    expect(suggestion).toMatchObject({
      kind: 'lifetime_spend',
      dedupeKey: `lifetime_spend:7:${expected.currency}:${expected.threshold}`,
      facts: { thresholdCents: expected.threshold, currency: expected.currency, orderId },
      proactive: true,
      priority: expected.priority,
    });
  });

  it('says why it fired in the card\'s words and suggests a small gift', () => {
    const builder = history().order(plus(NOW, -60 * DAY), { cents: 30_000 }).order(NOW, { cents: 25_000 });
    const suggestion = lifetimeSpend({ orderId: builder.lastOrderId, history: builder.build(), now: NOW, settings: settings() });
    expect(suggestion?.facts).toEqual({
      why: 'lifetime spend passed $500 (now $550) with this order',
      orderId: 102,
      ordinal: 2,
      thresholdCents: 50_000,
      lifetimeSpendCents: 55_000,
      currency: 'USD',
    });
    expect(suggestion).toMatchObject({ suggestedGesture: 'gift', suggestedAmountCents: 5_000 });
  });
});
