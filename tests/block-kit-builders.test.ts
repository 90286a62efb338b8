import { describe, expect, it } from 'vitest';
import type { View } from '@slack/types';
import { checkMessageBlocks, checkView } from '../src/dev/slack-stand-in/index.js';
import type { BudgetState } from '../src/gestures/budget.js';
import { NOTE_MAX_LENGTH } from '../src/gestures/decide.js';
import type { CustomerSummary, OrderSummary } from '../src/history/customer-summary.js';
import type { NudgeView } from '../src/nudges/nudge-view.js';
import { budgetMessage, helpMessage } from '../src/slack/blocks/command-replies.js';
import { customerCard, customerMatchList, noCustomerFound } from '../src/slack/blocks/customer-card.js';
import { ordinal } from '../src/slack/blocks/format.js';
import type { SlackMessage } from '../src/slack/blocks/message.js';
import { noteModal } from '../src/slack/blocks/note-modal.js';
import { nudgeCard } from '../src/slack/blocks/nudge-card.js';
import { ActionId } from '../src/slack/ids.js';
import { buttons } from './helpers/block-text.js';

const TZ = 'America/New_York';
const NUDGE_ID = 42;
const AT = new Date('2026-11-20T15:00:00Z');

/** Slack counts characters, not UTF-16 units. */
const chars = (text: string) => [...text].length;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const budget: BudgetState = { month: '2026-11', currency: 'USD', limitCents: 100_000, spentCents: 15_000, leftCents: 85_000 };

function order(orderId: number, items: OrderSummary['items'], number: string | null = `#${1000 + orderId}`): OrderSummary {
  return { orderId, number, total: { cents: 4_550, currency: 'USD' }, placedAt: AT, items };
}

function customer(overrides: Partial<CustomerSummary> = {}): CustomerSummary {
  return {
    customerId: 7,
    name: 'Jane Smith',
    email: 'jane@example.com',
    ordersCount: 5,
    lifetimeSpend: [{ cents: 12_500, currency: 'USD' }],
    firstOrderAt: new Date('2026-01-02T10:00:00Z'),
    recentOrders: [order(1, [{ title: 'Mug', variantTitle: null, quantity: 1 }])],
    recentGestures: [],
    support: { sources: ['shopify'], recentPayments: [], openTickets: [], recentTickets: [], latestNps: null, latestSatisfaction: null },
    ...overrides,
  };
}

function view(overrides: Partial<NudgeView> = {}): NudgeView {
  return {
    nudgeId: NUDGE_ID,
    state: 'pending',
    posted: true,
    kind: 'order_milestone',
    ordinal: 5,
    suggestedGesture: 'note',
    customer: customer(),
    order: order(5, [{ title: 'Merino scarf', variantTitle: 'Blue', quantity: 1 }]),
    previousOrder: order(4, [{ title: 'Mug', variantTitle: null, quantity: 2 }]),
    note: null,
    decision: null,
    gesture: null,
    budget,
    channelId: null,
    messageTs: null,
    ...overrides,
  };
}

// ---- absurd inputs ----------------------------------------------------------

const NAMES = {
  'a 5,000-character name': 'J'.repeat(5_000),
  'a 5,000-character name of mrkdwn control characters': '<&>*_~`'.repeat(715).slice(0, 5_000),
  'a 5,000-emoji name': '😀'.repeat(5_000),
};
const hugeItems = (n: number, char: string): OrderSummary['items'] =>
  Array.from({ length: n }, (_, i) => ({ title: `${i} ${char.repeat(300)}`.slice(0, 300), variantTitle: char.repeat(300), quantity: i + 1 }));
const hugeOrder = (id: number, char: string) => order(id, hugeItems(500, char), `#${char.repeat(5_000)}`);
const NOTES = {
  'a 1,000-character note': 'n'.repeat(NOTE_MAX_LENGTH),
  'a 1,000-character note of escapes': '&<>'.repeat(334).slice(0, NOTE_MAX_LENGTH),
  'a 1,000-character note of emoji': '🎁'.repeat(NOTE_MAX_LENGTH),
};

