import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK_SETTINGS, type PlaybookSettings } from '../src/nudges/settings.js';
import { parsePlaybookConfig, type PlaybookConfigResult } from '../src/playbook-config.js';
import { locateJsonError } from '../src/config-text.js';
import { parseWorkingHours } from '../src/working-hours.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function settingsOf(result: PlaybookConfigResult): PlaybookSettings {
  if (!result.ok) throw new Error(`expected settings, got problems:\n${result.problems.join('\n')}`);
  return result.settings;
}

function problemsOf(result: PlaybookConfigResult): readonly string[] {
  if (result.ok) throw new Error('expected problems, got settings');
  return result.problems;
}

const yaml = (text: string, env: Record<string, string> = {}) => parsePlaybookConfig({ path: './delight.yaml', text }, env);
const json = (value: unknown, env: Record<string, string> = {}) => parsePlaybookConfig({ path: './delight.json', text: JSON.stringify(value, null, 2) }, env);

/** The brief's full example, with a few values changed from the defaults so that each one is observable. */
const FULL_YAML = `
max_fact_age_days: 14
moments:
  first_order: { enabled: true }
  order_milestone: { enabled: true, counts: [50, 10, 3, 10] }
  came_back: { enabled: false, gesture: note, amount: 0 }
  lifetime_spend: { enabled: true, thresholds: { default: [250, 1000.50], EUR: [200], JPY: [30000] }, gesture: gift, amount: 25 }
  birthday: { enabled: true, gesture: gift_card, amount: "49.99" }
  first_order_anniversary: { enabled: true, gesture: call, amount: 0 }
  unneeded_express:
    enabled: true
    standard_transit_days: { US: 4, default: 6 }
    express_transit_days: { default: 1 }
    slack_days: 1
    expedited_pattern: "express|overnight"
    standard_rates: { US: "4.90 USD", CA: "9.00 CAD", JP: "500 JPY" }
  payment_trouble: { enabled: true, follow_up_minutes: 90, gesture: note, amount: 0 }
  duplicate_charge: { enabled: true, window_minutes: 5 }
  overpayment: { enabled: false }
  recovery: { enabled: true, ticket_open_hours: 48, reopened_times: 3, refund_request_pattern: "refund|chargeback", detractor_max: 5, gesture: gift_card, amount: 100 }
  promoter: { enabled: true, promoter_min: 8, gesture: note, amount: 0 }
  lapsed: { enabled: true, min_orders: 4, gap_factor: 1.5, min_silence_days: 45, gesture: discount, amount: 20 }
  surprise: { enabled: true, rate: 0.05, min_orders: 2, cooldown_days: 60, gesture: upgrade, amount: 10 }
noise:
  daily_cap: 12
  recovery_reserve: 2
  cooldown_days: 14
  undecided_expiry_hours: 24
  queue_max_wait_hours: 36
  working_hours: "09:00-18:00 mon-fri"
  recovery_during_quiet_hours: true
  daily_scan_at: "08:30"
holdout:
  share: 0.2
  salt: "pepper"
`;

