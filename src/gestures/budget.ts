import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { budgetMonths } from '../db/schema.js';
import { audit } from './audit.js';
import { enqueueHomeRefreshForEveryone } from './home-queue.js';

export interface BudgetState {
  month: string;
  currency: string;
  limitCents: number;
  spentCents: number;
  leftCents: number;
  /** The manager who set this month's limit by hand; absent or null while it follows the configuration. */
  limitSetBy?: string | null;
}

/** The budget month ("2026-11") that `at` falls in, in the team's time zone. */
export function budgetMonthOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  const year = parts.find((part) => part.type === 'year')?.value;
  const month = parts.find((part) => part.type === 'month')?.value;
  return `${year}-${month}`;
}

/**
 * Makes sure the month's ledger row exists and carries the configured limit —
 * unless a manager set this month's limit by hand. A changed configuration is
 * audited as a budget change. A limit lowered below what is already spent
 * stops at the spent amount, so the ledger never claims more was spent than allowed.
 */
export function ensureBudgetMonth(tx: Db, month: string, limitCents: number, currency: string, now: Date): BudgetState {
  const at = now.getTime();
  const before = readBudget(tx, month);
  if (!before) {
    tx.insert(budgetMonths).values({ month, currency, limitCents, spentCents: 0, createdAt: at, updatedAt: at }).onConflictDoNothing().run();
  } else if (!before.limitSetBy && before.limitCents !== Math.max(limitCents, before.spentCents)) {
    tx.update(budgetMonths)
      .set({ limitCents: sql`max(${limitCents}, ${budgetMonths.spentCents})`, updatedAt: at })
      .where(and(eq(budgetMonths.month, month), sql`${budgetMonths.limitSetBy} is null`))
      .run();
    audit(tx, { actor: 'config', action: 'budget_changed', amountCents: limitCents, detail: { month, fromCents: before.limitCents } }, now);
    // Every Home tab shows the month's budget; no card changes with it.
    enqueueHomeRefreshForEveryone(tx, now);
  }
  return readBudget(tx, month) as BudgetState;
}

/**
 * A manager sets this month's limit by hand (it then no longer follows the
 * configuration). Never below what is already spent.
 * @returns the new state, or null when the amount is below the spend.
 */
export function setMonthLimit(tx: Db, input: { month: string; limitCents: number; currency: string; actorId: string }, configuredCents: number, now: Date): BudgetState | null {
  const current = ensureBudgetMonth(tx, input.month, configuredCents, input.currency, now);
  if (input.limitCents < current.spentCents) return null;
  tx.update(budgetMonths)
    .set({ limitCents: input.limitCents, limitSetBy: input.actorId, updatedAt: now.getTime() })
    .where(eq(budgetMonths.month, input.month))
    .run();
  audit(tx, { actor: input.actorId, action: 'budget_changed', amountCents: input.limitCents, detail: { month: input.month, fromCents: current.limitCents } }, now);
  enqueueHomeRefreshForEveryone(tx, now);
  return readBudget(tx, input.month);
}

/** The month's budget, or null before anything touched it. */
export function readBudget(db: Db, month: string): BudgetState | null {
  const row = db.select().from(budgetMonths).where(eq(budgetMonths.month, month)).get();
  if (!row) return null;
  return { month, currency: row.currency, limitCents: row.limitCents, spentCents: row.spentCents, leftCents: row.limitCents - row.spentCents, limitSetBy: row.limitSetBy };
}

/** The month's budget as configured, also when nothing was spent yet. */
export function budgetFor(db: Db, month: string, configuredLimitCents: number, currency: string): BudgetState {
  return (
    readBudget(db, month) ?? { month, currency, limitCents: configuredLimitCents, spentCents: 0, leftCents: configuredLimitCents, limitSetBy: null }
  );
}

/**
 * Charges the month's ledger only if the amount still fits: the condition sits
 * in the UPDATE itself, so two approvals can never both take the last dollars.
 * @returns whether the charge was made.
 */
export function chargeBudget(tx: Db, month: string, amountCents: number, now: Date): boolean {
  const result = tx
    .update(budgetMonths)
    .set({ spentCents: sql`${budgetMonths.spentCents} + ${amountCents}`, updatedAt: now.getTime() })
    .where(and(eq(budgetMonths.month, month), sql`${budgetMonths.spentCents} + ${amountCents} <= ${budgetMonths.limitCents}`))
    .run();
  return result.changes === 1;
}

/** Gives a cancelled gesture's amount back to the month it was charged to. */
export function refundBudget(tx: Db, month: string, amountCents: number, now: Date): void {
  tx.update(budgetMonths)
    .set({ spentCents: sql`max(0, ${budgetMonths.spentCents} - ${amountCents})`, updatedAt: now.getTime() })
    .where(eq(budgetMonths.month, month))
    .run();
}
