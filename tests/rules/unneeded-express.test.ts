import { describe, expect, it } from 'vitest';
import { unneededExpress } from '../../src/nudges/rules/unneeded-express.js';
import type { RuleSettings } from '../../src/nudges/rules/types.js';
import { DAY, history, NOW, plus, settings, type OrderOptions } from './history-builder.js';

/** A shop that ships standard to Canada in 2 days, to the US in 5. */
const SHOP: Partial<RuleSettings> = {
  standardTransitDays: { US: 5, CA: 2, default: 6 },
  expressTransitDays: { default: 2 },
  standardShippingRates: { US: { cents: 600, currency: 'USD' }, CA: { cents: 990, currency: 'CAD' } },
};

interface Case {
  name: string;
  order: Partial<OrderOptions>;
  overrides?: Partial<RuleSettings>;
  placedAt?: Date;
  /** The suggested refund in cents, or null when it must not fire. */
  refund: number | null;
}

const toCanada: Partial<OrderOptions> = { currency: 'CAD', country: 'CA', shippingTitle: 'Express', shippingCents: 2_490 };
const toUs: Partial<OrderOptions> = { currency: 'USD', country: 'US', shippingTitle: 'Express', shippingCents: 1_900 };

const cases: Case[] = [
  { name: 'express to Canada, where standard takes 2 days too', order: toCanada, refund: 1_500 },
  { name: 'an overnight service is expedited', order: { ...toCanada, shippingTitle: 'UPS Next Day Air' }, refund: 1_500 },
  { name: 'a "2-Day" service is expedited', order: { ...toCanada, shippingTitle: 'FedEx 2-Day' }, refund: 1_500 },
  { name: 'a shipping code is matched too', order: { ...toCanada, shippingTitle: 'PRIORITY_MAIL' }, refund: 1_500 },
  { name: 'express to the US, where standard takes 5 days', order: toUs, refund: null },
  { name: 'express to the US with 3 days of slack', order: toUs, overrides: { expressSlackDays: 3 }, refund: 1_300 },
  { name: 'express to the US with 2 days of slack is still slower by standard', order: toUs, overrides: { expressSlackDays: 2 }, refund: null },
  { name: 'a promise of 6 days for express: standard (5) is not slower', order: { ...toUs, promisedBy: plus(NOW, 6 * DAY) }, refund: 1_300 },
  { name: 'a promise of exactly 5 days: standard is as soon', order: { ...toUs, promisedBy: plus(NOW, 5 * DAY) }, refund: 1_300 },
  { name: 'a promise of 2 days beats standard', order: { ...toUs, promisedBy: plus(NOW, 2 * DAY) }, refund: null },
  { name: 'a promise of 1 day to Canada beats even 2-day standard', order: { ...toCanada, promisedBy: plus(NOW, 1 * DAY) }, refund: null },
  { name: 'standard shipping is not expedited', order: { ...toCanada, shippingTitle: 'Standard' }, refund: null },
  { name: 'no shipping title', order: { ...toCanada, shippingTitle: null }, refund: null },
  { name: 'free express', order: { ...toCanada, shippingCents: 0 }, refund: null },
  { name: 'express cheaper than the standard rate', order: { ...toCanada, shippingCents: 900 }, refund: null },
  { name: 'express priced like standard', order: { ...toCanada, shippingCents: 990 }, refund: null },
  { name: 'a USD order to Canada cannot be compared with the CAD rate', order: { ...toCanada, currency: 'USD' }, refund: null },
  { name: 'a country with no standard rate (and no default rate)', order: { ...toCanada, country: 'DE', currency: 'EUR' }, refund: null },
  {
    name: 'a country with no transit days of its own uses the defaults',
    order: { ...toCanada, country: 'DE', currency: 'EUR' },
    overrides: { ...SHOP, standardTransitDays: { default: 2 }, standardShippingRates: { default: { cents: 700, currency: 'EUR' } } },
    refund: 1_790,
  },
  { name: 'unknown country uses the default rows', order: { ...toUs, country: null }, overrides: { ...SHOP, standardShippingRates: { default: { cents: 600, currency: 'USD' } }, expressSlackDays: 4 }, refund: 1_300 },
  { name: 'a cancelled order', order: { ...toCanada, cancelled: true }, refund: null },
  { name: 'an order imported from last year', order: toCanada, placedAt: plus(NOW, -300 * DAY), refund: null },
];

describe('unneededExpress', () => {
  it.each(cases)('$name', ({ order, overrides, placedAt, refund }) => {
    const builder = history().order(placedAt ?? NOW, order);
    const suggestion = unneededExpress({ orderId: builder.lastOrderId, history: builder.build(), now: NOW, settings: settings({ ...SHOP, ...overrides }) });
    if (refund === null) {
      expect(suggestion).toBeNull();
      return;
    }
    expect(suggestion).toMatchObject({
      kind: 'unneeded_express',
      dedupeKey: `unneeded_express:7:${builder.lastOrderId}`,
      facts: { refundCents: refund },
      suggestedGesture: 'fee_refund',
      suggestedAmountCents: refund,
      proactive: true,
    });
  });

  it('says what was paid and how fast standard would have been', () => {
    const builder = history().order(plus(NOW, -2 * DAY), { cents: 8_900 }).order(NOW, toCanada);
    const suggestion = unneededExpress({ orderId: builder.lastOrderId, history: builder.build(), now: NOW, settings: settings(SHOP) });
    expect(suggestion).toEqual({
      kind: 'unneeded_express',
      dedupeKey: 'unneeded_express:7:102',
      facts: {
        why: 'paid CA$24.90 Express; standard ships in 2 days to CA',
        orderId: 102,
        shippingTitle: 'Express',
        shippingPaidCents: 2_490,
        standardRateCents: 990,
        refundCents: 1_500,
        currency: 'CAD',
        country: 'CA',
        standardTransitDays: 2,
        expressTransitDays: 2,
        expressDaysFrom: 'table',
      },
      suggestedGesture: 'fee_refund',
      suggestedAmountCents: 1_500,
      proactive: true,
      priority: 75,
    });
  });

  it('stays silent with the default settings, which know no shipping rates', () => {
    const builder = history().order(NOW, toCanada);
    expect(unneededExpress({ orderId: builder.lastOrderId, history: builder.build(), now: NOW, settings: settings() })).toBeNull();
  });
});
