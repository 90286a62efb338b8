import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, KINDS, MILESTONES, SEED_AGE, SPEND_THRESHOLDS, type Delivery, type GeneratedStore } from './model.js';
import { generateStore } from './store-generator.js';

const digest = (store: GeneratedStore): string => createHash('sha256').update(JSON.stringify(store)).digest('hex');

/** The id a sender's event is deduplicated by: the same id twice would be stored once. */
function eventId(source: Delivery['source'], payload: Record<string, unknown>): string {
  if (source === 'generic') return `generic ${String(payload['type'])}:${String(payload['id'])}`;
  return `${source} ${String(payload['id'])}`;
}

describe('the replay store generator', () => {
  let store: GeneratedStore;
  beforeAll(() => {
    store = generateStore();
  });

  it('generates the same store for the same seed, another for another seed', () => {
    // A smaller store keeps this quick; the plan is the same code.
    const small = { days: 12, ordersPerDay: 80 } as const;
    const first = digest(generateStore({ ...small, seed: 7 }));
    expect(digest(generateStore({ ...small, seed: 7 }))).toBe(first);
    expect(digest(generateStore({ ...small, seed: 8 }))).not.toBe(first);
  });

  it('plants every kind of moment at least three times', () => {
    const counts = Object.fromEntries(KINDS.map((kind) => [kind, store.planted.filter((p) => p.kind === kind).length]));
    expect(Object.entries(counts).filter(([, n]) => n < 3)).toEqual([]);
  });

  it('keeps background orders off first, second and milestone ordinals, and under the first spend threshold', () => {
    const special = new Set([1, 2, ...MILESTONES]);
    const background = store.orders.filter((order) => order.background);
    expect(background.filter((order) => !order.seed && special.has(order.ordinal))).toEqual([]);
    const spend = new Map<string, number>();
    for (const order of background) spend.set(order.customer, (spend.get(order.customer) ?? 0) + order.cents);
    expect([...spend].filter(([, cents]) => cents >= (SPEND_THRESHOLDS[0] ?? 0))).toEqual([]);
  });

  it('has about 300 orders a day, every day', () => {
    const perDay = new Array<number>(30).fill(0);
    for (const order of store.orders) {
      const day = Math.floor((order.at.getTime() - store.start.getTime()) / DAY);
      if (!order.seed) perDay[day] = (perDay[day] ?? 0) + 1;
    }
    const total = perDay.reduce((sum, n) => sum + n, 0);
    expect(total / 30).toBeGreaterThanOrEqual(290);
    expect(total / 30).toBeLessThanOrEqual(320);
    expect(perDay.filter((n) => n < 200 || n > 420)).toEqual([]);
  });

  it('delivers in time order inside the window, and seeds only history older than the seed age', () => {
    const times = store.deliveries.map((d) => d.at.getTime());
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    expect(times.filter((t) => t < store.start.getTime() || t >= store.end.getTime())).toEqual([]);
    const seedOrders = store.orders.filter((order) => order.seed);
    expect(seedOrders.filter((order) => order.at.getTime() > store.start.getTime() - SEED_AGE)).toEqual([]);
    const windowOrders = store.orders.filter((order) => !order.seed).length;
    expect([...store.seed, ...store.imported].filter((event) => event['type'] === 'order')).toHaveLength(seedOrders.length);
    expect(store.deliveries.filter((d) => d.topic === 'orders/create' || d.topic === 'order.created' || d.payload['type'] === 'order')).toHaveLength(windowOrders);
  });

  it('gives every event its own id, so none is dropped as a redelivery', () => {
    const old = [...store.seed, ...store.imported].map((payload) => eventId('generic', payload));
    const ids = [...old, ...store.deliveries.map((d) => eventId(d.source, d.payload))];
    expect(ids.length - new Set(ids).size).toBe(0);
  });

  it('marks exactly the planted surprises for the surprise draw', () => {
    const marked = store.deliveries.filter((d) => d.surprise).map((d) => d.customer);
    const planted = store.planted.filter((p) => p.kind === 'surprise').map((p) => p.customer);
    expect(marked.sort()).toEqual(planted.sort());
  });
});
