import { immediate, type Db } from '../db/client.js';
import type { PlacementSettings } from './placement.js';
import { expireNudges, releaseQueue } from './queue.js';
import { scanDaily, scanRecent } from './scans.js';

export interface PeriodicResult {
  /** Nudges whose cards must be posted or updated. */
  touched: number[];
  dailyScanRan: boolean;
  expiredUndecided: number;
  expiredUnposted: number;
}

/**
 * Everything time alone makes due, in order: the frequent scan, the daily
 * scan when its time has come, expiry, then the queue's release (a new day
 * or the start of working hours frees slots). Safe to call as often as
 * wanted — each step is idempotent — and called every minute by the jobs.
 */
export function runDueWork(db: Db, settings: PlacementSettings, now: Date): PeriodicResult {
  const touched = scanRecent(db, settings, now);
  const daily = scanDaily(db, settings, now);
  if (daily) touched.push(...daily);
  const { expired, released } = immediate(db, (tx) => {
    const expired = expireNudges(tx, settings.playbook.noise, now);
    const released = releaseQueue(tx, { noise: settings.playbook.noise, timeZone: settings.timeZone }, now);
    return { expired, released };
  });
  touched.push(...expired.undecided, ...released);
  return { touched: [...new Set(touched)], dailyScanRan: daily !== null, expiredUndecided: expired.undecided.length, expiredUnposted: expired.unposted.length };
}
