import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, runMigrations, type Db, type OpenedDatabase } from '../src/db/client.js';
import { budgetMonths, customers, gestures, homeTabQueue, moments, nudges } from '../src/db/schema.js';
import { enqueueHomeRefresh, enqueueHomeRefreshForEveryone, homeRefreshOnNewDay, rememberHomeTabUser } from '../src/gestures/home-queue.js';
import { loadHomeView, type HomeSettings } from '../src/gestures/home-view.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const HOUR = 3_600_000;
const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const MANAGER = 'U0MANAGER1';
const SETTINGS: HomeSettings = {
  anyoneMayApprove: false,
  approverIds: [ALICE, BOB],
  managerIds: [MANAGER],
  monthlyBudgetCents: 100_000,
  currency: 'USD',
  timeZone: 'UTC',
  overdueMs: 48 * HOUR,
};

let dir: string;
let opened: OpenedDatabase;
let db: Db;
let sequence = 0;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'delightbot-home-'));
  opened = openDatabase(join(dir, 'delight.db'));
  runMigrations(opened);
  db = opened.db;
});
afterEach(() => {
  opened.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A posted card for a new customer, with its moments. */
function card(spec: { priority?: number; kinds?: string[]; postedAt?: Date; state?: string; firstName?: string | null; redacted?: boolean } = {}): number {
  const at = NOW.getTime();
  sequence += 1;
  const customerId = db
    .insert(customers)
    .values({ email: `c${sequence}@example.com`, firstName: spec.firstName === undefined ? `First${sequence}` : spec.firstName, lastName: spec.firstName === null ? null : 'Last', redactedAt: spec.redacted ? at : null, createdAt: at, updatedAt: at })
    .returning({ id: customers.id })
    .get().id;
  const posted = (spec.postedAt ?? NOW).getTime();
  const nudgeId = db
    .insert(nudges)
    .values({ customerId, state: spec.state ?? 'pending', priority: spec.priority ?? 50, postedAt: posted, channelId: 'C0DELIGHT01', messageTs: `1763640000.${String(sequence).padStart(6, '0')}`, createdAt: at, updatedAt: at })
    .returning({ id: nudges.id })
    .get().id;
  (spec.kinds ?? ['first_order']).forEach((kind, i) => {
    db.insert(moments).values({ customerId, nudgeId, kind, dedupeKey: `${nudgeId}-${i}`, facts: {}, proactive: true, priority: (spec.priority ?? 50) - i, foundAt: at }).run();
  });
  return nudgeId;
}

function gesture(nudgeId: number, spec: { state: string; fulfillerId?: string; approvedAt?: Date; requestedBy?: string; amountCents?: number }): void {
  const nudge = db.select().from(nudges).where(eq(nudges.id, nudgeId)).get()!;
  const at = (spec.approvedAt ?? NOW).getTime();
  db.insert(gestures)
    .values({
      nudgeId,
      customerId: nudge.customerId,
      kind: 'gift_card',
      amountCents: spec.amountCents ?? 5_000,
      currency: 'USD',
      state: spec.state,
      requestedBy: spec.requestedBy ?? ALICE,
      approvedBy: spec.state === 'requested' ? null : ALICE,
      approvedAt: spec.state === 'requested' ? null : at,
      fulfillerId: spec.fulfillerId ?? ALICE,
      closeReason: spec.state === 'failed' ? 'store API down' : null,
      budgetMonth: '2026-11',
      createdAt: at,
      updatedAt: at,
    })
    .run();
  if (spec.state !== 'requested') db.update(nudges).set({ state: 'approved' }).where(eq(nudges.id, nudgeId)).run();
}

describe('loadHomeView', () => {
  it('lists the pending cards an approver may decide, most urgent first, at most ten, counting the rest', () => {
    const ids = Array.from({ length: 12 }, (_, i) => card({ priority: 40 + i, postedAt: new Date(NOW.getTime() - i * HOUR) }));
    const urgent = card({ priority: 95, kinds: ['recovery', 'came_back'] });
    const requested = card({ priority: 99 });
    gesture(requested, { state: 'requested', requestedBy: BOB });
    card({ state: 'queued', priority: 100 });
    card({ state: 'expired', priority: 100 });

    const view = loadHomeView(db, { userId: ALICE, settings: SETTINGS }, NOW);
    expect(view.pendingDecisionsTotal).toBe(13);
    expect(view.pendingDecisions.map((item) => item.nudgeId)).toEqual([urgent, ...ids.slice(3).reverse()]);
    expect(view.pendingDecisions[0]).toMatchObject({ momentKinds: ['recovery', 'came_back'], priority: 95, card: { channelId: 'C0DELIGHT01' } });
    expect(view.waitingForManager).toBeNull();
  });

  it('lists everyone’s pending cards for anyone when no approvers are set, and none for someone who may not decide', () => {
    card();
    expect(loadHomeView(db, { userId: 'U0ANYONE01', settings: { ...SETTINGS, approverIds: [], anyoneMayApprove: true } }, NOW).pendingDecisionsTotal).toBe(1);
    const outsider = loadHomeView(db, { userId: 'U0ANYONE01', settings: SETTINGS }, NOW);
    expect(outsider).toMatchObject({ mayDecide: false, pendingDecisions: [], pendingDecisionsTotal: 0 });
  });

  it('names customers as the card does: a name, else the e-mail, nothing once erased', () => {
    card({ firstName: 'Ada' });
    card({ firstName: null });
    card({ redacted: true });
    const names = loadHomeView(db, { userId: ALICE, settings: SETTINGS }, NOW).pendingDecisions.map((item) => item.customer);
    expect(names).toEqual([
      { name: 'Ada Last', erased: false },
      { name: expect.stringMatching(/^c\d+@example\.com$/), erased: false },
      { name: null, erased: true },
    ]);
  });

  it('lists the approved and failed gestures the person makes happen, oldest first, flagging the overdue', () => {
    const old = card();
    gesture(old, { state: 'approved', approvedAt: new Date(NOW.getTime() - 72 * HOUR) });
    const failed = card();
    gesture(failed, { state: 'failed', approvedAt: new Date(NOW.getTime() - 10 * HOUR) });
    const fresh = card();
    gesture(fresh, { state: 'approved', approvedAt: new Date(NOW.getTime() - HOUR) });
    gesture(card(), { state: 'fulfilled' });
    gesture(card(), { state: 'approved', fulfillerId: BOB });

    const view = loadHomeView(db, { userId: ALICE, settings: SETTINGS }, NOW);
    expect(view.toFulfil.map((item) => [item.nudgeId, item.state, item.overdue, item.failReason])).toEqual([
      [old, 'approved', true, null],
      [failed, 'failed', false, 'store API down'],
      [fresh, 'approved', false, null],
    ]);
    expect(view.toFulfilTotal).toBe(3);
    expect(loadHomeView(db, { userId: BOB, settings: SETTINGS }, NOW).toFulfilTotal).toBe(1);
  });

  it('shows a manager the requests waiting for one, and the budget with its pace', () => {
    const asked = card();
    gesture(asked, { state: 'requested', requestedBy: BOB, amountCents: 20_000 });
    db.insert(budgetMonths).values({ month: '2026-11', currency: 'USD', limitCents: 100_000, spentCents: 90_000, createdAt: 0, updatedAt: 0 }).run();

    const view = loadHomeView(db, { userId: MANAGER, settings: SETTINGS }, NOW);
    expect(view.isManager).toBe(true);
    expect(view.waitingForManager).toEqual([expect.objectContaining({ nudgeId: asked, requestedBy: BOB, amountCents: 20_000 })]);
    expect(view.budget).toMatchObject({ month: '2026-11', limitCents: 100_000, spentCents: 90_000, leftCents: 10_000, pace: { status: 'ahead' } });
    expect(view.recentGestures).toEqual([expect.objectContaining({ nudgeId: asked, state: 'requested', requestedBy: BOB, approvedBy: null })]);
  });

  it('shows the budget as configured before anything was spent this month', () => {
    const view = loadHomeView(db, { userId: ALICE, settings: SETTINGS }, new Date('2026-12-01T00:30:00Z'));
    expect(view.budget).toMatchObject({ month: '2026-12', limitCents: 100_000, spentCents: 0, leftCents: 100_000 });
  });

  it('keeps the team’s last ten gestures, newest first', () => {
    const ids = Array.from({ length: 12 }, () => {
      const id = card();
      gesture(id, { state: 'fulfilled' });
      return id;
    });
    expect(loadHomeView(db, { userId: ALICE, settings: SETTINGS }, NOW).recentGestures.map((item) => item.nudgeId)).toEqual(ids.slice(2).reverse());
  });
});

describe('Home tab refresh queue', () => {
  const rows = () => Object.fromEntries(db.select().from(homeTabQueue).all().map((row) => [row.userId, row]));

  it('queues everyone who uses the tab, except those given up on, and keeps a retry’s wait', () => {
    rememberHomeTabUser(db, ALICE, NOW);
    rememberHomeTabUser(db, BOB, NOW);
    db.update(homeTabQueue).set({ state: 'pending', nextAttemptAt: NOW.getTime() + 60_000, attempts: 3 }).where(eq(homeTabQueue.userId, BOB)).run();
    enqueueHomeRefresh(db, ['U0GONE0001'], NOW);
    db.update(homeTabQueue).set({ state: 'dead' }).where(eq(homeTabQueue.userId, 'U0GONE0001')).run();

    const later = new Date(NOW.getTime() + 1_000);
    expect(enqueueHomeRefreshForEveryone(db, later)).toBe(2);
    expect(rows()[ALICE]).toMatchObject({ state: 'pending', attempts: 0, nextAttemptAt: later.getTime(), generation: 1 });
    expect(rows()[BOB]).toMatchObject({ state: 'pending', attempts: 3, nextAttemptAt: NOW.getTime() + 60_000, generation: 1 });
    expect(rows()['U0GONE0001']).toMatchObject({ state: 'dead' });

    // Opening the tab again brings someone given up on back.
    rememberHomeTabUser(db, 'U0GONE0001', later);
    expect(rows()['U0GONE0001']).toMatchObject({ state: 'done', attempts: 0 });
  });

  it('queues every tab on the first tick of a new day in the team’s time zone, once', () => {
    rememberHomeTabUser(db, ALICE, NOW);
    const onNewDay = homeRefreshOnNewDay('America/New_York');
    expect(onNewDay(db, new Date('2026-11-21T04:58:00Z'))).toBe(0);
    expect(onNewDay(db, new Date('2026-11-21T04:59:00Z'))).toBe(0);
    expect(onNewDay(db, new Date('2026-11-21T05:00:00Z'))).toBe(1);
    expect(onNewDay(db, new Date('2026-11-21T05:01:00Z'))).toBe(0);
    expect(rows()[ALICE]?.state).toBe('pending');
  });
});
