import { describe, expect, it } from 'vitest';
import { cameBack } from '../../src/nudges/rules/came-back.js';
import { DAY, history, NOW, plus, settings, type HistoryBuilder } from './history-builder.js';

interface Case {
  name: string;
  build: () => HistoryBuilder;
  /** Which order triggers, by 1-based position; the last one when absent. */
  trigger?: number;
  fires: boolean;
}

const cases: Case[] = [
  { name: 'the 2nd order fires', build: () => history().order(plus(NOW, -40 * DAY)).order(NOW), fires: true },
  { name: 'the 1st order does not', build: () => history().order(NOW), fires: false },
  { name: 'the 3rd order does not', build: () => history().ordersEvery(3, 20 * DAY, NOW), fires: false },
  { name: 'a cancelled 2nd order does not', build: () => history().order(plus(NOW, -40 * DAY)).order(NOW, { cancelled: true }), fires: false },
  {
    name: 'the 2nd placed, after a cancelled 1st, is really the first',
    build: () => history().order(plus(NOW, -40 * DAY), { cancelled: true }).order(NOW),
    fires: false,
  },
  {
    name: 'the 3rd placed after a cancelled one is the 2nd that counts',
    build: () => history().order(plus(NOW, -40 * DAY)).order(plus(NOW, -20 * DAY), { cancelled: true }).order(NOW),
    fires: true,
  },
  {
    name: 'a 2nd order delivered late is judged by when it was placed, among the live orders',
    build: () => history().order(plus(NOW, -40 * DAY)).order(plus(NOW, -1 * DAY)).order(NOW),
    trigger: 2,
    fires: true,
  },
  { name: 'an imported 2nd order from months ago does not', build: () => history().order(plus(NOW, -300 * DAY)).order(plus(NOW, -200 * DAY)), fires: false },
  { name: 'an unknown order id does not', build: () => history().order(plus(NOW, -40 * DAY)).order(NOW), trigger: 9, fires: false },
];

describe('cameBack', () => {
  it.each(cases)('$name', ({ build, trigger, fires }) => {
    const builder = build();
    const orderId = trigger === undefined ? builder.lastOrderId : builder.orderId(trigger);
    const suggestion = cameBack({ orderId, history: builder.build(), now: NOW, settings: settings() });
    expect(suggestion !== null).toBe(fires);
  });

  it('welcomes the customer back with a note, once per customer', () => {
    const builder = history(42).order(plus(NOW, -40 * DAY)).order(NOW);
    expect(cameBack({ orderId: builder.lastOrderId, history: builder.build(), now: NOW, settings: settings() })).toEqual({
      kind: 'came_back',
      dedupeKey: 'came_back:42',
      facts: { why: '2nd order, 40 days after the first', orderId: 102, ordinal: 2, previousOrderId: 101, daysSinceFirstOrder: 40 },
      suggestedGesture: 'note',
      suggestedAmountCents: 0,
      proactive: true,
      priority: 45,
    });
  });
});
