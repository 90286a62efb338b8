import { immediate, type Db } from '../db/client.js';
import { audit } from './audit.js';
import { budgetMonthOf, ensureBudgetMonth, setMonthLimit, type BudgetState } from './budget.js';
import type { DecisionSettings } from './decide.js';
import { isManager } from './policy.js';

export type BudgetChangeResult =
  | { outcome: 'changed'; budget: BudgetState; previousLimitCents: number }
  | { outcome: 'refused'; code: 'not_a_manager' }
  | { outcome: 'refused'; code: 'below_spent'; budget: BudgetState }
  | { outcome: 'refused'; code: 'invalid_amount' };

/**
 * A manager sets this month's budget (in the team's time zone) by hand; from
 * then on the month no longer follows DELIGHT_MONTHLY_BUDGET. Never below what
 * is already spent. The change and every refusal — someone who is not a
 * manager, an amount below the spend — are audited, in one `BEGIN IMMEDIATE`
 * transaction, so an approval cannot slip in between the check and the change.
 */
export function changeMonthBudget(db: Db, input: { actorId: string; limitCents: number }, settings: DecisionSettings, now: Date): BudgetChangeResult {
  if (!Number.isSafeInteger(input.limitCents) || input.limitCents < 0) return { outcome: 'refused', code: 'invalid_amount' };
  const month = budgetMonthOf(now, settings.timeZone);
  return immediate(db, (tx) => {
    const refused = (code: 'not_a_manager' | 'below_spent') =>
      audit(tx, { actor: input.actorId, action: 'budget_change_refused', amountCents: input.limitCents, detail: { code, month } }, now);
    if (!isManager(settings, input.actorId)) {
      refused('not_a_manager');
      return { outcome: 'refused', code: 'not_a_manager' } as const;
    }
    const before = ensureBudgetMonth(tx, month, settings.monthlyBudgetCents, settings.currency, now);
    const after = setMonthLimit(tx, { month, limitCents: input.limitCents, currency: settings.currency, actorId: input.actorId }, settings.monthlyBudgetCents, now);
    if (!after) {
      refused('below_spent');
      return { outcome: 'refused', code: 'below_spent', budget: before } as const;
    }
    return { outcome: 'changed', budget: after, previousLimitCents: before.limitCents } as const;
  });
}
