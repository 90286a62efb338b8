import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  auditLog,
  customerIdentities,
  customers,
  gestures,
  lineItems,
  moments,
  nudges,
  orders,
  payments,
  ratings,
  refunds,
  tickets,
  timelineEvents,
} from '../../db/schema.js';

/** Everything delightbot holds about one customer, as stored (times are UTC epoch milliseconds, money in minor units). */
export interface CustomerExport {
  format: 'delightbot-customer-export/1';
  requestId: number;
  exportedAt: string;
  /** False when no customer matched the request: the export then says so and holds nothing else. */
  dataHeld: boolean;
  customer: Record<string, unknown> | null;
  identities: Record<string, unknown>[];
  orders: Record<string, unknown>[];
  payments: Record<string, unknown>[];
  tickets: Record<string, unknown>[];
  ratings: Record<string, unknown>[];
  nudges: Record<string, unknown>[];
  moments: Record<string, unknown>[];
  gestures: Record<string, unknown>[];
  auditLog: Record<string, unknown>[];
  timeline: Record<string, unknown>[];
}

/**
 * Reads every row about the customer from every table. A null or vanished
 * customer gives an export that says no data is held.
 */
export function collectCustomerData(db: Db, requestId: number, customerId: number | null, now: Date): CustomerExport {
  const base = { format: 'delightbot-customer-export/1' as const, requestId, exportedAt: now.toISOString() };
  const customer = customerId === null ? undefined : db.select().from(customers).where(eq(customers.id, customerId)).get();
  if (!customer) {
    return { ...base, dataHeld: false, customer: null, identities: [], orders: [], payments: [], tickets: [], ratings: [], nudges: [], moments: [], gestures: [], auditLog: [], timeline: [] };
  }
  const id = customer.id;
  const nudgeRows = db.select().from(nudges).where(eq(nudges.customerId, id)).orderBy(asc(nudges.id)).all();
  const nudgeIds = nudgeRows.map((row) => row.id);
  return {
    ...base,
    dataHeld: true,
    customer,
    identities: db.select().from(customerIdentities).where(eq(customerIdentities.customerId, id)).all(),
    orders: ordersWithDetails(db, id),
    payments: db.select().from(payments).where(eq(payments.customerId, id)).orderBy(asc(payments.occurredAt)).all(),
    tickets: db.select().from(tickets).where(eq(tickets.customerId, id)).orderBy(asc(tickets.openedAt)).all(),
    ratings: db.select().from(ratings).where(eq(ratings.customerId, id)).orderBy(asc(ratings.ratedAt)).all(),
    nudges: nudgeRows,
    moments: db.select().from(moments).where(eq(moments.customerId, id)).orderBy(asc(moments.id)).all(),
    gestures: db.select().from(gestures).where(eq(gestures.customerId, id)).orderBy(asc(gestures.id)).all(),
    auditLog: db
      .select()
      .from(auditLog)
      .where(nudgeIds.length > 0 ? or(eq(auditLog.customerId, id), inArray(auditLog.nudgeId, nudgeIds)) : eq(auditLog.customerId, id))
      .orderBy(asc(auditLog.id))
      .all(),
    timeline: db.select().from(timelineEvents).where(eq(timelineEvents.customerId, id)).orderBy(asc(timelineEvents.occurredAt)).all(),
  };
}

function ordersWithDetails(db: Db, customerId: number): Record<string, unknown>[] {
  const rows = db.select().from(orders).where(eq(orders.customerId, customerId)).orderBy(asc(orders.placedAt), asc(orders.id)).all();
  if (rows.length === 0) return [];
  const orderIds = rows.map((row) => row.id);
  const items = db.select().from(lineItems).where(inArray(lineItems.orderId, orderIds)).orderBy(asc(lineItems.id)).all();
  const refundRows = db.select().from(refunds).where(inArray(refunds.orderId, orderIds)).orderBy(asc(refunds.refundedAt)).all();
  return rows.map((row) => ({
    ...row,
    lineItems: items.filter((item) => item.orderId === row.id),
    refunds: refundRows.filter((refund) => refund.orderId === row.id),
  }));
}

/**
 * Writes an export as JSON under `dir` (created if needed), readable by the
 * owner only. The name holds the request id and a timestamp, never the e-mail,
 * so a directory listing reveals nobody.
 * @returns the absolute path of the file.
 */
export function writeExportFile(dir: string, data: CustomerExport, now: Date): string {
  const folder = resolve(dir);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const path = join(folder, `data-request-${data.requestId}-${stamp}.json`);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  // The mode given at creation is reduced by the umask; the file must not be group- or world-readable either way.
  chmodSync(path, 0o600);
  return path;
}
