import { and, eq, isNull, lte, or } from 'drizzle-orm';
import { immediate, type Db } from '../db/client.js';
import { gestures } from '../db/schema.js';
import { formatMoney } from '../money.js';
import { enqueueThreadNotice } from '../nudges/notice-queue.js';
import { audit } from './audit.js';
import { enqueueHomeRefresh } from './home-queue.js';

export interface ReminderSettings {
  /** An approved gesture not marked done this long after approval gets a reminder, and again every as long. */
  reminderMs: number;
  currency: string;
}

/**
 * Never fall short of a promise: every approved gesture not marked done
 * `reminderMs` (24 h) after approval — or after the last reminder — gets a
 * reply in its card's thread mentioning whoever fulfils it. The text holds no
 * customer data. Idempotent within a period: `reminded_at` is the guard.
 * @returns how many reminders were queued.
 */
export function remindOverdue(db: Db, settings: ReminderSettings, now: Date): number {
  const at = now.getTime();
  const due = settings.reminderMs;
  return immediate(db, (tx) => {
    const rows = tx
      .select()
      .from(gestures)
      .where(and(eq(gestures.state, 'approved'), lte(gestures.approvedAt, at - due), or(isNull(gestures.remindedAt), lte(gestures.remindedAt, at - due))))
      .all();
    for (const gesture of rows) {
      const hours = Math.floor((at - (gesture.approvedAt ?? at)) / 3_600_000);
      const who = gesture.fulfillerId ?? gesture.approvedBy;
      const amount = gesture.amountCents > 0 ? `${formatMoney(gesture.amountCents, gesture.currency)} ` : '';
      enqueueThreadNotice(
        tx,
        gesture.nudgeId,
        `:alarm_clock: ${who ? `<@${who}>` : 'Team'}: this ${amount}gesture was approved ${hours} hours ago and is not marked done yet. Once the customer has it, press *Mark as done* on the card; if it will not happen, cancel it so the budget comes back.`,
        now,
      );
      tx.update(gestures).set({ remindedAt: at, updatedAt: at }).where(eq(gestures.id, gesture.id)).run();
      audit(tx, { actor: 'delightbot', action: 'remind', nudgeId: gesture.nudgeId, customerId: gesture.customerId, gestureId: gesture.id, detail: { hours } }, now);
      enqueueHomeRefresh(tx, [who], now);
    }
    return rows.length;
  });
}
