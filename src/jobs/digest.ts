import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

export interface DigestJob {
  /** Claims and queues this week's digest when its time has come; a no-op once the week is claimed. */
  runIfDue: () => void;
  /** node-cron expression for the configured weekday and time, e.g. "0 9 * * 1". */
  cron: string;
  /** The team's time zone, which the expression is read in. */
  timeZone: string;
  /** The catch-up sweep; every minute unless a test slows it down. */
  sweepCron?: string;
}

/**
 * The digest fires at its configured time in the team's time zone, and a
 * minute sweep catches what a timer cannot: a process that was down (also
 * checked right at start), a suspended machine, a daylight-saving gap that
 * swallowed the scheduled minute. The week's claim keeps it to one digest.
 */
export function digestTasks(digest: DigestJob | null, logger: Logger): ScheduledTask[] {
  if (!digest) return [];
  const run = () => {
    try {
      digest.runIfDue();
    } catch (error) {
      logger.error({ err: { type: (error as Error).name, message: (error as Error).message?.slice(0, 200) } }, 'weekly digest failed');
    }
  };
  run();
  return [
    cron.schedule(digest.cron, run, { name: 'weekly-digest', timezone: digest.timeZone, noOverlap: true }),
    cron.schedule(digest.sweepCron ?? '* * * * *', run, { name: 'weekly-digest-sweep', noOverlap: true }),
  ];
}

