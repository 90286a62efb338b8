import { describe, expect, it } from 'vitest';
import { duplicateCharge } from '../../src/nudges/rules/duplicate-charge.js';
import { DAY, history, MINUTE, plus, settings, type HistoryBuilder } from './history-builder.js';

const T = new Date('2026-03-10T12:00:00Z');
/** Scans run well after the window, unless a case says otherwise. */
const LATER = plus(T, 30 * MINUTE);
const SECOND = 1_000;

interface Case {
  name: string;
  build: () => HistoryBuilder;
  now?: Date;
  /** The dedupe keys expected, in order. */
  keys: string[];
}

const stripe = (externalId: string, extra: { cents?: number; orderExternalId?: string } = {}) => ({ source: 'stripe', externalId, ...extra });

const cases: Case[] = [
  {
    name: 'two equal charges 3 minutes apart',
    build: () => history().payment('succeeded', T, { externalId: 'a' }).payment('succeeded', plus(T, 3 * MINUTE), { externalId: 'b' }),
    keys: ['duplicate_charge:7:generic:b'],
  },
  {
    name: 'exactly 10 minutes apart is within the window',
    build: () => history().payment('succeeded', T, { externalId: 'a' }).payment('succeeded', plus(T, 10 * MINUTE), { externalId: 'b' }),
    keys: ['duplicate_charge:7:generic:b'],
  },
  {
    name: '10 minutes and a second apart is two purchases',
    build: () => history().payment('succeeded', T).payment('succeeded', plus(T, 10 * MINUTE + SECOND)),
    keys: [],
  },
  {
    name: 'not before the window after the duplicate has passed',
    build: () => history().payment('succeeded', T, { externalId: 'a' }).payment('succeeded', plus(T, 3 * MINUTE), { externalId: 'b' }),
    now: plus(T, 12 * MINUTE),
    keys: [],
  },
  {
    name: 'as soon as that window has passed',
    build: () => history().payment('succeeded', T, { externalId: 'a' }).payment('succeeded', plus(T, 3 * MINUTE), { externalId: 'b' }),
    now: plus(T, 13 * MINUTE),
    keys: ['duplicate_charge:7:generic:b'],
  },
  { name: 'different amounts', build: () => history().payment('succeeded', T, { cents: 4_900 }).payment('succeeded', plus(T, MINUTE), { cents: 4_990 }), keys: [] },
  {
    name: 'same amount, different currency',
    build: () => history().payment('succeeded', T, { currency: 'USD' }).payment('succeeded', plus(T, MINUTE), { currency: 'CAD' }),
    keys: [],
  },
  { name: 'a failed attempt and its successful retry', build: () => history().payment('failed', T).payment('succeeded', plus(T, MINUTE)), keys: [] },
  {
    name: 'a duplicate already refunded',
    build: () => history().payment('succeeded', T).payment('refunded', plus(T, MINUTE)),
    keys: [],
  },
  {
    name: 'a Stripe Checkout Session and its charge are one purchase',
    build: () => history().payment('succeeded', T, stripe('ch_1')).payment('succeeded', plus(T, 2 * SECOND), stripe('cs_1')),
    keys: [],
  },
  {
    name: 'the session reported before its charge is still one purchase',
    build: () => history().payment('succeeded', T, stripe('cs_1')).payment('succeeded', plus(T, 2 * SECOND), stripe('ch_1')),
    keys: [],
  },
  {
    name: 'a Stripe invoice and its charge are one purchase',
    build: () => history().payment('succeeded', T, stripe('ch_1')).payment('succeeded', plus(T, 5 * SECOND), stripe('in_1')),
    keys: [],
  },
  {
    name: 'a subscription checkout: session, invoice and charge are one purchase',
    build: () =>
      history()
        .payment('succeeded', T, stripe('ch_1'))
        .payment('succeeded', plus(T, SECOND), stripe('in_1'))
        .payment('succeeded', plus(T, 2 * SECOND), stripe('cs_1')),
    keys: [],
  },
  {
    name: 'two Stripe charges are a duplicate',
    build: () => history().payment('succeeded', T, stripe('ch_1')).payment('succeeded', plus(T, 40 * SECOND), stripe('ch_2')),
    keys: ['duplicate_charge:7:stripe:ch_2'],
  },
  {
    name: 'two Checkout purchases are one duplicate, keyed by its charge',
    build: () =>
      history()
        .payment('succeeded', T, stripe('ch_1'))
        .payment('succeeded', plus(T, 2 * SECOND), stripe('cs_1'))
        .payment('succeeded', plus(T, 60 * SECOND), stripe('ch_2'))
        .payment('succeeded', plus(T, 62 * SECOND), stripe('cs_2')),
    keys: ['duplicate_charge:7:stripe:ch_2'],
  },
  {
    name: 'a session of a different amount is not its charge',
    build: () => history().payment('succeeded', T, stripe('ch_1', { cents: 4_900 })).payment('succeeded', plus(T, SECOND), stripe('cs_1', { cents: 5_900 })),
    keys: [],
  },
  {
    name: 'the same purchase recorded by two sources is a duplicate (any sources)',
    build: () => history().payment('succeeded', T, stripe('ch_1')).payment('succeeded', plus(T, 2 * MINUTE), { externalId: 'gen-1' }),
    keys: ['duplicate_charge:7:generic:gen-1'],
  },
  {
    name: 'two charges for the same order',
    build: () =>
      history()
        .payment('succeeded', T, stripe('ch_1', { orderExternalId: 'shop-101' }))
        .payment('succeeded', plus(T, MINUTE), stripe('ch_2', { orderExternalId: 'shop-101' })),
    keys: ['duplicate_charge:7:stripe:ch_2'],
  },
  {
    name: 'two charges for two different orders are two orders',
    build: () =>
      history()
        .payment('succeeded', T, stripe('ch_1', { orderExternalId: 'shop-101' }))
        .payment('succeeded', plus(T, MINUTE), stripe('ch_2', { orderExternalId: 'shop-102' })),
    keys: [],
  },
  {
    name: 'three equal charges are two duplicates',
    build: () =>
      history()
        .payment('succeeded', T, { externalId: 'a' })
        .payment('succeeded', plus(T, MINUTE), { externalId: 'b' })
        .payment('succeeded', plus(T, 2 * MINUTE), { externalId: 'c' }),
    keys: ['duplicate_charge:7:generic:b', 'duplicate_charge:7:generic:c'],
  },
  {
    name: 'a duplicate from more than a week ago is not raised now',
    build: () => history().payment('succeeded', T).payment('succeeded', plus(T, MINUTE)),
    now: plus(T, 8 * DAY),
    keys: [],
  },
];

