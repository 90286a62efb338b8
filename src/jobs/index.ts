import cron from 'node-cron';
import type { Logger } from 'pino';
import { digestTasks, type DigestJob } from './digest.js';

export interface Jobs {
  stop(): void;
}

export interface JobDeps {
  outbox: { kick(): void };
  /** The periodic work (scans, expiry, the queue's release); see Running.tick. */
  tick: () => Promise<void>;
  /** Posts this week's digest if its time has come and no one posted it yet; null when the digest is off. */
  digest: DigestJob | null;
  logger: Logger;
}

/**
 * Scheduled work. Jobs only call into the modules that own the work; they
 * hold no logic. The outbox sweep is a safety net: deliveries are normally
 * kicked right after each commit and by the outbox's own retry timer.
 */
export function startJobs(deps: JobDeps): Jobs {
  const tasks = [
    cron.schedule('* * * * *', () => deps.outbox.kick(), { name: 'outbox-sweep', noOverlap: true }),
    // Every minute, not at fixed hours: the work itself knows what is due (the daily scan claims its date once),
    // so a restart or a missed minute catches up instead of skipping a day.
    cron.schedule('* * * * *', () => runTick(deps), { name: 'periodic-work', noOverlap: true }),
    ...digestTasks(deps.digest, deps.logger),
  ];
  deps.logger.debug({ jobs: tasks.length }, 'jobs scheduled');
  return {
    stop: () => {
      for (const task of tasks) void task.stop();
    },
  };
}

async function runTick(deps: JobDeps): Promise<void> {
  try {
    await deps.tick();
  } catch (error) {
    deps.logger.error({ err: { type: (error as Error).name, message: (error as Error).message?.slice(0, 200) } }, 'periodic work failed');
  }
}
