import { describe, expect, it } from 'vitest';
import { parseBirthday } from '../src/history/birthday.js';

const NOW = new Date('2026-11-23T10:00:00Z');

const accepted: { text: string; expected: string; why: string }[] = [
  { text: '1985-03-14', expected: '1985-03-14', why: 'ISO date' },
  { text: '  1985-03-14\n', expected: '1985-03-14', why: 'surrounding whitespace' },
  { text: '--03-14', expected: '--03-14', why: 'ISO month and day without a year' },
  { text: '1985-03-14T00:00:00Z', expected: '1985-03-14', why: 'ISO date-time in UTC' },
  { text: '1985-03-14T00:00:00.000+01:00', expected: '1985-03-14', why: 'date-time with milliseconds and an offset' },
  { text: '1985-03-14T23:30:00-05:00', expected: '1985-03-14', why: 'the date as written, the offset not applied' },
  { text: '1985-03-14 00:00:00', expected: '1985-03-14', why: 'SQL-style date-time (WordPress meta)' },
  { text: '1985-03-14T08:15', expected: '1985-03-14', why: 'date-time without seconds or zone' },
  { text: '14 March 1985', expected: '1985-03-14', why: 'day, month name, year' },
  { text: '14 march', expected: '--03-14', why: 'day and month name, lower case' },
  { text: '14th of March 1985', expected: '1985-03-14', why: 'ordinal and "of"' },
  { text: '1st May', expected: '--05-01', why: 'ordinal "st"' },
  { text: '22nd Feb 1990', expected: '1990-02-22', why: 'ordinal "nd" and an abbreviation' },
  { text: '23rd Sept', expected: '--09-23', why: '"Sept"' },
  { text: '11th November', expected: '--11-11', why: '11th, not 11st' },
  { text: 'March 14', expected: '--03-14', why: 'month name first' },
  { text: 'MARCH 14', expected: '--03-14', why: 'any case' },
  { text: 'Mar 14, 1985', expected: '1985-03-14', why: 'abbreviation, comma, year' },
  { text: 'Mar. 14th 1985', expected: '1985-03-14', why: 'abbreviation with a dot, ordinal, no comma' },
  { text: 'December 31, 1999', expected: '1999-12-31', why: 'last day of a year' },
  { text: '14.03.1985', expected: '1985-03-14', why: 'day above 12 first: 14 March' },
  { text: '14/3/1985', expected: '1985-03-14', why: 'single-digit month' },
  { text: '03/14/1985', expected: '1985-03-14', why: 'day above 12 second: March 14' },
  { text: '14-03-1985', expected: '1985-03-14', why: 'dashes, day above 12' },
  { text: '04/04/1985', expected: '1985-04-04', why: 'day and month equal: one reading' },
  { text: '2000-02-29', expected: '2000-02-29', why: 'Feb 29 of a leap year (divisible by 400)' },
  { text: '1988-02-29', expected: '1988-02-29', why: 'Feb 29 of a leap year' },
  { text: '--02-29', expected: '--02-29', why: 'Feb 29 without a year is always valid' },
  { text: '29 February', expected: '--02-29', why: 'Feb 29 by name without a year' },
  { text: '1900-01-01', expected: '1900-01-01', why: 'the earliest year' },
  { text: '2026-01-05', expected: '2026-01-05', why: 'the current year' },
];

const refused: { text: unknown; why: string }[] = [
  { text: '03/04/1985', why: 'day and month both 12 or less: 3 April or March 4' },
  { text: '01.02.1990', why: 'dots, both 12 or less' },
  { text: '12-11-1990', why: 'dashes, both 12 or less' },
  { text: '03-14', why: 'month-day without the ISO "--"' },
  { text: '3-14', why: 'short month-day' },
  { text: '14/03', why: 'numeric without a year' },
  { text: '14.03.85', why: 'two-digit year' },
  { text: 'Mar 14, 85', why: 'two-digit year with a month name' },
  { text: '14/03-1985', why: 'mixed separators' },
  { text: '1985-3-14', why: 'ISO without zero padding' },
  { text: '19850314', why: 'basic ISO format without separators' },
  { text: '1985-02-29', why: 'Feb 29 of a common year' },
  { text: '1900-02-29', why: '1900 was not a leap year' },
  { text: '1985-04-31', why: 'April has 30 days' },
  { text: '--04-31', why: 'April 31 without a year' },
  { text: '--02-30', why: 'Feb 30 without a year' },
  { text: '1985-13-01', why: 'month 13' },
  { text: '1985-00-10', why: 'month 0' },
  { text: '1985-03-00', why: 'day 0' },
  { text: '32 March', why: 'day 32' },
  { text: '31.04.1985', why: 'numeric April 31' },
  { text: '13/13/1985', why: 'neither number is a month' },
  { text: '1899-12-31', why: 'before 1900' },
  { text: '2027-01-01', why: 'after the current year' },
  { text: '14 Marchh 1985', why: 'not a month name' },
  { text: 'Mars 14', why: 'French month name' },
  { text: '14st March', why: 'wrong ordinal suffix' },
  { text: '12th March 1985 maybe', why: 'trailing words' },
  { text: '1985-03-14T', why: 'a date-time cut off' },
  { text: '1985-03-14Tnoon', why: 'a date followed by anything but a time' },
  { text: '--03-14T00:00:00Z', why: 'a time on a yearless date' },
  { text: '1985-03-14T25:00:00Z', why: 'a date-time whose time is impossible' },
  { text: 'March', why: 'a month without a day' },
  { text: '1985', why: 'a year alone' },
  { text: 'ask her', why: 'words' },
  { text: '', why: 'empty' },
  { text: '   ', why: 'blank' },
  { text: `1985-03-14${' '.repeat(100)}x`, why: 'longer than a date can be' },
  { text: '١٩٨٥-٠٣-١٤', why: 'non-ASCII digits' },
  { text: 19850314, why: 'a number' },
  { text: null, why: 'null' },
  { text: undefined, why: 'undefined' },
  { text: ['1985-03-14'], why: 'a list' },
  { text: { value: '1985-03-14' }, why: 'an object' },
];

describe('parseBirthday', () => {
  it.each(accepted)('reads $text ($why)', ({ text, expected }) => {
    expect(parseBirthday(text, NOW)).toBe(expected);
  });

  it.each(refused)('refuses $text ($why)', ({ text }) => {
    expect(parseBirthday(text, NOW)).toBeNull();
  });

  it('the current year follows the clock it is given', () => {
    expect(parseBirthday('2027-01-01', new Date('2027-06-01T00:00:00Z'))).toBe('2027-01-01');
  });

  it('never throws, whatever it is given', () => {
    for (const text of ['\u0000', '--', '-'.repeat(64), 'Feb 29, 0000', '99999-01-01', '1985-03-14T99:99:99Z'.repeat(3)]) {
      expect(() => parseBirthday(text, NOW)).not.toThrow();
    }
  });
});
