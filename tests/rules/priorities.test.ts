import { describe, expect, it } from 'vitest';
import { anniversary } from '../../src/nudges/rules/anniversary.js';
import { birthday } from '../../src/nudges/rules/birthday.js';
import { cameBack } from '../../src/nudges/rules/came-back.js';
import { duplicateCharge } from '../../src/nudges/rules/duplicate-charge.js';
import { lapsed } from '../../src/nudges/rules/lapsed.js';
import { lifetimeSpend } from '../../src/nudges/rules/lifetime-spend.js';
import { overpayment } from '../../src/nudges/rules/overpayment.js';
import { paymentTrouble } from '../../src/nudges/rules/payment-trouble.js';
import { promoter } from '../../src/nudges/rules/promoter.js';
import { recovery } from '../../src/nudges/rules/recovery.js';
import { surprise } from '../../src/nudges/rules/surprise.js';
import { PLAYBOOK_MOMENT_KINDS, type PlaybookSuggestion } from '../../src/nudges/rules/types.js';
import { unneededExpress } from '../../src/nudges/rules/unneeded-express.js';
import { DAY, history, HOUR, MINUTE, NOW, plus, settings } from './history-builder.js';

/**
 * One firing example per rule, for what holds across the playbook: the
 * priority bands, the proactive flag, the gesture amounts and what facts may say.
 */
const ago = (ms: number) => plus(NOW, -ms);
const s = settings();
const tz = 'America/New_York';
const money = settings({ standardTransitDays: { default: 2 }, standardShippingRates: { default: { cents: 600, currency: 'USD' } } });

function fired(): PlaybookSuggestion[] {
  const two = history().order(ago(40 * DAY)).order(NOW, { shippingTitle: 'Express', shippingCents: 1_900 });
  const three = history().ordersEvery(3, 30 * DAY, NOW);
  const spender = history().order(ago(40 * DAY), { cents: 40_000 }).order(NOW, { cents: 20_000 });
  const old = history().ordersEvery(3, 30 * DAY, ago(63 * DAY)).birthday('--03-10');
  const paid = history()
    .order(ago(HOUR), { cents: 4_000, externalId: 'ord-1' })
    .payment('succeeded', ago(HOUR), { cents: 4_000, orderExternalId: 'ord-1' })
    .payment('succeeded', ago(HOUR - MINUTE), { cents: 900, orderExternalId: 'ord-1' })
    .payment('succeeded', ago(2 * HOUR), { cents: 7_000, externalId: 'x1' })
    .payment('succeeded', ago(2 * HOUR - MINUTE), { cents: 7_000, externalId: 'x2' });
  const declined = history().payment('failed', ago(2 * HOUR), { cents: 2_000 });
  const support = history().ticket(ago(HOUR), { reopenCount: 2 }).nps(0, ago(HOUR)).nps(10, ago(HOUR));
  const anniversaryHistory = history().order('2025-03-10T15:00:00Z');
  return [
    cameBack({ orderId: two.lastOrderId, history: two.build(), now: NOW, settings: s }),
    lifetimeSpend({ orderId: spender.lastOrderId, history: spender.build(), now: NOW, settings: s }),
    birthday({ history: old.build(), now: NOW, timeZone: tz, settings: s }),
    anniversary({ history: anniversaryHistory.build(), now: NOW, timeZone: tz, settings: s }),
    unneededExpress({ orderId: two.lastOrderId, history: two.build(), now: NOW, settings: money }),
    ...paymentTrouble({ history: declined.build(), now: NOW, settings: s }),
    ...duplicateCharge({ history: paid.build(), now: NOW, settings: s }),
    ...overpayment({ history: paid.build(), now: NOW, settings: s }),
    recovery({ trigger: { ticketId: 301 }, history: support.build(), now: NOW, settings: s }),
    recovery({ trigger: { ratingId: 401 }, history: support.build(), now: NOW, settings: s }),
    promoter({ ratingId: 402, history: support.build(), now: NOW, settings: s }),
    lapsed({ history: old.build(), now: NOW, settings: s }),
    surprise({ orderId: three.lastOrderId, history: three.build(), now: NOW, settings: s, random: () => 0 }),
  ].filter((suggestion): suggestion is PlaybookSuggestion => suggestion !== null);
}

const BANDS: Record<string, [number, number, boolean]> = {
  recovery: [90, 100, false],
  duplicate_charge: [75, 85, true],
  overpayment: [75, 85, true],
  payment_trouble: [75, 85, true],
  unneeded_express: [75, 85, true],
  lifetime_spend: [55, 70, true],
  came_back: [40, 55, true],
  birthday: [40, 55, true],
  first_order_anniversary: [40, 55, true],
  promoter: [40, 55, true],
  lapsed: [40, 55, true],
  surprise: [30, 30, true],
};

describe('the playbook as a whole', () => {
  const suggestions = fired();

  it('has an example of every kind', () => {
    expect(new Set(suggestions.map((suggestion) => suggestion.kind))).toEqual(new Set(PLAYBOOK_MOMENT_KINDS));
  });

  it.each(suggestions.map((suggestion) => [suggestion.dedupeKey, suggestion] as const))('%s is in its priority band', (_key, suggestion) => {
    const [min, max, proactive] = BANDS[suggestion.kind] ?? [0, 0, true];
    expect(suggestion.priority).toBeGreaterThanOrEqual(min);
    expect(suggestion.priority).toBeLessThanOrEqual(max);
    expect(suggestion.proactive).toBe(proactive);
  });

  it.each(suggestions.map((suggestion) => [suggestion.dedupeKey, suggestion] as const))('%s suggests a sensible amount and explains itself', (_key, suggestion) => {
    const { suggestedGesture, suggestedAmountCents, facts } = suggestion;
    expect(Number.isSafeInteger(suggestedAmountCents)).toBe(true);
    if (suggestedGesture === 'note') expect(suggestedAmountCents).toBe(0);
    else if (suggestedGesture === 'fee_refund') expect(suggestedAmountCents).toBeGreaterThan(0);
    else {
      expect(suggestedAmountCents).toBeGreaterThanOrEqual(5_000);
      expect(suggestedAmountCents).toBeLessThanOrEqual(10_000);
    }
    expect(typeof facts.why).toBe('string');
    expect(JSON.stringify(facts)).not.toMatch(/@|name|email/i);
    expect(suggestion.dedupeKey.startsWith(`${suggestion.kind}:7`)).toBe(true);
  });
});
