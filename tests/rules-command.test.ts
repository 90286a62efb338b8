import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMessageBlocks } from '../src/dev/slack-stand-in/index.js';
import { DEFAULT_PLAYBOOK_SETTINGS, MOMENT_KINDS, type PlaybookSettings } from '../src/nudges/settings.js';
import { parsePlaybookConfig } from '../src/playbook-config.js';
import { formatDays, formatWorkingHours, rulesMessage } from '../src/slack/blocks/rules-message.js';
import type { SlackMessage } from '../src/slack/blocks/message.js';
import { textObjects } from './helpers/block-text.js';
import { startHarness, type Harness } from './helpers/harness.js';

const SALT = 'never-show-this-salt';

const PLAYBOOK_YAML = `
moments:
  birthday: { enabled: false }
  lifetime_spend: { thresholds: { default: [250, 1000], JPY: [30000] }, gesture: gift_card, amount: 40 }
  unneeded_express: { standard_rates: { US: "4.90 USD", CA: "9.00 CAD" } }
  recovery: { ticket_open_hours: 48, amount: 80 }
  surprise: { rate: 0.05 }
noise:
  daily_cap: 15
  recovery_reserve: 4
  cooldown_days: 21
  undecided_expiry_hours: 36
  queue_max_wait_hours: 24
  working_hours: "09:00-18:00 mon-fri"
  recovery_during_quiet_hours: true
  daily_scan_at: "07:45"
holdout: { share: 0.15, salt: "${SALT}" }
`;

/** Every line of text the reply shows: fallback, mrkdwn and plain text. */
function shown(message: { text: string; blocks: unknown }): string {
  const { mrkdwn, plain } = textObjects(message.blocks);
  return [message.text, ...plain, ...mrkdwn].join('\n');
}

/** The one section about a moment, found by its bold title. */
function momentSection(message: { blocks: unknown }, title: string): string {
  const line = textObjects(message.blocks).mrkdwn.find((text) => text.includes(`*${title}* —`));
  if (!line) throw new Error(`no section for ${title}`);
  return line;
}

function fields(message: { blocks: unknown }): Record<string, string> {
  const entries = textObjects(message.blocks).mrkdwn.filter((text) => /^\*[^*]+\*\n/.test(text)).map((text) => {
    const [title = '', ...rest] = text.split('\n');
    return [title.replaceAll('*', ''), rest.join('\n')];
  });
  return Object.fromEntries(entries) as Record<string, string>;
}

function expectWithinSlackLimits(message: SlackMessage): void {
  expect(message.text.length).toBeGreaterThan(0);
  const verdict = checkMessageBlocks(message.blocks);
  expect(verdict.kind === 'valid' ? [] : verdict.errors).toEqual([]);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  for (const block of message.blocks) {
    if (block.type !== 'section') continue;
    if (block.text) expect([...block.text.text].length).toBeLessThanOrEqual(3_000);
    expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
  }
}

