import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { DEFAULT_PLAYBOOK_SETTINGS } from '../src/nudges/settings.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-abc',
  SLACK_SIGNING_SECRET: 'signing-secret-123',
  DELIGHT_CHANNEL_ID: 'C0123456789',
};

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig(valid);
    expect(config).toMatchObject({
      databasePath: './data/delight.db',
      port: 3000,
      monthlyBudgetCents: 100_000,
      gestureLimitCents: 10_000,
      orderMilestones: [1, 5, 10, 25, 50, 100],
      timeZone: 'UTC',
      approverIds: [],
      secrets: { shopify: [] },
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('parses lists, money and rotation secrets', () => {
    const config = loadConfig({
      ...valid,
      DELIGHT_APPROVER_IDS: 'U0ALICE001, U0BOB00001',
      DELIGHT_MONTHLY_BUDGET: '1250.50',
      DELIGHT_ORDER_MILESTONES: '10,1,5,5',
      SHOPIFY_WEBHOOK_SECRET: 'old, new',
      SLACK_API_URL: 'http://127.0.0.1:9999/api',
    });
    expect(config.approverIds).toEqual(['U0ALICE001', 'U0BOB00001']);
    expect(config.monthlyBudgetCents).toBe(125_050);
    expect(config.orderMilestones).toEqual([1, 5, 10]);
    expect(config.secrets.shopify).toEqual(['old', 'new']);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:9999/api/');
  });

  it.each([
    [{ SLACK_BOT_TOKEN: undefined }, 'SLACK_BOT_TOKEN: is required'],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, 'SLACK_BOT_TOKEN: must be a bot token'],
    [{ DELIGHT_CHANNEL_ID: '#delight' }, 'DELIGHT_CHANNEL_ID: must be a Slack channel ID'],
    [{ DELIGHT_TIMEZONE: 'Mars/Olympus' }, 'DELIGHT_TIMEZONE: must be an IANA time zone'],
    [{ DELIGHT_MONTHLY_BUDGET: 'lots' }, 'DELIGHT_MONTHLY_BUDGET: must be an amount in dollars'],
    [{ DELIGHT_GESTURE_LIMIT: '-5' }, 'DELIGHT_GESTURE_LIMIT: must be an amount in dollars'],
    [{ DELIGHT_ORDER_MILESTONES: '1,five' }, 'DELIGHT_ORDER_MILESTONES: must be comma-separated order counts'],
    [{ DELIGHT_APPROVER_IDS: 'alice' }, 'DELIGHT_APPROVER_IDS: must be comma-separated Slack user IDs'],
    [{ PORT: '70000' }, 'PORT: must be a port number'],
    [{ SLACK_API_URL: 'not a url' }, 'SLACK_API_URL: must be a URL'],
  ])('rejects %o with a line naming the variable', (override, expected) => {
    const env = Object.fromEntries(Object.entries({ ...valid, ...override }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    expect(problemsOf(env).join('\n')).toContain(expected);
  });

  it('reports every bad variable at once, one line each', () => {
    const problems = problemsOf({ DELIGHT_TIMEZONE: 'Nowhere/Land', PORT: 'abc' });
    expect(problems.map((line) => line.split(':')[0]).sort()).toEqual(
      ['DELIGHT_CHANNEL_ID', 'DELIGHT_TIMEZONE', 'PORT', 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'].sort(),
    );
  });
});

describe('loadConfig with a playbook file (DELIGHT_CONFIG)', () => {
  const files = (contents: Record<string, string>) => (path: string) => {
    const text = contents[path];
    if (text === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
    return text;
  };

  function problemsWith(env: Record<string, string>, readFile: (path: string) => string): string[] {
    try {
      loadConfig({ ...valid, ...env }, readFile);
    } catch (error) {
      if (error instanceof ConfigError) return [...error.problems];
      throw error;
    }
    return [];
  }

  it('uses the defaults without DELIGHT_CONFIG, and never reads a file', () => {
    const config = loadConfig(valid, () => {
      throw new Error('no file should be read');
    });
    expect(config.playbook).toEqual(DEFAULT_PLAYBOOK_SETTINGS);
    expect(config.playbookSource).toEqual({ file: null, envOverrides: [] });
  });

  it('reads the file it names and keeps orderMilestones in step with the playbook', () => {
    const read: string[] = [];
    const config = loadConfig({ ...valid, DELIGHT_CONFIG: './delight.yaml', DELIGHT_DAILY_CAP: '8' }, (path) => {
      read.push(path);
      return 'moments: { order_milestone: { counts: [3, 7] } }\nnoise: { daily_cap: 15, working_hours: "08:00-16:00 mon-fri" }';
    });
    expect(read).toEqual(['./delight.yaml']);
    expect(config.playbook.rules.orderMilestones).toEqual([1, 3, 7]);
    expect(config.orderMilestones).toEqual([1, 3, 7]);
    expect(config.playbook.noise).toMatchObject({ dailyCap: 8, workingHours: { startMinute: 480, endMinute: 960, days: [1, 2, 3, 4, 5] } });
    expect(config.playbookSource).toEqual({ file: './delight.yaml', envOverrides: ['DELIGHT_DAILY_CAP'] });
  });

  it('freezes the playbook all the way down without freezing the shared defaults', () => {
    const config = loadConfig(valid);
    expect(Object.isFrozen(config.playbook)).toBe(true);
    expect(Object.isFrozen(config.playbook.noise)).toBe(true);
    expect(Object.isFrozen(config.playbook.rules.gestures.recovery)).toBe(true);
    expect(Object.isFrozen(config.playbook.rules.lifetimeSpendThresholds['default'])).toBe(true);
    expect(Object.isFrozen(config.orderMilestones)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PLAYBOOK_SETTINGS.noise)).toBe(false);
    // Patterns still match after freezing.
    expect(config.playbook.rules.expeditedShipping.test('Next Day Air')).toBe(true);
  });

  it('reads a real file from disk by default', () => {
    const dir = mkdtempSync(join(tmpdir(), 'delight-config-'));
    try {
      const path = join(dir, 'delight.json');
      writeFileSync(path, JSON.stringify({ holdout: { share: 0.25 } }));
      expect(loadConfig({ ...valid, DELIGHT_CONFIG: path }).playbook.holdout.share).toBe(0.25);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the file is missing, with the path it looked for', () => {
    const missing = join(tmpdir(), 'delightbot-no-such-dir', 'delight.yaml');
    expect(problemsWith({ DELIGHT_CONFIG: missing }, (path) => readFileSync(path, 'utf8'))).toEqual([
      `DELIGHT_CONFIG (${missing}): no such file (looked for ${missing})`,
    ]);
    expect(problemsWith({ DELIGHT_CONFIG: './delight.yaml' }, files({}))[0]).toBe(`DELIGHT_CONFIG (./delight.yaml): no such file (looked for ${resolve('./delight.yaml')})`);
  });

  it('says so when DELIGHT_CONFIG names a folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'delight-config-'));
    try {
      const folder = join(dir, 'playbook.yaml');
      mkdirSync(folder);
      expect(problemsWith({ DELIGHT_CONFIG: folder }, (path) => readFileSync(path, 'utf8'))).toEqual([`DELIGHT_CONFIG (${folder}): is a folder, not a file`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that is neither JSON nor YAML without reading it', () => {
    expect(problemsWith({ DELIGHT_CONFIG: './delight.toml' }, files({ './delight.toml': 'daily_cap = 3' }))).toEqual([
      'DELIGHT_CONFIG (./delight.toml): must name a .json, .yaml or .yml file',
    ]);
  });

  it('collects the environment, the overrides and the file into one ConfigError', () => {
    const problems = problemsWith(
      { PORT: 'abc', DELIGHT_CONFIG: './delight.yaml', DELIGHT_HOLDOUT_SHARE: '3' },
      files({ './delight.yaml': 'noise: { daily_cap: lots }\nmoments: { frist_order: {} }' }),
    );
    expect(problems).toEqual([
      'PORT: must be a port number',
      'DELIGHT_CONFIG (./delight.yaml): moments.frist_order: unknown key (did you mean first_order?)',
      'DELIGHT_CONFIG (./delight.yaml): noise.daily_cap: must be a whole number ≥ 0, got "lots"',
      'DELIGHT_HOLDOUT_SHARE: must be a number from 0 to 1 such as 0.1 (10%), got "3"',
    ]);
  });

  it('still checks the overrides when the file cannot be read', () => {
    const problems = problemsWith({ DELIGHT_CONFIG: './gone.yml', DELIGHT_DAILY_CAP: '-3' }, files({}));
    expect(problems.map((line) => line.split(' ')[0])).toEqual(['DELIGHT_CONFIG', 'DELIGHT_DAILY_CAP:']);
  });

  it('the example in the README parses', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /### The playbook file[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const config = loadConfig({ ...valid, DELIGHT_CONFIG: './delight.yaml' }, () => example ?? '');
    expect(config.playbook.enabled.birthday).toBe(false);
    expect(config.playbook.rules.lifetimeSpendThresholds).toEqual({ default: [25_000, 100_000], EUR: [20_000, 80_000] });
    expect(config.playbook.noise.dailyCap).toBe(10);
  });
});

describe('approval settings', () => {
  it('reads the budget currency, limits, pacing margin, groups and reminder hours', () => {
    const config = loadConfig({
      ...valid,
      DELIGHT_BUDGET_CURRENCY: 'eur',
      DELIGHT_APPROVER_MONTHLY_LIMIT: '300',
      DELIGHT_PACE_MARGIN: '0.25',
      DELIGHT_APPROVER_GROUP: 'S0614TZR7',
      DELIGHT_REMINDER_HOURS: '12',
    });
    expect(config).toMatchObject({
      budgetCurrency: 'EUR',
      approverMonthlyLimitCents: 30_000,
      paceMarginShare: 0.25,
      approverGroupId: 'S0614TZR7',
      managerGroupId: null,
      reminderMs: 12 * 3_600_000,
      overdueMs: 72 * 3_600_000,
    });
    expect(loadConfig(valid)).toMatchObject({ budgetCurrency: 'USD', approverMonthlyLimitCents: null, paceMarginShare: 0.1 });
  });

  it('keeps major amounts in a currency without cents: ¥50,000 is 50000 yen, a $50 gesture 50 yen', () => {
    const config = loadConfig({ ...valid, DELIGHT_BUDGET_CURRENCY: 'JPY', DELIGHT_MONTHLY_BUDGET: '50000', DELIGHT_GESTURE_LIMIT: '10000' });
    expect(config.monthlyBudgetCents).toBe(50_000);
    expect(config.gestureLimitCents).toBe(10_000);
    expect(config.playbook.rules.gestures.recovery.cents).toBe(75);
  });

  it.each([
    [{ DELIGHT_BUDGET_CURRENCY: 'dollars' }, 'DELIGHT_BUDGET_CURRENCY: must be an ISO 4217 currency code'],
    [{ DELIGHT_BUDGET_CURRENCY: 'XYZ' }, 'DELIGHT_BUDGET_CURRENCY: must be an ISO 4217 currency code'],
    [{ DELIGHT_PACE_MARGIN: '1.5' }, 'DELIGHT_PACE_MARGIN: must be a share between 0 and 1'],
    [{ DELIGHT_APPROVER_GROUP: '@support-leads' }, 'DELIGHT_APPROVER_GROUP: must be a Slack user group ID'],
    [{ DELIGHT_APPROVER_MONTHLY_LIMIT: 'plenty' }, 'DELIGHT_APPROVER_MONTHLY_LIMIT: must be an amount in dollars'],
    [{ DELIGHT_REMINDER_HOURS: '0' }, 'DELIGHT_REMINDER_HOURS: must be at least 1 hour'],
  ])('names the variable for %j', (env, problem) => {
    expect(problemsOf({ ...valid, ...env }).join('\n')).toContain(problem);
  });
});

describe('digest settings', () => {
  it('posts Mondays at 09:00 with a 60-day window and 30 customers per group unless told otherwise', () => {
    expect(loadConfig(valid).digest).toEqual({ schedule: { isoWeekday: 1, minuteOfDay: 540 }, repeatWindowDays: 60, minCount: 30 });
    const config = loadConfig({ ...valid, DELIGHT_DIGEST_SCHEDULE: 'Friday 16:30', DELIGHT_DIGEST_REPEAT_DAYS: '90', DELIGHT_DIGEST_MIN_COUNT: '50' });
    expect(config.digest).toEqual({ schedule: { isoWeekday: 5, minuteOfDay: 990 }, repeatWindowDays: 90, minCount: 50 });
    expect(loadConfig({ ...valid, DELIGHT_DIGEST_SCHEDULE: 'off' }).digest.schedule).toBeNull();
  });

  it.each([
    [{ DELIGHT_DIGEST_SCHEDULE: 'mondays at nine' }, 'DELIGHT_DIGEST_SCHEDULE: must be a weekday and a 24-hour time such as "Mon 09:00", or "off"'],
    [{ DELIGHT_DIGEST_REPEAT_DAYS: '3' }, 'DELIGHT_DIGEST_REPEAT_DAYS: must be at least 7 days'],
    [{ DELIGHT_DIGEST_REPEAT_DAYS: 'two months' }, 'DELIGHT_DIGEST_REPEAT_DAYS: must be a number of days'],
    [{ DELIGHT_DIGEST_MIN_COUNT: '5' }, 'DELIGHT_DIGEST_MIN_COUNT: must be at least 10'],
  ])('names the variable for %j', (env, problem) => {
    expect(problemsOf({ ...valid, ...env }).join('\n')).toContain(problem);
  });
});
