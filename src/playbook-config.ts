import type { MomentKind } from './nudges/moment.js';
import { DEFAULT_PLAYBOOK_SETTINGS, defaultRecoveryReserve, type PlaybookSettings } from './nudges/settings.js';
import { configFormatOf, parseConfigText } from './config-text.js';
import { playbookFileSchema, type PlaybookFile } from './playbook-file-schema.js';
import { describeIssues } from './playbook-issues.js';
import { applyOverrides, parseOverrides, PLAYBOOK_ENV_OVERRIDES, sortedUnique, type PlaybookEnvOverride } from './playbook-env.js';

/**
 * The playbook's settings from the configuration file (DELIGHT_CONFIG, JSON
 * or YAML) and the environment overrides, which win over the file. Pure:
 * the file's text comes in, settings or the full list of problems go out;
 * reading the file is loadConfig's job.
 */

export { PLAYBOOK_ENV_OVERRIDES, type PlaybookEnvOverride } from './playbook-env.js';

export interface PlaybookConfigFile {
  /** As DELIGHT_CONFIG names it; shown in every problem so the operator knows which file is meant. */
  path: string;
  text: string;
}

export type PlaybookConfigResult =
  | { ok: true; settings: PlaybookSettings; overrides: readonly PlaybookEnvOverride[] }
  | { ok: false; problems: readonly string[] };

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * Settings from the file (null: no file, all defaults) with the environment
 * overrides applied. Returns every problem at once, one line each, naming
 * the file and field ("DELIGHT_CONFIG (./delight.yaml): noise.daily_cap: …")
 * or the variable ("DELIGHT_DAILY_CAP: …"); never throws.
 */
export function parsePlaybookConfig(file: PlaybookConfigFile | null, env: Readonly<Record<string, string | undefined>>): PlaybookConfigResult {
  const overrides = parseOverrides(env);
  const dailyCap = overrides.values.DELIGHT_DAILY_CAP;
  const fromFile = file ? parseFile(file, dailyCap) : { ok: true as const, settings: toSettings({}, dailyCap) };
  const problems = [...(fromFile.ok ? [] : fromFile.problems), ...overrides.problems];
  if (!fromFile.ok || problems.length > 0) return { ok: false, problems };
  return { ok: true, settings: applyOverrides(fromFile.settings, overrides.values), overrides: PLAYBOOK_ENV_OVERRIDES.filter((name) => name in overrides.values) };
}

function parseFile(file: PlaybookConfigFile, dailyCapOverride: number | undefined): { ok: true; settings: PlaybookSettings } | { ok: false; problems: string[] } {
  const prefix = `DELIGHT_CONFIG (${file.path}): `;
  const format = configFormatOf(file.path);
  if (!format) return { ok: false, problems: [`${prefix}must name a .json, .yaml or .yml file`] };
  const text = parseConfigText(file.text, format);
  if (!text.ok) return { ok: false, problems: [`${prefix}${text.message}`] };
  const parsed = playbookFileSchema.safeParse(text.data, { reportInput: true });
  if (!parsed.success) return { ok: false, problems: describeIssues(parsed.error.issues, playbookFileSchema).map((line) => prefix + line) };
  const crossed = crossFieldProblems(parsed.data);
  if (crossed.length > 0) return { ok: false, problems: crossed.map((line) => prefix + line) };
  return { ok: true, settings: toSettings(parsed.data, dailyCapOverride) };
}

/** Checks that span two fields; each names the field the file actually set. */
function crossFieldProblems(file: PlaybookFile): string[] {
  const problems: string[] = [];
  const reserve = file.noise?.recovery_reserve;
  const cap = file.noise?.daily_cap ?? DEFAULT_PLAYBOOK_SETTINGS.noise.dailyCap;
  if (reserve !== undefined && reserve > cap) {
    problems.push(`noise.recovery_reserve: must be at most noise.daily_cap (${cap}), the slots it is reserved from, got ${reserve}`);
  }
  const rules = DEFAULT_PLAYBOOK_SETTINGS.rules;
  const detractorMax = file.moments?.recovery?.detractor_max;
  const promoterMin = file.moments?.promoter?.promoter_min;
  if ((detractorMax ?? rules.npsDetractorMax) >= (promoterMin ?? rules.npsPromoterMin)) {
    const [field, value, other, otherValue] =
      promoterMin === undefined
        ? ['moments.recovery.detractor_max', detractorMax, 'moments.promoter.promoter_min', rules.npsPromoterMin]
        : ['moments.promoter.promoter_min', promoterMin, 'moments.recovery.detractor_max', detractorMax ?? rules.npsDetractorMax];
    problems.push(`${field}: a score cannot be both a detractor and a promoter: detractor_max must be below promoter_min (${other} is ${otherValue}), got ${value}`);
  }
  return problems;
}

/**
 * The file's values over the defaults. Maps (per country, per currency) replace the default map whole.
 * The daily cap is decided here, DELIGHT_DAILY_CAP over the file, because the reserve depends on whether the file set it.
 */
