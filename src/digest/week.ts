import { addDays, localTime, startOfLocalDate } from '../nudges/local-time.js';

export { addDays, startOfLocalDate } from '../nudges/local-time.js';

/**
 * The digest's calendar: ISO weeks in the team's time zone. A week's digest
 * covers the seven local days before that week's Monday and compares them
 * with the four weeks before. Everything is computed on local dates, then
 * turned into instants at local midnight, so a daylight-saving change makes a
 * week 167 or 169 hours long instead of moving its boundaries.
 */

export interface DigestPeriod {
  /** The ISO week the digest belongs to (posted during it), e.g. "2026-W49". */
  week: string;
  /** Local midnight of the Monday a week before `end`: the first instant counted. */
  start: Date;
  /** Local midnight of the week's Monday: the first instant not counted. */
  end: Date;
  /** Local midnight four weeks before `start`: the comparison weeks run from here to `start`. */
  baselineStart: Date;
  /** Local dates of the first and last day counted, e.g. "2026-11-23" and "2026-11-29". */
  firstDay: string;
  lastDay: string;
}

export interface WeeklySchedule {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  isoWeekday: number;
  /** Minutes after local midnight. */
  minuteOfDay: number;
}

const DAY_MS = 86_400_000;
/** How many weeks before the digest's week it is compared with. */
export const BASELINE_WEEKS = 4;

/** "2026-11-30" → its ISO week ("2026-W49") and ISO weekday (1–7). */
export function isoWeekOf(dateKey: string): { week: string; isoWeekday: number } {
  const [year, month, day] = dateKey.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const isoWeekday = date.getUTCDay() === 0 ? 7 : date.getUTCDay();
  // The ISO week's year is the year of its Thursday.
  const thursday = new Date(date.getTime() + (4 - isoWeekday) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  const firstMonday = firstThursday.getTime() - ((firstThursday.getUTCDay() || 7) - 1) * DAY_MS;
  const number = Math.floor((date.getTime() - firstMonday) / (7 * DAY_MS)) + 1;
  return { week: `${weekYear}-W${String(number).padStart(2, '0')}`, isoWeekday };
}

/** The Monday (local date) of the ISO week containing `dateKey`. */
export function mondayOf(dateKey: string): string {
  return addDays(dateKey, 1 - isoWeekOf(dateKey).isoWeekday);
}

/** The digest period of the ISO week that `now` falls in, in the team's time zone. */
export function digestPeriod(now: Date, timeZone: string): DigestPeriod {
  return periodForMonday(mondayOf(localTime(now, timeZone).dateKey), timeZone);
}

/** The digest period of the ISO week starting on the local Monday `monday`. */
export function periodForMonday(monday: string, timeZone: string): DigestPeriod {
  const firstDay = addDays(monday, -7);
  return {
    week: isoWeekOf(monday).week,
    start: startOfLocalDate(firstDay, timeZone),
    end: startOfLocalDate(monday, timeZone),
    baselineStart: startOfLocalDate(addDays(firstDay, -7 * BASELINE_WEEKS), timeZone),
    firstDay,
    lastDay: addDays(monday, -1),
  };
}

/**
 * Whether this ISO week's scheduled time has come, judged on the local wall
 * clock: at a spring-forward gap the first minute after it counts, and at a
 * fall-back fold the week is still one week, so nothing is skipped or doubled.
 * The caller claims the week once; a process that was down catches up.
 */
export function isDigestDue(now: Date, timeZone: string, schedule: WeeklySchedule): boolean {
  const local = localTime(now, timeZone);
  const { isoWeekday } = isoWeekOf(local.dateKey);
  if (isoWeekday !== schedule.isoWeekday) return isoWeekday > schedule.isoWeekday;
  return local.minuteOfDay >= schedule.minuteOfDay;
}

/** The cron expression node-cron runs in the team's time zone: "0 9 * * 1" for Monday 09:00. */
export function cronExpression(schedule: WeeklySchedule): string {
  const minute = schedule.minuteOfDay % 60;
  const hour = Math.floor(schedule.minuteOfDay / 60);
  return `${minute} ${hour} * * ${schedule.isoWeekday % 7}`;
}
