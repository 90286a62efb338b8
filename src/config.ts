import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { parseWeeklySchedule } from './digest/schedule-text.js';
import { DEFAULT_MIN_COUNT } from './digest/stats.js';
import type { WeeklySchedule } from './digest/week.js';
import type { Source } from './history/events.js';
import { dollarsToCents, isCurrencyCode, minorUnitDigits, twoDecimalsIn } from './money.js';
import { isTimeZone } from './nudges/local-time.js';
import type { PlaybookSettings } from './nudges/settings.js';
import { configFormatOf } from './config-text.js';
import { parsePlaybookConfig, type PlaybookEnvOverride } from './playbook-config.js';

/**
 * The process environment, validated once at start-up. Every variable that is
 * missing or malformed is reported on its own line, so an operator fixes all of
 * them in one go instead of one restart per mistake.
 */

const slackUserIds = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id.length > 0),
  )
  .refine((ids) => ids.every((id) => /^[UW][A-Z0-9]{2,}$/.test(id)), {
    message: 'must be comma-separated Slack user IDs such as U024BE7LH (Profile → ⋮ → Copy member ID)',
  });

const secrets = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((secret) => secret.trim())
      .filter((secret) => secret.length > 0),
  );

const userGroupId = z
  .string()
  .regex(/^S[A-Z0-9]{2,}$/, 'must be a Slack user group ID such as S0614TZR7 (People → User groups → ⋮ → Copy group ID)')
  .optional();

const hoursSetting = (fallback: number) =>
  z.coerce.number({ message: 'must be a number of hours' }).int('must be a whole number of hours').min(1, 'must be at least 1 hour').default(fallback);

/** Dollars ("100", "49.50") as cents, or an issue saying what was expected. */
function centsOf(value: string, ctx: z.RefinementCtx): number {
  const cents = dollarsToCents(value);
  if (cents === null || cents < 0) {
    ctx.addIssue({ code: 'custom', message: `must be an amount in dollars such as 100 or 49.50, got "${value}"` });
    return z.NEVER;
  }
  return cents;
}

const dollars = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => centsOf(value, ctx));

