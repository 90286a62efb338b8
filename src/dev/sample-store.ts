import { and, gte, inArray, lt, sum } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { DigestSettings } from '../digest/build-digest.js';
import { budgetMonths, gestures } from '../db/schema.js';
import { historyWriter, type HistoryWriter } from './history-writer.js';

/**
 * A believable store for the digest preview: half a year of delight moments,
 * cards and gestures, a 10 % random holdout, repeat orders that come a little
 * more often after a gift, NPS answers and support ratings. Seeded, so the
 * preview (and the README's pictures) come out the same every time.
 */

export const SAMPLE_APPROVERS = new Map([
  ['U0MARIA001', 'Maria'],
  ['U0DEVRAJ02', 'Dev'],
  ['U0SAMLEE03', 'Sam'],
]);

/** The sample store's moment of truth: Monday Nov 23 2026, 09:00 in New York, and the settings its digest is read with. */
export const SAMPLE_NOW = new Date('2026-11-23T14:00:00Z');
export const SAMPLE_DIGEST_SETTINGS: DigestSettings = {
  monthlyBudgetCents: 250_000,
  currency: 'USD',
  timeZone: 'America/New_York',
  overdueMs: 72 * 3_600_000,
  repeatWindowDays: 60,
};

const FIRST = ['Jane', 'Omar', 'Lena', 'Kofi', 'Mia', 'Ravi', 'Ana', 'Tom', 'Yuki', 'Ines', 'Liam', 'Zoe', 'Noah', 'Eva', 'Leo', 'Ada'];
const LAST = ['Smith', 'Haddad', 'Berg', 'Mensah', 'Rossi', 'Patel', 'Silva', 'Novak', 'Tanaka', 'Costa', 'Walsh', 'Kim'];
const PROACTIVE = ['first_order', 'first_order', 'first_order', 'order_milestone', 'birthday', 'came_back', 'lifetime_spend', 'first_order_anniversary'];
const GIFTS: Record<string, { kind: string; cents: number }> = {
  first_order: { kind: 'note', cents: 0 },
  order_milestone: { kind: 'gift_card', cents: 5_000 },
  birthday: { kind: 'discount', cents: 2_500 },
  came_back: { kind: 'discount', cents: 1_500 },
  lifetime_spend: { kind: 'gift', cents: 7_500 },
  first_order_anniversary: { kind: 'gift_card', cents: 2_500 },
  recovery: { kind: 'fee_refund', cents: 1_200 },
};

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** mulberry32: a small, well-known seeded generator, plenty for sample data. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface SampleStoreOptions {
  /** The preview's "now": nothing is written after it. */
  now: Date;
  /** How far back the history reaches. */
  days?: number;
  seed?: number;
  /** Writes the month's budget ledger too (default); off when planting several stores into one database. */
  budget?: boolean;
}

