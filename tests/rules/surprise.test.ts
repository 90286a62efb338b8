import { afterEach, describe, expect, it, vi } from 'vitest';
import { surprise } from '../../src/nudges/rules/surprise.js';
import type { RuleSettings } from '../../src/nudges/rules/types.js';
import { DAY, history, NOW, plus, settings, type HistoryBuilder } from './history-builder.js';

interface Case {
  name: string;
  build: () => HistoryBuilder;
  random?: number;
  overrides?: Partial<RuleSettings>;
  fires: boolean;
}

const ago = (days: number) => plus(NOW, -days * DAY);
/** A good customer: this is their 3rd order, $49 each. */
const regular = () => history().ordersEvery(3, 30 * DAY, NOW);

const cases: Case[] = [
  { name: 'a regular\'s 3rd order, drawn', build: regular, random: 0.01, fires: true },
  { name: 'just under the probability', build: regular, random: 0.029_999, fires: true },
  { name: 'exactly the probability is not drawn', build: regular, random: 0.03, fires: false },
  { name: 'not drawn', build: regular, random: 0.5, fires: false },
  { name: 'a 4th order', build: () => history().ordersEvery(4, 30 * DAY, NOW), fires: true },
  { name: 'the 1st order has its own thank-you', build: () => history().order(NOW), fires: false },
  { name: 'the 2nd order has its own welcome back', build: () => history().ordersEvery(2, 30 * DAY, NOW), fires: false },
  { name: 'the 5th order is a milestone', build: () => history().ordersEvery(5, 30 * DAY, NOW), fires: false },
  { name: 'the 6th order is ordinary', build: () => history().ordersEvery(6, 30 * DAY, NOW), fires: true },
  { name: 'never twice in a row', build: () => history().ordersEvery(4, 30 * DAY, NOW).surprisedOrder(3), fires: false },
  { name: 'the order before the previous one may have had one', build: () => history().ordersEvery(4, 30 * DAY, NOW).surprisedOrder(2), fires: true },
  {
    name: 'a cancelled order in between does not break "in a row"',
    build: () => history().order(ago(90)).order(ago(60)).order(ago(30)).order(ago(10), { cancelled: true }).order(NOW).surprisedOrder(3),
    fires: false,
  },
  { name: 'this order already got one', build: () => regular().surprisedOrder(3), fires: false },
  { name: 'a cancelled order', build: () => history().ordersEvery(3, 30 * DAY, ago(1)).order(NOW, { cancelled: true }), fires: false },
  { name: 'a gesture 10 days ago', build: () => regular().lastGesture(ago(10)), fires: false },
  { name: 'a gesture 40 days ago', build: () => regular().lastGesture(ago(40)), fires: true },
  {
    name: 'an order crossing a lifetime threshold has its own moment',
    build: () => history().order(ago(60), { cents: 20_000 }).order(ago(30), { cents: 20_000 }).order(NOW, { cents: 20_000 }),
    fires: false,
  },
  {
    name: 'with a higher order bar, a big spender counts as good',
    build: () => history().order(ago(60), { cents: 30_000 }).order(ago(30), { cents: 25_000 }).order(NOW, { cents: 5_000 }),
    overrides: { surpriseMinOrders: 10 },
    fires: true,
  },
  {
    name: 'with a higher order bar, a small spender does not',
    build: regular,
    overrides: { surpriseMinOrders: 10 },
    fires: false,
  },
  { name: 'an order imported from last year', build: () => history().ordersEvery(3, 30 * DAY, ago(300)), fires: false },
];

describe('surprise', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each(cases)('$name', ({ build, random, overrides, fires }) => {
    const builder = build();
    const suggestion = surprise({ orderId: builder.lastOrderId, history: builder.build(), now: NOW, settings: settings(overrides), random: () => random ?? 0 });
    expect(suggestion !== null).toBe(fires);
  });

  it('draws exactly once for an eligible order, never for an ineligible one, and never uses Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('rules must not call Math.random');
    });
    const eligible = regular();
    const draw = vi.fn(() => 0.9);
    surprise({ orderId: eligible.lastOrderId, history: eligible.build(), now: NOW, settings: settings(), random: draw });
    expect(draw).toHaveBeenCalledTimes(1);
    const ineligible = history().ordersEvery(2, 30 * DAY, NOW);
    const noDraw = vi.fn(() => 0);
    surprise({ orderId: ineligible.lastOrderId, history: ineligible.build(), now: NOW, settings: settings(), random: noDraw });
    expect(noDraw).not.toHaveBeenCalled();
  });

  it('picks about p of eligible orders, with no schedule', () => {
    const builder = regular();
    const built = builder.build();
    let seed = 12_345;
    // A small deterministic LCG stands in for a real random source.
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let picked = 0;
    for (let i = 0; i < 10_000; i++) {
      if (surprise({ orderId: builder.lastOrderId, history: built, now: NOW, settings: settings(), random })) picked++;
    }
    expect(picked).toBeGreaterThan(200);
    expect(picked).toBeLessThan(400);
  });

  it('is the lowest-priority moment: a small gift', () => {
    const builder = regular();
    expect(surprise({ orderId: builder.lastOrderId, history: builder.build(), now: NOW, settings: settings(), random: () => 0 })).toEqual({
      kind: 'surprise',
      dedupeKey: 'surprise:7:103',
      facts: { why: "picked at random (3 % of good customers' ordinary orders)", orderId: 103, ordinal: 3, probability: 0.03 },
      suggestedGesture: 'gift',
      suggestedAmountCents: 5_000,
      proactive: true,
      priority: 30,
    });
  });
});