const envSchema = z.object({
  SLACK_BOT_TOKEN: z
    .string({ message: 'is required: the Bot User OAuth Token (xoxb-…) from OAuth & Permissions' })
    .regex(/^xoxb-/, 'must be a bot token starting with xoxb- (OAuth & Permissions → Bot User OAuth Token)'),
  SLACK_SIGNING_SECRET: z
    .string({ message: 'is required: Basic Information → App Credentials → Signing Secret' })
    .min(8, 'looks too short to be a Slack signing secret'),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token starting with xapp- (Basic Information → App-Level Tokens)')
    .optional(),
  SLACK_API_URL: z
    .url({ message: 'must be a URL such as https://slack.com/api/' })
    .optional()
    .transform((url) => (url && !url.endsWith('/') ? `${url}/` : url)),
  DELIGHT_CHANNEL_ID: z
    .string({ message: 'is required: the ID of the channel nudges go to (channel details → bottom of About)' })
    .regex(/^[CG][A-Z0-9]{2,}$/, 'must be a Slack channel ID such as C0123456789, not a #name'),
  DATABASE_PATH: z.string().min(1).default('./data/delight.db'),
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int()
    .min(0)
    .max(65535, 'must be a port number between 0 and 65535')
    .default(3000),
  SHOPIFY_WEBHOOK_SECRET: secrets,
  STRIPE_WEBHOOK_SECRET: secrets,
  WOOCOMMERCE_WEBHOOK_SECRET: secrets,
  ZENDESK_WEBHOOK_SECRET: secrets,
  HELPSCOUT_WEBHOOK_SECRET: secrets,
  GENERIC_WEBHOOK_SECRET: secrets,
  DELIGHT_EXPORT_DIR: z.string().min(1).default('./data/exports'),
  DELIGHT_APPROVER_IDS: slackUserIds,
  DELIGHT_MANAGER_IDS: slackUserIds,
  DELIGHT_MONTHLY_BUDGET: dollars('1000'),
  DELIGHT_GESTURE_LIMIT: dollars('100'),
  DELIGHT_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or America/New_York' }),
  DELIGHT_BUDGET_CURRENCY: z
    .string()
    .default('USD')
    .transform((code) => code.trim().toUpperCase())
    .refine(isCurrencyCode, {
      message: 'must be an ISO 4217 currency code such as USD or EUR',
    }),
  DELIGHT_APPROVER_MONTHLY_LIMIT: z.string().optional().transform((value, ctx) => (value === undefined ? undefined : centsOf(value, ctx))),
  DELIGHT_PACE_MARGIN: z.coerce
    .number({ message: 'must be a share between 0 and 1, such as 0.1' })
    .min(0, 'must be a share between 0 and 1, such as 0.1')
    .max(1, 'must be a share between 0 and 1, such as 0.1')
    .default(0.1),
  DELIGHT_APPROVER_GROUP: userGroupId,
  DELIGHT_MANAGER_GROUP: userGroupId,
  DELIGHT_REMINDER_HOURS: hoursSetting(24),
  DELIGHT_OVERDUE_HOURS: hoursSetting(72),
  DELIGHT_DIGEST_SCHEDULE: z
    .string()
    .default('Mon 09:00')
    .transform((text, ctx) => {
      const parsed = parseWeeklySchedule(text);
      if (parsed.ok) return parsed.schedule;
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }),
  DELIGHT_DIGEST_REPEAT_DAYS: z.coerce
    .number({ message: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(7, 'must be at least 7 days')
    .max(365, 'must be at most 365 days')
    .default(60),
  DELIGHT_DIGEST_MIN_COUNT: z.coerce
    .number({ message: 'must be a number of customers' })
    .int('must be a whole number of customers')
    .min(10, 'must be at least 10: fewer make any interval meaningless')
    .default(DEFAULT_MIN_COUNT),
  // The playbook file and its overrides (DELIGHT_ORDER_MILESTONES, DELIGHT_DAILY_CAP, …) are checked by playbook-config.ts.
  DELIGHT_CONFIG: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = Readonly<{
  slack: Readonly<{ botToken: string; signingSecret: string; appToken?: string; apiUrl?: string }>;
  channelId: string;
  databasePath: string;
  port: number;
  /** Active webhook secrets per source; an empty list disables that source's route. */
  secrets: Readonly<Record<Source, readonly string[]>>;
  /** Where data-request exports are written (never posted to Slack). */
  exportDir: string;
  approverIds: readonly string[];
  managerIds: readonly string[];
  monthlyBudgetCents: number;
  gestureLimitCents: number;
  /** Most one approver may approve per month without a manager; null: no such limit. */
  approverMonthlyLimitCents: number | null;
  /** Spending this share of the budget ahead of pace sends low-priority gestures to a manager. */
  paceMarginShare: number;
  /** Slack user groups whose members are approvers / managers too (needs the usergroups:read scope). */
  approverGroupId: string | null;
  managerGroupId: string | null;
  /** An approved gesture not marked done is reminded after this long, and overdue in the digest after `overdueMs`. */
  reminderMs: number;
  overdueMs: number;
  /** The same list as `playbook.rules.orderMilestones`, for callers that predate the playbook file. */
  orderMilestones: readonly number[];
  /** The playbook (moments, thresholds, noise control, holdout): file, then environment overrides, over the defaults. Deeply frozen. */
  playbook: PlaybookSettings;
  /** Where `playbook` came from, for /delight rules: the DELIGHT_CONFIG path (null = defaults) and the overrides that are set. */
  playbookSource: Readonly<{ file: string | null; envOverrides: readonly PlaybookEnvOverride[] }>;
  timeZone: string;
  budgetCurrency: string;
  /** The weekly digest: when (null = off), the repeat-purchase window, the fewest customers per group for a comparison. */
  digest: Readonly<{ schedule: WeeklySchedule | null; repeatWindowDays: number; minCount: number }>;
  logLevel: string;
}>;

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads a configuration file as UTF-8 text; throws like fs.readFileSync. */
export type ReadFile = (path: string) => string;

const readUtf8: ReadFile = (path) => readFileSync(path, 'utf8');

/**
 * Validates the environment and the playbook file it names (DELIGHT_CONFIG)
 * and returns a frozen config. `readFile` is injectable for tests.
 * @throws ConfigError listing one line per bad or missing variable and per bad field of the file, all at once.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env, readFile: ReadFile = readUtf8): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
  const path = cleaned['DELIGHT_CONFIG']?.trim() || null;
  const file = path === null ? null : readConfigFile(path, readFile);
  if (file && !file.ok) problems.push(file.problem);
  // A file that cannot be read has nothing to check, but the overrides can still be wrong.
  const playbook = parsePlaybookConfig(path !== null && file?.ok ? { path, text: file.text } : null, cleaned);
  if (!playbook.ok) problems.push(...playbook.problems);
  if (!parsed.success || !playbook.ok || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  // A copy, so freezing never reaches the shared defaults; gesture amounts follow the budget's currency.
  const frozenPlaybook = deepFreeze(gesturesIn(structuredClone(playbook.settings), e.DELIGHT_BUDGET_CURRENCY));
  return Object.freeze({
    slack: Object.freeze({
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
      ...(e.SLACK_API_URL ? { apiUrl: e.SLACK_API_URL } : {}),
    }),
    channelId: e.DELIGHT_CHANNEL_ID,
    databasePath: e.DATABASE_PATH,
    port: e.PORT,
    secrets: Object.freeze({
      shopify: Object.freeze(e.SHOPIFY_WEBHOOK_SECRET),
      stripe: Object.freeze(e.STRIPE_WEBHOOK_SECRET),
      woocommerce: Object.freeze(e.WOOCOMMERCE_WEBHOOK_SECRET),
      zendesk: Object.freeze(e.ZENDESK_WEBHOOK_SECRET),
      helpscout: Object.freeze(e.HELPSCOUT_WEBHOOK_SECRET),
      generic: Object.freeze(e.GENERIC_WEBHOOK_SECRET),
    }),
    exportDir: e.DELIGHT_EXPORT_DIR,
    approverIds: Object.freeze(e.DELIGHT_APPROVER_IDS),
    managerIds: Object.freeze(e.DELIGHT_MANAGER_IDS),
    monthlyBudgetCents: inCurrency(e.DELIGHT_MONTHLY_BUDGET, e.DELIGHT_BUDGET_CURRENCY),
    gestureLimitCents: inCurrency(e.DELIGHT_GESTURE_LIMIT, e.DELIGHT_BUDGET_CURRENCY),
    approverMonthlyLimitCents: e.DELIGHT_APPROVER_MONTHLY_LIMIT === undefined ? null : inCurrency(e.DELIGHT_APPROVER_MONTHLY_LIMIT, e.DELIGHT_BUDGET_CURRENCY),
    paceMarginShare: e.DELIGHT_PACE_MARGIN,
    approverGroupId: e.DELIGHT_APPROVER_GROUP ?? null,
    managerGroupId: e.DELIGHT_MANAGER_GROUP ?? null,
    reminderMs: e.DELIGHT_REMINDER_HOURS * 3_600_000,
    overdueMs: e.DELIGHT_OVERDUE_HOURS * 3_600_000,
    playbook: frozenPlaybook,
    orderMilestones: frozenPlaybook.rules.orderMilestones,
    playbookSource: Object.freeze({ file: path, envOverrides: Object.freeze([...playbook.overrides]) }),
    timeZone: e.DELIGHT_TIMEZONE,
    budgetCurrency: e.DELIGHT_BUDGET_CURRENCY,
    digest: Object.freeze({ schedule: e.DELIGHT_DIGEST_SCHEDULE, repeatWindowDays: e.DELIGHT_DIGEST_REPEAT_DAYS, minCount: e.DELIGHT_DIGEST_MIN_COUNT }),
    logLevel: e.LOG_LEVEL,
  });
}

/**
 * Amounts given in major units (DELIGHT_MONTHLY_BUDGET=1000, a gesture's
 * `amount: 50`) are read with two decimals, as dollars; a budget in a currency
 * with other minor units (JPY 0, BHD 3) keeps the same major amount.
 */
function inCurrency(twoDigitMinor: number, currency: string): number {
  return twoDecimalsIn(twoDigitMinor, currency);
}

function gesturesIn(settings: PlaybookSettings, currency: string): PlaybookSettings {
  if (minorUnitDigits(currency) === 2) return settings;
  const gestures = Object.fromEntries(
    Object.entries(settings.rules.gestures).map(([key, gesture]) => [key, { ...gesture, cents: inCurrency(gesture.cents, currency) }]),
  ) as PlaybookSettings['rules']['gestures'];
  return { ...settings, rules: { ...settings.rules, gestures } };
}

/** The file's text, or one problem line naming the file: wrong kind of name, not there, not readable. */
function readConfigFile(path: string, readFile: ReadFile): { ok: true; text: string } | { ok: false; problem: string } {
  const prefix = `DELIGHT_CONFIG (${path}): `;
  if (!configFormatOf(path)) return { ok: false, problem: `${prefix}must name a .json, .yaml or .yml file` };
  try {
    return { ok: true, text: readFile(path) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const reason =
      code === 'ENOENT' ? `no such file (looked for ${resolve(path)})`
      : code === 'EISDIR' ? 'is a folder, not a file'
      : code === 'EACCES' || code === 'EPERM' ? 'cannot be read: permission denied'
      : `cannot be read: ${error instanceof Error ? error.message : String(error)}`;
    return { ok: false, problem: prefix + reason };
  }
}

/** Freezes objects and arrays all the way down; RegExps stay as they are (matching may write `lastIndex`). */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || value instanceof RegExp || Object.isFrozen(value)) return value;
  for (const child of Object.values(value)) deepFreeze(child);
  return Object.freeze(value);
}
