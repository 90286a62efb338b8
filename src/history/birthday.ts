/**
 * Birthdays as stores and help desks write them, read into the one form the
 * `customers.birthday` column keeps: "YYYY-MM-DD", or "--MM-DD" when the year
 * is unknown. Only forms with a single possible reading are accepted: a
 * birthday a day or a month off is worse than none.
 */

/** Birth years before this are typing mistakes, not customers. */
const EARLIEST_BIRTH_YEAR = 1900;

/** Longer text is a sentence, not a date; it is refused before any pattern runs. */
const MAX_LENGTH = 64;

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Full English month names, their three-letter abbreviations and "sept", to the month's number. */
const MONTHS: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, index) => [name, index + 1] as const),
  ...MONTH_NAMES.map((name, index) => [name.slice(0, 3), index + 1] as const),
  ['sept', 9],
]);

/** 1985-03-14, optionally followed by a real time ("T00:00:00Z", " 00:00:00", "T00:00:00.000+01:00"). */
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?)?$/i;
/** --03-14: ISO 8601's month and day without a year (vCard's BDAY uses it). */
const ISO_NO_YEAR = /^--(\d{2})-(\d{2})$/;
/** 14 March 1985, 14th of March, 14 Mar. 1985 */
const DAY_FIRST = /^(\d{1,2})(st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$/;
/** March 14, Mar 14, 1985, March 14th 1985 */
const MONTH_FIRST = /^([a-z]+)\.?\s+(\d{1,2})(st|nd|rd|th)?(?:,?\s+(\d{4}))?$/;
/** 14.03.1985, 03/14/1985, 14-03-1985: one separator, a four-digit year last. */
const NUMERIC = /^(\d{1,2})([./-])(\d{1,2})\2(\d{4})$/;

interface DateParts {
  year?: number;
  month: number;
  day: number;
}

/**
 * Reads a birthday. Accepted, and nothing else:
 * - ISO dates: "1985-03-14", and "--03-14" when the year is unknown.
 * - ISO date-times, by their date as written: "1985-03-14T00:00:00Z",
 *   "1985-03-14 00:00:00". The offset is not applied: a date picker's
 *   midnight converted to another zone would otherwise move the day.
 * - English month names, full or three-letter (and "Sept"), any case, with an
 *   optional ordinal and year: "14 March 1985", "14th of March", "March 14",
 *   "Mar 14, 1985", "mar. 14th 1985".
 * - Day and month as numbers separated by "/", "." or "-" with a four-digit
 *   year, only when their order cannot matter: one of them is above 12
 *   ("14.03.1985" is 14 March, "03/14/1985" is March 14), or both are equal
 *   ("04/04/1985"). "03/04/1985" is 3 April in Europe and March 4 in the US,
 *   so it is refused.
 *
 * Refused: every other form, including "03-14" and "3-14" (month-day or
 * day-month?), two-digit years and numeric dates without a year; impossible
 * dates (April 31, Feb 29 of a common year; "--02-29" is always valid); years
 * before 1900 or after the current year. Anything that is not a string.
 * @param now when "the current year" is (UTC); the clock by default.
 * @returns "YYYY-MM-DD", "--MM-DD" when the text has no year, or null. Never throws.
 */
export function parseBirthday(text: unknown, now: Date = new Date()): string | null {
  if (typeof text !== 'string') return null;
  const value = text.trim();
  if (value === '' || value.length > MAX_LENGTH) return null;
  const parts = isoParts(value) ?? monthNameParts(value.toLowerCase()) ?? numericParts(value);
  return parts && isPlausible(parts, now.getUTCFullYear()) ? formatParts(parts) : null;
}

function isoParts(value: string): DateParts | null {
  const dated = ISO_DATE.exec(value);
  if (dated) return { year: Number(dated[1]), month: Number(dated[2]), day: Number(dated[3]) };
  const yearless = ISO_NO_YEAR.exec(value);
  return yearless ? { month: Number(yearless[1]), day: Number(yearless[2]) } : null;
}

function monthNameParts(value: string): DateParts | null {
  const dayFirst = DAY_FIRST.exec(value);
  if (dayFirst) return named(dayFirst[3], dayFirst[1], dayFirst[2], dayFirst[4]);
  const monthFirst = MONTH_FIRST.exec(value);
  return monthFirst ? named(monthFirst[1], monthFirst[2], monthFirst[3], monthFirst[4]) : null;
}

function named(monthName: string | undefined, dayText: string | undefined, suffix: string | undefined, yearText: string | undefined): DateParts | null {
  const month = MONTHS.get(monthName ?? '');
  const day = Number(dayText);
  // "14st" is a typo whose intent is unclear: is it the 1st or the 14th?
  if (month === undefined || (suffix !== undefined && suffix !== ordinalSuffix(day))) return null;
  return yearText === undefined ? { month, day } : { year: Number(yearText), month, day };
}

function ordinalSuffix(day: number): string {
  if (day % 100 >= 11 && day % 100 <= 13) return 'th';
  return ['th', 'st', 'nd', 'rd'][day % 10] ?? 'th';
}

/** Numbers in either order: readable only when one is above 12 or both are equal. */
function numericParts(value: string): DateParts | null {
  const match = NUMERIC.exec(value);
  if (!match) return null;
  const first = Number(match[1]);
  const second = Number(match[3]);
  const year = Number(match[4]);
  if (first === second || (first > 12 && second <= 12)) return { year, month: second, day: first };
  if (second > 12 && first <= 12) return { year, month: first, day: second };
  return null;
}

function isPlausible({ year, month, day }: DateParts, currentYear: number): boolean {
  if (year !== undefined && (year < EARLIEST_BIRTH_YEAR || year > currentYear)) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, year);
}

/** Without a year, February has 29 days: a leap-day birthday is a real one. */
function daysInMonth(month: number, year: number | undefined): number {
  if (month === 2) return year === undefined || isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function formatParts({ year, month, day }: DateParts): string {
  const monthDay = `${pad2(month)}-${pad2(day)}`;
  return year === undefined ? `--${monthDay}` : `${String(year)}-${monthDay}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
