import { formatMoney } from '../money.js';
import type { GestureKind } from '../nudges/moment.js';
import { isAheadBeyondMargin, type Pace } from './pacing.js';

/**
 * The approval policy, as a pure function so every rule can be tested
 * exhaustively. An approval is allowed, sent to a manager (escalated: the
 * gesture waits on the card for a manager's click), or refused. Every
 * escalation and refusal names the rule and what would allow it.
 */

export interface ApprovalRules {
  /** True when no approvers are configured: any member of the workspace may approve. */
  anyoneMayApprove: boolean;
  approverIds: readonly string[];
  managerIds: readonly string[];
  /** Above this amount only a manager may approve. */
  gestureLimitCents: number;
  currency: string;
  /** Most one approver may approve in a month without a manager; null for no such limit. */
  approverMonthlyLimitCents: number | null;
  /** A customer who got a gesture this recently needs a manager for another (recoveries and corrections excepted). */
  customerCooldownMs: number;
  /** Spending ahead of pace by more than this share of the budget sends low-priority proactive gestures to a manager. */
  paceMarginShare: number;
  /** Nudges below this priority are "low priority" for pacing (warm moments and surprises). */
  lowPriorityBelow: number;
}

export interface ApprovalRequest {
  actorId: string;
  amountCents: number;
  kind: GestureKind;
  budget: { limitCents: number; spentCents: number };
  pace: Pace;
  /** What this approver already approved this month. */
  actorMonthCents: number;
  /** The customer's last approved or fulfilled gesture, for the cooldown. */
  customerLastGestureAt: Date | null;
  nudge: { priority: number; proactive: boolean; correction: boolean };
  now: Date;
}

export type RefusalCode = 'not_an_approver' | 'needs_manager' | 'over_budget' | 'invalid_amount' | 'no_manager';
export type EscalationReason = 'over_limit' | 'ahead_of_pace' | 'cooldown' | 'approver_limit';

export type PolicyVerdict =
  | { verdict: 'allow' }
  | { verdict: 'escalate'; reason: EscalationReason; message: string }
  | { verdict: 'refuse'; code: RefusalCode; message: string };

/** Gestures that cost nothing but time: a note or a call may be approved at $0. */
export const FREE_KINDS: ReadonlySet<GestureKind> = new Set(['note', 'call']);

/** Who approves and who manages: all that {@link mayDecide} and {@link isManager} read, so a Home tab's settings do too. */
export type Deciders = Pick<ApprovalRules, 'anyoneMayApprove' | 'approverIds' | 'managerIds'>;

/** Whether the person may approve or skip gestures at all. */
export function mayDecide(rules: Deciders, actorId: string): boolean {
  return rules.anyoneMayApprove || rules.approverIds.includes(actorId) || rules.managerIds.includes(actorId);
}

/** Whether the person is a manager: only managers decide requests and change the budget, and their own approvals are never escalated. */
export function isManager(rules: Deciders, actorId: string): boolean {
  return rules.managerIds.includes(actorId);
}

/** Decides what happens when `actorId` approves a gesture: allowed, sent to a manager, or refused. */
export function checkApproval(rules: ApprovalRules, request: ApprovalRequest): PolicyVerdict {
  const money = (cents: number) => formatMoney(cents, rules.currency);
  const { actorId, amountCents, budget } = request;
  if (!Number.isSafeInteger(amountCents) || amountCents < 0 || (amountCents === 0 && !FREE_KINDS.has(request.kind))) {
    return { verdict: 'refuse', code: 'invalid_amount', message: 'A gesture needs a positive amount (only a note or a call can be $0).' };
  }
  if (!mayDecide(rules, actorId)) {
    return {
      verdict: 'refuse',
      code: 'not_an_approver',
      message: `Only approvers can approve gestures (${rules.approverIds.length > 0 ? mentions(rules.approverIds) : 'the approver group'}), or a manager${managersText(rules)}. Ask one of them, or ask an admin to add you to DELIGHT_APPROVER_IDS or the approver group.`,
    };
  }
  const left = budget.limitCents - budget.spentCents;
  if (amountCents > left) {
    return {
      verdict: 'refuse',
      code: 'over_budget',
      message: `${money(amountCents)} would go over this month's budget: ${money(Math.max(0, left))} of ${money(budget.limitCents)} left. Approve a smaller gesture, or ask a manager to raise the budget (/delight budget set).`,
    };
  }
  if (isManager(rules, actorId)) return { verdict: 'allow' };
  const escalation = escalationFor(rules, request, money);
  if (!escalation) return { verdict: 'allow' };
  if (rules.managerIds.length === 0) {
    return { verdict: 'refuse', code: 'no_manager', message: `${escalation.message} No manager is set (DELIGHT_MANAGER_IDS), so nobody can approve it.` };
  }
  return { verdict: 'escalate', ...escalation };
}

function escalationFor(rules: ApprovalRules, request: ApprovalRequest, money: (cents: number) => string): { reason: EscalationReason; message: string } | null {
  const { amountCents, nudge } = request;
  if (amountCents > rules.gestureLimitCents) {
    return { reason: 'over_limit', message: `${money(amountCents)} is above the ${money(rules.gestureLimitCents)} per-gesture limit, so a manager must approve it${managersText(rules)}.` };
  }
  if (rules.approverMonthlyLimitCents !== null && request.actorMonthCents + amountCents > rules.approverMonthlyLimitCents) {
    return {
      reason: 'approver_limit',
      message: `You approved ${money(request.actorMonthCents)} this month; ${money(amountCents)} more is above your ${money(rules.approverMonthlyLimitCents)} monthly limit, so a manager must approve it${managersText(rules)}.`,
    };
  }
  const exempt = !nudge.proactive || nudge.correction;
  const last = request.customerLastGestureAt;
  if (!exempt && last && request.now.getTime() - last.getTime() < rules.customerCooldownMs) {
    const days = Math.floor((request.now.getTime() - last.getTime()) / 86_400_000);
    const cooldownDays = Math.round(rules.customerCooldownMs / 86_400_000);
    return {
      reason: 'cooldown',
      message: `This customer got a gesture ${days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} ago`}; the per-customer cooldown is ${cooldownDays} days, so a manager must approve another${managersText(rules)}.`,
    };
  }
  if (!exempt && nudge.priority < rules.lowPriorityBelow && isAheadBeyondMargin(request.pace, request.budget.limitCents, rules.paceMarginShare)) {
    return {
      reason: 'ahead_of_pace',
      message: `Spending is ${money(request.pace.aheadByCents)} ahead of this month's pace (${money(request.pace.expectedCents)} by today), so low-priority gestures need a manager${managersText(rules)}. Recoveries and milestones still go through.`,
    };
  }
  return null;
}

export function mentions(ids: readonly string[]): string {
  return ids.map((id) => `<@${id}>`).join(', ');
}

function managersText(rules: ApprovalRules): string {
  return rules.managerIds.length > 0 ? ` (${mentions(rules.managerIds)})` : ' (none is set: DELIGHT_MANAGER_IDS is empty)';
}