function toSettings(file: PlaybookFile, dailyCapOverride: number | undefined): PlaybookSettings {
  const defaults = DEFAULT_PLAYBOOK_SETTINGS;
  const m = file.moments ?? {};
  const noise = file.noise ?? {};
  const rules = defaults.rules;
  const g = rules.gestures;
  const gestureOf = (section: { gesture?: (typeof g.comeBack)['gesture']; amount?: number } | undefined, fallback: typeof g.comeBack) => ({
    gesture: section?.gesture ?? fallback.gesture,
    cents: section?.amount ?? fallback.cents,
  });
  const enabled = Object.fromEntries(
    Object.entries(defaults.enabled).map(([kind, on]) => [kind, m[kind as MomentKind]?.enabled ?? on]),
  ) as Record<MomentKind, boolean>;
  const defaultCounts = defaults.rules.orderMilestones.filter((count) => count > 1);
  const counts = enabled.order_milestone ? (m.order_milestone?.counts ?? defaultCounts) : [];
  const dailyCap = dailyCapOverride ?? noise.daily_cap ?? defaults.noise.dailyCap;
  return {
    enabled,
    rules: {
      orderMilestones: sortedUnique([...(enabled.first_order ? [1] : []), ...counts]),
      lifetimeSpendThresholds: m.lifetime_spend?.thresholds ?? rules.lifetimeSpendThresholds,
      standardTransitDays: m.unneeded_express?.standard_transit_days ?? rules.standardTransitDays,
      expressTransitDays: m.unneeded_express?.express_transit_days ?? rules.expressTransitDays,
      expressSlackDays: m.unneeded_express?.slack_days ?? rules.expressSlackDays,
      expeditedShipping: m.unneeded_express?.expedited_pattern ?? rules.expeditedShipping,
      standardShippingRates: m.unneeded_express?.standard_rates ?? rules.standardShippingRates,
      paymentFollowUpMs: minutes(m.payment_trouble?.follow_up_minutes) ?? rules.paymentFollowUpMs,
      duplicateChargeWindowMs: minutes(m.duplicate_charge?.window_minutes) ?? rules.duplicateChargeWindowMs,
      ticketOpenTooLongMs: hours(m.recovery?.ticket_open_hours) ?? rules.ticketOpenTooLongMs,
      ticketReopenedThreshold: m.recovery?.reopened_times ?? rules.ticketReopenedThreshold,
      refundRequest: m.recovery?.refund_request_pattern ?? rules.refundRequest,
      npsDetractorMax: m.recovery?.detractor_max ?? rules.npsDetractorMax,
      npsPromoterMin: m.promoter?.promoter_min ?? rules.npsPromoterMin,
      lapsedMinOrders: m.lapsed?.min_orders ?? rules.lapsedMinOrders,
      lapsedGapFactor: m.lapsed?.gap_factor ?? rules.lapsedGapFactor,
      lapsedMinSilenceMs: days(m.lapsed?.min_silence_days) ?? rules.lapsedMinSilenceMs,
      surpriseProbability: m.surprise?.rate ?? rules.surpriseProbability,
      surpriseMinOrders: m.surprise?.min_orders ?? rules.surpriseMinOrders,
      surpriseCooldownMs: days(m.surprise?.cooldown_days) ?? rules.surpriseCooldownMs,
      maxFactAgeMs: days(file.max_fact_age_days) ?? rules.maxFactAgeMs,
      gestures: {
        comeBack: gestureOf(m.came_back, g.comeBack),
        lifetimeSpend: gestureOf(m.lifetime_spend, g.lifetimeSpend),
        birthday: gestureOf(m.birthday, g.birthday),
        anniversary: gestureOf(m.first_order_anniversary, g.anniversary),
        paymentTrouble: gestureOf(m.payment_trouble, g.paymentTrouble),
        recovery: gestureOf(m.recovery, g.recovery),
        promoter: gestureOf(m.promoter, g.promoter),
        lapsed: gestureOf(m.lapsed, g.lapsed),
        surprise: gestureOf(m.surprise, g.surprise),
      },
    },
    noise: {
      dailyCap,
      // Left out, the reserve follows the cap. Set in the file it only shrinks to fit a smaller DELIGHT_DAILY_CAP;
      // above the file's own cap it is an error (crossFieldProblems).
      recoveryReserve: noise.recovery_reserve === undefined ? defaultRecoveryReserve(dailyCap) : Math.min(noise.recovery_reserve, dailyCap),
      cooldownMs: days(noise.cooldown_days) ?? defaults.noise.cooldownMs,
      undecidedExpiryMs: hours(noise.undecided_expiry_hours) ?? defaults.noise.undecidedExpiryMs,
      queueMaxWaitMs: hours(noise.queue_max_wait_hours) ?? defaults.noise.queueMaxWaitMs,
      workingHours: noise.working_hours === undefined ? defaults.noise.workingHours : noise.working_hours,
      recoveryDuringQuietHours: noise.recovery_during_quiet_hours ?? defaults.noise.recoveryDuringQuietHours,
      dailyScanMinute: noise.daily_scan_at ?? defaults.noise.dailyScanMinute,
    },
    holdout: {
      share: file.holdout?.share ?? defaults.holdout.share,
      salt: file.holdout?.salt ?? defaults.holdout.salt,
    },
  };
}

const minutes = (n: number | undefined) => (n === undefined ? undefined : n * MINUTE_MS);
const hours = (n: number | undefined) => (n === undefined ? undefined : n * HOUR_MS);
const days = (n: number | undefined) => (n === undefined ? undefined : n * DAY_MS);
