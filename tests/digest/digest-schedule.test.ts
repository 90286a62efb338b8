import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { digests, jobRuns } from '../../src/db/schema.js';
import { cronExpression, type WeeklySchedule } from '../../src/digest/week.js';
import { claimWeeklyDigest, noteFirstStart, type WeeklyDigestSettings } from '../../src/digest/weekly.js';
import { digestTasks } from '../../src/jobs/digest.js';
import { openDigestHistory, type DigestHistory } from '../helpers/digest-history.js';

/**
 * The real digest jobs (node-cron in the team's time zone plus the sweep)
 * driven by fake timers through four weeks in Berlin: a restart mid-week, a
 * Monday the process was down for, and the end of summer time.
 */
const MONDAY_9: WeeklySchedule = { isoWeekday: 1, minuteOfDay: 9 * 60 };
const SETTINGS: WeeklyDigestSettings = {
  channelId: 'C0DIGEST01',
  schedule: MONDAY_9,
  timeZone: 'Europe/Berlin',
  monthlyBudgetCents: 100_000,
  currency: 'USD',
  overdueMs: 72 * 3_600_000,
  repeatWindowDays: 60,
};

let history: DigestHistory;
let jobs: { stop(): void } | null = null;
let claims: { week: string; at: string }[];

function start(settings: WeeklyDigestSettings = SETTINGS): void {
  const runIfDue = () => {
    const week = claimWeeklyDigest(history.db, settings, new Date());
    if (week) claims.push({ week, at: new Date().toISOString() });
  };
  const tasks = digestTasks(
    // The sweep runs hourly here (every minute in the app) so four weeks of fake time stay quick; 09:00 itself comes from the cron.
    { runIfDue, cron: cronExpression(settings.schedule), timeZone: settings.timeZone, sweepCron: '17 * * * *' },
    pino({ level: 'silent' }),
  );
  jobs = { stop: () => tasks.forEach((task) => void task.stop()) };
}

async function advanceTo(iso: string): Promise<void> {
  await vi.advanceTimersByTimeAsync(new Date(iso).getTime() - Date.now());
}

function stop(): void {
  jobs?.stop();
  jobs = null;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  history = openDigestHistory();
  claims = [];
});

afterEach(() => {
  stop();
  vi.useRealTimers();
  history.close();
});

describe('the weekly digest schedule', () => {
  it('claims each ISO week once at 09:00 local, through a restart, a missed Monday and the end of summer time', async () => {
    vi.setSystemTime(new Date('2026-10-12T06:00:00Z')); // Monday 08:00 in Berlin (summer time)
    start();
    await advanceTo('2026-10-12T08:00:00Z');
    expect(claims).toEqual([{ week: '2026-W42', at: '2026-10-12T07:00:00.000Z' }]);

    // A restart on Wednesday finds the week taken.
    await advanceTo('2026-10-14T10:00:00Z');
    stop();
    start();
    await advanceTo('2026-10-19T07:30:00Z'); // Monday Oct 19, 09:30 local
    expect(claims.map((claim) => claim.week)).toEqual(['2026-W42', '2026-W43']);
    expect(claims[1]?.at).toBe('2026-10-19T07:00:00.000Z');

    // Down from Sunday Oct 25 (summer time ends that night) until Tuesday: the missed digest goes out at start.
    await advanceTo('2026-10-25T00:00:00Z');
    stop();
    vi.setSystemTime(new Date('2026-10-27T10:00:00Z'));
    start();
    expect(claims.at(-1)).toEqual({ week: '2026-W44', at: '2026-10-27T10:00:00.000Z' });

    // Winter time: 09:00 in Berlin is now 08:00 UTC.
    await advanceTo('2026-11-02T08:30:00Z');
    expect(claims.map((claim) => claim.week)).toEqual(['2026-W42', '2026-W43', '2026-W44', '2026-W45']);
    expect(claims.at(-1)?.at).toBe('2026-11-02T08:00:00.000Z');
    expect(history.db.select().from(digests).all().map((row) => row.week)).toEqual(['2026-W42', '2026-W43', '2026-W44', '2026-W45']);
  });

  it('posts a week missed entirely never, and the current week right away', () => {
    noteFirstStart(history.db, new Date('2026-09-01T12:00:00Z')); // running since September, then down for W44
    vi.setSystemTime(new Date('2026-11-04T12:00:00Z')); // Wednesday of W45; W44 was never claimed
    start();
    expect(claims).toEqual([{ week: '2026-W45', at: '2026-11-04T12:00:00.000Z' }]);
    expect(history.db.select().from(jobRuns).all().map((row) => row.period)).toEqual(['2026-W45:C0DIGEST01']);
  });

  it('waits for the next Monday when first started after this week\'s time, and a restart does not change that', async () => {
    vi.setSystemTime(new Date('2026-11-04T12:00:00Z')); // Wednesday of W45: installed today
    noteFirstStart(history.db, new Date());
    start();
    await advanceTo('2026-11-06T12:00:00Z');
    stop();
    noteFirstStart(history.db, new Date()); // a restart on Friday
    start();
    expect(claims).toEqual([]);
    await advanceTo('2026-11-09T08:30:00Z'); // Monday 09:30 in Berlin
    expect(claims).toEqual([{ week: '2026-W46', at: '2026-11-09T08:00:00.000Z' }]);
  });

  it('posts this week\'s digest when first started on Monday before its time', async () => {
    vi.setSystemTime(new Date('2026-11-09T07:00:00Z')); // Monday 08:00 in Berlin
    noteFirstStart(history.db, new Date());
    start();
    await advanceTo('2026-11-09T08:30:00Z');
    expect(claims).toEqual([{ week: '2026-W46', at: '2026-11-09T08:00:00.000Z' }]);
  });

  it('keeps one digest per week and channel when two schedulers share the database', async () => {
    vi.setSystemTime(new Date('2026-11-30T07:59:00Z'));
    start();
    const first = jobs;
    start(); // a second instance started by mistake
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    first?.stop();
    expect(claims).toEqual([{ week: '2026-W49', at: '2026-11-30T08:00:00.000Z' }]);
    // Another channel is another digest.
    start({ ...SETTINGS, channelId: 'C0OTHER001' });
    expect(claims.map((claim) => claim.week)).toEqual(['2026-W49', '2026-W49']);
    expect(history.db.select().from(digests).all().map((row) => row.channelId).sort()).toEqual(['C0DIGEST01', 'C0OTHER001']);
  });
});
