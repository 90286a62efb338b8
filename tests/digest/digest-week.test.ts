import { describe, expect, it } from 'vitest';
import { parseWeeklySchedule, formatWeeklySchedule } from '../../src/digest/schedule-text.js';
import { cronExpression, digestPeriod, isDigestDue, isoWeekOf, startOfLocalDate } from '../../src/digest/week.js';

const HOUR = 3_600_000;
const MONDAY_9 = { isoWeekday: 1, minuteOfDay: 9 * 60 };

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01', '2026-W01', 4],
    ['2026-11-30', '2026-W49', 1],
    ['2026-12-31', '2026-W53', 4],
    ['2027-01-03', '2026-W53', 7],
    ['2027-01-04', '2027-W01', 1],
    ['2024-12-30', '2025-W01', 1],
    ['2021-01-03', '2020-W53', 7],
  ])('%s is in %s, weekday %i', (day, week, isoWeekday) => {
    expect(isoWeekOf(day)).toEqual({ week, isoWeekday });
  });
});

describe('the digest period', () => {
  it('is the seven local days before the Monday of the current week', () => {
    const period = digestPeriod(new Date('2026-11-30T08:00:00Z'), 'Europe/Berlin');
    expect(period).toMatchObject({ week: '2026-W49', firstDay: '2026-11-23', lastDay: '2026-11-29' });
    expect(period.start.toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(period.end.toISOString()).toBe('2026-11-29T23:00:00.000Z');
    expect(period.baselineStart.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('is the same week all week long, until the next Monday starts locally', () => {
    const sunday = digestPeriod(new Date('2026-12-06T22:59:00Z'), 'Europe/Berlin');
    const monday = digestPeriod(new Date('2026-12-06T23:00:00Z'), 'Europe/Berlin');
    expect(sunday.week).toBe('2026-W49');
    expect(monday.week).toBe('2026-W50');
  });

  it('lasts 169 hours over the autumn change and 167 over the spring change', () => {
    const autumn = digestPeriod(new Date('2026-10-26T08:00:00Z'), 'Europe/Berlin');
    expect((autumn.end.getTime() - autumn.start.getTime()) / HOUR).toBe(169);
    const spring = digestPeriod(new Date('2026-03-09T14:00:00Z'), 'America/New_York');
    expect((spring.end.getTime() - spring.start.getTime()) / HOUR).toBe(167);
  });

  it.each([
    ['Pacific/Kiritimati', '2026-11-30', '2026-11-29T10:00:00.000Z'],
    ['Pacific/Pago_Pago', '2026-11-30', '2026-11-30T11:00:00.000Z'],
    ['Asia/Kolkata', '2026-11-30', '2026-11-29T18:30:00.000Z'],
    ['America/Sao_Paulo', '2026-11-30', '2026-11-30T03:00:00.000Z'],
  ])('local midnight in %s on %s is %s', (zone, day, instant) => {
    expect(startOfLocalDate(day, zone).toISOString()).toBe(instant);
  });
});

describe('when the digest is due', () => {
  it('is due from the scheduled local minute to the end of the ISO week', () => {
    expect(isDigestDue(new Date('2026-11-30T07:59:00Z'), 'Europe/Berlin', MONDAY_9)).toBe(false);
    expect(isDigestDue(new Date('2026-11-30T08:00:00Z'), 'Europe/Berlin', MONDAY_9)).toBe(true);
    expect(isDigestDue(new Date('2026-12-04T12:00:00Z'), 'Europe/Berlin', MONDAY_9)).toBe(true);
    expect(isDigestDue(new Date('2026-12-06T22:59:00Z'), 'Europe/Berlin', MONDAY_9)).toBe(true);
    expect(isDigestDue(new Date('2026-12-06T23:00:00Z'), 'Europe/Berlin', MONDAY_9)).toBe(false);
  });

  it('is due after a time the clock skips in spring and once in a week with a repeated hour', () => {
    const sunday230 = { isoWeekday: 7, minuteOfDay: 2 * 60 + 30 };
    // Berlin, Sunday March 29 2026: 02:00 jumps to 03:00, so 02:30 never happens.
    expect(isDigestDue(new Date('2026-03-29T00:59:00Z'), 'Europe/Berlin', sunday230)).toBe(false);
    expect(isDigestDue(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin', sunday230)).toBe(true);
    // October 25: 02:30 happens twice; it is due from the first and stays due (the week is claimed once).
    expect(isDigestDue(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin', sunday230)).toBe(true);
    expect(isDigestDue(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin', sunday230)).toBe(true);
  });
});

describe('the schedule setting', () => {
  it.each([
    ['Mon 09:00', { isoWeekday: 1, minuteOfDay: 540 }, '0 9 * * 1'],
    ['friday 16:30', { isoWeekday: 5, minuteOfDay: 990 }, '30 16 * * 5'],
    ['SUN 7:05', { isoWeekday: 7, minuteOfDay: 425 }, '5 7 * * 0'],
  ])('reads "%s"', (text, schedule, cron) => {
    expect(parseWeeklySchedule(text)).toEqual({ ok: true, schedule });
    expect(cronExpression(schedule)).toBe(cron);
  });

  it('reads "off" as no digest and shows a schedule back', () => {
    expect(parseWeeklySchedule(' off ')).toEqual({ ok: true, schedule: null });
    expect(formatWeeklySchedule({ isoWeekday: 1, minuteOfDay: 540 })).toBe('Mon 09:00');
  });

  it.each(['Monday', '09:00', 'Mon 24:00', 'Mon 9:60', 'Mo 09:00', 'every monday'])('rejects "%s" with what it expects', (text) => {
    const parsed = parseWeeklySchedule(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain('such as "Mon 09:00"');
  });
});
