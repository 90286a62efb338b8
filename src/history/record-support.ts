import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { placeholders, placeholderSets, preparedFor } from '../db/prepared.js';
import { payments, ratings, tickets } from '../db/schema.js';
import type { NpsAnswered, PaymentRecorded, SatisfactionRated, TicketChanged } from './events.js';
import { resolveCustomer } from './identity.js';
import { appendTimeline, isNewerVersion, versionKeyOf } from './timeline.js';

/** What a recorder did with an event: whose timeline it joined, and whether it was news. */
export interface Recorded {
  customerId: number;
  fresh: boolean;
}

/**
 * Stores a payment's latest state; a late, older state of the same payment is
 * ignored. Must run inside a transaction.
 */
export function recordPayment(tx: Db, event: PaymentRecorded, now: Date): Recorded {
  const customerId = resolveCustomer(tx, event.source, event.customer, now, event.version);
  const at = now.getTime();
  const fresh = appendTimeline(
    tx,
    {
      customerId,
      source: event.source,
      kind: `payment_${event.status}`,
      externalId: event.externalId,
      versionKey: versionKeyOf(event.version),
      occurredAt: event.occurredAt,
      facts: { amountCents: event.amountCents, currency: event.currency, orderExternalId: event.orderExternalId ?? null },
    },
    now,
  );
  const existing = preparedFor(tx, findPaymentQuery).get({ source: event.source, externalId: event.externalId });
  const values = {
    customerId,
    status: event.status,
    amountCents: event.amountCents,
    currency: event.currency,
    orderExternalId: event.orderExternalId ?? null,
    failureReason: event.failureReason ?? null,
    occurredAt: event.occurredAt.getTime(),
    sourceVersion: event.version?.getTime() ?? null,
    updatedAt: at,
  };
  if (!existing) {
    preparedFor(tx, insertPaymentQuery).run({ ...values, source: event.source, externalId: event.externalId, createdAt: at });
  } else if (isNewerVersion(event.version, existing.sourceVersion)) {
    preparedFor(tx, updatePaymentQuery).run({ ...values, id: existing.id });
  }
  return { customerId, fresh };
}

/**
 * Stores a ticket's latest state and counts reopenings (solved or closed →
 * open again). Must run inside a transaction.
 */
export function recordTicket(tx: Db, event: TicketChanged, now: Date): Recorded & { ticketId: number; reopened: boolean } {
  const customerId = resolveCustomer(tx, event.source, event.customer, now, event.version);
  const fresh = appendTimeline(
    tx,
    {
      customerId,
      source: event.source,
      kind: `ticket_${event.change}`,
      externalId: event.externalId,
      versionKey: `${event.status ?? '-'}:${versionKeyOf(event.version ?? event.occurredAt)}`,
      occurredAt: event.occurredAt,
      facts: { status: event.status ?? null },
    },
    now,
  );
  const existing = preparedFor(tx, findTicketQuery).get({ source: event.source, externalId: event.externalId });
  const at = now.getTime();
  const occurred = event.occurredAt.getTime();
  if (!existing) {
    const inserted = preparedFor(tx, insertTicketQuery).get({
      customerId,
      source: event.source,
      externalId: event.externalId,
      status: event.status ?? 'open',
      subject: event.subject ?? null,
      openedAt: occurred,
      lastCustomerReplyAt: event.change === 'customer_replied' ? occurred : null,
      solvedAt: isDone(event.status) ? occurred : null,
      sourceVersion: event.version?.getTime() ?? null,
      at,
    });
    if (!inserted) throw new Error('ticket insert returned no row');
    return { customerId, ticketId: inserted.id, fresh, reopened: false };
  }
  const ticketId = existing.id;
  if (!fresh || !isNewerVersion(event.version ?? event.occurredAt, existing.sourceVersion)) return { customerId, ticketId, fresh, reopened: false };
  const reopened = isDone(existing.status) && event.status !== undefined && !isDone(event.status);
  preparedFor(tx, updateTicketQuery).run({
    id: existing.id,
    status: event.status ?? existing.status,
    subject: event.subject ?? existing.subject,
    reopenCount: existing.reopenCount + (reopened ? 1 : 0),
    lastCustomerReplyAt: event.change === 'customer_replied' ? occurred : existing.lastCustomerReplyAt,
    solvedAt: isDone(event.status) ? occurred : reopened ? null : existing.solvedAt,
    sourceVersion: (event.version ?? event.occurredAt).getTime(),
    updatedAt: at,
  });
  return { customerId, ticketId, fresh, reopened };
}

