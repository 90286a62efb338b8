import { and, eq, isNull, lt } from 'drizzle-orm';
import { immediate, type Db } from './client.js';
import { jobRuns } from './schema.js';

/**
 * Claims a scheduled job's period ("daily_scan", "2026-11-30") before the
 * work starts. The unique (job, period) row makes the claim atomic across
 * processes sharing the database: a second instance, or a restart, finds it
 * taken. A claim left unfinished for `staleMs` (the process died mid-run) may
 * be taken over, so a crash does not cancel the period's run.
 * @returns whether this caller now owns the run.
 */
export function claimRun(db: Db, job: string, period: string, now: Date, staleMs: number): boolean {
  const at = now.getTime();
  return immediate(db, (tx) => {
    const inserted = tx.insert(jobRuns).values({ job, period, claimedAt: at }).onConflictDoNothing().run().changes === 1;
    if (inserted) return true;
    const takenOver = tx
      .update(jobRuns)
      .set({ claimedAt: at })
      .where(and(eq(jobRuns.job, job), eq(jobRuns.period, period), isNull(jobRuns.finishedAt), lt(jobRuns.claimedAt, at - staleMs)))
      .run();
    return takenOver.changes === 1;
  });
}

/** Whether the period's run was claimed already (finished or still running). */
export function isClaimed(db: Db, job: string, period: string): boolean {
  return db.select({ id: jobRuns.id }).from(jobRuns).where(and(eq(jobRuns.job, job), eq(jobRuns.period, period))).get() !== undefined;
}

/** Marks a claimed run finished. */
export function finishRun(db: Db, job: string, period: string, now: Date): void {
  db.update(jobRuns).set({ finishedAt: now.getTime() }).where(and(eq(jobRuns.job, job), eq(jobRuns.period, period))).run();
}
