import { describe, expect, it } from 'vitest';
import type { GestureKind } from '../src/nudges/moment.js';
import { paceOf } from '../src/gestures/pacing.js';
import { checkApproval, type ApprovalRequest, type ApprovalRules, type PolicyVerdict } from '../src/gestures/policy.js';

const NOW = new Date('2026-11-16T00:00:00Z'); // half of November has passed (UTC)
const DAY = 86_400_000;
const MANAGER = 'U0MANAGER1';
const APPROVER = 'U0APPROVER';
const STRANGER = 'U0STRANGER';

function rules(overrides: Partial<ApprovalRules> = {}): ApprovalRules {
  return {
    anyoneMayApprove: false,
    approverIds: [APPROVER],
    managerIds: [MANAGER],
    gestureLimitCents: 10_000,
    currency: 'USD',
    approverMonthlyLimitCents: null,
    customerCooldownMs: 30 * DAY,
    paceMarginShare: 0.1,
    lowPriorityBelow: 55,
    ...overrides,
  };
}

function request(overrides: Partial<ApprovalRequest> & { spentCents?: number } = {}): ApprovalRequest {
  const budget = { limitCents: 100_000, spentCents: overrides.spentCents ?? 0 };
  return {
    actorId: APPROVER,
    amountCents: 5_000,
    kind: 'gift',
    budget,
    pace: paceOf(budget, NOW, 'UTC'),
    actorMonthCents: 0,
    customerLastGestureAt: null,
    nudge: { priority: 60, proactive: true, correction: false },
    now: NOW,
    ...overrides,
  };
}

const shape = (verdict: PolicyVerdict) => (verdict.verdict === 'allow' ? 'allow' : verdict.verdict === 'escalate' ? `escalate:${verdict.reason}` : `refuse:${verdict.code}`);

describe('the approval policy, rule by rule', () => {
  it.each<[string, Partial<ApprovalRules>, Partial<ApprovalRequest> & { spentCents?: number }, string]>([
    ['an approver within every rule', {}, {}, 'allow'],
    ['anyone, when no approvers are configured', { anyoneMayApprove: true, approverIds: [] }, { actorId: STRANGER }, 'allow'],
    ['a stranger when approvers are configured', {}, { actorId: STRANGER }, 'refuse:not_an_approver'],
    ['a negative amount', {}, { amountCents: -1 }, 'refuse:invalid_amount'],
    ['a fractional amount', {}, { amountCents: 10.5 }, 'refuse:invalid_amount'],
    ['$0 for a gift', {}, { amountCents: 0 }, 'refuse:invalid_amount'],
    ['$0 for a handwritten note', {}, { amountCents: 0, kind: 'note' }, 'allow'],
    ['$0 for a call', {}, { amountCents: 0, kind: 'call' }, 'allow'],
    ['exactly the per-gesture limit', {}, { amountCents: 10_000 }, 'allow'],
    ['a cent above the per-gesture limit', {}, { amountCents: 10_001 }, 'escalate:over_limit'],
    ['a manager above the per-gesture limit', {}, { actorId: MANAGER, amountCents: 50_000 }, 'allow'],
    ['the last dollars of the budget', {}, { spentCents: 95_000, amountCents: 5_000 }, 'allow'],
    ['a cent over the budget', {}, { spentCents: 95_001, amountCents: 5_000 }, 'refuse:over_budget'],
    ['a manager over the budget', {}, { actorId: MANAGER, spentCents: 99_000 }, 'refuse:over_budget'],
    ['over the approver monthly limit', { approverMonthlyLimitCents: 20_000 }, { actorMonthCents: 16_000 }, 'escalate:approver_limit'],
    ['exactly at the approver monthly limit', { approverMonthlyLimitCents: 20_000 }, { actorMonthCents: 15_000 }, 'allow'],
    ['a customer with a gesture 10 days ago', {}, { customerLastGestureAt: new Date(NOW.getTime() - 10 * DAY) }, 'escalate:cooldown'],
    ['a customer with a gesture 31 days ago', {}, { customerLastGestureAt: new Date(NOW.getTime() - 31 * DAY) }, 'allow'],
    ['a recovery for a customer with a recent gesture', {}, { customerLastGestureAt: new Date(NOW.getTime() - DAY), nudge: { priority: 95, proactive: false, correction: false } }, 'allow'],
    ['a correction for a customer with a recent gesture', {}, { customerLastGestureAt: new Date(NOW.getTime() - DAY), nudge: { priority: 85, proactive: true, correction: true } }, 'allow'],
    // Half the month gone: pace is $500; $611 spent is $111 ahead, more than 10 % of $1,000.
    ['a low-priority gesture far ahead of pace', {}, { spentCents: 61_100, nudge: { priority: 45, proactive: true, correction: false } }, 'escalate:ahead_of_pace'],
    ['a low-priority gesture a little ahead of pace', {}, { spentCents: 59_000, nudge: { priority: 45, proactive: true, correction: false } }, 'allow'],
    ['a milestone far ahead of pace', {}, { spentCents: 61_100, nudge: { priority: 60, proactive: true, correction: false } }, 'allow'],
    ['a recovery far ahead of pace', {}, { spentCents: 61_100, nudge: { priority: 95, proactive: false, correction: false } }, 'allow'],
    ['an escalation with no manager configured', { managerIds: [] }, { amountCents: 20_000 }, 'refuse:no_manager'],
  ])('%s', (_name, ruleOverrides, requestOverrides, expected) => {
    expect(shape(checkApproval(rules(ruleOverrides), request(requestOverrides)))).toBe(expected);
  });

  it('names the rule and what would allow it in every escalation and refusal', () => {
    const over = checkApproval(rules(), request({ amountCents: 15_000 }));
    expect(over).toMatchObject({ verdict: 'escalate', message: expect.stringContaining('$150 is above the $100 per-gesture limit, so a manager must approve it (<@U0MANAGER1>)') });
    const budget = checkApproval(rules(), request({ spentCents: 98_000 }));
    expect(budget).toMatchObject({ message: expect.stringContaining("$50 would go over this month's budget: $20 of $1,000 left") });
    const stranger = checkApproval(rules(), request({ actorId: STRANGER }));
    expect(stranger).toMatchObject({ message: expect.stringContaining('add you to DELIGHT_APPROVER_IDS') });
    const cooldown = checkApproval(rules(), request({ customerLastGestureAt: new Date(NOW.getTime() - 3 * DAY) }));
    expect(cooldown).toMatchObject({ message: expect.stringContaining('got a gesture 3 days ago; the per-customer cooldown is 30 days') });
  });
});