/** Writes the sample history into a migrated, empty database. */
export function plantSampleStore(db: Db, options: SampleStoreOptions): void {
  const random = seeded(options.seed ?? 20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const h = historyWriter(db);
  const end = options.now.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const approvers = [...SAMPLE_APPROVERS.keys()];
  db.transaction(() => {
    for (let day = end - (options.days ?? 200) * DAY_MS; day < end; day += DAY_MS) {
      const moments = 4 + Math.floor(random() * 5);
      for (let i = 0; i < moments; i++) {
        const at = day + (9 + random() * 9) * HOUR_MS;
        if (at >= end) continue;
        plantMoment(h, { random, pick, iso, at, end, approver: pick(approvers), name: `${pick(FIRST)} ${pick(LAST)}`, kind: pick(PROACTIVE) });
      }
      if (random() < 0.45) {
        const at = day + (10 + random() * 8) * HOUR_MS;
        if (at < end) plantMoment(h, { random, pick, iso, at, end, approver: pick(approvers), name: `${pick(FIRST)} ${pick(LAST)}`, kind: 'recovery' });
      }
      plantRatings(h, { random, iso, day, end, name: `${pick(FIRST)} ${pick(LAST)}` });
    }
  });
  if (options.budget !== false) plantBudget(db, options.now);
}

interface MomentPlan {
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  iso: (ms: number) => string;
  at: number;
  end: number;
  approver: string;
  name: string;
  kind: string;
}

function plantMoment(h: HistoryWriter, plan: MomentPlan): void {
  const { random, iso, at, end, kind } = plan;
  const proactive = kind !== 'recovery';
  const holdout = proactive && random() < 0.1;
  const customer = h.customer(plan.name, { holdout });
  h.order(customer, iso(at - HOUR_MS), 3_000 + Math.floor(random() * 12_000));
  if (holdout) {
    h.suppressedMoment(customer, kind, iso(at), 'holdout');
    reorder(h, { random, iso, customer, from: at, end, chance: 0.22 });
    return;
  }
  const waited = (0.2 + random() * 6) * HOUR_MS;
  const decided = at + waited;
  if (decided >= end) {
    h.card(customer, { kinds: [kind], found: iso(at), posted: iso(at), state: 'pending' });
    return;
  }
  const roll = random();
  const state = roll < (proactive ? 0.62 : 0.85) ? 'approved' : roll < 0.93 ? 'skipped' : 'expired';
  const card = h.card(customer, { kinds: [kind], found: iso(at), posted: iso(at), decided: iso(state === 'expired' ? at + 48 * HOUR_MS : decided), state });
  if (state !== 'approved') {
    if (proactive) reorder(h, { random, iso, customer, from: at, end, chance: 0.25 });
    return;
  }
  const gift = GIFTS[kind] ?? { kind: 'note', cents: 0 };
  // Most promises are kept within a day or two; a few recent ones are still open, and two are overdue.
  const open = end - decided < 30 * HOUR_MS || (end - decided < 6 * DAY_MS && random() < 0.12);
  h.gesture(card, { approved: iso(decided), kind: gift.kind, cents: gift.cents, state: open ? 'approved' : 'fulfilled', approvedBy: plan.approver, fulfillerId: plan.approver });
  reorder(h, { random, iso, customer, from: decided, end, chance: proactive ? 0.36 : 0.3 });
  if (random() < 0.18) {
    const answered = decided + (2 + random() * 20) * DAY_MS;
    if (answered < end) h.nps(customer, random() < 0.75 ? 9 + Math.floor(random() * 2) : 7 + Math.floor(random() * 2), iso(answered));
  }
}

function reorder(h: HistoryWriter, input: { random: () => number; iso: (ms: number) => string; customer: number; from: number; end: number; chance: number }): void {
  if (input.random() >= input.chance) return;
  const at = input.from + (3 + input.random() * 55) * DAY_MS;
  if (at < input.end) h.order(input.customer, input.iso(at), 4_000 + Math.floor(input.random() * 10_000));
}

function plantRatings(h: HistoryWriter, input: { random: () => number; iso: (ms: number) => string; day: number; end: number; name: string }): void {
  const { random, iso, day, end } = input;
  const at = day + 15 * HOUR_MS;
  if (at >= end) return;
  const customer = h.customer(input.name);
  const score = random() < 0.6 ? 9 + Math.floor(random() * 2) : random() < 0.6 ? 7 + Math.floor(random() * 2) : Math.floor(random() * 7);
  h.nps(customer, score, iso(at));
  for (let i = 0; i < 3; i++) {
    const roll = random();
    h.satisfaction(customer, roll < 0.8 ? 'good' : roll < 0.9 ? 'okay' : 'bad', iso(at + i * HOUR_MS));
  }
}

/** The month's ledger as the app would have kept it: the gestures approved in it. */
function plantBudget(db: Db, now: Date): void {
  const month = now.toISOString().slice(0, 7);
  const from = Date.parse(`${month}-01T00:00:00Z`);
  const spent =
    db
      .select({ cents: sum(gestures.amountCents).mapWith(Number) })
      .from(gestures)
      .where(and(inArray(gestures.state, ['approved', 'fulfilled']), gte(gestures.approvedAt, from), lt(gestures.approvedAt, now.getTime())))
      .get()?.cents ?? 0;
  db.insert(budgetMonths).values({ month, currency: 'USD', limitCents: Math.max(SAMPLE_DIGEST_SETTINGS.monthlyBudgetCents, spent), spentCents: spent, createdAt: 0, updatedAt: 0 }).run();
}