describe('rulesMessage (the /delight rules builder)', () => {
  const defaults = rulesMessage({ playbook: DEFAULT_PLAYBOOK_SETTINGS, source: { file: null, envOverrides: [] }, timeZone: 'UTC', currency: 'USD' });

  it('shows the defaults in plain language, every moment on', () => {
    expectWithinSlackLimits(defaults);
    expect(defaults.text).toBe(
      'Playbook rules: 14 of 14 moments on, at most 20 cards a day, working hours always — no quiet hours. Settings: the defaults (DELIGHT_CONFIG is not set) · no environment overrides.',
    );
    expect(momentSection(defaults, 'Order milestones')).toBe(":large_green_circle: *Order milestones* — a customer's 5th, 10th, 25th, 50th and 100th orders · suggests a handwritten note");
    expect(momentSection(defaults, 'Lifetime spend')).toBe(':large_green_circle: *Lifetime spend* — passes $500, $1,000 or $5,000 · suggests a gift ($50)');
    expect(momentSection(defaults, 'Unneeded express shipping')).toContain('_no standard shipping rates set, so it stays silent_');
    expect(momentSection(defaults, 'Surprise')).toContain('3% of ordinary orders from customers with 3+ orders, not within 30 days of a gesture · suggests a gift ($50)');
    expect(fields(defaults)).toMatchObject({
      'Daily cap': '20 cards a day, 3 of them kept for recoveries',
      'Working hours': 'always — no quiet hours',
      'Recovery in quiet hours': 'posted at once (there are no quiet hours)',
      'Daily scan': '09:00 (UTC): birthdays, anniversaries, lapsed customers',
      Holdout: '10% of customers are a control group and get no gestures',
    });
  });

  it('stays within Slack limits when every table is long', () => {
    const countries = Object.fromEntries(['US', 'CA', 'DE', 'FR', 'GB', 'JP', 'AU', 'NZ', 'IT', 'ES'].map((code, index) => [code, index + 1]));
    const playbook: PlaybookSettings = {
      ...DEFAULT_PLAYBOOK_SETTINGS,
      rules: {
        ...DEFAULT_PLAYBOOK_SETTINGS.rules,
        expeditedShipping: new RegExp(`express|${'x'.repeat(4_000)}`, 'i'),
        standardTransitDays: countries,
        lifetimeSpendThresholds: Object.fromEntries(['EUR', 'GBP', 'JPY', 'CHF', 'AUD'].map((code) => [code, Array.from({ length: 40 }, (_, i) => (i + 1) * 10_000)])),
      },
    };
    const message = rulesMessage({ playbook, source: { file: `/srv/${'deep/'.repeat(200)}delight.yaml`, envOverrides: [] }, timeZone: 'UTC', currency: 'USD' });
    expectWithinSlackLimits(message);
  });

  it('never prints the holdout salt, only that one is set', () => {
    const playbook = { ...DEFAULT_PLAYBOOK_SETTINGS, holdout: { share: 0.1, salt: SALT } };
    const message = rulesMessage({ playbook, source: { file: './delight.yaml', envOverrides: [] }, timeZone: 'UTC', currency: 'USD' });
    expect(shown(message)).not.toContain(SALT);
    expect(fields(message)['Holdout']).toBe('10% of customers are a control group and get no gestures (custom salt)');
  });

  it('escapes a file path so it cannot ping anyone', () => {
    const message = rulesMessage({ playbook: DEFAULT_PLAYBOOK_SETTINGS, source: { file: './<!channel>.yaml', envOverrides: [] }, timeZone: 'UTC', currency: 'USD' });
    expect(shown(message)).not.toContain('<!channel>');
    expect(shown(message)).toContain('&lt;!channel&gt;');
  });

  it.each([
    [[1, 2, 3, 4, 5], 'Mon–Fri'],
    [[1, 3, 5], 'Mon, Wed, Fri'],
    [[1, 2, 3, 6], 'Mon–Wed, Sat'],
    [[0, 6], 'Sat, Sun'],
    [[0, 5, 6], 'Fri–Sun'],
    [[0, 1, 2, 3, 4, 5, 6], 'every day'],
  ])('writes the days %j as %s', (days, text) => {
    expect(formatDays(days)).toBe(text);
  });

  it('writes working hours with the time zone', () => {
    expect(formatWorkingHours({ startMinute: 540, endMinute: 1080, days: [1, 2, 3, 4, 5] }, 'Europe/Berlin')).toBe('09:00–18:00 Mon–Fri (Europe/Berlin)');
    expect(formatWorkingHours({ startMinute: 0, endMinute: 1440, days: [6] }, 'UTC')).toBe('00:00–24:00 Sat (UTC)');
    expect(formatWorkingHours(null, 'UTC')).toBe('always — no quiet hours');
  });
});