describe('the approval policy over every combination', () => {
  const actors = [APPROVER, MANAGER, STRANGER];
  const amounts = [0, 5_000, 10_000, 10_001, 60_000];
  const kinds: GestureKind[] = ['note', 'gift'];
  const spent = [0, 61_100, 99_000];
  const lastGesture = [null, new Date(NOW.getTime() - DAY)];
  const nudgesOf = [
    { priority: 45, proactive: true, correction: false },
    { priority: 95, proactive: false, correction: false },
    { priority: 85, proactive: true, correction: true },
  ];
  const approverLimits = [null, 8_000];
  const cases: { actorId: string; amountCents: number; kind: GestureKind; spentCents: number; last: Date | null; nudge: (typeof nudgesOf)[number]; limit: number | null }[] = [];
  for (const actorId of actors)
    for (const amountCents of amounts)
      for (const kind of kinds)
        for (const spentCents of spent)
          for (const last of lastGesture) for (const nudge of nudgesOf) for (const limit of approverLimits) cases.push({ actorId, amountCents, kind, spentCents, last, nudge, limit });

  it(`holds the policy's promises in all ${cases.length} cases`, () => {
    for (const c of cases) {
      const verdict = checkApproval(
        rules({ approverMonthlyLimitCents: c.limit }),
        request({ actorId: c.actorId, amountCents: c.amountCents, kind: c.kind, spentCents: c.spentCents, customerLastGestureAt: c.last, nudge: c.nudge, actorMonthCents: 1_000 }),
      );
      const label = JSON.stringify(c);
      const left = 100_000 - c.spentCents;
      // Nobody outside the approvers and managers ever gets anything through.
      if (c.actorId === STRANGER) expect(verdict.verdict, label).toBe('refuse');
      // The budget is never overspent, by anyone.
      if (c.amountCents > left) expect(verdict.verdict, label).toBe('refuse');
      // A manager is never sent to a manager.
      if (c.actorId === MANAGER) expect(verdict.verdict, label).not.toBe('escalate');
      // A recovery or a correction is never held up by the cooldown or by pacing.
      if (verdict.verdict === 'escalate' && (!c.nudge.proactive || c.nudge.correction)) expect(['over_limit', 'approver_limit'], label).toContain(verdict.reason);
      // Only free gestures may cost nothing.
      if (c.amountCents === 0 && c.kind !== 'note') expect(verdict, label).toMatchObject({ verdict: 'refuse', code: 'invalid_amount' });
      // Everything allowed fits the budget and is a valid amount.
      if (verdict.verdict === 'allow') expect(c.amountCents <= left && c.actorId !== STRANGER, label).toBe(true);
      // Every escalation and refusal says why.
      if (verdict.verdict !== 'allow') expect(verdict.message.length, label).toBeGreaterThan(20);
    }
    expect(new Set(cases.map((c) => shape(checkApproval(rules({ approverMonthlyLimitCents: c.limit }), request({ actorId: c.actorId, amountCents: c.amountCents, kind: c.kind, spentCents: c.spentCents, customerLastGestureAt: c.last, nudge: c.nudge, actorMonthCents: 1_000 }))))))
      .toEqual(new Set(['allow', 'refuse:not_an_approver', 'refuse:invalid_amount', 'refuse:over_budget', 'escalate:over_limit', 'escalate:approver_limit', 'escalate:cooldown', 'escalate:ahead_of_pace']));
  });
});
