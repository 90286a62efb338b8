import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { customers, orders, timelineEvents } from '../src/db/schema.js';
import { startHarness, type Harness } from './helpers/harness.js';
import { shopifyOrder } from './helpers/shopify-orders.js';

const ORDERS = 1000;
const IN_FLIGHT = 48;

interface Delivery {
  topic: string;
  body: Record<string, unknown>;
  webhookId: string;
}

/** Three states of one order: created, then paid, then partly refunded with a new total. */
function versionsOf(i: number): Delivery[] {
  const base = shopifyOrder({
    id: 9_000_000 + i,
    number: 20_000 + i,
    email: `customer${i % 250}@example.com`,
    customerId: 8_000 + (i % 250),
    firstName: 'Test',
    lastName: `Customer${i % 250}`,
    total: '40.00',
    createdAt: '2026-11-01T09:00:00Z',
  });
  const at = (minutes: number) => new Date(Date.parse('2026-11-01T09:00:00Z') + minutes * 60_000).toISOString();
  return [
    { topic: 'orders/create', body: { ...base, financial_status: 'pending', updated_at: at(0) }, webhookId: randomUUID() },
    { topic: 'orders/updated', body: { ...base, financial_status: 'paid', updated_at: at(5) }, webhookId: randomUUID() },
    { topic: 'orders/updated', body: { ...base, financial_status: 'partially_refunded', total_price: '35.00', updated_at: at(9) }, webhookId: randomUUID() },
  ];
}

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('duplicates and reordering', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ DELIGHT_ORDER_MILESTONES: '1000000' });
  });
  afterAll(async () => {
    await h.close();
  });

  it(`stores ${ORDERS} orders exactly once in their newest state from ${ORDERS * 3} shuffled concurrent deliveries`, async () => {
    const deliveries = shuffled(
      Array.from({ length: ORDERS }, (_, i) => versionsOf(i)).flat(),
      42,
    );
    // Every third delivery is also sent a second time under the same webhook id, as Shopify retries do.
    const withRetries = [...deliveries, ...deliveries.filter((_, i) => i % 3 === 0)];
    const statuses: number[] = [];
    let next = 0;
    const worker = async () => {
      while (next < withRetries.length) {
        const delivery = withRetries[next++] as Delivery;
        const res = await h.postShopify(delivery.topic, delivery.body, { webhookId: delivery.webhookId });
        statuses.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const db = h.running.db;
    expect(db.select({ n: count() }).from(orders).get()?.n).toBe(ORDERS);
    expect(db.select({ n: count() }).from(customers).get()?.n).toBe(250);
    const finalStates = db.select({ status: orders.financialStatus, total: orders.totalCents }).from(orders).all();
    const wrong = finalStates.filter((o) => o.status !== 'partially_refunded' || o.total !== 3500);
    expect(wrong).toEqual([]);
    expect(db.select({ n: count() }).from(timelineEvents).get()?.n).toBeGreaterThanOrEqual(ORDERS);
  }, 120_000);
});
