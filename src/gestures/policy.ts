import { formatMoney } from '../money.js';

/**
 * The approval policy, as a pure function so every rule can be tested
 * exhaustively. Every refusal names the rule that refused and what would allow it.
 */

export interface ApprovalRules {
  /** Empty means any member of the workspace may approve. */
  approverIds: readonly string[];
  managerIds: readonly string[];
  /** Above this amount only a manager may approve. */
  gestureLimitCents: number;
  currency: string;
}

export interface ApprovalRequest {
  actorId: string;
  amountCents: number;
  budget: { limitCents: number; spentCents: number };
}

export type RefusalCode = 'not_an_approver' | 'needs_manager' | 'over_budget' | 'invalid_amount';

export type PolicyVerdict = { allowed: true } | { allowed: false; code: RefusalCode; message: string };

/** Whether the person may approve or skip gestures at all. */
export function mayDecide(rules: ApprovalRules, actorId: string): boolean {
  return rules.approverIds.length === 0 || rules.approverIds.includes(actorId) || rules.managerIds.includes(actorId);
}

/** Decides whether `actorId` may approve a gesture of `amountCents` now. */
export function checkApproval(rules: ApprovalRules, request: ApprovalRequest): PolicyVerdict {
  const money = (cents: number) => formatMoney(cents, rules.currency);
  const { actorId, amountCents, budget } = request;
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) {
    return { allowed: false, code: 'invalid_amount', message: 'A gesture needs a positive amount.' };
  }
  if (!mayDecide(rules, actorId)) {
    return {
      allowed: false,
      code: 'not_an_approver',
      message: `Only approvers can approve gestures (${mentions(rules.approverIds)}), or a manager${managersText(rules)}. Ask one of them, or ask an admin to add you to DELIGHT_APPROVER_IDS.`,
    };
  }
  if (amountCents > rules.gestureLimitCents && !rules.managerIds.includes(actorId)) {
    return {
      allowed: false,
      code: 'needs_manager',
      message: `${money(amountCents)} is above the ${money(rules.gestureLimitCents)} per-gesture limit, so a manager must approve it${managersText(rules)}.`,
    };
  }
  const left = budget.limitCents - budget.spentCents;
  if (amountCents > left) {
    return {
      allowed: false,
      code: 'over_budget',
      message: `${money(amountCents)} would go over this month's budget: ${money(Math.max(0, left))} of ${money(budget.limitCents)} left. Approve a smaller gesture, or ask a manager to raise DELIGHT_MONTHLY_BUDGET.`,
    };
  }
  return { allowed: true };
}

function mentions(ids: readonly string[]): string {
  return ids.map((id) => `<@${id}>`).join(', ');
}

function managersText(rules: ApprovalRules): string {
  return rules.managerIds.length > 0 ? ` (${mentions(rules.managerIds)})` : ' (none is set: DELIGHT_MANAGER_IDS is empty)';
}
