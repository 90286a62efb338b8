import { describe, expect, it } from 'vitest';
import { addDays, isWorkingTime, localTime, startOfLocalDate, startOfLocalDay } from '../src/nudges/local-time.js';

describe('local time in the team time zone', () => {
  it.each([
    ['a plain day in UTC', '2026-03-10T15:00:00Z', 'UTC', '2026-03-10T00:00:00Z'],
    ['New York, standard time', '2026-01-15T03:00:00Z', 'America/New_York', '2026-01-14T05:00:00Z'],
    ['New York, the spring-forward day (23 hours)', '2026-03-08T20:00:00Z', 'America/New_York', '2026-03-08T05:00:00Z'],
    ['New York, the day after spring-forward', '2026-03-09T20:00:00Z', 'America/New_York', '2026-03-09T04:00:00Z'],
    ['New York, the fall-back day (25 hours)', '2026-11-01T20:00:00Z', 'America/New_York', '2026-11-01T04:00:00Z'],
    ['Berlin, the spring-forward day', '2026-03-29T12:00:00Z', 'Europe/Berlin', '2026-03-28T23:00:00Z'],
    ['Kolkata, a half-hour offset', '2026-03-10T20:00:00Z', 'Asia/Kolkata', '2026-03-10T18:30:00Z'],
  ])('%s', (_name, at, zone, midnight) => {
    expect(startOfLocalDay(new Date(at), zone).toISOString()).toBe(new Date(midnight).toISOString());
  });

  it.each([
    ['Pago Pago (UTC−11)', 'Pacific/Pago_Pago', '2026-11-30', '2026-11-30T11:00:00Z'],
    ['Kiritimati (UTC+14)', 'Pacific/Kiritimati', '2026-11-30', '2026-11-29T10:00:00Z'],
    // Samoa skipped 30 December 2011 when it crossed the date line: the day is empty, starting where the 31st does.
    ['Apia, a day the calendar skipped', 'Pacific/Apia', '2011-12-30', '2011-12-30T10:00:00Z'],
    ['Apia, the day after the skip', 'Pacific/Apia', '2011-12-31', '2011-12-30T10:00:00Z'],
  ])('local midnight of a date: %s', (_name, zone, dateKey, midnight) => {
    expect(startOfLocalDate(dateKey, zone).toISOString()).toBe(new Date(midnight).toISOString());
  });

  it('counts dates by the calendar, past the end of year 9999 too', () => {
    expect([addDays('2026-02-28', 1), addDays('2028-02-28', 1), addDays('2026-03-01', -1), addDays('9999-12-31', 1)]).toEqual(['2026-03-01', '2028-02-29', '2026-02-28', '10000-01-01']);
  });

  it('reads the local date, weekday and minute', () => {
    // Monday 9 March 2026, 23:30 in New York (EDT) is Tuesday 03:30 UTC.
    expect(localTime(new Date('2026-03-10T03:30:00Z'), 'America/New_York')).toEqual({ dateKey: '2026-03-09', weekday: 1, minuteOfDay: 23 * 60 + 30 });
  });

  it('knows working hours by weekday and minute, and "always" when none are set', () => {
    const hours = { startMinute: 9 * 60, endMinute: 18 * 60, days: [1, 2, 3, 4, 5] };
    const berlin = (iso: string) => isWorkingTime(new Date(iso), hours, 'Europe/Berlin');
    expect(berlin('2026-03-16T07:59:00Z')).toBe(false); // Monday 08:59
    expect(berlin('2026-03-16T08:00:00Z')).toBe(true); // Monday 09:00
    expect(berlin('2026-03-16T16:59:00Z')).toBe(true); // Monday 17:59
    expect(berlin('2026-03-16T17:00:00Z')).toBe(false); // Monday 18:00
    expect(berlin('2026-03-14T10:00:00Z')).toBe(false); // Saturday
    expect(isWorkingTime(new Date('2026-03-14T03:00:00Z'), null, 'Europe/Berlin')).toBe(true);
  });
});
