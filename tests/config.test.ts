import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

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