function absurdCustomer(name: string): CustomerSummary {
  const email = `${'e'.repeat(4_990)}@example.com`;
  const long = (char: string) => char.repeat(5_000);
  return customer({
    name,
    email,
    ordersCount: 123_456,
    lifetimeSpend: ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD', 'CHF', 'SEK'].map((currency) => ({ cents: 999_999_999_99, currency })),
    recentOrders: [1, 2, 3, 4, 5].map((id) => hugeOrder(id, id % 2 ? '&' : '😀')),
    recentGestures: Array.from({ length: 5 }, () => ({
      kind: 'gift_card',
      amount: { cents: 10_000, currency: 'USD' },
      state: 'fulfilled',
      approvedBy: 'U0ALICE001',
      requestedBy: 'U0ALICE001',
      at: AT,
      fulfilledBy: 'U0BOB00001',
      fulfilledAt: AT,
      customerMessage: long('<'),
    })),
    support: {
      sources: ['helpscout', 'shopify', 'stripe', 'zendesk'],
      recentPayments: Array.from({ length: 5 }, () => ({ source: 'stripe', status: 'failed', amount: { cents: 5_000, currency: 'USD' }, at: AT })),
      openTickets: Array.from({ length: 5 }, (_, i) => ({ source: 'zendesk', externalId: long('9'), status: 'open', subject: long(i % 2 ? '<' : '*'), openedAt: AT, reopenCount: 99 })),
      recentTickets: [],
      latestNps: { kind: 'nps', rating: null, score: 0, comment: long('&'), at: AT },
      latestSatisfaction: { kind: 'satisfaction', rating: 'bad', score: null, comment: long('>'), at: AT },
    },
  });
}

const absurdViews: [string, NudgeView][] = Object.entries(NAMES).flatMap(([nameCase, name]) =>
  Object.entries(NOTES).flatMap(([noteCase, note]) => {
    const base = view({
      customer: absurdCustomer(name),
      ordinal: 123_456,
      order: hugeOrder(9, '&'),
      previousOrder: hugeOrder(8, '😀'),
      note: { text: note, by: 'U0ALICE001' },
    });
    const decided = { decision: { by: 'U0ALICE001', at: AT } };
    return [
      [`pending, ${nameCase}, ${noteCase}`, base],
      [`approved, ${nameCase}, ${noteCase}`, { ...base, ...decided, state: 'approved', gesture: { kind: 'other', amountCents: 10_000, currency: 'USD' } }],
      [`skipped, ${nameCase}, ${noteCase}`, { ...base, ...decided, state: 'skipped' }],
      [`expired, ${nameCase}, ${noteCase}`, { ...base, state: 'expired', kind: 'first_order', ordinal: 1 }],
    ] as [string, NudgeView][];
  }),
);

// ---- checks ---------------------------------------------------------------

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => allStrings(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => allStrings(v, out));
  return out;
}

/** Slack's documented limits for what the builders produce, beyond the stand-in's checker. */
function expectWithinSlackLimits(message: SlackMessage): void {
  expect(message.text.trim().length).toBeGreaterThan(0);
  expect(chars(message.text)).toBeLessThanOrEqual(40_000);
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  const verdict = checkMessageBlocks(message.blocks);
  expect(verdict.kind === 'valid' ? [] : verdict.errors).toEqual([]);
  for (const block of message.blocks) {
    if (block.type === 'header') expect(chars(block.text.text)).toBeLessThanOrEqual(150);
    if (block.type === 'section') {
      if (block.text) expect(chars(block.text.text)).toBeLessThanOrEqual(3_000);
      for (const field of block.fields ?? []) expect(chars(field.text)).toBeLessThanOrEqual(2_000);
      expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
    }
    if (block.type === 'context') for (const element of block.elements) if ('text' in element) expect(chars(element.text)).toBeLessThanOrEqual(3_000);
  }
  for (const button of buttons(message.blocks)) expect(chars(button.text.text)).toBeLessThanOrEqual(75);
  // Every string must be valid Unicode: a cut through a surrogate pair reaches Slack as U+FFFD or an error.
  expect(allStrings(message).filter((text) => LONE_SURROGATE.test(text)).map((text) => text.slice(-20))).toEqual([]);
}

