import cron from 'node-cron';
import type { Logger } from 'pino';

export interface Jobs {
  stop(): void;
}

export interface JobDeps {
  outbox: { kick(): void };
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
  ];
  deps.logger.debug({ jobs: tasks.length }, 'jobs scheduled');
  return {
    stop: () => {
      for (const task of tasks) void task.stop();
    },
  };
}