describe('the playbook file', () => {
  it('without a file gives exactly the defaults', () => {
    expect(settingsOf(parsePlaybookConfig(null, {}))).toEqual(DEFAULT_PLAYBOOK_SETTINGS);
  });

  it.each([
    ['an empty YAML file', './delight.yaml', ''],
    ['a YAML file of comments', './delight.yml', '# nothing set yet\n'],
    ['an empty JSON object', './delight.json', '{}'],
  ])('%s gives exactly the defaults', (_name, path, text) => {
    expect(settingsOf(parsePlaybookConfig({ path, text }, {}))).toEqual(DEFAULT_PLAYBOOK_SETTINGS);
  });

  it('docs/delight.example.yaml parses to exactly the defaults, so the docs cannot drift', () => {
    const text = readFileSync(new URL('../docs/delight.example.yaml', import.meta.url), 'utf8');
    const result = parsePlaybookConfig({ path: 'docs/delight.example.yaml', text }, {});
    expect(settingsOf(result)).toEqual(DEFAULT_PLAYBOOK_SETTINGS);
    expect(result.ok && result.overrides).toEqual([]);
  });

  it('maps every key of a full YAML file onto the settings, in their units', () => {
    const s = settingsOf(yaml(FULL_YAML));
    expect(s.enabled).toMatchObject({ first_order: true, order_milestone: true, came_back: false, overpayment: false, surprise: true });
    expect(s.rules).toMatchObject({
      orderMilestones: [1, 3, 10, 50],
      lifetimeSpendThresholds: { default: [25_000, 100_050], EUR: [20_000], JPY: [30_000] },
      standardTransitDays: { US: 4, default: 6 },
      expressTransitDays: { default: 1 },
      expressSlackDays: 1,
      standardShippingRates: { US: { cents: 490, currency: 'USD' }, CA: { cents: 900, currency: 'CAD' }, JP: { cents: 500, currency: 'JPY' } },
      paymentFollowUpMs: 90 * 60_000,
      duplicateChargeWindowMs: 5 * 60_000,
      ticketOpenTooLongMs: 48 * HOUR_MS,
      ticketReopenedThreshold: 3,
      npsDetractorMax: 5,
      npsPromoterMin: 8,
      lapsedMinOrders: 4,
      lapsedGapFactor: 1.5,
      lapsedMinSilenceMs: 45 * DAY_MS,
      surpriseProbability: 0.05,
      surpriseMinOrders: 2,
      surpriseCooldownMs: 60 * DAY_MS,
      maxFactAgeMs: 14 * DAY_MS,
    });
    expect(s.rules.gestures).toEqual({
      comeBack: { gesture: 'note', cents: 0 },
      lifetimeSpend: { gesture: 'gift', cents: 2_500 },
      birthday: { gesture: 'gift_card', cents: 4_999 },
      anniversary: { gesture: 'call', cents: 0 },
      paymentTrouble: { gesture: 'note', cents: 0 },
      recovery: { gesture: 'gift_card', cents: 10_000 },
      promoter: { gesture: 'note', cents: 0 },
      lapsed: { gesture: 'discount', cents: 2_000 },
      surprise: { gesture: 'upgrade', cents: 1_000 },
    });
    expect(s.noise).toEqual({
      dailyCap: 12,
      recoveryReserve: 2,
      cooldownMs: 14 * DAY_MS,
      undecidedExpiryMs: 24 * HOUR_MS,
      queueMaxWaitMs: 36 * HOUR_MS,
      workingHours: { startMinute: 9 * 60, endMinute: 18 * 60, days: [1, 2, 3, 4, 5] },
      recoveryDuringQuietHours: true,
      dailyScanMinute: 8 * 60 + 30,
    });
    expect(s.holdout).toEqual({ share: 0.2, salt: 'pepper' });
  });

  it('compiles patterns case-insensitively', () => {
    const { rules } = settingsOf(yaml(FULL_YAML));
    expect(rules.expeditedShipping.test('UPS OVERNIGHT')).toBe(true);
    expect(rules.expeditedShipping.test('Priority Mail')).toBe(false);
    expect(rules.refundRequest.test('Filed a CHARGEBACK')).toBe(true);
    expect(rules.refundRequest.test('Where is my return label')).toBe(false);
  });

  it('reads the same settings from JSON as from YAML', async () => {
    const { parse } = await import('yaml');
    const asData: unknown = parse(FULL_YAML);
    expect(settingsOf(json(asData))).toEqual(settingsOf(yaml(FULL_YAML)));
  });

  it.each([
    ['only first_order on', 'moments: { order_milestone: { enabled: false } }', [1], { first_order: true, order_milestone: false }],
    ['only milestones on', 'moments: { first_order: { enabled: false } }', [5, 10, 25, 50, 100], { first_order: false, order_milestone: true }],
    ['both off', 'moments: { first_order: { enabled: false }, order_milestone: { enabled: false, counts: [7] } }', [], { first_order: false, order_milestone: false }],
    ['new counts', 'moments: { order_milestone: { counts: [2, 3] } }', [1, 2, 3], { first_order: true, order_milestone: true }],
  ])('order milestones: %s', (_name, text, milestones, enabled) => {
    const s = settingsOf(yaml(text));
    expect(s.rules.orderMilestones).toEqual(milestones);
    expect(s.enabled).toMatchObject(enabled);
  });

  it('keeps the defaults for keys left out, next to the ones set', () => {
    const s = settingsOf(yaml('noise: { daily_cap: 5 }\nmoments: { surprise: { rate: 0 } }'));
    expect(s.noise).toEqual({ ...DEFAULT_PLAYBOOK_SETTINGS.noise, dailyCap: 5, recoveryReserve: 0 });
    expect(s.rules).toEqual({ ...DEFAULT_PLAYBOOK_SETTINGS.rules, surpriseProbability: 0 });
  });

  it('lets the default recovery reserve follow the cap (15 %, at most 3), but refuses an explicit reserve above it', () => {
    expect(settingsOf(yaml('noise: { daily_cap: 2 }')).noise).toMatchObject({ dailyCap: 2, recoveryReserve: 0 });
    expect(settingsOf(yaml('noise: { daily_cap: 10 }')).noise).toMatchObject({ dailyCap: 10, recoveryReserve: 1 });
    expect(settingsOf(yaml('noise: { daily_cap: 100 }')).noise).toMatchObject({ dailyCap: 100, recoveryReserve: 3 });
    expect(problemsOf(yaml('noise: { daily_cap: 2, recovery_reserve: 3 }'))).toEqual([
      'DELIGHT_CONFIG (./delight.yaml): noise.recovery_reserve: must be at most noise.daily_cap (2), the slots it is reserved from, got 3',
    ]);
  });

  it('a salt left empty (null) means the generated one', () => {
    expect(settingsOf(yaml('holdout:\n  salt:\n')).holdout.salt).toBeNull();
  });
});

