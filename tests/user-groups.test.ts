import { afterEach, describe, expect, it } from 'vitest';
import { auditLog, gestures, nudges } from '../src/db/schema.js';
import { ActionId } from '../src/slack/ids.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const ALICE = 'U0ALICE001';
const BOB = 'U0BOB00001';
const MANAGER = 'U0MANAGER1';
const APPROVER_GROUP = 'S0APPROVERS';
const MANAGER_GROUP = 'S0MANAGERS';

let h: Harness;

afterEach(async () => {
  await h.close();
});

/**
 * Starts the app with approvers and managers given only as user groups (the
 * stand-in knows their members before the app reads them at start), sends one
 * first order and waits for its card.
 */
async function withCard(env: Record<string, string>): Promise<{ nudgeId: string; ts: string }> {
  h = await startHarness(
    { DELIGHT_APPROVER_IDS: '', DELIGHT_MANAGER_IDS: '', DELIGHT_APPROVER_GROUP: APPROVER_GROUP, ...env },
    {
      prepareStandIn: (standIn) => {
        standIn.setUserGroup(APPROVER_GROUP, [ALICE]);
        standIn.setUserGroup(MANAGER_GROUP, [MANAGER]);
      },
    },
  );
  h.clock.now = new Date('2026-11-20T12:00:00Z');
  const order = shopifyOrder({ id: 8001, number: 8001, email: 'grouped@example.com', firstName: 'Group', lastName: 'Member', customerId: 801, total: '25.00' });
  expect((await h.postShopify('orders/create', order)).status).toBe(200);
  await h.standIn.waitFor(() => h.standIn.messages.length === 1 || undefined);
  await h.running.outbox.idle();
  const row = h.running.db.select().from(nudges).get();
  return { nudgeId: String(row?.id), ts: String(row?.messageTs) };
}

const ephemeralFor = (user: string, index = 0) => h.standIn.waitFor(() => h.standIn.ephemerals.filter((e) => e.user === user)[index]);

describe('approver and manager user groups', () => {
  it('reads the groups at start: a member of the approver group approves, anyone else is refused privately', async () => {
    const card = await withCard({});
    expect(h.standIn.callsTo('usergroups.users.list').map((call) => String(call.args['usergroup']))).toEqual([APPROVER_GROUP]);

    await h.clickButton({ actionId: ActionId.approveSmall, value: card.nudgeId, userId: BOB, messageTs: card.ts });
    const refusal = await ephemeralFor(BOB);
    expect(refusal.text).toContain('Only approvers can approve gestures');
    expect(refusal.text).toContain(`<@${ALICE}>`);
    expect(refusal.channel).toBe(h.config.channelId);
    await h.running.outbox.idle();
    expect(h.standIn.callsTo('chat.update')).toHaveLength(0);
    expect(h.running.db.select().from(nudges).get()).toMatchObject({ state: 'pending', decidedBy: null });
    expect(h.running.db.select().from(gestures).all()).toEqual([]);

    await h.clickButton({ actionId: ActionId.approveSmall, value: card.nudgeId, userId: ALICE, messageTs: card.ts });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    expect(h.running.db.select().from(nudges).get()).toMatchObject({ state: 'approved', decidedBy: ALICE });
    expect(h.running.db.select().from(gestures).get()).toMatchObject({ state: 'approved', approvedBy: ALICE });
    expect(h.standIn.ephemerals.filter((e) => e.user === ALICE)).toEqual([]);
    const audit = h.running.db.select().from(auditLog).all();
    expect(audit.map((row) => [row.action, row.actor, row.detail?.['code'] ?? null])).toEqual([
      ['approve_refused', BOB, 'not_an_approver'],
      ['approve', ALICE, null],
    ]);
  });

  it('lets a member of the manager group approve above the per-gesture limit', async () => {
    const card = await withCard({ DELIGHT_GESTURE_LIMIT: '50', DELIGHT_MANAGER_GROUP: MANAGER_GROUP });

    await h.clickButton({ actionId: ActionId.approveLarge, value: card.nudgeId, userId: ALICE, messageTs: card.ts });
    const escalated = await ephemeralFor(ALICE);
    expect(escalated.text).toContain('$100 is above the $50 per-gesture limit');
    expect(escalated.text).toContain(`<@${MANAGER}>`);
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 1 || undefined);
    expect(h.running.db.select().from(gestures).get()).toMatchObject({ state: 'requested', requestedBy: ALICE, approvedBy: null });

    await h.clickButton({ actionId: ActionId.approveRequest, value: card.nudgeId, userId: MANAGER, messageTs: card.ts });
    await h.standIn.waitFor(() => h.standIn.callsTo('chat.update').length === 2 || undefined);
    expect(JSON.stringify(h.standIn.messages[0]?.blocks)).toContain(`<@${MANAGER}> approved a *$100 gesture*`);
    expect(h.running.db.select().from(gestures).get()).toMatchObject({ state: 'approved', amountCents: 10_000, approvedBy: MANAGER, requestedBy: ALICE });
  });
});