function expectButtonsCarryOnlyTheNudgeId(message: SlackMessage, personal: string[]): void {
  for (const button of buttons(message.blocks)) {
    expect(button.value).toBe(String(NUDGE_ID));
    for (const text of personal) expect(button.value).not.toContain(text.slice(0, 20));
  }
}

// ---- tests ------------------------------------------------------------------

describe('nudgeCard', () => {
  it('has a text fallback, the decision buttons and valid blocks for an ordinary pending nudge', () => {
    const card = nudgeCard(view(), TZ);
    expectWithinSlackLimits(card);
    expect(card.text).toBe("Jane Smith's 5th order — add a note?");
    expect(buttons(card.blocks).map((b) => [b.action_id, b.text.text])).toEqual([
      [ActionId.approveSuggested, 'Approve: handwritten note'],
      [ActionId.approveSmall, 'Approve $50 gesture'],
      [ActionId.approveLarge, 'Approve $100 gesture'],
      [ActionId.customize, 'Customize…'],
      [ActionId.addNote, 'Add a note'],
      [ActionId.skip, 'Skip'],
    ]);
    expectButtonsCarryOnlyTheNudgeId(card, ['jane@example.com', 'Jane', 'Smith']);
  });

  it.each([
    ['approved and done', { state: 'approved', decision: { by: 'U0ALICE001', at: AT }, gesture: { kind: 'other', amountCents: 5_000, currency: 'USD', state: 'fulfilled', fulfilledBy: 'U0BOB00001', fulfilledAt: AT } }, ' — approved $50 by <@U0ALICE001>, done'],
    ['skipped', { state: 'skipped', decision: { by: 'U0BOB00001', at: AT } }, ' — skipped by <@U0BOB00001>'],
    ['expired', { state: 'expired' }, ' — expired'],
  ] as [string, Partial<NudgeView>, string][])('loses its buttons once %s and says so in the text too', (_state, overrides, suffix) => {
    const card = nudgeCard(view(overrides), TZ);
    expectWithinSlackLimits(card);
    expect(buttons(card.blocks)).toEqual([]);
    expect(card.text).toBe(`Jane Smith's 5th order — add a note?${suffix}`);
  });

  it('keeps Mark as done and Cancel gesture on an approved gesture until it is done', () => {
    const card = nudgeCard(view({ state: 'approved', decision: { by: 'U0ALICE001', at: AT }, gesture: { kind: 'gift_card', amountCents: 7_500, currency: 'USD', state: 'approved', fulfillerId: 'U0BOB00001' } }), TZ);
    expectWithinSlackLimits(card);
    expect(buttons(card.blocks).map((b) => b.action_id)).toEqual([ActionId.markDone, ActionId.cancelGesture]);
    expect(JSON.stringify(card.blocks)).toContain('<@U0ALICE001> approved a *$75 gift card*');
    expect(JSON.stringify(card.blocks)).toContain('<@U0BOB00001> makes it happen');
    expectButtonsCarryOnlyTheNudgeId(card, ['jane@example.com', 'Jane', 'Smith']);
  });

  it('shows a request waiting for a manager with the managers mentioned and their two buttons', () => {
    const card = nudgeCard(
      view({ managerIds: ['U0MANAGER1'], gesture: { kind: 'gift', amountCents: 15_000, currency: 'USD', state: 'requested', requestedBy: 'U0BOB00001', escalation: 'over_limit' } }),
      TZ,
    );
    expectWithinSlackLimits(card);
    expect(card.text).toContain('waiting for a manager');
    expect(JSON.stringify(card.blocks)).toContain('<@U0BOB00001> asks for a *$150 gift* — waiting for a manager (<@U0MANAGER1>): above the per-gesture limit');
    expect(buttons(card.blocks).map((b) => b.action_id)).toEqual([ActionId.approveRequest, ActionId.declineRequest, ActionId.addNote]);
  });

  it('falls back to the e-mail, then to "a guest", when the name is unknown', () => {
    expect(nudgeCard(view({ customer: customer({ name: null }) }), TZ).text).toContain("jane@example.com's 5th order");
    const guest = nudgeCard(view({ customer: customer({ name: null, email: null }), kind: 'first_order', ordinal: 1 }), TZ);
    expectWithinSlackLimits(guest);
    expect(guest.text).toBe("A guest customer's first order — say thank you?");
  });

  it.each(absurdViews)('stays within Slack limits: %s', (_case, absurd) => {
    const card = nudgeCard(absurd, TZ);
    expectWithinSlackLimits(card);
    expectButtonsCarryOnlyTheNudgeId(card, [absurd.customer.email ?? '', absurd.customer.name ?? '']);
  });
});

