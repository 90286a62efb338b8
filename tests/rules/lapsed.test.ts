import { describe, expect, it } from 'vitest';
import { lapsed } from '../../src/nudges/rules/lapsed.js';
import { DAY, history, HOUR, NOW, plus, settings, type HistoryBuilder } from './history-builder.js';

interface Case {
  name: string;
  build: () => HistoryBuilder;
  /** The last order's id expected in the dedupe key, or null when it must not fire. */
  lastOrderId: number | null;
}

const ago = (days: number) => plus(NOW, -days * DAY);

const cases: Case[] = [
  { name: 'monthly orders, silent for 61 days', build: () => history().ordersEvery(3, 30 * DAY, ago(61)), lastOrderId: 103 },
  { name: 'monthly orders, silent for exactly 60 days', build: () => history().ordersEvery(3, 30 * DAY, ago(60)), lastOrderId: null },
  { name: 'monthly orders, silent for 59 days', build: () => history().ordersEvery(3, 30 * DAY, ago(59)), lastOrderId: null },
  { name: 'only two orders', build: () => history().ordersEvery(2, 30 * DAY, ago(200)), lastOrderId: null },
  {
    name: 'three orders, one cancelled',
    build: () => history().order(ago(260)).order(ago(230), { cancelled: true }).order(ago(200)),
    lastOrderId: null,
  },
  {
    name: 'a cancelled last order does not reset the silence',
    build: () => history().ordersEvery(3, 30 * DAY, ago(63)).order(ago(5), { cancelled: true }),
    lastOrderId: 103,
  },
  {
    name: 'uneven gaps use the median (10, 50, 20 → 20 days): 41 days silent',
    build: () => history().order(ago(121)).order(ago(111)).order(ago(61)).order(ago(41)),
    lastOrderId: 104,
  },
  {
    name: 'uneven gaps, median 20: 40 days silent is not yet lapsed',
    build: () => history().order(ago(120)).order(ago(110)).order(ago(60)).order(ago(40)),
    lastOrderId: null,
  },
  { name: 'orders a day apart: 10 days silent is no lapse', build: () => history().ordersEvery(3, DAY, ago(10)), lastOrderId: null },
  { name: 'orders a day apart: 31 days silent is', build: () => history().ordersEvery(3, DAY, ago(31)), lastOrderId: 103 },
  { name: 'orders minutes apart: a week silent is no lapse', build: () => history().ordersEvery(4, HOUR / 6, ago(7)), lastOrderId: null },
  { name: 'yearly orders, silent 400 days', build: () => history().ordersEvery(3, 365 * DAY, ago(400)), lastOrderId: null },
  { name: 'yearly orders, silent 731 days', build: () => history().ordersEvery(3, 365 * DAY, ago(731)), lastOrderId: 103 },
  { name: 'lapsed a week ago (67 days silent, monthly): still fires', build: () => history().ordersEvery(3, 30 * DAY, ago(67)), lastOrderId: 103 },
  { name: 'lapsed 8 days ago (68 days silent, monthly): too old to fire', build: () => history().ordersEvery(3, 30 * DAY, ago(68)), lastOrderId: null },
  { name: 'an imported customer silent for two years: never fires', build: () => history().ordersEvery(5, 30 * DAY, ago(730)), lastOrderId: null },
];

describe('lapsed', () => {
  it.each(cases)('$name', ({ build, lastOrderId }) => {
    const suggestion = lapsed({ history: build().build(), now: NOW, settings: settings() });
    if (lastOrderId === null) {
      expect(suggestion).toBeNull();
      return;
    }
    expect(suggestion).toMatchObject({ kind: 'lapsed', dedupeKey: `lapsed:7:${lastOrderId}`, proactive: true, priority: 50 });
  });

  it('fires again only after a new order and a new lapse', () => {
    const first = lapsed({ history: history().ordersEvery(3, 30 * DAY, ago(61)).build(), now: NOW, settings: settings() });
    const sameLapseLater = lapsed({ history: history().ordersEvery(3, 30 * DAY, ago(61)).build(), now: plus(NOW, 5 * DAY), settings: settings() });
    const nextLapse = lapsed({ history: history().ordersEvery(3, 30 * DAY, ago(61)).order(ago(1)).build(), now: plus(NOW, 62 * DAY), settings: settings() });
    expect(first?.dedupeKey).toBe('lapsed:7:103');
    expect(sameLapseLater?.dedupeKey).toBe('lapsed:7:103');
    expect(nextLapse?.dedupeKey).toBe('lapsed:7:104');
  });

  it('says their rhythm and the silence, and suggests a win-back discount', () => {
    const suggestion = lapsed({ history: history().ordersEvery(3, 30 * DAY, ago(61)).build(), now: NOW, settings: settings() });
    expect(suggestion?.facts).toEqual({
      why: '3 orders, usually every 30 days; silent for 61 days',
      ordersCount: 3,
      medianGapDays: 30,
      daysSilent: 61,
      lastOrderId: 103,
    });
    expect(suggestion).toMatchObject({ suggestedGesture: 'discount', suggestedAmountCents: 5_000 });
  });
});
