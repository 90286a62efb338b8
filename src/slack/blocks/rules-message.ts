import type { KnownBlock } from '@slack/types';
import { MOMENT_KINDS, type PlaybookSettings, type WorkingHours } from '../../nudges/settings.js';
import { escapeMrkdwn, truncate } from './escape.js';
import type { SlackMessage } from './message.js';
import { MOMENT_TITLES, duration, momentLine, percent } from './rules-moments.js';

export interface RulesMessageInput {
  playbook: PlaybookSettings;
  /** The DELIGHT_CONFIG path (null: defaults) and the environment overrides that are set. */
  source: { file: string | null; envOverrides: readonly string[] };
  /** The team's time zone, which working hours and the daily scan are read in. */
  timeZone: string;
  /** The budget currency suggested gestures are in. */
  currency: string;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const SECTION_MAX = 3_000;

/** 540 → "09:00"; 1440 → "24:00". */
function clockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** [1,2,3,4,5] → "Mon–Fri"; [1,3,5] → "Mon, Wed, Fri"; [1,2,3,6] → "Mon–Wed, Sat"; all seven → "every day". Weeks start on Monday. */
export function formatDays(days: readonly number[]): string {
  const order = [...new Set(days)].map((day) => (day + 6) % 7).sort((a, b) => a - b);
  if (order.length === 7) return 'every day';
  const runs: number[][] = [];
  for (const index of order) {
    const run = runs.at(-1);
    if (run && run.at(-1) === index - 1) run.push(index);
    else runs.push([index]);
  }
  const name = (index: number) => DAY_NAMES[(index + 1) % 7] ?? '?';
  return runs
    .flatMap((run) => (run.length >= 3 ? [`${name(run[0] ?? 0)}–${name(run.at(-1) ?? 0)}`] : run.map(name)))
    .join(', ');
}

/** "always — no quiet hours" or "09:00–18:00 Mon–Fri (Europe/Berlin)". */
export function formatWorkingHours(hours: WorkingHours | null, timeZone: string): string {
  if (!hours) return 'always — no quiet hours';
  return `${clockTime(hours.startMinute)}–${clockTime(hours.endMinute)} ${formatDays(hours.days)} (${timeZone})`;
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, SECTION_MAX) } });
const field = (title: string, text: string) => ({ type: 'mrkdwn' as const, text: truncate(`*${title}*\n${text}`, 2_000) });

/**
 * `/delight rules`: the playbook in effect, in plain language — each moment
 * on or off with its thresholds and suggested gesture, the noise control,
 * the holdout, and where the settings come from. Never shows the holdout salt.
 */
export function rulesMessage(input: RulesMessageInput): SlackMessage {
  const { playbook, timeZone, currency } = input;
  const on = MOMENT_KINDS.filter((kind) => playbook.enabled[kind]);
  const noise = playbook.noise;
  const workingHours = formatWorkingHours(noise.workingHours, timeZone);
  const source = sourceLine(input.source);
  const moments = MOMENT_KINDS.map((kind) =>
    section(playbook.enabled[kind] ? `:large_green_circle: *${MOMENT_TITLES[kind]}* — ${momentLine(kind, playbook, currency)}` : `:white_circle: *${MOMENT_TITLES[kind]}* — off`),
  );
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Playbook rules', emoji: true } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: truncate(source, SECTION_MAX) }] },
    section(`*Moments* — ${on.length} of ${MOMENT_KINDS.length} on. Facts older than ${duration(playbook.rules.maxFactAgeMs, 'day')} never fire.`),
    ...moments,
    { type: 'divider' },
    {
      type: 'section',
      fields: [
        field('Daily cap', `${noise.dailyCap} cards a day, ${noise.recoveryReserve} of them kept for recoveries`),
        field('Cooldown', `no new suggestion for ${duration(noise.cooldownMs, 'day')} after a gesture (recoveries and refunds excepted)`),
        field('Undecided cards', `expire after ${duration(noise.undecidedExpiryMs, 'hour')}`),
        field('Queue', `a card waiting for a free slot expires after ${duration(noise.queueMaxWaitMs, 'hour')} (recoveries never)`),
        field('Working hours', workingHours),
        field('Recovery in quiet hours', quietHoursLine(playbook)),
        field('Daily scan', `${clockTime(noise.dailyScanMinute)} (${timeZone}): birthdays, anniversaries, lapsed customers`),
        field('Holdout', `${percent(playbook.holdout.share)} of customers are a control group and get no gestures${playbook.holdout.salt === null ? '' : ' (custom salt)'}`),
      ],
    },
  ];
  const text = `Playbook rules: ${on.length} of ${MOMENT_KINDS.length} moments on, at most ${noise.dailyCap} cards a day, working hours ${workingHours}. ${source}`;
  return { text, blocks };
}

function quietHoursLine(playbook: PlaybookSettings): string {
  if (!playbook.noise.workingHours) return 'posted at once (there are no quiet hours)';
  return playbook.noise.recoveryDuringQuietHours ? 'posted at once, even outside working hours' : 'waits for working hours, like every card';
}

function sourceLine(source: RulesMessageInput['source']): string {
  const from = source.file === null ? 'Settings: the defaults (DELIGHT_CONFIG is not set)' : `Settings from \`${escapeMrkdwn(truncate(source.file, 300))}\``;
  const overrides = source.envOverrides.length === 0 ? 'no environment overrides' : `overridden by ${source.envOverrides.map((name) => `\`${name}\``).join(', ')}`;
  return `${from} · ${overrides}.`;
}
