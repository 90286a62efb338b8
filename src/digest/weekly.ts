import { immediate, type Db } from '../db/client.js';
import { readState, writeState } from '../db/app-state.js';
import { isClaimed } from '../db/job-runs.js';
import { digests, jobRuns } from '../db/schema.js';
import { buildDigest, type DigestSettings } from './build-digest.js';
import { digestPeriod, isDigestDue, type WeeklySchedule } from './week.js';

export const DIGEST_JOB = 'weekly_digest';
const FIRST_START_KEY = 'installation.first_start_at';

export interface WeeklyDigestSettings extends DigestSettings {
  channelId: string;
  schedule: WeeklySchedule;
}

/**
 * Once this ISO week's scheduled time has come, claims the week for the
 * channel and stores its digest for the outbox to post — both in one
 * transaction, so a crash leaves either nothing (the next run tries again)
 * or a claimed week with its digest waiting. The unique (job, period) row
 * makes a restart or a second instance find the week taken.
 * @returns the week claimed now, or null (not due yet, already claimed, or first started after this week's time).
 */
export function claimWeeklyDigest(db: Db, settings: WeeklyDigestSettings, now: Date): string | null {
  if (!isDigestDue(now, settings.timeZone, settings.schedule)) return null;
  const period = digestPeriod(now, settings.timeZone);
  if (startedAfterThisWeeksTime(db, settings, period.week)) return null;
  const job = { job: DIGEST_JOB, period: `${period.week}:${settings.channelId}` };
  // Cheap look first: every minute after the week's digest went out ends here.
  if (isClaimed(db, job.job, job.period)) return null;
  return immediate(db, (tx) => {
    const at = now.getTime();
    const claimed = tx.insert(jobRuns).values({ ...job, claimedAt: at, finishedAt: at }).onConflictDoNothing().run().changes === 1;
    if (!claimed) return null;
    const content = buildDigest(tx, period, settings, now);
    tx.insert(digests)
      .values({ week: period.week, channelId: settings.channelId, content: content as unknown as Record<string, unknown>, nextAttemptAt: at, createdAt: at, updatedAt: at })
      .onConflictDoNothing()
      .run();
    return period.week;
  });
}

/**
 * Remembers when this installation first started (the first call wins; later
 * starts change nothing). The digest of the week it started in is skipped if
 * the scheduled time had already passed: nothing was missed, and a digest of
 * the week before the bot existed would be all zeros.
 */
export function noteFirstStart(db: Db, now: Date): void {
  if (readState(db, FIRST_START_KEY) === null) writeState(db, FIRST_START_KEY, String(now.getTime()), now);
}

function startedAfterThisWeeksTime(db: Db, settings: WeeklyDigestSettings, week: string): boolean {
  const stored = readState(db, FIRST_START_KEY);
  if (stored === null) return false;
  const firstStart = new Date(Number(stored));
  return digestPeriod(firstStart, settings.timeZone).week === week && isDigestDue(firstStart, settings.timeZone, settings.schedule);
}