describe('duplicateCharge', () => {
  it.each(cases)('$name', ({ build, now, keys }) => {
    const suggestions = duplicateCharge({ history: build().build(), now: now ?? LATER, settings: settings() });
    expect(suggestions.map((suggestion) => suggestion.dedupeKey)).toEqual(keys);
  });

  it('suggests refunding the duplicate amount, proactively, at the top of the trouble band', () => {
    const builder = history().payment('succeeded', T, stripe('ch_1', { cents: 8_450 })).payment('succeeded', plus(T, 90 * SECOND), stripe('ch_2', { cents: 8_450 }));
    expect(duplicateCharge({ history: builder.build(), now: LATER, settings: settings() })).toEqual([
      {
        kind: 'duplicate_charge',
        dedupeKey: 'duplicate_charge:7:stripe:ch_2',
        facts: {
          why: 'charged $84.50 twice, 2 min apart',
          amountCents: 8_450,
          currency: 'USD',
          secondsApart: 90,
          duplicate: { source: 'stripe', externalId: 'ch_2' },
          original: { source: 'stripe', externalId: 'ch_1' },
          orderExternalId: null,
        },
        suggestedGesture: 'fee_refund',
        suggestedAmountCents: 8_450,
        proactive: true,
        priority: 85,
      },
    ]);
  });
});
