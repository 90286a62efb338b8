import type { MomentKind } from './moment.js';
import { DEFAULT_RULE_SETTINGS, PLAYBOOK_MOMENT_KINDS, type RuleSettings } from './rules/types.js';

/**
 * Everything that tunes the playbook: which moments are on, the rules'
 * thresholds, how much reaches the channel and when, and the holdout.
 * Loaded from the configuration file (DELIGHT_CONFIG) with defaults; the
 * domain only ever sees this validated, typed shape.
 */

export const MOMENT_KINDS: readonly MomentKind[] = ['first_order', 'order_milestone', ...PLAYBOOK_MOMENT_KINDS];

/**
 * Money the customer is owed (charged twice, paid too much): refunding it is
 * a correction, not a gesture, so it is never held out and never waits out a
 * cooldown — for holdout and treatment customers alike, which keeps the
 * comparison fair.
 */
export const CORRECTION_KINDS: ReadonlySet<MomentKind> = new Set(['duplicate_charge', 'overpayment']);

/** Minutes after midnight; days 0 = Sunday … 6 = Saturday, in the team's time zone. */
export interface WorkingHours {
  startMinute: number;
  endMinute: number;
  days: readonly number[];
}

export interface NoiseSettings {
  /** Most cards released to the channel per day (team's time zone). */
  dailyCap: number;
  /**
   * Of the daily cap, slots only recovery moments may take: proactive cards
   * stop at `dailyCap - recoveryReserve`, so an unhappy customer arriving late
   * in a busy day is still posted the same day.
   */
  recoveryReserve: number;
  /** No new suggestion for a customer who got a gesture this recently (recovery and corrections excepted). */
  cooldownMs: number;
  /** A posted card nobody decides within this long is marked expired. */
  undecidedExpiryMs: number;
  /** A queued, not yet posted, non-recovery nudge older than this expires unposted. */
  queueMaxWaitMs: number;
  /** Null: always working, no quiet hours. */
  workingHours: WorkingHours | null;
  /** Whether recovery moments are posted at once even outside working hours. */
  recoveryDuringQuietHours: boolean;
  /** Local time of the daily scan (birthdays, anniversaries, lapsed customers), minutes after midnight. */
  dailyScanMinute: number;
}

export interface HoldoutSettings {
  /** Share of customers, 0–1, kept as the control group. */
  share: number;
  /** Mixed into the assignment hash; null uses a salt generated once per installation. */
  salt: string | null;
}

export interface PlaybookSettings {
  enabled: Readonly<Record<MomentKind, boolean>>;
  rules: RuleSettings;
  noise: NoiseSettings;
  holdout: HoldoutSettings;
}

/**
 * The recovery reserve when none is configured: 15 % of the cap, at most 3,
 * so a small cap still posts proactive cards (a cap of 5 keeps none back).
 */
export function defaultRecoveryReserve(dailyCap: number): number {
  return Math.min(3, Math.floor(dailyCap * 0.15));
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_NOISE_SETTINGS: NoiseSettings = {
  dailyCap: 20,
  recoveryReserve: 3,
  cooldownMs: 30 * DAY_MS,
  undecidedExpiryMs: 48 * HOUR_MS,
  queueMaxWaitMs: 48 * HOUR_MS,
  workingHours: null,
  recoveryDuringQuietHours: false,
  dailyScanMinute: 9 * 60,
};

export const DEFAULT_PLAYBOOK_SETTINGS: PlaybookSettings = {
  enabled: Object.fromEntries(MOMENT_KINDS.map((kind) => [kind, true])) as Record<MomentKind, boolean>,
  rules: { ...DEFAULT_RULE_SETTINGS, orderMilestones: [1, 5, 10, 25, 50, 100] },
  noise: DEFAULT_NOISE_SETTINGS,
  holdout: { share: 0.1, salt: null },
};
