import { describe, expect, it } from 'vitest';
import { checkMessageBlocks } from '../src/dev/slack-stand-in/index.js';
import type { AuditTrailEntry } from '../src/gestures/audit-trail.js';
import { auditLine } from '../src/slack/blocks/audit-lines.js';
import { auditTrailMessage } from '../src/slack/blocks/audit-message.js';
import { plainCommandText, readUserReference } from '../src/slack/command-text.js';
import { textObjects } from './helpers/block-text.js';

const AT = new Date('2026-11-21T15:02:00Z');

function entry(overrides: Partial<AuditTrailEntry>): AuditTrailEntry {
  return {
    id: 1,
    at: AT,
    actor: 'U0ALICE001',
    action: 'approve',
    amountCents: 5_000,
    currency: 'USD',
    nudgeId: 7,
    customerId: 3,
    customerName: 'Jane Smith',
    customerEmail: 'jane@example.com',
    customerErased: false,
    orderNumber: '#1005',
    gestureId: 9,
    gestureKind: 'gift_card',
    detail: { kind: 'gift_card', month: '2026-11', via: 'button' },
    ...overrides,
  };
}

describe('auditLine', () => {
  it.each([
    [{}, 'Nov 21, 10:02 · <@U0ALICE001> approved a $50 gift card for Jane Smith (#1005)'],
    [{ amountCents: 8_000 }, 'Nov 21, 10:02 · <@U0ALICE001> approved an $80 gift card for Jane Smith (#1005)'],
    [{ amountCents: 1_100_000, currency: 'EUR' }, 'Nov 21, 10:02 · <@U0ALICE001> approved an €11,000 gift card for Jane Smith (#1005)'],
    [{ amountCents: 0, gestureKind: 'note' }, 'Nov 21, 10:02 · <@U0ALICE001> approved a handwritten note for Jane Smith (#1005)'],
    [{ action: 'fulfil', gestureKind: 'upgrade' }, 'Nov 21, 10:02 · <@U0ALICE001> marked a $50 free upgrade for Jane Smith (#1005) done'],
    [{ action: 'cancel' }, 'Nov 21, 10:02 · <@U0ALICE001> cancelled a $50 gift card for Jane Smith (#1005) (the budget got it back)'],
    [{ action: 'cancel_refused', detail: { code: 'wrong_state', from: 'fulfilled' } }, 'Nov 21, 10:02 · <@U0ALICE001> could not cancel a $50 gift card for Jane Smith (#1005): the gesture was fulfilled'],
    [{ action: 'fail', actor: 'delightbot' }, 'Nov 21, 10:02 · delightbot marked a $50 gift card for Jane Smith (#1005) failed'],
    [{ action: 'decline', actor: 'U0MANAGER1', detail: { kind: 'gift_card', escalation: 'cooldown' } }, 'Nov 21, 10:02 · <@U0MANAGER1> declined a $50 gift card for Jane Smith (#1005)'],
    [{ action: 'approve_refused', gestureId: null, gestureKind: null, detail: { code: 'not_an_approver' } }, 'Nov 21, 10:02 · <@U0ALICE001> could not approve a $50 gesture for Jane Smith (#1005): not an approver'],
    [{ action: 'skip_refused', amountCents: null, gestureKind: null, detail: { code: 'mystery_code' } }, 'Nov 21, 10:02 · <@U0ALICE001> could not skip the nudge for Jane Smith (#1005): mystery code'],
    [{ action: 'note', detail: { length: 0 } }, 'Nov 21, 10:02 · <@U0ALICE001> cleared the note on the nudge for Jane Smith (#1005)'],
    [{ action: 'expire', actor: 'delightbot', detail: { reason: 'stale_in_queue' } }, 'Nov 21, 10:02 · delightbot expired the nudge for Jane Smith (#1005): it waited too long in the queue'],
    [
      { action: 'budget_changed', actor: 'config', amountCents: 120_000, nudgeId: null, customerId: null, detail: { month: '2026-11', fromCents: 100_000 } },
      'Nov 21, 10:02 · the configuration set the 2026-11 budget to $1,200 (was $1,000)',
    ],
    [{ action: 'customer_redacted', actor: 'cli', customerName: null, customerEmail: null, customerErased: true }, "Nov 21, 10:02 · an operator (command line) erased a customer's personal data"],
    [{ action: 'skip', customerName: null, customerEmail: null, customerErased: true, orderNumber: null }, 'Nov 21, 10:02 · <@U0ALICE001> skipped the nudge for an erased customer'],
    [{ action: 'skip', customerName: null, orderNumber: null }, 'Nov 21, 10:02 · <@U0ALICE001> skipped the nudge for jane@example.com'],
    [{ action: 'some_new_action', actor: '<!here>' }, 'Nov 21, 10:02 · &lt;!here&gt; some new action on the nudge for Jane Smith (#1005)'],
    [{ customerName: '=HYPERLINK("http://x")', orderNumber: '<#1005>' }, 'Nov 21, 10:02 · <@U0ALICE001> approved a $50 gift card for =HYPERLINK("http://x") (&lt;#1005&gt;)'],
  ] as [Partial<AuditTrailEntry>, string][])('tells %j', (overrides, expected) => {
    expect(auditLine(entry(overrides), 'America/New_York', 'USD')).toBe(expected);
  });

  it('uses the fallback currency when the entry has none', () => {
    expect(auditLine(entry({ currency: null }), 'UTC', 'EUR')).toBe('Nov 21, 15:02 · <@U0ALICE001> approved a €50 gift card for Jane Smith (#1005)');
  });

  it('writes midnight as 00, not 24', () => {
    expect(auditLine(entry({ at: new Date('2026-11-22T00:05:00Z') }), 'UTC', 'USD')).toMatch(/^Nov 22, 00:05 · /);
  });
});

