import { afterEach, describe, expect, it } from 'vitest';
import { immediate } from '../src/db/client.js';
import { jobRuns, nudges } from '../src/db/schema.js';
import { redactCustomer } from '../src/history/privacy/redact.js';
import type { DomainEvent } from '../src/history/events.js';
import { runDueWork } from '../src/nudges/periodic.js';
import { openStore, type TestStore } from './helpers/store.js';

let store: TestStore;
afterEach(() => store.close());

const tick = () => runDueWork(store.db, store.settings, store.clock.now);
const at = (iso: string) => {
  store.clock.now = new Date(iso);
};
const kinds = (email: string) => store.momentsOf(email).map((moment) => moment.kind);

function payment(email: string, status: 'succeeded' | 'failed', cents: number, occurredAt: string, extra: Partial<DomainEvent> = {}): void {
  store.apply({ type: 'payment_recorded', source: 'stripe', externalId: `ch_${Math.random().toString(36).slice(2)}`, customer: { email }, status, amountCents: cents, currency: 'USD', occurredAt: new Date(occurredAt), ...extra } as DomainEvent);
}

describe('the frequent scan', () => {
  it('follows up a failed payment once nothing succeeded within the hour, once', () => {
    store = openStore({ now: '2026-03-10T12:00:00Z' });
    payment('ann@example.com', 'failed', 4_000, '2026-03-10T12:00:00Z');
    at('2026-03-10T12:59:00Z');
    tick();
    expect(kinds('ann@example.com')).toEqual([]);
    at('2026-03-10T13:01:00Z');
    const first = tick();
    expect(kinds('ann@example.com')).toEqual(['payment_trouble']);
    expect(first.touched).toEqual([store.nudgeOf('ann@example.com')?.id]);
    at('2026-03-10T13:02:00Z');
    expect(tick().touched).toEqual([]);
  });

  it('stays silent when the customer paid after all', () => {
    store = openStore({ now: '2026-03-10T12:00:00Z' });
    payment('ann@example.com', 'failed', 4_000, '2026-03-10T12:00:00Z');
    at('2026-03-10T12:10:00Z');
    payment('ann@example.com', 'succeeded', 4_000, '2026-03-10T12:10:00Z');
    at('2026-03-10T14:00:00Z');
    tick();
    expect(kinds('ann@example.com')).toEqual([]);
  });

  it('finds a duplicate charge after its window, and posts it even for a held-out customer', () => {
    store = openStore({ now: '2026-03-10T12:00:00Z', holdoutShare: 1 });
    payment('ann@example.com', 'succeeded', 2_500, '2026-03-10T12:00:00Z');
    payment('ann@example.com', 'succeeded', 2_500, '2026-03-10T12:02:00Z', { source: 'generic', externalId: 'pay-77' });
    at('2026-03-10T12:11:00Z'); // the second charge's window is still open: another report of it may come
    tick();
    expect(kinds('ann@example.com')).toEqual([]);
    at('2026-03-10T12:13:00Z');
    tick();
    expect(kinds('ann@example.com')).toEqual(['duplicate_charge']);
    expect(store.nudgeOf('ann@example.com')?.state).toBe('pending');
  });

  it('finds an overpayment on an order', () => {
    store = openStore({ now: '2026-03-10T12:00:00Z' });
    store.order('ann@example.com', '2026-03-10T11:59:00Z', { externalId: 'ord-9', totalCents: 4_000 });
    payment('ann@example.com', 'succeeded', 4_500, '2026-03-10T12:00:00Z', { orderExternalId: 'ord-9' });
    at('2026-03-10T12:30:00Z');
    tick();
    expect(kinds('ann@example.com')).toEqual(['first_order', 'overpayment']);
  });

  it('notices a ticket left waiting past 72 hours, once, and not a stale one', () => {
    // t0 is opened (and reported, so nothing is late yet) before the first scan's reach, 7 days + 72 h back from 2026-03-13T11:59.
    store = openStore({ now: '2026-03-03T11:00:00Z' });
    const ticket = (id: string) =>
      store.apply({ type: 'ticket_changed', source: 'zendesk', externalId: id, customer: { email: `${id}@example.com` }, change: 'opened', status: 'open', subject: 'Where is my parcel?', occurredAt: store.clock.now });
    ticket('t0');
    at('2026-03-10T12:00:00Z');
    ticket('t1');
    at('2026-03-13T11:59:00Z');
    tick();
    expect(kinds('t1@example.com')).toEqual([]);
    at('2026-03-13T12:01:00Z');
    tick();
    expect(kinds('t1@example.com')).toEqual(['recovery']);
    expect(store.momentsOf('t1@example.com')[0]?.facts).toMatchObject({ reason: 'ticket_open_too_long' });
    at('2026-03-13T13:00:00Z');
    tick();
    expect(kinds('t1@example.com')).toEqual(['recovery']);
    expect(kinds('t0@example.com')).toEqual([]);
  });
});

describe('the daily scan', () => {
  it('celebrates a birthday in the team morning, once a day', () => {
    store = openStore({ now: '2026-02-01T12:00:00Z' });
    store.order('ann@example.com', '2026-02-01T12:00:00Z', { customer: { email: 'ann@example.com', birthday: '1990-03-10' } });
    at('2026-03-10T08:59:00Z');
    expect(tick().dailyScanRan).toBe(false);
    at('2026-03-10T09:00:00Z');
    expect(tick().dailyScanRan).toBe(true);
    expect(kinds('ann@example.com')).toEqual(['first_order', 'birthday']);
    at('2026-03-10T15:00:00Z');
    expect(tick().dailyScanRan).toBe(false);
    expect(store.db.select().from(jobRuns).all()).toMatchObject([{ job: 'daily_scan', period: '2026-03-10' }]);
    // An erasure takes the date out of the moment too: a birthday is personal data.
    expect(JSON.stringify(store.momentsOf('ann@example.com')[1]?.facts)).toContain('03-10');
    immediate(store.db, (tx) => redactCustomer(tx, store.customerId('ann@example.com'), 'test', store.clock.now));
    expect(JSON.stringify(store.momentsOf('ann@example.com').map((moment) => moment.facts))).not.toMatch(/03-10|birthday/);
  });

  it('remembers the first order a year on, and a lapsed regular within a week of lapsing', () => {
    store = openStore({ now: '2025-03-10T12:00:00Z' });
    store.order('ann@example.com', '2025-03-10T12:00:00Z');
    // Bob orders monthly, his last order 63 days before the scan: he lapsed 3 days ago.
    // Their orders arrive as they are placed; their first-order cards are decided long before the scan.
    for (const day of ['2025-11-07', '2025-12-07', '2026-01-06']) {
      at(`${day}T12:00:00Z`);
      store.order('bob@example.com', store.clock.now);
      store.db.update(nudges).set({ state: 'skipped' }).run();
    }
    // Cy lapsed a year ago, as an import would show: no card.
    for (const day of ['2024-01-01', '2024-02-01', '2024-03-01']) {
      at(`${day}T12:00:00Z`);
      store.order('cy@example.com', store.clock.now);
      store.db.update(nudges).set({ state: 'skipped' }).run();
    }
    at('2026-03-10T10:00:00Z');
    tick();
    expect(kinds('ann@example.com')).toContain('first_order_anniversary');
    expect(kinds('bob@example.com')).toEqual(['first_order', 'came_back', 'lapsed']);
    expect(kinds('cy@example.com')).toEqual(['first_order', 'came_back']);
  });
});

