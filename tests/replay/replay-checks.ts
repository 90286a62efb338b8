import { eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { customers, holdoutGroups, moments, nudges } from '../../src/db/schema.js';
import { CORRECTIONS, type Kind, type Planted } from './model.js';
import { localDate } from './plan-checks.js';

/**
 * What the replay left in the database, read back for the assertions:
 * moments by customer and kind, nudges posted per local day, and what
 * reached the channel for held-out customers.
 */

export interface FoundMoment {
  customerId: number;
  email: string;
  kind: string;
  why: string;
  suppressed: string | null;
  proactive: boolean;
  nudgeId: number | null;
}

const key = (email: string, kind: string): string => `${email} ${kind}`;

export function foundMoments(db: Db): FoundMoment[] {
  return db
    .select({
      customerId: moments.customerId,
      email: customers.email,
      kind: moments.kind,
      facts: moments.facts,
      suppressed: moments.suppressed,
      proactive: moments.proactive,
      nudgeId: moments.nudgeId,
    })
    .from(moments)
    .innerJoin(customers, eq(moments.customerId, customers.id))
    .all()
    .map((row) => ({ ...row, email: row.email ?? `(customer ${row.customerId} without e-mail)`, why: typeof row.facts['why'] === 'string' ? row.facts['why'] : JSON.stringify(row.facts) }));
}

/** Planted {customer, kind} pairs with no moment: "email kind — what was planted". */
export function missing(planted: readonly Planted[], found: readonly FoundMoment[]): string[] {
  const seen = new Set(found.map((moment) => key(moment.email, moment.kind)));
  return planted.filter((p) => !seen.has(key(p.customer, p.kind))).map((p) => `${key(p.customer, p.kind)} — planted: ${p.why}`);
}

/** Moments whose {customer, kind} was never planted: "email kind — why the rule fired". */
export function unexpected(planted: readonly Planted[], found: readonly FoundMoment[]): string[] {
  const wanted = new Set(planted.map((p) => key(p.customer, p.kind)));
  return found.filter((moment) => !wanted.has(key(moment.email, moment.kind))).map((moment) => `${key(moment.email, moment.kind)} — ${moment.why}`);
}

/** Counts per kind, the kind being the second word of each line: a summary for long failure lists. */
export function countByKind(lines: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of lines) {
    const kind = line.split(' ')[1] ?? '?';
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

/** Nudges given a posted_at, per local day ("YYYY-MM-DD") in the team's time zone. */
export function postedPerDay(db: Db, timeZone: string): Map<string, number> {
  const perDay = new Map<string, number>();
  for (const { postedAt } of db.select({ postedAt: nudges.postedAt }).from(nudges).where(isNotNull(nudges.postedAt)).all()) {
    if (postedAt === null) continue;
    const day = localDate(new Date(postedAt), timeZone);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return perDay;
}

/** Days whose count is over the cap, as "day: count". */
export function overCap(perDay: ReadonlyMap<string, number>, cap: number): string[] {
  return [...perDay].filter(([, n]) => n > cap).map(([day, n]) => `${day}: ${n}`);
}

export function holdoutCustomers(db: Db): Set<number> {
  return new Set(db.select({ id: holdoutGroups.customerId }).from(holdoutGroups).where(eq(holdoutGroups.grp, 'holdout')).all().map((row) => row.id));
}

/**
 * Proactive moments, other than corrections, that reached the channel for a
 * held-out customer: they sit on a nudge that was posted.
 */
export function holdoutLeaks(db: Db, found: readonly FoundMoment[]): string[] {
  const holdout = holdoutCustomers(db);
  const posted = new Set(db.select({ id: nudges.id }).from(nudges).where(isNotNull(nudges.postedAt)).all().map((row) => row.id));
  return found
    .filter((m) => holdout.has(m.customerId) && m.proactive && !CORRECTIONS.includes(m.kind as Kind) && m.nudgeId !== null && posted.has(m.nudgeId))
    .map((m) => `${key(m.email, m.kind)} — ${m.why}`);
}

/** Planted moments per kind whose customer landed in the holdout group, for the replay's report. */
export function plantedInHoldout(store: { planted: readonly Planted[] }, found: readonly FoundMoment[], holdout: ReadonlySet<number>): Record<string, number> {
  const idOf = new Map(found.map((moment) => [moment.email, moment.customerId]));
  const counts: Record<string, number> = {};
  for (const p of store.planted) {
    const id = idOf.get(p.customer);
    if (id !== undefined && holdout.has(id)) counts[p.kind] = (counts[p.kind] ?? 0) + 1;
  }
  return counts;
}

/** Moments held out that never may be: recoveries and corrections. */
export function wronglyHeldOut(found: readonly FoundMoment[]): string[] {
  return found.filter((m) => m.suppressed === 'holdout' && (m.kind === 'recovery' || CORRECTIONS.includes(m.kind as Kind))).map((m) => key(m.email, m.kind));
}
