import { describe, expect, it } from 'vitest';
import { overpayment } from '../../src/nudges/rules/overpayment.js';
import { DAY, history, MINUTE, plus, settings, type HistoryBuilder } from './history-builder.js';

const T = new Date('2026-03-10T12:00:00Z');
const LATER = plus(T, 30 * MINUTE);

/** An order of $40.00 whose source id is "ord-1". */
const order = (extra: { cancelled?: boolean; refundedCents?: number } = {}) => history().order(T, { cents: 4_000, externalId: 'ord-1', ...extra });
const forOrder = { orderExternalId: 'ord-1' };

interface Case {
  name: string;
  build: () => HistoryBuilder;
  now?: Date;
  /** The excess expected, or null when it must not fire. */
  excess: number | null;
}

const cases: Case[] = [
  {
    name: 'paid $40 and then $10 more for a $40 order',
    build: () => order().payment('succeeded', T, { ...forOrder, cents: 4_000 }).payment('succeeded', plus(T, 2 * MINUTE), { ...forOrder, cents: 1_000 }),
    excess: 1_000,
  },
  { name: 'paid exactly the total', build: () => order().payment('succeeded', T, { ...forOrder, cents: 4_000 }), excess: null },
  { name: 'paid one cent more', build: () => order().payment('succeeded', T, { ...forOrder, cents: 4_001 }), excess: 1 },
  {
    name: 'paid in two parts adding up to the total',
    build: () => order().payment('succeeded', T, { ...forOrder, cents: 2_500 }).payment('succeeded', plus(T, MINUTE), { ...forOrder, cents: 1_500 }),
    excess: null,
  },
  {
    name: 'a Stripe Checkout Session and its charge are paid once',
    build: () =>
      order()
        .payment('succeeded', T, { ...forOrder, cents: 4_000, source: 'stripe', externalId: 'ch_1' })
        .payment('succeeded', plus(T, 2_000), { ...forOrder, cents: 4_000, source: 'stripe', externalId: 'cs_1' }),
    excess: null,
  },
  {
    name: 'only the session names the order: still paid once',
    build: () =>
      order()
        .payment('succeeded', T, { cents: 4_000, source: 'stripe', externalId: 'ch_1' })
        .payment('succeeded', plus(T, 2_000), { ...forOrder, cents: 4_000, source: 'stripe', externalId: 'cs_1' }),
    excess: null,
  },
  {
    name: 'a duplicate charge is left to the duplicate-charge rule',
    build: () => order().payment('succeeded', T, { ...forOrder, cents: 4_000 }).payment('succeeded', plus(T, MINUTE), { ...forOrder, cents: 4_000 }),
    excess: null,
  },
  {
    name: 'the excess already refunded',
    build: () => order({ refundedCents: 1_000 }).payment('succeeded', T, { ...forOrder, cents: 5_000 }),
    excess: null,
  },
  {
    name: 'the excess partly refunded',
    build: () => order({ refundedCents: 400 }).payment('succeeded', T, { ...forOrder, cents: 5_000 }),
    excess: 600,
  },
  { name: 'a payment in another currency is not compared', build: () => order().payment('succeeded', T, { ...forOrder, cents: 9_000, currency: 'EUR' }), excess: null },
  { name: 'a failed payment is not paid', build: () => order().payment('succeeded', T, { ...forOrder, cents: 4_000 }).payment('failed', plus(T, MINUTE), { ...forOrder, cents: 1_000 }), excess: null },
  { name: 'payments for another order', build: () => order().payment('succeeded', T, { orderExternalId: 'ord-2', cents: 9_000 }), excess: null },
  { name: 'a cancelled order is left to its cancellation refund', build: () => order({ cancelled: true }).payment('succeeded', T, { ...forOrder, cents: 5_000 }), excess: null },
  { name: 'not while its payments may still be arriving', build: () => order().payment('succeeded', T, { ...forOrder, cents: 5_000 }), now: plus(T, 9 * MINUTE), excess: null },
  { name: 'an overpayment from last month is not raised now', build: () => order().payment('succeeded', T, { ...forOrder, cents: 5_000 }), now: plus(T, 30 * DAY), excess: null },
];

describe('overpayment', () => {
  it.each(cases)('$name', ({ build, now, excess }) => {
    const suggestions = overpayment({ history: build().build(), now: now ?? LATER, settings: settings() });
    if (excess === null) {
      expect(suggestions).toEqual([]);
      return;
    }
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0]).toMatchObject({
      kind: 'overpayment',
      dedupeKey: 'overpayment:7:101',
      facts: { excessCents: excess },
      suggestedGesture: 'fee_refund',
      suggestedAmountCents: excess,
      proactive: true,
      priority: 80,
    });
  });

  it('says what was paid against what was owed', () => {
    const builder = order().payment('succeeded', T, { ...forOrder, cents: 4_000 }).payment('succeeded', plus(T, 2 * MINUTE), { ...forOrder, cents: 1_000 });
    expect(overpayment({ history: builder.build(), now: LATER, settings: settings() })[0]?.facts).toEqual({
      why: 'paid $50 for an order of $40',
      orderId: 101,
      orderTotalCents: 4_000,
      paidCents: 5_000,
      refundedCents: 0,
      excessCents: 1_000,
      currency: 'USD',
      payments: 2,
    });
  });
});
