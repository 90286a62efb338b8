import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import { checkView } from '../src/dev/slack-stand-in/index.js';
import type { CardLocation, GestureToFulfil, HomeView, PendingDecision, RecentGesture, WaitingRequest } from '../src/gestures/home-view.js';
import type { MomentKind } from '../src/nudges/moment.js';
import { cardUrl } from '../src/slack/blocks/card-link.js';
import { homeTab, type HomeTabOptions } from '../src/slack/blocks/home-tab.js';
import { textObjects } from './helpers/block-text.js';

const AT = new Date('2026-11-20T15:00:00Z');
const OPTIONS: HomeTabOptions = { timeZone: 'America/New_York', channelId: 'C0DELIGHT01', workspace: { url: 'https://acme.slack.com/', teamId: 'T0ACME' } };
const CARD: CardLocation = { channelId: 'C0DELIGHT01', messageTs: '1763650800.000100' };
const ALL_KINDS: MomentKind[] = ['recovery', 'duplicate_charge', 'overpayment', 'payment_trouble', 'first_order', 'order_milestone', 'came_back', 'lifetime_spend', 'birthday', 'first_order_anniversary', 'unneeded_express', 'surprise', 'promoter', 'lapsed'];
/** A name longer than anything sane, full of what Slack would parse: mentions, links, formatting, emoji. */
const ABSURD = `<!channel> *Jane* <https://evil.example|x> 🎁 ${'Ω'.repeat(5_000)}`;

const chars = (text: string) => [...text].length;

function pending(n: number, name: string | null = `Customer ${n}`): PendingDecision {
  return { nudgeId: n, customer: { name, erased: false }, momentKinds: ALL_KINDS, priority: 95, postedAt: AT, card: CARD };
}

function toFulfil(n: number, name = `Customer ${n}`): GestureToFulfil {
  return { nudgeId: n, kind: 'gift_card', amountCents: 5_000, currency: 'USD', state: n % 2 ? 'failed' : 'approved', customer: { name, erased: false }, approvedBy: 'U0ALICE001', approvedAt: AT, overdue: n % 3 === 0, failReason: ABSURD, card: CARD };
}

function waiting(n: number, name = `Customer ${n}`): WaitingRequest {
  return { nudgeId: n, kind: 'discount', amountCents: 25_000, currency: 'EUR', requestedBy: 'U0BOB00001', escalation: 'over_limit', requestedAt: AT, customer: { name, erased: false }, card: CARD };
}

function recent(n: number): RecentGesture {
  const states = ['requested', 'approved', 'fulfilled', 'cancelled', 'failed', 'declined'] as const;
  return { nudgeId: n, kind: 'upgrade', amountCents: 123_456_789, currency: 'JPY', state: states[n % states.length]!, requestedBy: 'U0BOB00001', approvedBy: 'U0ALICE001', fulfillerId: 'U0CAROL001', closedBy: 'U0CAROL001', at: AT, card: CARD };
}

function homeView(overrides: Partial<HomeView> = {}): HomeView {
  return {
    userId: 'U0ALICE001',
    mayDecide: true,
    isManager: false,
    pendingDecisions: [],
    pendingDecisionsTotal: 0,
    toFulfil: [],
    toFulfilTotal: 0,
    budget: { month: '2026-11', currency: 'USD', limitCents: 100_000, spentCents: 15_000, leftCents: 85_000, pace: { expectedCents: 63_000, aheadByCents: -48_000, status: 'on_pace', monthFraction: 0.63 } },
    recentGestures: [],
    waitingForManager: null,
    waitingForManagerTotal: 0,
    at: AT,
    ...overrides,
  };
}

/** Everything in the view Slack would check: no errors from the stand-in's rules, and the limits checked again by hand. */
function expectWithinLimits(view: ReturnType<typeof homeTab>): void {
  expect(checkView(view, ['home'])).toEqual([]);
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  for (const block of view.blocks as KnownBlock[]) {
    if (block.type === 'header') expect(chars(block.text.text)).toBeLessThanOrEqual(150);
    if (block.type === 'section' && block.text) expect(chars(block.text.text)).toBeLessThanOrEqual(3000);
  }
  expect(JSON.stringify(view).length).toBeLessThan(250_000);
}

