import type { Db } from '../db/client.js';
import type { RecordOutcome } from '../history/record-event.js';
import type { RecordedOrder } from '../history/record-order.js';
import { loadCustomerHistory } from './history-snapshot.js';
import type { MomentKind, MomentSuggestion } from './moment.js';
import { placeAll, type PlacementSettings } from './placement.js';
import { cameBack } from './rules/came-back.js';
import { lifetimeSpend } from './rules/lifetime-spend.js';
import { orderMilestone } from './rules/order-milestone.js';
import { promoter } from './rules/promoter.js';
import { recovery } from './rules/recovery.js';
import { surprise } from './rules/surprise.js';
import { unneededExpress } from './rules/unneeded-express.js';

export interface NudgeSettings extends PlacementSettings {
  /** Uniform in [0, 1), like Math.random; the composition root supplies it, tests pin it. */
  random: () => number;
}

/**
 * Runs the order-time rules (first order and milestones, came back, lifetime
 * spend, unneeded express, surprise) over a freshly recorded order and places
 * each new moment (see placement.ts). An order placed longer ago than
 * `maxFactAgeMs` notices nothing, so replayed or late history never floods
 * the channel. Must run inside the transaction that recorded the order, so
 * an order and its nudges commit together or not at all.
 * @returns the ids of the nudges opened, joined or released.
 */
export function noticeOrder(tx: Db, order: RecordedOrder, settings: NudgeSettings, now: Date): number[] {
  const { rules, enabled } = settings.playbook;
  // An order stamped a little ahead of our clock (clock skew between systems) is as fresh as it gets.
  if (!order.isNew || order.cancelled || now.getTime() - order.placedAt.getTime() > rules.maxFactAgeMs) return [];
  const on = (kind: MomentKind) => enabled[kind];
  const input = { orderId: order.orderId, history: loadCustomerHistory(tx, order.customerId), now, settings: rules };
  const milestone = orderMilestone({ customerId: order.customerId, orderId: order.orderId, ordinal: order.ordinal, milestones: rules.orderMilestones });
  const found: (MomentSuggestion | null)[] = [
    milestone && on(milestone.kind) ? milestone : null,
    on('came_back') ? cameBack(input) : null,
    on('lifetime_spend') ? lifetimeSpend(input) : null,
    on('unneeded_express') ? unneededExpress(input) : null,
    // The draw happens only for an enabled rule, so switching surprises off changes no other outcome.
    on('surprise') ? surprise({ ...input, random: settings.random }) : null,
  ];
  return placeAll(tx, { customerId: order.customerId, orderId: order.orderId }, found.filter(isSuggestion), settings, now);
}

/**
 * Runs the support-time rules over a freshly stored rating (promoter, and
 * recovery for a bad rating or an NPS detractor) or ticket change (recovery:
 * reopened too often, waiting too long, a refund request) and places each new
 * moment. Must run inside the transaction that recorded the event; a replayed
 * rating or ticket state is not fresh and notices nothing.
 * @returns the ids of the nudges opened, joined or released.
 */
export function noticeSupport(tx: Db, outcome: RecordOutcome, settings: NudgeSettings, now: Date): number[] {
  if (outcome.type !== 'rating_recorded' && outcome.type !== 'ticket_changed') return [];
  if (!outcome.fresh) return [];
  const { rules, enabled } = settings.playbook;
  const base = { history: loadCustomerHistory(tx, outcome.customerId), now, settings: rules };
  const found: (MomentSuggestion | null)[] =
    outcome.type === 'rating_recorded'
      ? [
          enabled.promoter ? promoter({ ...base, ratingId: outcome.ratingId }) : null,
          enabled.recovery ? recovery({ ...base, trigger: { ratingId: outcome.ratingId } }) : null,
        ]
      : [enabled.recovery ? recovery({ ...base, trigger: { ticketId: outcome.ticketId } }) : null];
  return placeAll(tx, { customerId: outcome.customerId, orderId: null }, found.filter(isSuggestion), settings, now);
}

function isSuggestion(suggestion: MomentSuggestion | null): suggestion is MomentSuggestion {
  return suggestion !== null;
}
