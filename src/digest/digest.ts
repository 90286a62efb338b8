import type { ChartWeek } from './chart-data.js';
import type { MeanComparison, ProportionComparison } from './stats.js';

/**
 * What the weekly digest says, as numbers and ids: computed from the
 * database by `buildDigest`, stored with the week's claim, and turned into a
 * Slack message only when it is posted (names are looked up then).
 */

/** A count for the digest's week next to the weekly average of the four weeks before. */
export interface WeekCount {
  week: number;
  /** The four weeks before, divided by four. */
  baselineWeekly: number;
}

export interface KindCount {
  kind: string;
  count: WeekCount;
}

export interface GestureKindLine {
  kind: string;
  count: number;
  spendCents: number;
}

export interface OverdueGesture {
  gestureId: number;
  customerId: number;
  fulfillerId: string | null;
  kind: string;
  amountCents: number;
  approvedAt: number;
}

export interface RatingCounts {
  promoters: number;
  passives: number;
  detractors: number;
  /** Promoters − detractors as a share of answers, −100…100; null with no answers. */
  score: number | null;
}

export interface Story {
  gestureId: number;
  customerId: number;
  gestureKind: string;
  amountCents: number;
  approvedBy: string | null;
  /** The moment the gesture answered (the card's main one). */
  momentKind: string;
  ordersSince: number;
  revenueSinceCents: number;
  /** The best NPS answer given after the gesture. */
  npsSince: number | null;
}

export interface Digest {
  week: string;
  firstDay: string;
  lastDay: string;
  generatedAt: number;
  timeZone: string;
  currency: string;
  moments: { total: WeekCount; byKind: KindCount[]; heldOut: number; cooledDown: number };
  nudges: {
    posted: WeekCount;
    approved: WeekCount;
    skipped: WeekCount;
    expired: WeekCount;
    /** Posted and undecided now. */
    waiting: number;
    /** Found but not yet in the channel (daily cap, quiet hours). */
    queued: number;
    medianDecisionMs: number | null;
    baselineMedianDecisionMs: number | null;
  };
  gestures: {
    count: WeekCount;
    spendCents: WeekCount;
    byKind: GestureKindLine[];
    proactive: number;
    recovery: number;
    /** Proactive gestures / all gestures in the week; null with none. */
    proactiveShare: number | null;
    baselineProactiveShare: number | null;
  };
  budget: { month: string; limitCents: number; spentCents: number; expectedCents: number; status: 'on_pace' | 'ahead' };
  overdue: { total: number; oldest: OverdueGesture[] };
  customers: {
    newThanked: WeekCount;
    repeatRecognised: WeekCount;
    recoveries: WeekCount;
    /** Of the customers recovered in the last twelve weeks, how many ordered again since. */
    recoveredLately: { customers: number; orderedAgain: number };
  };
  nps: RatingCounts & { baselineScore: number | null };
  satisfaction: { good: number; okay: number; bad: number; baselineGoodShare: number | null };
  outcome: {
    windowDays: number;
    minCount: number;
    /** Customers first gifted (or first held out) between these instants: their window has closed. */
    cohortFrom: number;
    cohortTo: number;
    gifted: CohortOutcome;
    holdout: CohortOutcome;
    repeat: ProportionComparison;
    revenue: MeanComparison;
  };
  stories: Story[];
  chart: ChartWeek[];
}

export interface CohortOutcome {
  customers: number;
  orderedAgain: number;
  revenueCents: number;
}