describe('money in the file', () => {
  it.each([
    ['USD, two decimals', 'USD', '[500, 1000.5, "2,500.25"]', [50_000, 100_050, 250_025]],
    ['JPY, no decimals', 'JPY', '[5000, 100000]', [5_000, 100_000]],
    ['BHD, three decimals', 'BHD', '[1.5, 20]', [1_500, 20_000]],
    ['default, read as USD', 'default', '[1, 2.5]', [100, 250]],
  ])('lifetime thresholds in %s become minor units', (_name, currency, list, minor) => {
    const s = settingsOf(yaml(`moments: { lifetime_spend: { thresholds: { ${currency}: ${list} } } }`));
    expect(s.rules.lifetimeSpendThresholds).toEqual({ [currency]: minor });
  });

  it.each([
    ['JPY', '"500 JPY"', { cents: 500, currency: 'JPY' }],
    ['USD', '"4.9 USD"', { cents: 490, currency: 'USD' }],
    ['lower-case code', '"12 eur"', { cents: 1_200, currency: 'EUR' }],
  ])('a standard shipping rate in %s', (_name, rate, money) => {
    const s = settingsOf(yaml(`moments: { unneeded_express: { standard_rates: { DE: ${rate} } } }`));
    expect(s.rules.standardShippingRates).toEqual({ DE: money });
  });

  it('gesture amounts are dollars of the budget currency', () => {
    expect(settingsOf(yaml('moments: { lapsed: { amount: 12.34 } }')).rules.gestures.lapsed).toEqual({ gesture: 'discount', cents: 1_234 });
  });
});

