import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
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
  const existing = tx.select().from(payments).where(and(eq(payments.source, event.source), eq(payments.externalId, event.externalId))).get();
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
    tx.insert(payments).values({ ...values, source: event.source, externalId: event.externalId, createdAt: at }).run();
  } else if (isNewerVersion(event.version, existing.sourceVersion)) {
    tx.update(payments).set(values).where(eq(payments.id, existing.id)).run();
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
  const existing = tx.select().from(tickets).where(and(eq(tickets.source, event.source), eq(tickets.externalId, event.externalId))).get();
  const at = now.getTime();
  const occurred = event.occurredAt.getTime();
  if (!existing) {
    const ticketId = tx
      .insert(tickets)
      .values({
        customerId,
        source: event.source,
        externalId: event.externalId,
        status: event.status ?? 'open',
        subject: event.subject ?? null,
        openedAt: occurred,
        lastCustomerReplyAt: event.change === 'customer_replied' ? occurred : null,
        solvedAt: isDone(event.status) ? occurred : null,
        sourceVersion: event.version?.getTime() ?? null,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: tickets.id })
      .get().id;
    return { customerId, ticketId, fresh, reopened: false };
  }
  const ticketId = existing.id;
  if (!fresh || !isNewerVersion(event.version ?? event.occurredAt, existing.sourceVersion)) return { customerId, ticketId, fresh, reopened: false };
  const reopened = isDone(existing.status) && event.status !== undefined && !isDone(event.status);
  tx.update(tickets)
    .set({
      status: event.status ?? existing.status,
      subject: event.subject ?? existing.subject,
      reopenCount: existing.reopenCount + (reopened ? 1 : 0),
      lastCustomerReplyAt: event.change === 'customer_replied' ? occurred : existing.lastCustomerReplyAt,
      solvedAt: isDone(event.status) ? occurred : reopened ? null : existing.solvedAt,
      sourceVersion: (event.version ?? event.occurredAt).getTime(),
      updatedAt: at,
    })
    .where(eq(tickets.id, existing.id))
    .run();
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
  const inserted = tx
    .insert(ratings)
    .values({
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
    })
    .onConflictDoNothing()
    .returning({ id: ratings.id })
    .get();
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
  const ratingId =
    inserted?.id ??
    tx
      .select({ id: ratings.id })
      .from(ratings)
      .where(and(eq(ratings.source, event.source), eq(ratings.kind, kind), eq(ratings.externalId, event.externalId)))
      .get()?.id;
  if (ratingId === undefined) throw new Error('rating neither inserted nor found');
  return { customerId, ratingId, fresh: inserted !== undefined };
}

function isDone(status: string | undefined | null): boolean {
  return status === 'solved' || status === 'closed';
}
