import { and, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedFor } from '../db/prepared.js';
import { customerIdentities, payments, ratings, tickets } from '../db/schema.js';
import type { MoneyAmount } from './customer-summary.js';

export interface PaymentSummary {
  source: string;
  status: string;
  amount: MoneyAmount;
  at: Date;
}

export interface TicketSummary {
  source: string;
  externalId: string;
  status: string;
  subject: string | null;
  openedAt: Date;
  reopenCount: number;
}

export interface RatingSummary {
  kind: 'satisfaction' | 'nps';
  rating: string | null;
  score: number | null;
  comment: string | null;
  at: Date;
}

export interface SupportSummary {
  /** Every system that knows this customer, e.g. ["shopify", "stripe", "zendesk"]. */
  sources: string[];
  recentPayments: PaymentSummary[];
  openTickets: TicketSummary[];
  recentTickets: TicketSummary[];
  latestNps: RatingSummary | null;
  latestSatisfaction: RatingSummary | null;
}

const DONE = ['solved', 'closed'];

const customerIdParam = sql.placeholder('customerId');

const sourcesQuery = (db: Db) =>
  db.selectDistinct({ source: customerIdentities.source }).from(customerIdentities).where(eq(customerIdentities.customerId, customerIdParam)).prepare();

const recentPaymentsQuery = (db: Db) =>
  db.select().from(payments).where(eq(payments.customerId, customerIdParam)).orderBy(desc(payments.occurredAt)).limit(5).prepare();

const ticketsQuery = (where: SQL | undefined) => (db: Db) => db.select().from(tickets).where(where).orderBy(desc(tickets.openedAt)).limit(5).prepare();
const openTicketsQuery = ticketsQuery(and(eq(tickets.customerId, customerIdParam), notInArray(tickets.status, DONE)));
const doneTicketsQuery = ticketsQuery(and(eq(tickets.customerId, customerIdParam), inArray(tickets.status, DONE)));

const latestRatingQuery = (db: Db) =>
  db
    .select()
    .from(ratings)
    .where(and(eq(ratings.customerId, customerIdParam), eq(ratings.kind, sql.placeholder('kind'))))
    .orderBy(desc(ratings.ratedAt))
    .prepare();

/** Payments, tickets and ratings of a customer, from every source, newest first. */
export function supportSummary(db: Db, customerId: number): SupportSummary {
  const byCustomer = { customerId };
  const sources = preparedFor(db, sourcesQuery)
    .all(byCustomer)
    .map((row) => row.source)
    .sort();
  const recentPayments = preparedFor(db, recentPaymentsQuery)
    .all(byCustomer)
    .map((p) => ({ source: p.source, status: p.status, amount: { cents: p.amountCents, currency: p.currency }, at: new Date(p.occurredAt) }));
  return {
    sources,
    recentPayments,
    openTickets: preparedFor(db, openTicketsQuery).all(byCustomer).map(toTicket),
    recentTickets: preparedFor(db, doneTicketsQuery).all(byCustomer).map(toTicket),
    latestNps: latestRating(db, customerId, 'nps'),
    latestSatisfaction: latestRating(db, customerId, 'satisfaction'),
  };
}

function toTicket(row: typeof tickets.$inferSelect): TicketSummary {
  return {
    source: row.source,
    externalId: row.externalId,
    status: row.status,
    subject: row.subject,
    openedAt: new Date(row.openedAt),
    reopenCount: row.reopenCount,
  };
}

function latestRating(db: Db, customerId: number, kind: 'satisfaction' | 'nps'): RatingSummary | null {
  const row = preparedFor(db, latestRatingQuery).get({ customerId, kind });
  return row ? { kind, rating: row.rating, score: row.score, comment: row.comment, at: new Date(row.ratedAt) } : null;
}
