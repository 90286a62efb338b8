import { and, asc, count, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { customers, gestures, moments, nudges } from '../db/schema.js';
import { displayName } from '../history/names.js';
import type { MomentKind } from '../nudges/moment.js';
import { budgetFor, budgetMonthOf, type BudgetState } from './budget.js';
import type { GestureState } from './fulfilment.js';
import { paceOf, type Pace } from './pacing.js';
import { isManager, mayDecide, type Deciders } from './policy.js';

/** What a person's Home tab needs to know about the rules: who decides, the budget, when a promise is overdue. */
export interface HomeSettings extends Deciders {
  monthlyBudgetCents: number;
  currency: string;
  timeZone: string;
  /** An approved gesture not done after this long is overdue. */
  overdueMs: number;
}

/** Where a nudge's card is in Slack, once it was posted. */
export interface CardLocation {
  channelId: string;
  messageTs: string;
}

/** The customer as the card's headline names them: a name, else an e-mail; nothing once erased. */
export interface HomeCustomer {
  name: string | null;
  erased: boolean;
}

export interface PendingDecision {
  nudgeId: number;
  customer: HomeCustomer;
  /** The card's moments, most urgent first. */
  momentKinds: MomentKind[];
  priority: number;
  postedAt: Date | null;
  card: CardLocation | null;
}

export interface GestureToFulfil {
  nudgeId: number;
  kind: string;
  amountCents: number;
  currency: string;
  state: 'approved' | 'failed';
  customer: HomeCustomer;
  approvedBy: string | null;
  approvedAt: Date | null;
  overdue: boolean;
  /** Why an automatic fulfilment failed (free text: escape it). */
  failReason: string | null;
  card: CardLocation | null;
}

export interface WaitingRequest {
  nudgeId: number;
  kind: string;
  amountCents: number;
  currency: string;
  requestedBy: string;
  escalation: string | null;
  requestedAt: Date;
  customer: HomeCustomer;
  card: CardLocation | null;
}

/** A gesture in the team's recent history; no customer data, only a link to its card. */
export interface RecentGesture {
  nudgeId: number;
  kind: string;
  amountCents: number;
  currency: string;
  state: GestureState;
  requestedBy: string;
  approvedBy: string | null;
  fulfillerId: string | null;
  /** Whoever moved it last: who marked it done, cancelled or declined it. */
  closedBy: string | null;
  /** When it reached its current state. */
  at: Date;
  card: CardLocation | null;
}

export interface HomeView {
  userId: string;
  /** Whether the person may approve or skip cards at all. */
  mayDecide: boolean;
  isManager: boolean;
  /** Pending cards the person may decide, highest priority first, at most {@link HOME_LIST_MAX}. */
  pendingDecisions: PendingDecision[];
  pendingDecisionsTotal: number;
  /** Approved or failed gestures the person must make happen, oldest first. */
  toFulfil: GestureToFulfil[];
  toFulfilTotal: number;
  budget: BudgetState & { pace: Pace };
  /** The team's last gestures, newest first. */
  recentGestures: RecentGesture[];
  /** Requests waiting for a manager, oldest first; null when the person is not a manager. */
  waitingForManager: WaitingRequest[] | null;
  waitingForManagerTotal: number;
  at: Date;
}

/** Longest list of each kind a Home tab shows; the rest is counted. */
export const HOME_LIST_MAX = 10;

/**
 * Reads everything one person's Home tab shows, as of `now`. Read-only; every
 * list is bounded, so the cost does not grow with the history.
 */
export function loadHomeView(db: Db, input: { userId: string; settings: HomeSettings }, now: Date): HomeView {
  const { userId, settings } = input;
  const manager = isManager(settings, userId);
  const decides = mayDecide(settings, userId);
  const month = budgetMonthOf(now, settings.timeZone);
  const budget = budgetFor(db, month, settings.monthlyBudgetCents, settings.currency);
  const pending = decides ? pendingDecisions(db) : { items: [], total: 0 };
  const fulfil = gesturesToFulfil(db, userId, settings.overdueMs, now);
  const waiting = manager ? waitingRequests(db) : null;
  return {
    userId,
    mayDecide: decides,
    isManager: manager,
    pendingDecisions: pending.items,
    pendingDecisionsTotal: pending.total,
    toFulfil: fulfil.items,
    toFulfilTotal: fulfil.total,
    budget: { ...budget, pace: paceOf(budget, now, settings.timeZone) },
    recentGestures: recentGestures(db),
    waitingForManager: waiting?.items ?? null,
    waitingForManagerTotal: waiting?.total ?? 0,
    at: now,
  };
}

const customerColumns = { firstName: customers.firstName, lastName: customers.lastName, email: customers.email, redactedAt: customers.redactedAt };
const cardColumns = { channelId: nudges.channelId, messageTs: nudges.messageTs };

function customerOf(row: { firstName: string | null; lastName: string | null; email: string | null; redactedAt: number | null }): HomeCustomer {
  if (row.redactedAt !== null) return { name: null, erased: true };
  return { name: displayName(row.firstName, row.lastName) ?? row.email, erased: false };
}

function cardOf(row: { channelId: string | null; messageTs: string | null }): CardLocation | null {
  return row.channelId && row.messageTs ? { channelId: row.channelId, messageTs: row.messageTs } : null;
}

/** Posted cards nobody decided yet; one that waits for a manager is the managers' list, not this one. */
function pendingDecisions(db: Db): { items: PendingDecision[]; total: number } {
  const open = and(eq(nudges.state, 'pending'), isNull(gestures.id));
  const rows = db
    .select({ id: nudges.id, priority: nudges.priority, postedAt: nudges.postedAt, ...cardColumns, ...customerColumns })
    .from(nudges)
    .innerJoin(customers, eq(customers.id, nudges.customerId))
    .leftJoin(gestures, eq(gestures.nudgeId, nudges.id))
    .where(open)
    .orderBy(desc(nudges.priority), asc(nudges.postedAt), asc(nudges.id))
    .limit(HOME_LIST_MAX)
    .all();
  const total = db.select({ n: count() }).from(nudges).leftJoin(gestures, eq(gestures.nudgeId, nudges.id)).where(open).get()?.n ?? 0;
  const kinds = momentKindsOf(db, rows.map((row) => row.id));
  const items = rows.map((row) => ({
    nudgeId: row.id,
    customer: customerOf(row),
    momentKinds: kinds.get(row.id) ?? [],
    priority: row.priority,
    postedAt: row.postedAt !== null ? new Date(row.postedAt) : null,
    card: cardOf(row),
  }));
  return { items, total };
}

function momentKindsOf(db: Db, nudgeIds: number[]): Map<number, MomentKind[]> {
  const byNudge = new Map<number, MomentKind[]>();
  if (nudgeIds.length === 0) return byNudge;
  const rows = db
    .select({ nudgeId: moments.nudgeId, kind: moments.kind })
    .from(moments)
    .where(inArray(moments.nudgeId, nudgeIds))
    .orderBy(desc(moments.priority), asc(moments.id))
    .all();
  for (const row of rows) {
    if (row.nudgeId === null) continue;
    byNudge.set(row.nudgeId, [...(byNudge.get(row.nudgeId) ?? []), row.kind as MomentKind]);
  }
  return byNudge;
}

function gesturesToFulfil(db: Db, userId: string, overdueMs: number, now: Date): { items: GestureToFulfil[]; total: number } {
  const mine = and(eq(gestures.fulfillerId, userId), or(eq(gestures.state, 'approved'), eq(gestures.state, 'failed')));
  const rows = db
    .select({ gesture: gestures, ...cardColumns, ...customerColumns })
    .from(gestures)
    .innerJoin(nudges, eq(nudges.id, gestures.nudgeId))
    .innerJoin(customers, eq(customers.id, gestures.customerId))
    .where(mine)
    .orderBy(asc(gestures.approvedAt), asc(gestures.id))
    .limit(HOME_LIST_MAX)
    .all();
  const total = db.select({ n: count() }).from(gestures).where(mine).get()?.n ?? 0;
  const items = rows.map(({ gesture, ...row }) => ({
    nudgeId: gesture.nudgeId,
    kind: gesture.kind,
    amountCents: gesture.amountCents,
    currency: gesture.currency,
    state: gesture.state as GestureToFulfil['state'],
    customer: customerOf(row),
    approvedBy: gesture.approvedBy,
    approvedAt: gesture.approvedAt !== null ? new Date(gesture.approvedAt) : null,
    overdue: gesture.state === 'approved' && gesture.approvedAt !== null && now.getTime() - gesture.approvedAt > overdueMs,
    failReason: gesture.state === 'failed' ? gesture.closeReason : null,
    card: cardOf(row),
  }));
  return { items, total };
}

function waitingRequests(db: Db): { items: WaitingRequest[]; total: number } {
  const requested = eq(gestures.state, 'requested');
  const rows = db
    .select({ gesture: gestures, ...cardColumns, ...customerColumns })
    .from(gestures)
    .innerJoin(nudges, eq(nudges.id, gestures.nudgeId))
    .innerJoin(customers, eq(customers.id, gestures.customerId))
    .where(requested)
    .orderBy(asc(gestures.createdAt), asc(gestures.id))
    .limit(HOME_LIST_MAX)
    .all();
  const total = db.select({ n: count() }).from(gestures).where(requested).get()?.n ?? 0;
  const items = rows.map(({ gesture, ...row }) => ({
    nudgeId: gesture.nudgeId,
    kind: gesture.kind,
    amountCents: gesture.amountCents,
    currency: gesture.currency,
    requestedBy: gesture.requestedBy,
    escalation: gesture.escalation,
    requestedAt: new Date(gesture.createdAt),
    customer: customerOf(row),
    card: cardOf(row),
  }));
  return { items, total };
}

/** The newest gestures by id (the primary key: no scan however long the history), each with its current state. */
function recentGestures(db: Db): RecentGesture[] {
  const rows = db
    .select({ gesture: gestures, ...cardColumns })
    .from(gestures)
    .innerJoin(nudges, eq(nudges.id, gestures.nudgeId))
    .orderBy(desc(gestures.id))
    .limit(HOME_LIST_MAX)
    .all();
  return rows.map(({ gesture, ...row }) => ({
    nudgeId: gesture.nudgeId,
    kind: gesture.kind,
    amountCents: gesture.amountCents,
    currency: gesture.currency,
    state: gesture.state as GestureState,
    requestedBy: gesture.requestedBy,
    approvedBy: gesture.approvedBy,
    fulfillerId: gesture.fulfillerId,
    closedBy: gesture.fulfilledBy ?? gesture.closedBy,
    at: new Date(gesture.fulfilledAt ?? gesture.closedAt ?? gesture.approvedAt ?? gesture.createdAt),
    card: cardOf(row),
  }));
}