describe('/delight rules over HTTP', () => {
  let h: Harness;
  let dir: string;
  let path: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'delight-rules-'));
    path = join(dir, 'delight.yaml');
    writeFileSync(path, PLAYBOOK_YAML);
    h = await startHarness({ DELIGHT_CONFIG: path, DELIGHT_TIMEZONE: 'Europe/Berlin', DELIGHT_DAILY_CAP: '12', DELIGHT_ORDER_MILESTONES: '1,10,20', DELIGHT_HOLDOUT_SHARE: '' }); // '' unsets the harness's no-holdout default
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function rules(): Promise<SlackMessage & { response_type?: string }> {
    const res = await h.slashCommand('rules');
    expect(res.status).toBe(200);
    return (await res.json()) as SlackMessage & { response_type?: string };
  }

  it('answers privately with the effective settings from the file and the overrides', async () => {
    const reply = await rules();
    expect(reply.response_type).toBe('ephemeral');
    expectWithinSlackLimits(reply);
    expect(reply.text).toBe(
      `Playbook rules: 13 of 14 moments on, at most 12 cards a day, working hours 09:00–18:00 Mon–Fri (Europe/Berlin). Settings from \`${path}\` · overridden by \`DELIGHT_ORDER_MILESTONES\`, \`DELIGHT_DAILY_CAP\`.`,
    );
    expect(momentSection(reply, 'Birthday')).toBe(':white_circle: *Birthday* — off');
    expect(momentSection(reply, 'Order milestones')).toBe(":large_green_circle: *Order milestones* — a customer's 10th and 20th orders · suggests a handwritten note");
    expect(momentSection(reply, 'Lifetime spend')).toBe(
      ':large_green_circle: *Lifetime spend* — passes $250 or $1,000 in other currencies; ¥30,000 in JPY · suggests a gift card ($40)',
    );
    expect(momentSection(reply, 'Unneeded express shipping')).toContain('standard US 5 days, CA 7 days, elsewhere 6 days; express 2 days; 0 days slack; standard rates US $4.90, CA CA$9');
    expect(momentSection(reply, 'Recovery')).toBe(
      ':large_green_circle: *Recovery* — a bad rating, NPS 0–6, a ticket open over 48 hours or reopened 2 times, or a subject matching `refund|money back|return` · suggests a gift card ($80)',
    );
    expect(momentSection(reply, 'Surprise')).toContain('5% of ordinary orders');
    expect(fields(reply)).toEqual({
      'Daily cap': '12 cards a day, 4 of them kept for recoveries',
      Cooldown: 'no new suggestion for 21 days after a gesture (recoveries and refunds excepted)',
      'Undecided cards': 'expire after 36 hours',
      Queue: 'a card waiting for a free slot expires after 24 hours (recoveries never)',
      'Working hours': '09:00–18:00 Mon–Fri (Europe/Berlin)',
      'Recovery in quiet hours': 'posted at once, even outside working hours',
      'Daily scan': '07:45 (Europe/Berlin): birthdays, anniversaries, lapsed customers',
      Holdout: '15% of customers are a control group and get no gestures (custom salt)',
    });
    expect(shown(reply)).not.toContain(SALT);
  });

  it('shows the same settings the running app was configured with', async () => {
    const expected = parsePlaybookConfig({ path, text: PLAYBOOK_YAML }, { DELIGHT_DAILY_CAP: '12', DELIGHT_ORDER_MILESTONES: '1,10,20' });
    expect(expected.ok && expected.settings).toEqual(h.config.playbook);
    const reply = await rules();
    const on = MOMENT_KINDS.filter((kind) => h.config.playbook.enabled[kind]).length;
    expect(textObjects(reply.blocks).mrkdwn).toContain(`*Moments* — ${on} of 14 on. Facts older than 7 days never fire.`);
  });

  it('is listed in /delight help', async () => {
    const res = await h.slashCommand('help');
    const reply = (await res.json()) as SlackMessage;
    expect(reply.text).toContain('• `/delight rules` — the playbook in effect');
  });
});
