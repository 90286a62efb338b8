import { and, asc, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { customers, gestures, moments, nudges, orders } from '../db/schema.js';
import { customerSummary, orderSummary, type CustomerSummary, type OrderSummary } from '../history/customer-summary.js';
import { budgetFor, budgetMonthOf, type BudgetState } from '../gestures/budget.js';
import { paceOf, type Pace } from '../gestures/pacing.js';
import type { GestureKind, MomentKind } from './moment.js';

/** Everything the nudge card shows, read from the database in one place. */
/** One moment on a card: the card's headline comes from the first, the others are listed under "Also". */
export interface MomentLine {
  kind: MomentKind;
  why: string | null;
  proactive: boolean;
  priority: number;
}

export interface NudgeView {
  nudgeId: number;
  state: 'queued' | 'pending' | 'approved' | 'skipped' | 'expired';
  /** Whether the card was ever released to the channel; a nudge that expired in the queue never was. */
  posted: boolean;
  kind: MomentKind;
  /** Every moment on the card, highest priority first (the first is `kind`). Absent means just the one. */
  moments?: MomentLine[];
  /** Which order of the customer's fired the moment, when an order did. */
  ordinal: number | null;
  /** The rule's own one-line reason ("2nd order, 3 days after the first"), when it gave one. Absent means none. */
  why?: string | null;
  /** For an anniversary: how many years. Absent means none. */
  years?: number | null;
  /** What the rule suggests spending, in the budget currency; 0 for a note. Absent means unknown. */
  suggestedAmountCents?: number;
  /** For a lifetime-spend moment: the threshold passed. Absent means none. */
  threshold?: { cents: number; currency: string } | null;
  suggestedGesture: GestureKind;
  customer: CustomerSummary;
  /** The customer's personal data was erased on request: the card must say so rather than "guest". Absent means no. */
  customerErased?: boolean;
  order: OrderSummary | null;
  previousOrder: OrderSummary | null;
  note: { text: string; by: string | null } | null;
  decision: { by: string; at: Date } | null;
  gesture: GestureView | null;
  budget: BudgetState;
  /** Where the month's spending stands against an even spread. Absent means not shown. */
  pace?: Pace;
  /** Who is called when a gesture waits for a manager. Absent means none configured. */
  managerIds?: readonly string[];
  channelId: string | null;
  messageTs: string | null;
}

/** The gesture on a card and where it stands; free text in it is the customer's business: escape it. */
export interface GestureView {
  kind: string;
  amountCents: number;
  currency: string;
  state: 'requested' | 'approved' | 'fulfilled' | 'cancelled' | 'failed' | 'declined';
  requestedBy?: string;
  escalation?: string | null;
  approvedBy?: string | null;
  fulfillerId?: string | null;
  fulfilledBy?: string | null;
  fulfilledAt?: Date | null;
  fulfilmentNote?: string | null;
  customerMessage?: string | null;
  closedBy?: string | null;
  closeReason?: string | null;
  /** The gesture is approved, not done, and older than the overdue threshold. */
  overdue?: boolean;
}

export interface BudgetSettings {
  monthlyBudgetCents: number;
  currency: string;
  timeZone: string;
  /** Managers to mention on a card whose gesture waits for one. */
  managerIds?: readonly string[];
  /** An approved gesture not done after this long is shown as overdue. */
  overdueMs?: number;
}

/**
 * Reads a nudge with its moment, customer, order and the budget of the month
 * it was decided in (or the current month while undecided).
 * @returns null when the nudge or its customer no longer exists.
 */
export function loadNudgeView(db: Db, nudgeId: number, settings: BudgetSettings, now: Date): NudgeView | null {
  const nudge = db.select().from(nudges).where(eq(nudges.id, nudgeId)).get();
  if (!nudge) return null;
  const all = db.select().from(moments).where(eq(moments.nudgeId, nudgeId)).orderBy(desc(moments.priority), asc(moments.id)).all();
  const moment = all[0];
  const customer = customerSummary(db, nudge.customerId);
  if (!moment || !customer) return null;
  const order = moment.orderId ? orderSummary(db, moment.orderId) : null;
  const gesture = db.select().from(gestures).where(eq(gestures.nudgeId, nudgeId)).get();
  const redactedAt = db.select({ at: customers.redactedAt }).from(customers).where(eq(customers.id, nudge.customerId)).get()?.at ?? null;
  const month = gesture?.budgetMonth ?? budgetMonthOf(now, settings.timeZone);
  const budget = budgetFor(db, month, settings.monthlyBudgetCents, settings.currency);
  const facts = moment.facts;
  return {
    nudgeId,
    state: nudge.state as NudgeView['state'],
    posted: nudge.postedAt !== null,
    kind: moment.kind as MomentKind,
    moments: all.map((row) => ({
      kind: row.kind as MomentKind,
      why: typeof row.facts.why === 'string' ? row.facts.why : null,
      proactive: row.proactive,
      priority: row.priority,
    })),
    ordinal: typeof facts.ordinal === 'number' ? facts.ordinal : null,
    why: typeof facts.why === 'string' ? facts.why : null,
    threshold:
      typeof facts.thresholdCents === 'number' && typeof facts.currency === 'string' ? { cents: facts.thresholdCents, currency: facts.currency } : null,
    years: typeof facts.years === 'number' ? facts.years : null,
    suggestedGesture: (facts.suggestedGesture as GestureKind | undefined) ?? 'note',
    suggestedAmountCents: typeof facts.suggestedAmountCents === 'number' ? facts.suggestedAmountCents : 0,
    customer,
    customerErased: redactedAt !== null,
    order,
    previousOrder: order ? previousOrder(db, nudge.customerId, order) : null,
    note: nudge.note ? { text: nudge.note, by: nudge.noteBy } : null,
    decision: nudge.decidedBy && nudge.decidedAt ? { by: nudge.decidedBy, at: new Date(nudge.decidedAt) } : null,
    gesture: gesture ? gestureView(gesture, settings, now) : null,
    budget,
    pace: paceOf(budget, now, settings.timeZone),
    managerIds: settings.managerIds ?? [],
    channelId: nudge.channelId,
    messageTs: nudge.messageTs,
  };
}

function gestureView(row: typeof gestures.$inferSelect, settings: BudgetSettings, now: Date): GestureView {
  const overdueMs = settings.overdueMs ?? Number.POSITIVE_INFINITY;
  return {
    kind: row.kind,
    amountCents: row.amountCents,
    currency: row.currency,
    state: row.state as GestureView['state'],
    requestedBy: row.requestedBy,
    escalation: row.escalation,
    approvedBy: row.approvedBy,
    fulfillerId: row.fulfillerId,
    fulfilledBy: row.fulfilledBy,
    fulfilledAt: row.fulfilledAt !== null ? new Date(row.fulfilledAt) : null,
    fulfilmentNote: row.fulfilmentNote,
    customerMessage: row.customerMessage,
    closedBy: row.closedBy,
    closeReason: row.closeReason,
    overdue: row.state === 'approved' && row.approvedAt !== null && now.getTime() - row.approvedAt > overdueMs,
  };
}

/** The order the customer placed just before `order`, for "last time: …". */
function previousOrder(db: Db, customerId: number, order: OrderSummary): OrderSummary | null {
  const placedAt = order.placedAt.getTime();
  const row = db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.customerId, customerId),
        isNull(orders.cancelledAt),
        or(lt(orders.placedAt, placedAt), and(eq(orders.placedAt, placedAt), lt(orders.id, order.orderId))),
      ),
    )
    .orderBy(desc(orders.placedAt), desc(orders.id))
    .get();
  return row ? orderSummary(db, row.id) : null;
}

/** Stores where the card was posted, so later changes update it in place. */
export function rememberCardLocation(db: Db, nudgeId: number, channelId: string, messageTs: string, now: Date): void {
  db.update(nudges)
    .set({ channelId, messageTs, updatedAt: now.getTime() })
    .where(eq(nudges.id, nudgeId))
    .run();
}
