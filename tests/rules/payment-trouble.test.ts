import { describe, expect, it } from 'vitest';
import { paymentTrouble } from '../../src/nudges/rules/payment-trouble.js';
import { DAY, history, HOUR, MINUTE, plus, settings, type HistoryBuilder } from './history-builder.js';

/** The failed payment happens at T; the scan runs at `now`. */
const T = new Date('2026-03-10T12:00:00Z');

interface Case {
  name: string;
  build: () => HistoryBuilder;
  now: Date;
  /** The dedupe keys expected, in order. */
  keys: string[];
}

const failedAtT = () => history().payment('failed', T, { source: 'stripe', externalId: 'ch_failed1' });

const cases: Case[] = [
  { name: 'nothing succeeded within the hour', build: failedAtT, now: plus(T, HOUR), keys: ['payment_trouble:7:stripe:ch_failed1'] },
  { name: 'the hour is not over yet', build: failedAtT, now: plus(T, 59 * MINUTE), keys: [] },
  { name: 'a successful retry 20 minutes later', build: () => failedAtT().payment('succeeded', plus(T, 20 * MINUTE)), now: plus(T, 2 * HOUR), keys: [] },
  { name: 'an order placed 30 minutes later', build: () => failedAtT().order(plus(T, 30 * MINUTE)), now: plus(T, 2 * HOUR), keys: [] },
  {
    name: 'an order placed and cancelled is no success',
    build: () => failedAtT().order(plus(T, 30 * MINUTE), { cancelled: true }),
    now: plus(T, 2 * HOUR),
    keys: ['payment_trouble:7:stripe:ch_failed1'],
  },
  {
    name: 'a success before the failure does not settle it',
    build: () => history().payment('succeeded', plus(T, -5 * MINUTE)).payment('failed', T, { source: 'stripe', externalId: 'ch_failed1' }),
    now: plus(T, HOUR),
    keys: ['payment_trouble:7:stripe:ch_failed1'],
  },
  { name: 'a success after the hour, before a late scan', build: () => failedAtT().payment('succeeded', plus(T, 90 * MINUTE)), now: plus(T, 2 * HOUR), keys: [] },
  {
    name: 'a retry that succeeded and was refunded later still succeeded',
    build: () => failedAtT().payment('refunded', plus(T, 3 * HOUR)),
    now: plus(T, 4 * HOUR),
    keys: [],
  },
  {
    name: 'a run of failed attempts waits for the last one',
    build: () => failedAtT().payment('failed', plus(T, 10 * MINUTE), { source: 'stripe', externalId: 'ch_failed2' }),
    now: plus(T, 65 * MINUTE),
    keys: [],
  },
  {
    name: 'a run of failed attempts fires once, for the last',
    build: () => failedAtT().payment('failed', plus(T, 10 * MINUTE), { source: 'stripe', externalId: 'ch_failed2' }),
    now: plus(T, 70 * MINUTE),
    keys: ['payment_trouble:7:stripe:ch_failed2'],
  },
  {
    name: 'two failures a day apart are two moments',
    build: () => history().payment('failed', plus(T, -DAY), { externalId: 'p1' }).payment('failed', T, { externalId: 'p2' }),
    now: plus(T, 2 * HOUR),
    keys: ['payment_trouble:7:generic:p1', 'payment_trouble:7:generic:p2'],
  },
  { name: 'an abandoned checkout', build: () => history().abandonedCheckout(T), now: plus(T, HOUR), keys: ['payment_trouble:7:shopify:checkout-1'] },
  { name: 'an abandoned checkout followed by an order', build: () => history().abandonedCheckout(T).order(plus(T, 15 * MINUTE)), now: plus(T, HOUR), keys: [] },
  { name: 'a failure more than a week ago is not chased', build: failedAtT, now: plus(T, 8 * DAY), keys: [] },
  { name: 'only successes', build: () => history().payment('succeeded', T).order(T), now: plus(T, 2 * HOUR), keys: [] },
];

describe('paymentTrouble', () => {
  it.each(cases)('$name', ({ build, now, keys }) => {
    const suggestions = paymentTrouble({ history: build().build(), now, settings: settings() });
    expect(suggestions.map((suggestion) => suggestion.dedupeKey)).toEqual(keys);
  });

  it('is a proactive follow-up in the trouble band, with the decline reason', () => {
    const [suggestion] = paymentTrouble({
      history: failedAtT().payment('failed', plus(T, 10 * MINUTE), { source: 'stripe', externalId: 'ch_failed2', cents: 12_950 }).build(),
      now: plus(T, 2 * HOUR),
      settings: settings(),
    });
    expect(suggestion).toEqual({
      kind: 'payment_trouble',
      dedupeKey: 'payment_trouble:7:stripe:ch_failed2',
      facts: {
        why: 'payment of $129.50 failed (2 attempts); nothing succeeded since',
        trouble: 'failed_payment',
        source: 'stripe',
        externalId: 'ch_failed2',
        amountCents: 12_950,
        currency: 'USD',
        failureReason: 'Your card was declined.',
        attempts: 2,
        minutesSince: 110,
      },
      suggestedGesture: 'note',
      suggestedAmountCents: 0,
      proactive: true,
      priority: 78,
    });
  });
});
