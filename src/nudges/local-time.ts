import type { WorkingHours } from './settings.js';

/**
 * Wall-clock time in the team's time zone, from the platform's own time-zone
 * data (Intl), so daylight-saving changes are handled without a library.
 */

export interface LocalTime {
  /** "2026-11-30" */
  dateKey: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

const DAY_MS = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

function partsOf(at: Date, timeZone: string): Parts {
  const parts = formatter(timeZone).formatToParts(at);
  const value = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return {
    year: Number(value('year')),
    month: Number(value('month')),
    day: Number(value('day')),
    hour: Number(value('hour')),
    minute: Number(value('minute')),
    second: Number(value('second')),
    weekday: WEEKDAYS.indexOf(value('weekday')),
  };
}

/**
 * The local date, weekday and minute of an instant.
 * @throws RangeError for an unknown time zone (configuration validates it at start-up).
 */
export function localTime(at: Date, timeZone: string): LocalTime {
  const p = partsOf(at, timeZone);
  return { dateKey: `${p.year}-${pad(p.month)}-${pad(p.day)}`, weekday: p.weekday, minuteOfDay: p.hour * 60 + p.minute };
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms. */
function offsetMs(at: Date, timeZone: string): number {
  return offsetOfParts(partsOf(at, timeZone), at);
}

/** The offset from `at`'s wall-clock parts: whole seconds, as the zone data has them. */
function offsetOfParts(p: Parts, at: Date): number {
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * "2026-11-21T05:02:00-05:00": the wall clock of `at` in the zone to the
 * second, with the offset in force then ("+00:00" at zero; seconds only when
 * the zone's offset had them, as in local mean time before 1900).
 * @throws RangeError for an unknown time zone.
 */
export function localIso(at: Date, timeZone: string): string {
  const p = partsOf(at, timeZone);
  const offsetSeconds = offsetOfParts(p, at) / 1000;
  const abs = Math.abs(offsetSeconds);
  const seconds = abs % 60;
  const offset = `${offsetSeconds < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}:${pad(Math.floor(abs / 60) % 60)}${seconds ? `:${pad(seconds)}` : ''}`;
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${offset}`;
}

/**
 * The instant local midnight began on the local date of `at`. Computed with
 * the offset in force at midnight itself, so a day that changes to or from
 * daylight-saving time still starts at its own midnight.
 */
export function startOfLocalDay(at: Date, timeZone: string): Date {
  const p = partsOf(at, timeZone);
  const midnightWall = Date.UTC(p.year, p.month - 1, p.day);
  const guess = midnightWall - offsetMs(at, timeZone);
  return new Date(midnightWall - offsetMs(new Date(guess), timeZone));
}

/** The local date `days` after `dateKey` (negative: before), by the calendar. */
export function addDays(dateKey: string, days: number): string {
  const [year, month, day] = dateKey.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  // Not toISOString: past year 9999 it writes "+010000-01-01", which is no date key.
  return `${String(date.getUTCFullYear()).padStart(4, '0')}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** The instant local midnight began on a local date. */
export function startOfLocalDate(dateKey: string, timeZone: string): Date {
  const [year, month, day] = dateKey.split('-').map(Number) as [number, number, number];
  // Noon UTC is on that date from UTC−11 to UTC+11; half a day either way covers UTC−12 to UTC+14.
  const noonUtc = Date.UTC(year, month - 1, day, 12);
  const onThatDay = [0, -DAY_MS / 2, DAY_MS / 2].map((shift) => new Date(noonUtc + shift)).find((at) => localTime(at, timeZone).dateKey === dateKey);
  return startOfLocalDay(onThatDay ?? new Date(noonUtc), timeZone);
}

/** Whether `value` is a time zone the platform knows (IANA names such as Europe/Berlin, or UTC). */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Whether `at` falls inside the team's working hours; always true when none are set. */
export function isWorkingTime(at: Date, hours: WorkingHours | null, timeZone: string): boolean {
  if (!hours) return true;
  const local = localTime(at, timeZone);
  return hours.days.includes(local.weekday) && local.minuteOfDay >= hours.startMinute && local.minuteOfDay < hours.endMinute;
}