describe('homeTab', () => {
  it('stays within Slack’s limits with full lists of absurd data', () => {
    const view = homeTab(
      homeView({
        isManager: true,
        pendingDecisions: Array.from({ length: 10 }, (_, i) => pending(i, ABSURD)),
        pendingDecisionsTotal: 5_000,
        toFulfil: Array.from({ length: 10 }, (_, i) => toFulfil(i, ABSURD)),
        toFulfilTotal: 10,
        waitingForManager: Array.from({ length: 10 }, (_, i) => waiting(i, ABSURD)),
        waitingForManagerTotal: 11,
        recentGestures: Array.from({ length: 10 }, (_, i) => recent(i)),
        budget: { month: '2026-11', currency: 'USD', limitCents: 9_999_999_999, spentCents: 9_999_999_999, leftCents: 0, pace: { expectedCents: 1, aheadByCents: 9_999_999_998, status: 'ahead', monthFraction: 0 } },
      }),
      OPTIONS,
    );
    expectWithinLimits(view);
    const text = textObjects(view.blocks).mrkdwn.join('\n');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<https://evil.example');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('and 4990 more: see <#C0DELIGHT01>');
    expect(text).toContain('and 1 more: see <#C0DELIGHT01>');
    expect(text).toContain('recovery, also duplicate charge, overpayment and 11 more');
    expect(text).toContain(':chart_with_upwards_trend: *ahead of pace*');
  });

  it('names the parts of the tab and says when it was made', () => {
    const view = homeTab(homeView({ isManager: true, waitingForManager: [] }), OPTIONS);
    expectWithinLimits(view);
    expect(textObjects(view.blocks).plain).toEqual([
      'Your delight desk',
      ':inbox_tray: Waiting for your decision',
      ':gift: Yours to make happen',
      ':hourglass_flowing_sand: Waiting for you as a manager',
      ':moneybag: Budget for November 2026',
      ':sparkles: Recent gestures across the team',
    ]);
    const text = textObjects(view.blocks).mrkdwn;
    expect(text[0]).toBe('Updated Nov 20, 10:00 AM · every card is in <#C0DELIGHT01>');
    expect(text).toContain('Nothing waits for you. :sparkles:');
    expect(text).toContain('No request waits for a manager.');
  });

  it('leaves the managers’ section out for everyone else', () => {
    const view = homeTab(homeView(), OPTIONS);
    expect(textObjects(view.blocks).plain.join('\n')).not.toContain('manager');
  });

  it('shows each gesture to make happen with its state', () => {
    const item = toFulfil(0);
    const lines = textObjects(
      homeTab(homeView({ toFulfil: [{ ...item, overdue: true }, { ...toFulfil(1), failReason: 'Store API said <b>no</b>' }], toFulfilTotal: 2 }), OPTIONS).blocks,
    ).mrkdwn;
    expect(lines).toContain('*$50 gift card* for *Customer 0* · approved by <@U0ALICE001> Nov 20, 2026\n:warning: *Overdue:* not marked done yet. · <https://acme.slack.com/archives/C0DELIGHT01/p1763650800000100|mark it done on the card>');
    expect(lines.join('\n')).toContain(':warning: *The automatic fulfilment failed:* Store API said &lt;b&gt;no&lt;/b&gt;. Do it by hand.');
  });

  it('shows an erased customer without a name, and a card not posted yet without a link', () => {
    const view = homeTab(homeView({ pendingDecisions: [{ ...pending(1), customer: { name: null, erased: true }, card: null, postedAt: null, priority: 40, momentKinds: ['first_order'] }], pendingDecisionsTotal: 1 }), OPTIONS);
    expect(textObjects(view.blocks).mrkdwn).toContain('*a customer (erased)*: first order\nbeing posted');
  });

  it('tells someone who may not decide who does', () => {
    const text = textObjects(homeTab(homeView({ mayDecide: false }), OPTIONS).blocks).mrkdwn;
    expect(text).toContain('Nothing waits for you: the approvers decide on cards. You can still add a note to any card.');
  });
});

describe('cardUrl', () => {
  it.each([
    { name: 'the permalink, with the workspace URL', workspace: { url: 'https://acme.slack.com/', teamId: 'T0ACME' }, card: CARD, url: 'https://acme.slack.com/archives/C0DELIGHT01/p1763650800000100' },
    { name: 'the permalink, also from a URL without its slash', workspace: { url: 'https://acme.enterprise.slack.com', teamId: null }, card: CARD, url: 'https://acme.enterprise.slack.com/archives/C0DELIGHT01/p1763650800000100' },
    { name: 'the channel through app_redirect, before auth.test answered', workspace: { url: null, teamId: null }, card: CARD, url: 'https://slack.com/app_redirect?channel=C0DELIGHT01' },
    { name: 'the channel through app_redirect, with the team', workspace: { url: null, teamId: 'T0ACME' }, card: CARD, url: 'https://slack.com/app_redirect?channel=C0DELIGHT01&team=T0ACME' },
    { name: 'app_redirect for a URL that is not https', workspace: { url: 'http://acme.slack.com/', teamId: null }, card: CARD, url: 'https://slack.com/app_redirect?channel=C0DELIGHT01' },
    { name: 'nothing for a channel id that is not Slack’s', workspace: { url: 'https://acme.slack.com/', teamId: null }, card: { ...CARD, channelId: 'C1|evil>' }, url: null },
    { name: 'nothing for a ts that is not Slack’s', workspace: { url: 'https://acme.slack.com/', teamId: null }, card: { ...CARD, messageTs: '1.0>|x' }, url: null },
  ])('gives $name', ({ workspace, card, url }) => {
    expect(cardUrl(card, workspace)).toBe(url);
  });
});
