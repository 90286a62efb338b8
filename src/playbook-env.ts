import type { PlaybookSettings } from './nudges/settings.js';
import { parseWorkingHours } from './working-hours.js';

/**
 * The environment variables that override the playbook file: a quick change
 * (a busier day, a holiday, a bigger holdout) without editing the file. Each
 * one is checked on its own, so every bad variable gets its own line.
 */

/** Environment variables that override the file, in the order /delight rules lists them. */
export const PLAYBOOK_ENV_OVERRIDES = [
  'DELIGHT_ORDER_MILESTONES',
  'DELIGHT_SURPRISE_RATE',
  'DELIGHT_DAILY_CAP',
  'DELIGHT_WORKING_HOURS',
  'DELIGHT_HOLDOUT_SHARE',
] as const;

export type PlaybookEnvOverride = (typeof PLAYBOOK_ENV_OVERRIDES)[number];

export const sortedUnique = (numbers: readonly number[]): number[] => [...new Set(numbers)].sort((a, b) => a - b);

export type OverrideValues = Partial<{
  DELIGHT_ORDER_MILESTONES: number[];
  DELIGHT_SURPRISE_RATE: number;
  DELIGHT_DAILY_CAP: number;
  DELIGHT_WORKING_HOURS: PlaybookSettings['noise']['workingHours'];
  DELIGHT_HOLDOUT_SHARE: number;
}>;

const DECIMAL = /^(?:\d+(?:\.\d+)?|\.\d+)$/;

/** Each set override parsed on its own, so every bad one gets its own line. Empty counts as unset, as for every variable. */
export function parseOverrides(env: Readonly<Record<string, string | undefined>>): { values: OverrideValues; problems: string[] } {
  const values: OverrideValues = {};
  const problems: string[] = [];
  const raw = (name: PlaybookEnvOverride) => {
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };
  const bad = (name: PlaybookEnvOverride, message: string, value: string) => problems.push(`${name}: ${message}, got "${value}"`);

  const milestones = raw('DELIGHT_ORDER_MILESTONES');
  if (milestones !== undefined) {
    const parts = milestones.split(',').map((part) => part.trim());
    if (parts.every((part) => /^\d+$/.test(part) && Number(part) >= 1)) values.DELIGHT_ORDER_MILESTONES = sortedUnique(parts.map(Number));
    else bad('DELIGHT_ORDER_MILESTONES', 'must be comma-separated order counts such as 1,5,10 (1 = the first order)', milestones);
  }
  for (const name of ['DELIGHT_SURPRISE_RATE', 'DELIGHT_HOLDOUT_SHARE'] as const) {
    const text = raw(name);
    if (text === undefined) continue;
    if (DECIMAL.test(text) && Number(text) <= 1) values[name] = Number(text);
    else bad(name, 'must be a number from 0 to 1 such as 0.1 (10%)', text);
  }
  const cap = raw('DELIGHT_DAILY_CAP');
  if (cap !== undefined) {
    if (/^\d+$/.test(cap) && Number.isSafeInteger(Number(cap))) values.DELIGHT_DAILY_CAP = Number(cap);
    else bad('DELIGHT_DAILY_CAP', 'must be a whole number ≥ 0', cap);
  }
  const window = raw('DELIGHT_WORKING_HOURS');
  if (window !== undefined) {
    const parsed = parseWorkingHours(window);
    if (parsed.ok) values.DELIGHT_WORKING_HOURS = parsed.value;
    else bad('DELIGHT_WORKING_HOURS', parsed.message, window);
  }
  return { values, problems };
}

/**
 * The settings with the overrides applied. DELIGHT_DAILY_CAP is not among them: the cap and the
 * reserve that depends on it are decided with the file (playbook-config's toSettings).
 */
export function applyOverrides(settings: PlaybookSettings, o: OverrideValues): PlaybookSettings {
  const milestones = o.DELIGHT_ORDER_MILESTONES;
  return {
    // The milestone list decides both moments, as it always has: 1 in it is the first-order thank-you.
    enabled: milestones
      ? { ...settings.enabled, first_order: milestones.includes(1), order_milestone: milestones.some((count) => count > 1) }
      : settings.enabled,
    rules: {
      ...settings.rules,
      orderMilestones: milestones ?? settings.rules.orderMilestones,
      surpriseProbability: o.DELIGHT_SURPRISE_RATE ?? settings.rules.surpriseProbability,
    },
    noise: {
      ...settings.noise,
      workingHours: o.DELIGHT_WORKING_HOURS !== undefined ? o.DELIGHT_WORKING_HOURS : settings.noise.workingHours,
    },
    holdout: { ...settings.holdout, share: o.DELIGHT_HOLDOUT_SHARE ?? settings.holdout.share },
  };
}