describe('a bad file names the field', () => {
  const P = 'DELIGHT_CONFIG (./delight.yaml): ';
  it.each([
    ['noise: { daily_cap: lots }', 'noise.daily_cap: must be a whole number ≥ 0, got "lots"'],
    ['noise: { daily_cap: -1 }', 'noise.daily_cap: must be a whole number ≥ 0, got -1'],
    ['noise: { daily_cap: 2.5 }', 'noise.daily_cap: must be a whole number ≥ 0, got 2.5'],
    ['noise: { daily_cap: "20" }', 'noise.daily_cap: must be a whole number ≥ 0, got "20"'],
    ['max_fact_age_days: 0', 'max_fact_age_days: must be a whole number ≥ 1, got 0'],
    ['noise: { recovery_during_quiet_hours: yes }', 'noise.recovery_during_quiet_hours: must be true or false, got "yes"'],
    ['noise: { daily_scan_at: "25:00" }', 'noise.daily_scan_at: must be a time of day as HH:MM between 00:00 and 23:59, got "25:00"'],
    ['noise: { working_hours: "18:00-09:00" }', 'noise.working_hours: the end (09:00) must be after the start (18:00): windows across midnight are not supported, got "18:00-09:00"'],
    ['noise: 3', 'noise: must be a mapping of settings, got 3'],
    ['holdout: { share: 1.5 }', 'holdout.share: must be a share from 0 to 1 such as 0.1 (10%), got 1.5'],
    ['holdout: { salt: "" }', 'holdout.salt: must not be empty (leave it out for a generated salt), got ""'],
    ['moments: { surprise: { rate: -0.1 } }', 'moments.surprise.rate: must be a probability from 0 to 1 such as 0.1 (10%), got -0.1'],
    ['moments: { surprise: { enabled: "on" } }', 'moments.surprise.enabled: must be true or false, got "on"'],
    ['moments: { birthday: { gesture: hug } }', 'moments.birthday.gesture: must be one of note, discount, gift_card, fee_refund, upgrade, gift, call, other, got "hug"'],
    ['moments: { birthday: { amount: -5 } }', 'moments.birthday.amount: must be an amount in dollars ≥ 0 such as 50 or 49.50, got -5'],
    ['moments: { birthday: { amount: 49.999 } }', 'moments.birthday.amount: must be an amount in dollars ≥ 0 such as 50 or 49.50, got 49.999'],
    ['moments: { order_milestone: { counts: [5, 1] } }', 'moments.order_milestone.counts[1]: must be a whole number ≥ 2, got 1'],
    ['moments: { order_milestone: { counts: 5 } }', 'moments.order_milestone.counts: must be a list of order counts such as [5, 10, 25] (the first order is moments.first_order), got 5'],
    ['moments: { lifetime_spend: { thresholds: { EUR: [500, 400] } } }', 'moments.lifetime_spend.thresholds.EUR[1]: must be larger than the amount before it: list thresholds in ascending order, got 400'],
    ['moments: { lifetime_spend: { thresholds: { EUR: [0] } } }', 'moments.lifetime_spend.thresholds.EUR[0]: must be an amount > 0 in EUR with at most 2 decimals, got 0'],
    ['moments: { lifetime_spend: { thresholds: { JPY: [99.5] } } }', 'moments.lifetime_spend.thresholds.JPY[0]: must be an amount > 0 in JPY, which has no decimals, got 99.5'],
    ['moments: { lifetime_spend: { thresholds: { usd: [500] } } }', 'moments.lifetime_spend.thresholds.usd: must be an ISO 4217 currency code in upper case such as USD or EUR, or default, got "usd"'],
    ['moments: { lifetime_spend: { thresholds: { ABC: [500] } } }', 'moments.lifetime_spend.thresholds.ABC: must be an ISO 4217 currency code in upper case such as USD or EUR, or default, got "ABC"'],
    ['moments: { unneeded_express: { standard_transit_days: { uk: 3 } } }', 'moments.unneeded_express.standard_transit_days.uk: must be an ISO 3166 country code in upper case such as US or CA, or default, got "uk"'],
    ['moments: { unneeded_express: { standard_transit_days: { XX: 3 } } }', 'moments.unneeded_express.standard_transit_days.XX: must be an ISO 3166 country code in upper case such as US or CA, or default, got "XX"'],
    ['moments: { unneeded_express: { standard_transit_days: { UK: 3 } } }', 'moments.unneeded_express.standard_transit_days.UK: must be GB for the United Kingdom (ISO 3166), not UK, got "UK"'],
    ['moments: { order_milestone: { counts: [] } }', 'moments.order_milestone.counts: must list at least one order count; to turn milestones off, set enabled: false, got []'],
    ['moments: { unneeded_express: { express_transit_days: { US: -2 } } }', 'moments.unneeded_express.express_transit_days.US: must be a whole number ≥ 0, got -2'],
    ['moments: { unneeded_express: { standard_rates: { US: "4.90" } } }', 'moments.unneeded_express.standard_rates.US: must be an amount and an ISO 4217 currency such as "4.90 USD", got "4.90"'],
    ['moments: { unneeded_express: { standard_rates: { JP: "4.90 JPY" } } }', 'moments.unneeded_express.standard_rates.JP: must be an amount and an ISO 4217 currency such as "4.90 USD", got "4.90 JPY"'],
    ['moments: { unneeded_express: { expedited_pattern: "(express" } }', 'moments.unneeded_express.expedited_pattern: is not a valid regular expression (Unterminated group), got "(express"'],
    ['moments: { recovery: { refund_request_pattern: "" } }', 'moments.recovery.refund_request_pattern: must be a regular expression in quotes, such as "refund|money back", got ""'],
    ['moments: { recovery: { detractor_max: 11 } }', 'moments.recovery.detractor_max: must be a whole number from 0 to 10, got 11'],
    ['moments: { recovery: { detractor_max: 9 } }', 'moments.recovery.detractor_max: a score cannot be both a detractor and a promoter: detractor_max must be below promoter_min (moments.promoter.promoter_min is 9), got 9'],
    ['moments: { lapsed: { gap_factor: 0 } }', 'moments.lapsed.gap_factor: must be a number > 0 such as 2 or 1.5, got 0'],
    ['- just a list', 'must be a mapping of settings such as "noise: { daily_cap: 20 }", got ["just a list"]'],
  ])('%s', (text, line) => {
    expect(problemsOf(yaml(text))).toEqual([P + line]);
  });

  it.each([
    ['a misspelt moment', 'moments: { frist_order: { enabled: false } }', 'moments.frist_order: unknown key (did you mean first_order?)'],
    ['a misspelt noise key', 'noise: { daily_cape: 5 }', 'noise.daily_cape: unknown key (did you mean daily_cap?)'],
    ['a camelCase key', 'noise: { dailyCap: 5 }', 'noise.dailyCap: unknown key (did you mean daily_cap?)'],
    ['a key on a moment it does not belong to', 'moments: { overpayment: { amount: 5 } }', 'moments.overpayment.amount: unknown key (expected one of enabled)'],
    ['an unknown top-level key', 'limits: { daily: 5 }', 'limits: unknown key (expected one of max_fact_age_days, moments, noise, holdout)'],
  ])('rejects %s, naming the key', (_name, text, line) => {
    expect(problemsOf(yaml(text))).toEqual([P + line]);
  });

  it('reports every problem in the file at once', () => {
    const problems = problemsOf(yaml('noise: { daily_cap: lots, cooldown_days: -1 }\nholdout: { share: 2 }\nmoments: { birthday: { gesture: hug } }\ntypo: 1'));
    expect(problems.map((line) => line.replace(P, '').split(':')[0])).toEqual(['moments.birthday.gesture', 'noise.daily_cap', 'noise.cooldown_days', 'holdout.share', 'typo']);
  });

  it('names the file as DELIGHT_CONFIG gave it, in JSON too', () => {
    expect(problemsOf(parsePlaybookConfig({ path: '/etc/delight/playbook.json', text: '{"noise": {"daily_cap": "lots"}}' }, {}))).toEqual([
      'DELIGHT_CONFIG (/etc/delight/playbook.json): noise.daily_cap: must be a whole number ≥ 0, got "lots"',
    ]);
  });

  it.each(['./delight.toml', './delight', './delight.yaml.bak'])('refuses a file name that is neither JSON nor YAML: %s', (path) => {
    expect(problemsOf(parsePlaybookConfig({ path, text: '{}' }, {}))).toEqual([`DELIGHT_CONFIG (${path}): must name a .json, .yaml or .yml file`]);
  });
});

