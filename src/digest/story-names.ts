import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { customers } from '../db/schema.js';
import { displayName } from '../history/names.js';

/**
 * The names the digest's stories show, read when the message is built:
 * a first name and last initial is enough to celebrate; an erased customer,
 * or one known only by e-mail, stays unnamed.
 */
export function storyNames(db: Db, customerIds: readonly number[]): Map<number, string | null> {
  if (customerIds.length === 0) return new Map();
  const rows = db
    .select({ id: customers.id, firstName: customers.firstName, lastName: customers.lastName, redactedAt: customers.redactedAt })
    .from(customers)
    .where(inArray(customers.id, [...customerIds]))
    .all();
  return new Map(
    rows.map((row) => {
      if (row.redactedAt !== null) return [row.id, null];
      const initial = row.lastName?.trim() ? `${Array.from(row.lastName.trim())[0]}.` : null;
      return [row.id, displayName(row.firstName, initial)];
    }),
  );
}
