import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { customerIdentities, customers, lineItems, orders } from '../src/db/schema.js';
import type { DomainEvent } from '../src/history/events.js';
import { openStore, type TestStore } from './helpers/store.js';

/**
 * Which customer a source's reference lands on, what the profile keeps when
 * changes arrive out of order, and what a redelivered or updated order
 * leaves behind: the rows themselves, read back after each step.
 */

type Upsert = Extract<DomainEvent, { type: 'customer_upserted' }>;
type Order = Extract<DomainEvent, { type: 'order_placed' }>;

const upsert = (customer: Upsert['customer'], version?: string): Upsert => ({
  type: 'customer_upserted',
  source: 'shopify',
  externalId: customer.externalId ?? 'none',
  customer,
  ...(version ? { version: new Date(version) } : {}),
});

const order = (fields: Partial<Order> = {}): Order => ({
  type: 'order_placed',
  source: 'shopify',
  externalId: '1001',
  customer: { externalId: 'c-1', email: 'ann@example.com', firstName: 'Ann' },
  currency: 'USD',
  totalCents: 4_000,
  shippingCents: 0,
  placedAt: new Date('2026-03-09T10:00:00Z'),
  lineItems: [
    { title: 'Mug', quantity: 1, priceCents: 1_500 },
    { title: 'Scarf', variantTitle: 'Blue', quantity: 1, priceCents: 2_500 },
  ],
  ...fields,
});

describe('customer identity and profile versions', () => {
  let store: TestStore;
  beforeEach(() => {
    store = openStore();
  });
  afterEach(() => store.close());

  const people = () => store.db.select().from(customers).orderBy(asc(customers.id)).all();
  const links = () => store.db.select().from(customerIdentities).orderBy(asc(customerIdentities.id)).all();

  it('applies a newer profile, ignores an older one arriving late, and keeps the newest version on the link', () => {
    store.apply(upsert({ externalId: 'c-1', email: 'ann@example.com', firstName: 'Ann', lastName: 'Old' }, '2026-03-01T00:00:00Z'));
    store.apply(upsert({ externalId: 'c-1', email: 'ann@example.com', firstName: 'Ann', lastName: 'New' }, '2026-03-05T00:00:00Z'));
    store.apply(upsert({ externalId: 'c-1', email: 'ann@example.com', firstName: 'Annie', lastName: 'Stale' }, '2026-03-03T00:00:00Z'));
    expect(people()).toEqual([expect.objectContaining({ email: 'ann@example.com', firstName: 'Ann', lastName: 'New' })]);
    expect(links()).toEqual([expect.objectContaining({ source: 'shopify', externalId: 'c-1', profileVersion: Date.parse('2026-03-05T00:00:00Z') })]);
  });

  it('makes a new customer with the profile the source gave, trimmed, with or without an e-mail', () => {
    store.apply(upsert({ externalId: 'c-1', email: ' Ann@Example.com ', firstName: ' Ann ', lastName: '', birthday: '1985-03-14' }, '2026-03-01T00:00:00Z'));
    store.apply(upsert({ externalId: 'c-2', firstName: 'Bo' }));
    const at = store.clock.now.getTime();
    expect(people()).toEqual([
      { id: 1, email: 'ann@example.com', firstName: 'Ann', lastName: null, birthday: '1985-03-14', redactedAt: null, createdAt: at, updatedAt: at },
      { id: 2, email: null, firstName: 'Bo', lastName: null, birthday: null, redactedAt: null, createdAt: at, updatedAt: at },
    ]);
    expect(links().map((link) => [link.externalId, link.customerId, link.profileVersion])).toEqual([
      ['c-1', 1, Date.parse('2026-03-01T00:00:00Z')],
      ['c-2', 2, at],
    ]);
  });

  it('leaves the link as it was when the same profile arrives again', () => {
    const change = upsert({ externalId: 'c-1', email: 'ann@example.com', lastName: 'Smith' }, '2026-03-05T00:00:00Z');
    store.apply(change);
    const before = links();
    store.clock.now = new Date('2026-03-10T13:00:00Z');
    store.apply(change);
    expect(links()).toEqual(before);
  });

  it('merges a source id first seen without an e-mail into the customer who has it, moving the link', () => {
    store.apply(upsert({ externalId: 'z-9', firstName: 'Ann' }, '2026-03-01T00:00:00Z'));
    store.order('ann@example.com', '2026-03-09T10:00:00Z');
    store.apply(upsert({ externalId: 'z-9', email: 'ann@example.com' }, '2026-03-02T00:00:00Z'));
    expect(people()).toEqual([expect.objectContaining({ email: 'ann@example.com', firstName: 'ann' })]);
    const [ann] = people();
    expect(links()).toEqual([expect.objectContaining({ externalId: 'z-9', customerId: ann?.id, profileVersion: Date.parse('2026-03-02T00:00:00Z') })]);
  });

  it('stores a new order with its items in order, and an updated one with its new items only', () => {
    store.apply(order());
    const items = () => store.db.select({ title: lineItems.title, variantTitle: lineItems.variantTitle }).from(lineItems).orderBy(asc(lineItems.id)).all();
    expect(items()).toEqual([
      { title: 'Mug', variantTitle: null },
      { title: 'Scarf', variantTitle: 'Blue' },
    ]);
    // Redelivered unchanged: nothing moves.
    store.apply(order());
    expect(items()).toHaveLength(2);
    store.apply(order({ version: new Date('2026-03-09T12:00:00Z'), totalCents: 2_500, lineItems: [{ title: 'Scarf', quantity: 1, priceCents: 2_500 }] }));
    expect(items()).toEqual([{ title: 'Scarf', variantTitle: null }]);
    expect(store.db.select({ total: orders.totalCents, version: orders.sourceVersion }).from(orders).all()).toEqual([
      { total: 2_500, version: Date.parse('2026-03-09T12:00:00Z') },
    ]);
  });
});
