import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { budgetMonths } from '../db/schema.js';

export interface BudgetState {
  month: string;
  currency: string;
  limitCents: number;
  spentCents: number;
  leftCents: number;
}

/** The budget month ("2026-11") that `at` falls in, in the team's time zone. */
export function budgetMonthOf(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  const year = parts.find((part) => part.type === 'year')?.value;
  const month = parts.find((part) => part.type === 'month')?.value;
  return `${year}-${month}`;
}

/**
 * Makes sure the month's ledger row exists and carries the configured limit.
 * A limit lowered below what is already spent stops at the spent amount, so
 * the ledger never claims more was spent than allowed.
 */
export function ensureBudgetMonth(tx: Db, month: string, limitCents: number, currency: string, now: Date): BudgetState {
  const at = now.getTime();
  tx.insert(budgetMonths)
    .values({ month, currency, limitCents, spentCents: 0, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: budgetMonths.month,
      set: { limitCents: sql`max(${limitCents}, ${budgetMonths.spentCents})`, updatedAt: at },
    })
    .run();
  return readBudget(tx, month) as BudgetState;
}

/** The month's budget, or null before anything touched it. */
export function readBudget(db: Db, month: string): BudgetState | null {
  const row = db.select().from(budgetMonths).where(eq(budgetMonths.month, month)).get();
  if (!row) return null;
  return { month, currency: row.currency, limitCents: row.limitCents, spentCents: row.spentCents, leftCents: row.limitCents - row.spentCents };
}

/** The month's budget as configured, also when nothing was spent yet. */
export function budgetFor(db: Db, month: string, configuredLimitCents: number, currency: string): BudgetState {
  return (
    readBudget(db, month) ?? { month, currency, limitCents: configuredLimitCents, spentCents: 0, leftCents: configuredLimitCents }
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
