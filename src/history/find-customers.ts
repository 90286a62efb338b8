import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { customers, orders } from '../db/schema.js';
import { displayName, normalizeEmail } from './names.js';

export type CustomerQuery =
  | { by: 'email'; email: string }
  | { by: 'order'; number: string }
  | { by: 'name'; name: string };

export interface CustomerMatch {
  customerId: number;
  name: string | null;
  email: string | null;
}

/**
 * Reads what someone typed after `/delight` as a customer query: `#1005` or a
 * bare number is an order, anything with an `@` an e-mail, the rest a name.
 * @returns null for empty input.
 */
export function parseCustomerQuery(text: string): CustomerQuery | null {
  const query = text.trim();
  if (!query) return null;
  if (/^#?\d+$/.test(query)) return { by: 'order', number: query.replace(/^#/, '') };
  if (query.includes('@')) return { by: 'email', email: normalizeEmail(query) ?? query.toLowerCase() };
  return { by: 'name', name: query.replace(/\s+/g, ' ') };
}

/** Customers matching the query, at most `limit`, best match first. */
export function findCustomers(db: Db, query: CustomerQuery, limit = 10): CustomerMatch[] {
  const columns = { customerId: customers.id, firstName: customers.firstName, lastName: customers.lastName, email: customers.email };
  let rows: { customerId: number; firstName: string | null; lastName: string | null; email: string | null }[];
  switch (query.by) {
    case 'email':
      rows = db.select(columns).from(customers).where(eq(customers.email, query.email)).limit(limit).all();
      break;
    case 'order':
      rows = db
        .selectDistinct(columns)
        .from(orders)
        .innerJoin(customers, eq(customers.id, orders.customerId))
        .where(sql`ltrim(${orders.number}, '#') = ${query.number}`)
        .limit(limit)
        .all();
      break;
    case 'name': {
      const pattern = `%${escapeLike(query.name.toLowerCase())}%`;
      const fullName = sql`lower(coalesce(${customers.firstName}, '') || ' ' || coalesce(${customers.lastName}, ''))`;
      rows = db
        .select(columns)
        .from(customers)
        .where(sql`${fullName} like ${pattern} escape '\\'`)
        .orderBy(sql`${fullName} = ${query.name.toLowerCase()} desc`, asc(customers.lastName), asc(customers.firstName))
        .limit(limit)
        .all();
      break;
    }
  }
  return rows.map((row) => ({ customerId: row.customerId, name: displayName(row.firstName, row.lastName), email: row.email }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}
