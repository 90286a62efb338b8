import type { Db } from '../db/client.js';
import { customers, gestures, holdoutGroups, moments, nudges, orders, ratings } from '../db/schema.js';

/**
 * Writes a store's history straight into the tables, row by row, at chosen
 * instants: customers, orders, cards with their moments, gestures and
 * ratings. For tests whose answers must be countable by hand and for the
 * digest preview's sample store — never for the app's own writes, which go
 * through history/ and nudges/.
 */
export interface HistoryWriter {
  customer(name: string, options?: { holdout?: boolean }): number;
  order(customerId: number, at: string, cents?: number, options?: { cancelled?: boolean; currency?: string }): void;
  /** A card with its moments; `posted`/`decided` are instants, `state` the nudge's state. */
  card(customerId: number, input: CardInput): number;
  /** A moment that reached no card (held out or in a cooldown). */
  suppressedMoment(customerId: number, kind: string, at: string, why: 'holdout' | 'cooldown'): void;
  gesture(nudgeId: number, input: GestureInput): number;
  nps(customerId: number, score: number, at: string): void;
  satisfaction(customerId: number, rating: 'good' | 'okay' | 'bad', at: string): void;
}

export interface CardInput {
  kinds: string[];
  found: string;
  state?: 'queued' | 'pending' | 'approved' | 'skipped' | 'expired';
  posted?: string;
  decided?: string;
}

export interface GestureInput {
  approved: string;
  kind?: string;
  cents?: number;
  state?: 'approved' | 'fulfilled' | 'cancelled' | 'failed';
  approvedBy?: string;
  fulfillerId?: string;
}

/** Moment kinds that repair rather than delight, as the rules mark them. */
const REPAIR_KINDS = new Set(['recovery', 'payment_trouble', 'duplicate_charge', 'overpayment']);

/** Shared by every writer in the process, so two writers on one database never make the same e-mail or key. */
let sequence = 0;

export function historyWriter(db: Db): HistoryWriter {
  const ms = (at: string) => new Date(at).getTime();
  const customerOf = new Map<number, number>();
  return {
    customer: (name, options = {}) => {
      const [firstName, lastName] = name.split(' ');
      const id = db
        .insert(customers)
        .values({ email: `${name.replace(/\s/g, '.').toLowerCase()}.${++sequence}@example.com`, firstName, lastName: lastName ?? null, createdAt: 0, updatedAt: 0 })
        .returning({ id: customers.id })
        .get().id;
      if (options.holdout) db.insert(holdoutGroups).values({ customerId: id, grp: 'holdout', share: 0.1, assignedAt: 0 }).run();
      return id;
    },
    order: (customerId, at, cents = 4_000, options = {}) => {
      db.insert(orders)
        .values({
          customerId,
          source: 'shopify',
          externalId: `o-${++sequence}`,
          currency: options.currency ?? 'USD',
          totalCents: cents,
          placedAt: ms(at),
          cancelledAt: options.cancelled ? ms(at) + 1 : null,
          createdAt: ms(at),
          updatedAt: ms(at),
        })
        .run();
    },
    card: (customerId, input) => {
      const nudgeId = db
        .insert(nudges)
        .values({
          customerId,
          state: input.state ?? 'pending',
          postedAt: input.posted ? ms(input.posted) : null,
          decidedAt: input.decided ? ms(input.decided) : null,
          createdAt: ms(input.found),
          updatedAt: ms(input.found),
        })
        .returning({ id: nudges.id })
        .get().id;
      customerOf.set(nudgeId, customerId);
      input.kinds.forEach((kind, index) =>
        db.insert(moments)
          .values({ customerId, nudgeId, kind, dedupeKey: `m-${++sequence}`, facts: {}, proactive: !REPAIR_KINDS.has(kind), priority: 10 - index, foundAt: ms(input.found) })
          .run(),
      );
      return nudgeId;
    },
    suppressedMoment: (customerId, kind, at, why) => {
      db.insert(moments).values({ customerId, kind, dedupeKey: `m-${++sequence}`, facts: {}, proactive: true, priority: 1, suppressed: why, foundAt: ms(at) }).run();
    },
    gesture: (nudgeId, input) =>
      db
        .insert(gestures)
        .values({
          nudgeId,
          customerId: customerOf.get(nudgeId)!,
          kind: input.kind ?? 'gift_card',
          amountCents: input.cents ?? 5_000,
          currency: 'USD',
          state: input.state ?? 'fulfilled',
          requestedBy: input.approvedBy ?? 'U_APPROVER',
          approvedBy: input.approvedBy ?? 'U_APPROVER',
          approvedAt: ms(input.approved),
          fulfillerId: input.fulfillerId ?? input.approvedBy ?? 'U_APPROVER',
          budgetMonth: input.approved.slice(0, 7),
          createdAt: ms(input.approved),
          updatedAt: ms(input.approved),
        })
        .returning({ id: gestures.id })
        .get().id,
    nps: (customerId, score, at) => {
      db.insert(ratings).values({ customerId, source: 'generic', externalId: `r-${++sequence}`, kind: 'nps', score, ratedAt: ms(at), createdAt: ms(at) }).run();
    },
    satisfaction: (customerId, rating, at) => {
      db.insert(ratings).values({ customerId, source: 'zendesk', externalId: `r-${++sequence}`, kind: 'satisfaction', rating, ratedAt: ms(at), createdAt: ms(at) }).run();
    },
  };
}
