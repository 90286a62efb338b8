import { z } from 'zod';
import type { GestureKind } from './nudges/moment.js';
import type { Money } from './nudges/rules/types.js';
import { decimalToMinor, isCurrencyCode, minorUnitDigits } from './money.js';
import { parseTimeOfDay, parseWorkingHours } from './working-hours.js';

/**
 * The zod schema of the playbook configuration file (DELIGHT_CONFIG). Keys
 * are snake_case and every one is optional; objects are strict, so a typo is
 * an error instead of a setting silently left at its default. Values come out
 * converted (money in minor units, patterns compiled, times in minutes) but
 * still keyed as in the file: playbook-config.ts maps them onto the defaults.
 */

/** Gestures are suggested in the team's budget currency (config.budgetCurrency). */
const GESTURE_CURRENCY = 'USD';

export const GESTURE_KINDS = ['note', 'discount', 'gift_card', 'fee_refund', 'upgrade', 'gift', 'call', 'other'] as const satisfies readonly GestureKind[];

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

type Ctx = z.RefinementCtx;
const fail = (ctx: Ctx, message: string, input: unknown, path?: PropertyKey[]): never => {
  ctx.addIssue({ code: 'custom', message, input, ...(path ? { path } : {}) });
  return z.NEVER;
};

const whole = (min: number, max?: number) => {
  const message = max === undefined ? `must be a whole number ≥ ${min}` : `must be a whole number from ${min} to ${max}`;
  const base = z.number({ error: message }).int({ error: message }).min(min, { error: message });
  return max === undefined ? base : base.max(max, { error: message });
};

const shareOf = (what: string) => {
  const message = `must be a ${what} from 0 to 1 such as 0.1 (10%)`;
  return z.number({ error: message }).min(0, { error: message }).max(1, { error: message });
};

const flag = z.boolean({ error: 'must be true or false' });

const gesture = z.enum(GESTURE_KINDS, { error: `must be one of ${GESTURE_KINDS.join(', ')}` });

/** A decimal amount (number or text) in `currency`'s major unit → minor units; null when malformed or negative. */
function toMinor(value: unknown, currency: string): number | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const minor = decimalToMinor(value, currency);
  return minor === null || minor < 0 ? null : minor;
}

function decimalsNote(currency: string): string {
  const digits = minorUnitDigits(currency);
  return digits === 0 ? ', which has no decimals' : ` with at most ${digits} decimals`;
}

/** An amount in dollars of the budget currency → cents. */
const dollars = z.unknown().transform((value, ctx) => {
  const cents = toMinor(value, GESTURE_CURRENCY);
  return cents ?? fail(ctx, 'must be an amount in dollars ≥ 0 such as 50 or 49.50', value);
});

const pattern = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'string' || value.trim() === '') return fail(ctx, 'must be a regular expression in quotes, such as "refund|money back"', value);
  try {
    return new RegExp(value, 'i');
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : String(error);
    return fail(ctx, `is not a valid regular expression (${reason})`, value);
  }
});

const countryKey = z.string().refine((key) => key === 'default' || (key !== 'UK' && /^[A-Z]{2}$/.test(key) && REGIONS.of(key) !== undefined), {
  // Orders carry GB for the United Kingdom: a UK row would silently never match.
  error: (issue) => (issue.input === 'UK' ? 'must be GB for the United Kingdom (ISO 3166), not UK' : 'must be an ISO 3166 country code in upper case such as US or CA, or default'),
});

const CURRENCY_KEY_ERROR = 'must be an ISO 4217 currency code in upper case such as USD or EUR, or default';
const TABLE_ERROR = 'must be a mapping such as { US: 5, default: 6 }';

/**
 * Per currency, ascending amounts in that currency's major unit; `default`
 * amounts are read as the budget currency's. Keys are checked here rather
 * than by the record, so a bad key and a bad amount are reported together.
 */
const thresholds = z.record(z.string(), z.unknown(), { error: 'must be a mapping such as { default: [500, 1000], EUR: [400] }' }).transform((table, ctx) => {
  const result: Record<string, number[]> = {};
  for (const [currency, amounts] of Object.entries(table)) {
    if (currency !== 'default' && !isCurrencyCode(currency)) fail(ctx, CURRENCY_KEY_ERROR, currency, [currency]);
    if (!Array.isArray(amounts)) {
      fail(ctx, 'must be a list of amounts such as [500, 1000]', amounts, [currency]);
      continue;
    }
    const code = currency === 'default' || !isCurrencyCode(currency) ? GESTURE_CURRENCY : currency;
    result[currency] = amounts.map((amount: unknown, index) => {
      const value = toMinor(amount, code);
      if (value === null || value === 0) return fail(ctx, `must be an amount > 0 in ${code}${decimalsNote(code)}`, amount, [currency, index]);
      const previous = index > 0 ? toMinor(amounts[index - 1], code) : null;
      if (previous !== null && previous >= value) return fail(ctx, 'must be larger than the amount before it: list thresholds in ascending order', amount, [currency, index]);
      return value;
    });
  }
  return result;
});

