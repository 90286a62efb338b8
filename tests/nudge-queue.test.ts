import { afterEach, describe, expect, it } from 'vitest';
import { and, eq, isNotNull } from 'drizzle-orm';
import { auditLog, nudges, slackOutbox } from '../src/db/schema.js';
import { runDueWork } from '../src/nudges/periodic.js';
import { openStore, type TestStore } from './helpers/store.js';

const HOUR = 3_600_000;
let store: TestStore;
afterEach(() => store.close());

const states = () => store.db.select({ id: nudges.id, state: nudges.state }).from(nudges).orderBy(nudges.id).all().map((row) => row.state);
const postedCount = () => store.db.select().from(nudges).where(isNotNull(nudges.postedAt)).all().length;
const tick = () => runDueWork(store.db, store.settings, store.clock.now);
const later = (ms: number) => {
  store.clock.now = new Date(store.clock.now.getTime() + ms);
};

describe('the daily cap', () => {
  it('posts proactive cards up to the cap minus the recovery reserve, recoveries up to the cap, and queues the rest', () => {
    store = openStore({ noise: { dailyCap: 3, recoveryReserve: 1 } });
    for (const name of ['ann', 'bob', 'cat', 'dan']) store.order(`${name}@example.com`, store.clock.now);
    expect(states()).toEqual(['pending', 'pending', 'queued', 'queued']);
    store.nps('eve@example.com', 2); // a detractor takes the reserved slot
    store.nps('fay@example.com', 1); // the cap is full: even a recovery waits
    expect(states()).toEqual(['pending', 'pending', 'queued', 'queued', 'pending', 'queued']);
    expect(postedCount()).toBe(3);
    // Only released cards are queued for Slack.
    expect(store.db.select().from(slackOutbox).all().map((row) => row.nudgeId)).toEqual([1, 2, 5]);
  });

  it('releases the queue the next day, highest priority first', () => {
    store = openStore({ noise: { dailyCap: 2, recoveryReserve: 0 }, now: '2026-03-10T20:00:00Z' });
    store.order('ann@example.com', store.clock.now);
    store.order('bob@example.com', store.clock.now);
    store.order('cat@example.com', store.clock.now);
    store.nps('dan@example.com', 0);
    expect(states()).toEqual(['pending', 'pending', 'queued', 'queued']);
    later(2 * HOUR); // 22:00, still the same day: nothing frees up
    expect(tick().touched).toEqual([]);
    later(3 * HOUR); // 01:00 the next day
    tick();
    expect(states()).toEqual(['pending', 'pending', 'pending', 'pending']);
    // Cards reach Slack in the order they were released: the outbox rows say which came first.
    const releasedOrder = store.db.select().from(slackOutbox).orderBy(slackOutbox.id).all().map((row) => row.nudgeId);
    expect(releasedOrder.slice(2)).toEqual([store.nudgeOf('dan@example.com')?.id, store.nudgeOf('cat@example.com')?.id]);
  });

  it('counts the day in the team time zone', () => {
    // 23:30 in New York (EDT) is 03:30 UTC the next day: the same New York day as 11:00 that morning.
    store = openStore({ noise: { dailyCap: 1, recoveryReserve: 0 }, timeZone: 'America/New_York', now: '2026-03-10T15:00:00Z' });
    store.order('ann@example.com', store.clock.now);
    store.clock.now = new Date('2026-03-11T03:30:00Z');
    store.order('bob@example.com', store.clock.now);
    expect(states()).toEqual(['pending', 'queued']);
    store.clock.now = new Date('2026-03-11T04:01:00Z'); // 00:01 in New York
    tick();
    expect(states()).toEqual(['pending', 'pending']);
  });
});

describe('one card per customer', () => {
  it('adds a new moment to the undecided card and raises its priority', () => {
    store = openStore();
    store.order('ann@example.com', store.clock.now);
    const card = store.nudgeOf('ann@example.com');
    store.nps('ann@example.com', 3);
    expect(store.db.select().from(nudges).all()).toHaveLength(1);
    expect(store.momentsOf('ann@example.com').map((m) => [m.kind, m.nudgeId])).toEqual([
      ['first_order', card?.id],
      ['recovery', card?.id],
    ]);
    expect(store.nudgeOf('ann@example.com')?.priority).toBeGreaterThan(card?.priority ?? 0);
  });

  it('opens a new card once the earlier one is decided', () => {
    store = openStore();
    store.order('ann@example.com', store.clock.now);
    store.db.update(nudges).set({ state: 'skipped' }).run();
    store.nps('ann@example.com', 3);
    expect(states()).toEqual(['skipped', 'pending']);
  });
});

describe('quiet hours', () => {
  const working = { startMinute: 9 * 60, endMinute: 18 * 60, days: [1, 2, 3, 4, 5] };

  it('holds cards found outside working hours until the day starts, highest priority first', () => {
    // Saturday 14 March 2026, 11:00 in Berlin.
    store = openStore({ noise: { workingHours: working }, timeZone: 'Europe/Berlin', now: '2026-03-14T10:00:00Z' });
    store.order('ann@example.com', store.clock.now);
    store.nps('bob@example.com', 1);
    expect(states()).toEqual(['queued', 'queued']);
    store.clock.now = new Date('2026-03-16T07:59:00Z'); // Monday 08:59
    tick();
    expect(states()).toEqual(['queued', 'queued']);
    store.clock.now = new Date('2026-03-16T08:00:00Z'); // Monday 09:00
    tick();
    expect(states()).toEqual(['pending', 'pending']);
    const [first] = store.db.select().from(slackOutbox).orderBy(slackOutbox.id).all();
    expect(first?.nudgeId).toBe(store.nudgeOf('bob@example.com')?.id);
  });

  it('posts recovery moments at once when configured to', () => {
    store = openStore({ noise: { workingHours: working, recoveryDuringQuietHours: true }, timeZone: 'Europe/Berlin', now: '2026-03-14T10:00:00Z' });
    store.order('ann@example.com', store.clock.now);
    store.nps('bob@example.com', 1);
    expect(states()).toEqual(['queued', 'pending']);
  });
});

describe('expiry', () => {
  it('expires a card nobody decided within 48 hours, updates it and audits it', () => {
    store = openStore();
    store.order('ann@example.com', store.clock.now);
    store.db.update(slackOutbox).set({ state: 'done' }).run();
    later(48 * HOUR - 60_000);
    tick();
    expect(states()).toEqual(['pending']);
    later(60_000);
    tick();
    expect(states()).toEqual(['expired']);
    expect(store.db.select().from(slackOutbox).where(eq(slackOutbox.state, 'pending')).all()).toHaveLength(1);
    expect(store.db.select().from(auditLog).where(eq(auditLog.action, 'expire')).get()).toMatchObject({ actor: 'delightbot', detail: { reason: 'undecided' } });
  });

  it('drops stale proactive nudges from the queue unposted, never a recovery', () => {
    store = openStore({ noise: { dailyCap: 0, recoveryReserve: 0, queueMaxWaitMs: 24 * HOUR } });
    store.order('ann@example.com', store.clock.now);
    store.nps('bob@example.com', 2);
    later(24 * HOUR);
    tick();
    expect(states()).toEqual(['expired', 'queued']);
    expect(store.db.select().from(nudges).where(and(eq(nudges.state, 'expired'), isNotNull(nudges.postedAt))).all()).toEqual([]);
    expect(store.db.select().from(slackOutbox).all()).toEqual([]);
  });
});
