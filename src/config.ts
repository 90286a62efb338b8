import { z } from 'zod';
import type { Source } from './history/events.js';
import { dollarsToCents } from './money.js';

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

const dollars = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const cents = dollarsToCents(value);
      if (cents === null || cents < 0) {
        ctx.addIssue({ code: 'custom', message: `must be an amount in dollars such as 100 or 49.50, got "${value}"` });
        return z.NEVER;
      }
      return cents;
    });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

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
  DELIGHT_ORDER_MILESTONES: z
    .string()
    .default('1,5,10,25,50,100')
    .transform((value, ctx) => {
      const parts = value.split(',').map((part) => part.trim());
      const numbers = parts.map(Number);
      if (parts.some((part) => !/^\d+$/.test(part)) || numbers.some((n) => n < 1)) {
        ctx.addIssue({ code: 'custom', message: `must be comma-separated order counts such as 1,5,10, got "${value}"` });
        return z.NEVER;
      }
      return [...new Set(numbers)].sort((a, b) => a - b);
    }),
  DELIGHT_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin or America/New_York' }),
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
  orderMilestones: readonly number[];
  timeZone: string;
  budgetCurrency: string;
  logLevel: string;
}>;

export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment and returns a frozen config.
 * @throws ConfigError listing one line per bad or missing variable.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(problems);
  }
  const e = parsed.data;
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
    monthlyBudgetCents: e.DELIGHT_MONTHLY_BUDGET,
    gestureLimitCents: e.DELIGHT_GESTURE_LIMIT,
    orderMilestones: Object.freeze(e.DELIGHT_ORDER_MILESTONES),
    timeZone: e.DELIGHT_TIMEZONE,
    budgetCurrency: 'USD',
    logLevel: e.LOG_LEVEL,
  });
}