describe('auditTrailMessage', () => {
  it('stays within Slack limits with 20 long, hostile lines', () => {
    const long = '<!channel> '.repeat(40);
    const entries = Array.from({ length: 20 }, (_, index) => entry({ id: index, customerName: long, orderNumber: long }));
    const message = auditTrailMessage({ subject: 'everyone', entries, total: 5_000, timeZone: 'UTC', currency: 'USD', exportCommand: 'npm run delight -- audit --out audit.csv' });
    expect(checkMessageBlocks(message.blocks)).toMatchObject({ kind: 'valid' });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const { mrkdwn } = textObjects(message.blocks);
    for (const text of mrkdwn) {
      expect([...text].length).toBeLessThanOrEqual(3_000);
      expect(text).not.toContain('<!channel>');
    }
    expect(mrkdwn.flatMap((text) => text.split('\n')).filter((line) => line.startsWith('• '))).toHaveLength(20);
    expect(message.text).toBe(':ledger: *Audit trail for everyone*: the last 20 of 5,000 entries, newest first.');
  });

  it('has an empty state and the export footer', () => {
    const message = auditTrailMessage({ subject: '<@U0BOB00001>', entries: [], total: 0, timeZone: 'UTC', currency: 'USD', exportCommand: 'npm run delight -- audit --actor U0BOB00001 --out audit.csv' });
    expect(message.text).toMatch(/^:ledger: No audit entries for <@U0BOB00001> yet\./);
    expect(textObjects(message.blocks).mrkdwn.at(-1)).toBe('Every entry, as CSV, on the server: `npm run delight -- audit --actor U0BOB00001 --out audit.csv`');
  });
});

describe('command text as Slack sends it', () => {
  it.each([
    ['<@U0ALICE001|alice>', { kind: 'user', userId: 'U0ALICE001' }],
    ['<@W0ALICE001>', { kind: 'user', userId: 'W0ALICE001' }],
    [' U0123ABC ', { kind: 'user', userId: 'U0123ABC' }],
    ['@alice', { kind: 'name', name: 'alice' }],
    ['@Jane Smith', { kind: 'name', name: 'Jane Smith' }],
    ['jane@example.com', null],
    ['UDOLPH', null],
    ['Ursula', null],
    ['#1005', null],
  ])('reads %j as a person or not', (text, expected) => {
    expect(readUserReference(text)).toEqual(expected);
  });

  it.each([
    ['<mailto:jane@example.com|jane@example.com>', 'jane@example.com'],
    ['<#C0123ABC|1005>', '#1005'],
    ['<https://shop.example/orders/1005|1005>', '1005'],
    ['<https://shop.example/x>', 'https://shop.example/x'],
    ['Tom &amp; Jerry &lt;3', 'Tom & Jerry <3'],
    ['&amp;lt;', '&lt;'],
    ['Jane Smith', 'Jane Smith'],
  ])('unescapes %j for a look-up', (text, expected) => {
    expect(plainCommandText(text)).toBe(expected);
  });
});