describe('ordinals in the headline', () => {
  it.each([
    [1, 'first'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
    [1_001, '1001st'],
  ])('%i → %s', (n, expected) => {
    expect(ordinal(n)).toBe(expected);
    const headline = nudgeCard(view({ ordinal: n }), TZ).text;
    expect(headline).toBe(`Jane Smith's ${expected} order — add a note?`);
  });

  it('uses the order count when the moment carries no ordinal', () => {
    expect(nudgeCard(view({ ordinal: null, customer: customer({ ordersCount: 22 }) }), TZ).text).toContain("Jane Smith's 22nd order");
  });
});

describe('customerCard and the other /delight replies', () => {
  it('renders an ordinary customer', () => {
    const card = customerCard(customer(), TZ);
    expectWithinSlackLimits(card);
    expect(card.text).toBe('Customer card: Jane Smith');
    expect(buttons(card.blocks)).toEqual([]);
  });

  it('renders a customer with nothing known but the id', () => {
    const card = customerCard(customer({ name: null, email: null, ordersCount: 0, lifetimeSpend: [], firstOrderAt: null, recentOrders: [] }), TZ);
    expectWithinSlackLimits(card);
    expect(card.text).toBe('Customer card: Guest customer');
  });

  it.each(Object.entries(NAMES))('stays within Slack limits with %s and huge orders, gestures and tickets', (_case, name) => {
    const card = customerCard(absurdCustomer(name), TZ);
    expectWithinSlackLimits(card);
    expect(buttons(card.blocks)).toEqual([]);
  });

  it.each(Object.entries(NAMES))('lists ten matches with %s within Slack limits', (_case, name) => {
    const matches = Array.from({ length: 10 }, (_, i) => ({ customerId: i, name, email: `${'x'.repeat(5_000)}${i}@example.com` }));
    expectWithinSlackLimits(customerMatchList({ by: 'name', name }, matches));
    expectWithinSlackLimits(noCustomerFound({ by: 'name', name }));
    expectWithinSlackLimits(noCustomerFound({ by: 'email', email: `${name}@example.com` }));
    expectWithinSlackLimits(noCustomerFound({ by: 'order', number: '9'.repeat(5_000) }));
  });

  it('renders the help', () => {
    const help = helpMessage();
    expectWithinSlackLimits(help);
    expect(help.text).toContain('/delight budget');
  });

  it.each([
    [{ ...budget }, '*$150* spent, *$850* left of $1,000'],
    [{ ...budget, spentCents: 0, leftCents: 100_000 }, '*$0* spent, *$1,000* left of $1,000'],
    [{ ...budget, limitCents: 999_999_999_999, spentCents: 999_999_999_999, leftCents: 0 }, '*$9,999,999,999.99* spent, *$0* left'],
  ] as [BudgetState, string][])('renders the budget %#', (state, expected) => {
    const message = budgetMessage(state);
    expectWithinSlackLimits(message);
    expect(message.text).toContain(expected);
  });
});

describe('noteModal', () => {
  function expectValidModal(modal: View): void {
    expect(checkView(modal, ['modal'])).toEqual([]);
    expect(JSON.parse(modal.private_metadata ?? '')).toEqual({ nudgeId: NUDGE_ID });
  }

  it('is a valid modal carrying only the nudge id', () => {
    const modal = noteModal(NUDGE_ID, null);
    expectValidModal(modal);
    expect(JSON.stringify(modal)).not.toContain('initial_value');
  });

  it.each(Object.entries(NOTES))('pre-fills %s within the input limit', (_case, note) => {
    const modal = noteModal(NUDGE_ID, note);
    expectValidModal(modal);
    const element = (modal.blocks[0] as { element: { initial_value?: string; max_length?: number } }).element;
    expect(element.initial_value).toBe(note);
    expect(chars(element.initial_value ?? '')).toBeLessThanOrEqual(element.max_length ?? 3_000);
  });
});
