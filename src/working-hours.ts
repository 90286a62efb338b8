import type { WorkingHours } from './nudges/settings.js';

/**
 * The two clock settings of the playbook, as people write them:
 * `working_hours: "09:00-18:00 mon-fri"` and `daily_scan_at: "09:00"`.
 * Used by the configuration file and by DELIGHT_WORKING_HOURS alike, so both
 * accept exactly the same syntax and report the same errors.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const DAYS_HINT = 'use mon, tue, wed, thu, fri, sat, sun';
const WINDOW = /^(\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})(?:\s+(.+))?$/;

/**
 * "09:00" → 540 minutes after midnight. `allowMidnightEnd` also accepts
 * "24:00" (1440), which only makes sense as the end of a window.
 */
export function parseTimeOfDay(text: string, allowMidnightEnd = false): Parsed<number> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  const minute = hours * 60 + minutes;
  const valid = match !== null && hours <= 24 && minutes <= 59 && (minute < 24 * 60 || (allowMidnightEnd && minute === 24 * 60));
  if (!valid) return { ok: false, message: `must be a time of day as HH:MM between 00:00 and ${allowMidnightEnd ? '24:00' : '23:59'}` };
  return { ok: true, value: minute };
}

/** "mon-fri" → [1..5]; "mon,wed,fri"; "mon-wed,sat"; "sat-sun" wraps over the week's end. */
function parseDays(text: string): Parsed<number[]> {
  const days = new Set<number>();
  for (const part of text.split(',').map((piece) => piece.trim().toLowerCase())) {
    const [from, to, extra] = part.split(/\s*[-–]\s*/);
    const start = DAY_NAMES.indexOf(from as (typeof DAY_NAMES)[number]);
    const end = to === undefined ? start : DAY_NAMES.indexOf(to as (typeof DAY_NAMES)[number]);
    if (!from || to === '' || extra !== undefined) return { ok: false, message: `days must be a range such as mon-fri, a list such as mon,wed,fri, or both: ${DAYS_HINT}` };
    if (start < 0 || end < 0) return { ok: false, message: `unknown day "${start < 0 ? from : to}": ${DAYS_HINT}` };
    for (let day = start; ; day = (day + 1) % 7) {
      days.add(day);
      if (day === end) break;
    }
  }
  return { ok: true, value: [...days].sort((a, b) => a - b) };
}

/**
 * `always` → null (no quiet hours); "09:00-18:00 mon-fri" → a window on those
 * days (every day when days are left out). The end must be after the start:
 * a window across midnight is refused rather than guessed at.
 */
export function parseWorkingHours(text: string): Parsed<WorkingHours | null> {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'always') return { ok: true, value: null };
  const match = WINDOW.exec(trimmed);
  if (!match) return { ok: false, message: 'must be "always" or a daily window with optional days, such as "09:00-18:00 mon-fri"' };
  const [, startText = '', endText = '', daysText] = match;
  const start = parseTimeOfDay(startText);
  if (!start.ok) return { ok: false, message: `start "${startText}" ${start.message}` };
  const end = parseTimeOfDay(endText, true);
  if (!end.ok) return { ok: false, message: `end "${endText}" ${end.message}` };
  if (end.value <= start.value) {
    return { ok: false, message: `the end (${endText}) must be after the start (${startText}): windows across midnight are not supported` };
  }
  const days = daysText === undefined ? { ok: true as const, value: [0, 1, 2, 3, 4, 5, 6] } : parseDays(daysText);
  if (!days.ok) return days;
  return { ok: true, value: { startMinute: start.value, endMinute: end.value, days: days.value } };
}
