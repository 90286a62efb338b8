import type { WeeklySchedule } from './week.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const FULL_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * "Mon 09:00" (a weekday and a 24-hour time, in the team's time zone) as a
 * weekly schedule; "off" turns the digest off.
 * @returns the schedule, null for "off", or an error message saying what is expected.
 */
export function parseWeeklySchedule(text: string): { ok: true; schedule: WeeklySchedule | null } | { ok: false; message: string } {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === 'off') return { ok: true, schedule: null };
  const match = /^([a-z]+)\s+(\d{1,2}):(\d{2})$/.exec(trimmed);
  const name = match?.[1] ?? '';
  const day = DAYS.findIndex((short, index) => name === short || name === FULL_DAYS[index]);
  const hour = Number(match?.[2]);
  const minute = Number(match?.[3]);
  if (day < 0 || hour > 23 || minute > 59) {
    return { ok: false, message: `must be a weekday and a 24-hour time such as "Mon 09:00", or "off"; got "${text}"` };
  }
  return { ok: true, schedule: { isoWeekday: day + 1, minuteOfDay: hour * 60 + minute } };
}

/** "Mon 09:00": how the schedule is shown back. */
export function formatWeeklySchedule(schedule: WeeklySchedule): string {
  const day = DAYS[schedule.isoWeekday - 1]!;
  const hh = String(Math.floor(schedule.minuteOfDay / 60)).padStart(2, '0');
  const mm = String(schedule.minuteOfDay % 60).padStart(2, '0');
  return `${day[0]!.toUpperCase()}${day.slice(1)} ${hh}:${mm}`;
}
