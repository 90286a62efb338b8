import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';

export type AuditAction =
  | 'approve'
  | 'approve_refused'
  | 'escalate'
  | 'decline'
  | 'customize'
  | 'skip'
  | 'skip_refused'
  | 'note'
  | 'fulfil'
  | 'fulfil_refused'
  | 'cancel'
  | 'cancel_refused'
  | 'fail'
  | 'remind'
  | 'expire'
  | 'budget_changed'
  | 'budget_change_refused';

export interface AuditEntry {
  /** A Slack user id, "delightbot" for the bot's own decisions, "config" for a changed setting. */
  actor: string;
  action: AuditAction;
  nudgeId?: number;
  customerId?: number;
  gestureId?: number;
  amountCents?: number;
  detail?: Record<string, unknown>;
}

/** Appends one row to the audit log, in the caller's transaction. Rows are never updated. */
export function audit(tx: Db, entry: AuditEntry, now: Date): void {
  tx.insert(auditLog)
    .values({
      at: now.getTime(),
      actor: entry.actor,
      action: entry.action,
      nudgeId: entry.nudgeId ?? null,
      customerId: entry.customerId ?? null,
      gestureId: entry.gestureId ?? null,
      amountCents: entry.amountCents ?? null,
      detail: entry.detail ?? null,
    })
    .run();
}