describe('syntax errors name the line and column', () => {
  it.each([
    ['YAML: a mapping under a scalar', './d.yaml', 'noise:\n  daily_cap: 1\n   x: 2\n', 'line 2, column 14: Nested mappings are not allowed in compact mappings'],
    ['YAML: an unclosed list', './d.yml', 'moments:\n  order_milestone: { counts: [5, 10\n', 'line 3, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['YAML: a key twice', './d.yaml', 'noise:\n  daily_cap: 1\n  daily_cap: 2\n', 'line 3, column 3: Map keys must be unique'],
    ['YAML: a tab as indentation', './d.yaml', 'noise:\n\tdaily_cap: 1\n', 'line 2, column 1: Tabs are not allowed as indentation'],
    ['JSON: a trailing comma', './d.json', '{\n  "noise": { "daily_cap": 2, }\n}', 'line 2, column 28: trailing comma: JSON allows no comma before a closing bracket'],
    ['JSON: a missing value', './d.json', '{\n  "noise": {\n    "daily_cap": \n  }\n}', 'line 4, column 3: expected a value: a "string", a number, true, false, null, {…} or […]'],
    ['JSON: an unquoted key', './d.json', '{ noise: {} }', 'line 1, column 3: expected a key in double quotes'],
    ['JSON: a missing comma', './d.json', '{\n  "noise": {}\n  "holdout": {}\n}', 'line 3, column 3: expected , or }'],
    ['JSON: cut short', './d.json', '{"noise": {"daily_cap": 2', 'line 1, column 26: expected , or }'],
    ['JSON: text after the end', './d.json', '{}\n}', 'line 2, column 1: unexpected text after the end of the JSON value'],
  ])('%s', (_name, path, text, message) => {
    expect(problemsOf(parsePlaybookConfig({ path, text }, {}))).toEqual([`DELIGHT_CONFIG (${path}): ${message}`]);
  });

  it('the JSON locator agrees with JSON.parse on what is valid', () => {
    const valid = ['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', ' \n{"a": {"b": {}}}\n'];
    const invalid = ['', '{', '{"a": 01}', '{"a": .5}', '["\t"]', '{"a": "\\x"}', '[1,]', 'nul'];
    for (const text of valid) expect(locateJsonError(text), text).toBeNull();
    for (const text of invalid) {
      expect(() => JSON.parse(text) as unknown, text).toThrow();
      expect(locateJsonError(text), text).not.toBeNull();
    }
  });
});

describe('working hours', () => {
  it.each([
    ['always', null],
    [' Always ', null],
    ['09:00-18:00', { startMinute: 540, endMinute: 1080, days: [0, 1, 2, 3, 4, 5, 6] }],
    ['09:00-18:00 mon-fri', { startMinute: 540, endMinute: 1080, days: [1, 2, 3, 4, 5] }],
    ['9:30 – 17:45 Mon-Fri', { startMinute: 570, endMinute: 1065, days: [1, 2, 3, 4, 5] }],
    ['10:00-16:00 mon,wed,fri', { startMinute: 600, endMinute: 960, days: [1, 3, 5] }],
    ['08:00-12:00 mon-wed,sat', { startMinute: 480, endMinute: 720, days: [1, 2, 3, 6] }],
    ['10:00-14:00 sat-sun', { startMinute: 600, endMinute: 840, days: [0, 6] }],
    ['10:00-14:00 fri-mon', { startMinute: 600, endMinute: 840, days: [0, 1, 5, 6] }],
    ['00:00-24:00 sun, sun', { startMinute: 0, endMinute: 1440, days: [0] }],
  ])('parses %j', (text, expected) => {
    expect(parseWorkingHours(text)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['9-5', 'must be "always" or a daily window with optional days, such as "09:00-18:00 mon-fri"'],
    ['weekdays', 'must be "always" or a daily window with optional days, such as "09:00-18:00 mon-fri"'],
    ['22:00-06:00', 'the end (06:00) must be after the start (22:00): windows across midnight are not supported'],
    ['09:00-09:00', 'the end (09:00) must be after the start (09:00): windows across midnight are not supported'],
    ['25:00-26:00', 'start "25:00" must be a time of day as HH:MM between 00:00 and 23:59'],
    ['09:00-18:60', 'end "18:60" must be a time of day as HH:MM between 00:00 and 24:00'],
    ['09:00-18:00 mon-fro', 'unknown day "fro": use mon, tue, wed, thu, fri, sat, sun'],
    ['09:00-18:00 weekdays', 'unknown day "weekdays": use mon, tue, wed, thu, fri, sat, sun'],
    ['09:00-18:00 mon-', 'days must be a range such as mon-fri, a list such as mon,wed,fri, or both: use mon, tue, wed, thu, fri, sat, sun'],
    ['09:00-18:00 mon-wed-fri', 'days must be a range such as mon-fri, a list such as mon,wed,fri, or both: use mon, tue, wed, thu, fri, sat, sun'],
  ])('refuses %j', (text, message) => {
    expect(parseWorkingHours(text)).toEqual({ ok: false, message });
  });
});

describe('environment overrides', () => {
  const FILE = 'noise: { daily_cap: 12, recovery_reserve: 5, working_hours: "09:00-17:00 mon-fri" }\nholdout: { share: 0.2 }\nmoments: { surprise: { rate: 0.05 }, order_milestone: { counts: [3] } }';

  it('the file decides when no override is set', () => {
    const result = yaml(FILE);
    const s = settingsOf(result);
    expect([s.holdout.share, s.rules.surpriseProbability, s.noise.dailyCap, s.noise.recoveryReserve, s.rules.orderMilestones]).toEqual([0.2, 0.05, 12, 5, [1, 3]]);
    expect(s.noise.workingHours).toEqual({ startMinute: 540, endMinute: 1020, days: [1, 2, 3, 4, 5] });
    expect(result.ok && result.overrides).toEqual([]);
  });

  it.each([
    ['DELIGHT_HOLDOUT_SHARE', '0.5', (s: PlaybookSettings) => s.holdout.share, 0.5],
    ['DELIGHT_HOLDOUT_SHARE', '0', (s: PlaybookSettings) => s.holdout.share, 0],
    ['DELIGHT_SURPRISE_RATE', '.25', (s: PlaybookSettings) => s.rules.surpriseProbability, 0.25],
    ['DELIGHT_SURPRISE_RATE', '1', (s: PlaybookSettings) => s.rules.surpriseProbability, 1],
    ['DELIGHT_DAILY_CAP', '30', (s: PlaybookSettings) => [s.noise.dailyCap, s.noise.recoveryReserve], [30, 5]],
    ['DELIGHT_DAILY_CAP', '2', (s: PlaybookSettings) => [s.noise.dailyCap, s.noise.recoveryReserve], [2, 2]],
    ['DELIGHT_DAILY_CAP', '0', (s: PlaybookSettings) => [s.noise.dailyCap, s.noise.recoveryReserve], [0, 0]],
    ['DELIGHT_WORKING_HOURS', 'always', (s: PlaybookSettings) => s.noise.workingHours, null],
    ['DELIGHT_WORKING_HOURS', '10:00-16:00 sat', (s: PlaybookSettings) => s.noise.workingHours, { startMinute: 600, endMinute: 960, days: [6] }],
    ['DELIGHT_ORDER_MILESTONES', '10,5', (s: PlaybookSettings) => [s.rules.orderMilestones, s.enabled.first_order, s.enabled.order_milestone], [[5, 10], false, true]],
    ['DELIGHT_ORDER_MILESTONES', '1', (s: PlaybookSettings) => [s.rules.orderMilestones, s.enabled.first_order, s.enabled.order_milestone], [[1], true, false]],
  ])('%s=%s wins over the file', (name, value, pick, expected) => {
    const result = yaml(FILE, { [name]: value });
    expect(pick(settingsOf(result))).toEqual(expected);
    expect(result.ok && result.overrides).toEqual([name]);
  });

  it.each([
    ['a reserve set in the file stays when it fits, even if it equals the default for the file\'s cap', 'noise: { daily_cap: 20, recovery_reserve: 3 }', '10', [10, 3]],
    ['a reserve left out follows the overridden cap', 'noise: { daily_cap: 20 }', '10', [10, 1]],
  ])('DELIGHT_DAILY_CAP: %s', (_name, file, cap, expected) => {
    const s = settingsOf(yaml(file, { DELIGHT_DAILY_CAP: cap }));
    expect([s.noise.dailyCap, s.noise.recoveryReserve]).toEqual(expected);
  });

  it('apply without a file too, over the defaults', () => {
    const result = parsePlaybookConfig(null, { DELIGHT_DAILY_CAP: '7', DELIGHT_HOLDOUT_SHARE: '0.3', UNRELATED: 'x' });
    const s = settingsOf(result);
    expect(s).toEqual({ ...DEFAULT_PLAYBOOK_SETTINGS, noise: { ...DEFAULT_PLAYBOOK_SETTINGS.noise, dailyCap: 7, recoveryReserve: 1 }, holdout: { share: 0.3, salt: null } });
    expect(result.ok && result.overrides).toEqual(['DELIGHT_DAILY_CAP', 'DELIGHT_HOLDOUT_SHARE']);
  });

  it('an empty variable counts as unset', () => {
    const result = yaml(FILE, { DELIGHT_DAILY_CAP: '', DELIGHT_WORKING_HOURS: '  ' });
    expect(settingsOf(result).noise.dailyCap).toBe(12);
    expect(result.ok && result.overrides).toEqual([]);
  });

  it.each([
    ['DELIGHT_HOLDOUT_SHARE', '1.5', 'DELIGHT_HOLDOUT_SHARE: must be a number from 0 to 1 such as 0.1 (10%), got "1.5"'],
    ['DELIGHT_HOLDOUT_SHARE', '10%', 'DELIGHT_HOLDOUT_SHARE: must be a number from 0 to 1 such as 0.1 (10%), got "10%"'],
    ['DELIGHT_SURPRISE_RATE', '-0.1', 'DELIGHT_SURPRISE_RATE: must be a number from 0 to 1 such as 0.1 (10%), got "-0.1"'],
    ['DELIGHT_DAILY_CAP', 'lots', 'DELIGHT_DAILY_CAP: must be a whole number ≥ 0, got "lots"'],
    ['DELIGHT_DAILY_CAP', '2.5', 'DELIGHT_DAILY_CAP: must be a whole number ≥ 0, got "2.5"'],
    ['DELIGHT_WORKING_HOURS', '18:00-09:00', 'DELIGHT_WORKING_HOURS: the end (09:00) must be after the start (18:00): windows across midnight are not supported, got "18:00-09:00"'],
    ['DELIGHT_ORDER_MILESTONES', '0,5', 'DELIGHT_ORDER_MILESTONES: must be comma-separated order counts such as 1,5,10 (1 = the first order), got "0,5"'],
  ])('%s=%s is a problem naming the variable', (name, value, line) => {
    expect(problemsOf(yaml(FILE, { [name]: value }))).toEqual([line]);
  });

  it('reports bad overrides and a bad file together, one line each', () => {
    const problems = problemsOf(yaml('noise: { daily_cap: lots }', { DELIGHT_DAILY_CAP: 'x', DELIGHT_HOLDOUT_SHARE: '2', DELIGHT_WORKING_HOURS: 'never' }));
    expect(problems.map((line) => line.split(':')[0])).toEqual(['DELIGHT_CONFIG (./delight.yaml)', 'DELIGHT_HOLDOUT_SHARE', 'DELIGHT_DAILY_CAP', 'DELIGHT_WORKING_HOURS']);
  });
});