/** "4.90 USD" → { cents: 490, currency: 'USD' }. */
const rate = z.unknown().transform((value, ctx): Money => {
  const match = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s+([A-Za-z]{3})\s*$/.exec(value) : null;
  const currency = match?.[2]?.toUpperCase() ?? '';
  const cents = match && isCurrencyCode(currency) ? toMinor(match[1], currency) : null;
  return cents === null ? fail(ctx, 'must be an amount and an ISO 4217 currency such as "4.90 USD"', value) : { cents, currency };
});

const clock = z.unknown().transform((value, ctx) => {
  const parsed = typeof value === 'string' ? parseTimeOfDay(value) : null;
  return parsed?.ok ? parsed.value : fail(ctx, parsed?.message ?? 'must be a time of day as "HH:MM" in quotes, such as "09:00"', value);
});

const workingHours = z.unknown().transform((value, ctx) => {
  const parsed = typeof value === 'string' ? parseWorkingHours(value) : null;
  return parsed?.ok ? parsed.value : fail(ctx, parsed?.message ?? 'must be "always" or a daily window with optional days, such as "09:00-18:00 mon-fri"', value);
});

/** A strict object whose keys are all optional: a typo is an error, a left-out key keeps its default. */
const section = <T extends z.ZodRawShape>(shape: T) => z.strictObject(shape, { error: 'must be a mapping of settings' }).partial();

const suggested = { gesture, amount: dollars };

const moments = section({
  first_order: section({ enabled: flag }),
  order_milestone: section({
    enabled: flag,
    counts: z
      .array(whole(2), { error: 'must be a list of order counts such as [5, 10, 25] (the first order is moments.first_order)' })
      .min(1, { error: 'must list at least one order count; to turn milestones off, set enabled: false' }),
  }),
  came_back: section({ enabled: flag, ...suggested }),
  lifetime_spend: section({ enabled: flag, thresholds, ...suggested }),
  birthday: section({ enabled: flag, ...suggested }),
  first_order_anniversary: section({ enabled: flag, ...suggested }),
  unneeded_express: section({
    enabled: flag,
    standard_transit_days: z.record(countryKey, whole(0), { error: TABLE_ERROR }),
    express_transit_days: z.record(countryKey, whole(0), { error: TABLE_ERROR }),
    slack_days: whole(0),
    expedited_pattern: pattern,
    standard_rates: z.record(countryKey, rate, { error: 'must be a mapping such as { US: "4.90 USD" }' }),
  }),
  payment_trouble: section({ enabled: flag, follow_up_minutes: whole(1), ...suggested }),
  duplicate_charge: section({ enabled: flag, window_minutes: whole(1) }),
  overpayment: section({ enabled: flag }),
  recovery: section({
    enabled: flag,
    ticket_open_hours: whole(1),
    reopened_times: whole(1),
    refund_request_pattern: pattern,
    detractor_max: whole(0, 10),
    ...suggested,
  }),
  promoter: section({ enabled: flag, promoter_min: whole(0, 10), ...suggested }),
  lapsed: section({
    enabled: flag,
    min_orders: whole(1),
    gap_factor: z.number({ error: 'must be a number > 0 such as 2 or 1.5' }).gt(0, { error: 'must be a number > 0 such as 2 or 1.5' }),
    min_silence_days: whole(1),
    ...suggested,
  }),
  surprise: section({ enabled: flag, rate: shareOf('probability'), min_orders: whole(1), cooldown_days: whole(0), ...suggested }),
});

const noise = section({
  daily_cap: whole(0),
  recovery_reserve: whole(0),
  cooldown_days: whole(0),
  undecided_expiry_hours: whole(1),
  queue_max_wait_hours: whole(1),
  working_hours: workingHours,
  recovery_during_quiet_hours: flag,
  daily_scan_at: clock,
});

const holdout = section({
  share: shareOf('share'),
  salt: z.string({ error: 'must be text in quotes' }).min(1, { error: 'must not be empty (leave it out for a generated salt)' }).nullable(),
});

export const playbookFileSchema = section({ max_fact_age_days: whole(1), moments, noise, holdout });

export type PlaybookFile = z.output<typeof playbookFileSchema>;
