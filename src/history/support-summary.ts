import { and, desc, eq, inArray, notInArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
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

/** Payments, tickets and ratings of a customer, from every source, newest first. */
export function supportSummary(db: Db, customerId: number): SupportSummary {
  const sources = db
    .selectDistinct({ source: customerIdentities.source })
    .from(customerIdentities)
    .where(eq(customerIdentities.customerId, customerId))
    .all()
    .map((row) => row.source)
    .sort();
  const recentPayments = db
    .select()
    .from(payments)
    .where(eq(payments.customerId, customerId))
    .orderBy(desc(payments.occurredAt))
    .limit(5)
    .all()
    .map((p) => ({ source: p.source, status: p.status, amount: { cents: p.amountCents, currency: p.currency }, at: new Date(p.occurredAt) }));
  const ticketRows = (where: ReturnType<typeof and>) =>
    db.select().from(tickets).where(where).orderBy(desc(tickets.openedAt)).limit(5).all().map(toTicket);
  return {
    sources,
    recentPayments,
    openTickets: ticketRows(and(eq(tickets.customerId, customerId), notInArray(tickets.status, DONE))),
    recentTickets: ticketRows(and(eq(tickets.customerId, customerId), inArray(tickets.status, DONE))),
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
  const row = db
    .select()
    .from(ratings)
    .where(and(eq(ratings.customerId, customerId), eq(ratings.kind, kind)))
    .orderBy(desc(ratings.ratedAt))
    .get();
  return row ? { kind, rating: row.rating, score: row.score, comment: row.comment, at: new Date(row.ratedAt) } : null;
}
