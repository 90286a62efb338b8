import { count } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { auditLog, customers, gestures, lineItems, nudges, orders, slackOutbox, webhookDeliveries } from '../../src/db/schema.js';

const TABLES = { orders, customers, lineItems, webhookDeliveries, nudges, slackOutbox, gestures, auditLog } as const;

export type TableName = keyof typeof TABLES;

/** Row counts of the tables a webhook or a click can write to, for "nothing was stored" checks. */
export function rowCounts(db: Db): Record<TableName, number> {
  const entries = Object.entries(TABLES).map(([name, table]) => [name, db.select({ n: count() }).from(table).get()?.n ?? 0]);
  return Object.fromEntries(entries) as Record<TableName, number>;
}

export const EMPTY_COUNTS: Readonly<Record<TableName, number>> = Object.freeze(
  Object.fromEntries(Object.keys(TABLES).map((name) => [name, 0])) as Record<TableName, number>,
);