/**
 * Stores a satisfaction rating or an NPS answer once. Must run inside a transaction.
 * @returns also the rating's database id, the stored one when it arrived before.
 */
export function recordRating(tx: Db, event: SatisfactionRated | NpsAnswered, now: Date): Recorded & { ratingId: number } {
  const customerId = resolveCustomer(tx, event.source, event.customer, now, event.version);
  const isNps = event.type === 'nps_answered';
  const ratedAt = isNps ? event.answeredAt : event.ratedAt;
  const kind = isNps ? 'nps' : 'satisfaction';
  const inserted = preparedFor(tx, insertRatingQuery).get({
    customerId,
    source: event.source,
    externalId: event.externalId,
    kind,
    rating: isNps ? null : event.rating,
    score: isNps ? event.score : null,
    comment: event.comment?.trim() || null,
    ticketExternalId: isNps ? null : (event.ticketExternalId ?? null),
    ratedAt: ratedAt.getTime(),
    createdAt: now.getTime(),
  });
  appendTimeline(
    tx,
    {
      customerId,
      source: event.source,
      kind: isNps ? 'nps_answered' : 'satisfaction_rated',
      externalId: event.externalId,
      versionKey: 'once',
      occurredAt: ratedAt,
      facts: isNps ? { score: event.score } : { rating: event.rating },
    },
    now,
  );
  const ratingId = inserted?.id ?? preparedFor(tx, findRatingQuery).get({ source: event.source, kind, externalId: event.externalId })?.id;
  if (ratingId === undefined) throw new Error('rating neither inserted nor found');
  return { customerId, ratingId, fresh: inserted !== undefined };
}

function isDone(status: string | undefined | null): boolean {
  return status === 'solved' || status === 'closed';
}

const PAYMENT_STATE = ['customerId', 'status', 'amountCents', 'currency', 'orderExternalId', 'failureReason', 'occurredAt', 'sourceVersion', 'updatedAt'] as const;

const findPaymentQuery = (db: Db) =>
  db
    .select()
    .from(payments)
    .where(and(eq(payments.source, sql.placeholder('source')), eq(payments.externalId, sql.placeholder('externalId'))))
    .prepare();

const insertPaymentQuery = (db: Db) =>
  db
    .insert(payments)
    .values(placeholders(...PAYMENT_STATE, 'source', 'externalId', 'createdAt'))
    .prepare();

const updatePaymentQuery = (db: Db) =>
  db
    .update(payments)
    .set(placeholderSets(...PAYMENT_STATE))
    .where(eq(payments.id, sql.placeholder('id')))
    .prepare();

const findTicketQuery = (db: Db) =>
  db
    .select()
    .from(tickets)
    .where(and(eq(tickets.source, sql.placeholder('source')), eq(tickets.externalId, sql.placeholder('externalId'))))
    .prepare();

const insertTicketQuery = (db: Db) =>
  db
    .insert(tickets)
    .values({
      ...placeholders('customerId', 'source', 'externalId', 'status', 'subject', 'openedAt', 'lastCustomerReplyAt', 'solvedAt', 'sourceVersion'),
      createdAt: sql.placeholder('at'),
      updatedAt: sql.placeholder('at'),
    })
    .returning({ id: tickets.id })
    .prepare();

const updateTicketQuery = (db: Db) =>
  db
    .update(tickets)
    .set(placeholderSets('status', 'subject', 'reopenCount', 'lastCustomerReplyAt', 'solvedAt', 'sourceVersion', 'updatedAt'))
    .where(eq(tickets.id, sql.placeholder('id')))
    .prepare();

const insertRatingQuery = (db: Db) =>
  db
    .insert(ratings)
    .values(placeholders('customerId', 'source', 'externalId', 'kind', 'rating', 'score', 'comment', 'ticketExternalId', 'ratedAt', 'createdAt'))
    .onConflictDoNothing()
    .returning({ id: ratings.id })
    .prepare();

const findRatingQuery = (db: Db) =>
  db
    .select({ id: ratings.id })
    .from(ratings)
    .where(and(eq(ratings.source, sql.placeholder('source')), eq(ratings.kind, sql.placeholder('kind')), eq(ratings.externalId, sql.placeholder('externalId'))))
    .prepare();
