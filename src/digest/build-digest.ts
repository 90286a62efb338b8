import { snapshot, type Db } from '../db/client.js';
import { momentActivity, nudgeActivity } from './activity.js';
import { chartWeeks } from './chart-weeks.js';
import { customerSummary, ratingSummary } from './customer-summary.js';
import type { Digest } from './digest.js';
import { gestureSummary, type GestureSummarySettings } from './gesture-summary.js';
import { holdoutComparison } from './holdout-comparison.js';
import { topStories } from './stories.js';
import type { DigestPeriod } from './week.js';

export interface DigestSettings extends GestureSummarySettings {
  /** Days after a gift (or a held-out moment) in which an order counts as a repeat purchase. */
  repeatWindowDays: number;
  /** Below this many customers in either group the digest says "not enough data yet". */
  minCount?: number;
}

/**
 * Computes the digest of `period` from the database: the week's activity
 * against the four weeks before, the state of things at `now` (budget,
 * overdue promises, what waits) and the holdout comparison. Read-only.
 */
export function buildDigest(db: Db, period: DigestPeriod, settings: DigestSettings, now: Date): Digest {
  const money = { currency: settings.currency, windowDays: settings.repeatWindowDays };
  return snapshot(db, (tx) => ({
      week: period.week,
      firstDay: period.firstDay,
      lastDay: period.lastDay,
      generatedAt: now.getTime(),
      timeZone: settings.timeZone,
      currency: settings.currency,
      moments: momentActivity(tx, period),
      nudges: nudgeActivity(tx, period),
      ...gestureSummary(tx, period, settings, now),
      customers: customerSummary(tx, period, now),
      ...ratingSummary(tx, period),
      outcome: holdoutComparison(tx, { ...money, ...(settings.minCount === undefined ? {} : { minCount: settings.minCount }) }, now),
      stories: topStories(tx, settings.currency, now),
      chart: chartWeeks(tx, period, { ...money, timeZone: settings.timeZone }, now),
    }));
}
