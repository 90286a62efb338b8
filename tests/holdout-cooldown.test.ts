import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { gestures, holdoutGroups, moments, nudges } from '../src/db/schema.js';
import { approveNudge } from '../src/gestures/decide.js';
import { hashesIntoHoldout } from '../src/nudges/holdout.js';
import { openStore, type TestStore } from './helpers/store.js';

const DAY = 86_400_000;
let store: TestStore;
afterEach(() => store.close());

const groupOf = (email: string) => store.db.select().from(holdoutGroups).where(eq(holdoutGroups.customerId, store.customerId(email))).get()?.grp;

describe('the holdout', () => {
  it('records a held-out customer’s proactive moments without posting them, and always helps them when unhappy', () => {
    store = openStore({ holdoutShare: 1 });
    store.order('ann@example.com', store.clock.now);
    expect(groupOf('ann@example.com')).toBe('holdout');
    expect(store.momentsOf('ann@example.com')).toMatchObject([{ kind: 'first_order', suppressed: 'holdout', nudgeId: null }]);
    expect(store.db.select().from(nudges).all()).toEqual([]);
    store.nps('ann@example.com', 2);
    expect(store.momentsOf('ann@example.com')[1]).toMatchObject({ kind: 'recovery', suppressed: null });
    expect(store.nudgeOf('ann@example.com')?.state).toBe('pending');
  });

  it('never changes an assignment, even when the share does', () => {
    store = openStore({ holdoutShare: 0 });
    store.order('ann@example.com', store.clock.now);
    expect(groupOf('ann@example.com')).toBe('treatment');
    store.db.update(nudges).set({ state: 'skipped' }).run();
    (store.settings.playbook.holdout as { share: number }).share = 1;
    store.clock.now = new Date(store.clock.now.getTime() + DAY);
    store.order('ann@example.com', store.clock.now);
    expect(groupOf('ann@example.com')).toBe('treatment');
    expect(store.momentsOf('ann@example.com').map((m) => m.suppressed)).toEqual([null, null]);
  });

  it('is not assigned by a recovery moment: only an eligible proactive one assigns', () => {
    store = openStore({ holdoutShare: 1 });
    store.nps('ann@example.com', 0);
    expect(groupOf('ann@example.com')).toBeUndefined();
  });

  it('hashes about the configured share of customers into the holdout, deterministically per salt', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => i + 1);
    const held = ids.filter((id) => hashesIntoHoldout(id, 'salt-a', 0.1)).length / ids.length;
    // 20,000 draws at p = 0.1: the standard error is 0.21 percentage points; ±1 point is ~5 standard errors.
    expect(held).toBeGreaterThan(0.09);
    expect(held).toBeLessThan(0.11);
    expect(ids.filter((id) => hashesIntoHoldout(id, 'salt-a', 0.1))).toEqual(ids.filter((id) => hashesIntoHoldout(id, 'salt-a', 0.1)));
    const other = ids.filter((id) => hashesIntoHoldout(id, 'salt-b', 0.1));
    expect(other).not.toEqual(ids.filter((id) => hashesIntoHoldout(id, 'salt-a', 0.1)));
    expect(ids.some((id) => hashesIntoHoldout(id, 'salt-a', 0))).toBe(false);
    expect(ids.every((id) => hashesIntoHoldout(id, 'salt-a', 1))).toBe(true);
  });
});

describe('the cooldown after a gesture', () => {
  const settings = {
    anyoneMayApprove: true,
    approverIds: [],
    managerIds: [],
    gestureLimitCents: 10_000,
    currency: 'USD',
    monthlyBudgetCents: 100_000,
    timeZone: 'UTC',
    approverMonthlyLimitCents: null,
    customerCooldownMs: 30 * DAY,
    paceMarginShare: 0.1,
    lowPriorityBelow: 55,
  };

  function approveAnn(): void {
    store.order('ann@example.com', store.clock.now);
    const nudge = store.nudgeOf('ann@example.com');
    expect(approveNudge(store.db, { nudgeId: nudge?.id ?? -1, actorId: 'U0ALICE001', amountCents: 5_000, kind: 'gift' }, settings, store.clock.now).outcome).toBe('approved');
  }

  it('records but does not post a proactive moment within 30 days of a gesture', () => {
    store = openStore();
    approveAnn();
    store.clock.now = new Date(store.clock.now.getTime() + 29 * DAY);
    store.order('ann@example.com', store.clock.now); // her comeback
    expect(store.momentsOf('ann@example.com').map((m) => [m.kind, m.suppressed])).toEqual([
      ['first_order', null],
      ['came_back', 'cooldown'],
    ]);
    expect(store.db.select().from(nudges).all()).toHaveLength(1);
  });

  it('lets a recovery through the cooldown, and proactive moments after it', () => {
    store = openStore();
    approveAnn();
    store.clock.now = new Date(store.clock.now.getTime() + 2 * DAY);
    store.nps('ann@example.com', 1);
    expect(store.nudgeOf('ann@example.com')?.state).toBe('pending');
    store.db.update(nudges).set({ state: 'skipped' }).where(eq(nudges.state, 'pending')).run();
    store.clock.now = new Date(store.clock.now.getTime() + 29 * DAY);
    store.order('ann@example.com', store.clock.now);
    expect(store.db.select({ kind: moments.kind, suppressed: moments.suppressed }).from(moments).all().at(-1)).toEqual({ kind: 'came_back', suppressed: null });
    expect(store.db.select().from(gestures).all()).toHaveLength(1);
  });
});
