import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { immediate, openDatabase, runMigrations, type Db, type OpenedDatabase } from '../../src/db/client.js';
import { customers, moments, nudges } from '../../src/db/schema.js';
import type { DomainEvent } from '../../src/history/events.js';
import { recordEvent } from '../../src/history/record-event.js';
import { noticeOrder, noticeSupport, type NudgeSettings } from '../../src/nudges/engine.js';
import { DEFAULT_PLAYBOOK_SETTINGS, type NoiseSettings, type PlaybookSettings } from '../../src/nudges/settings.js';

/**
 * A store's history in a real SQLite file with the real migrations, fed
 * through the same record → notice path a webhook takes, with a clock the
 * test moves. For the engine's own rules (queue, holdout, scans) without HTTP.
 */
export interface TestStore {
  db: Db;
  opened: OpenedDatabase;
  settings: NudgeSettings;
  clock: { now: Date };
  /** Records the event and notices its moments, in one transaction, at the clock's time. */
  apply(event: DomainEvent): number[];
  order(email: string, placedAt: Date | string, fields?: Partial<Extract<DomainEvent, { type: 'order_placed' }>>): number[];
  nps(email: string, score: number, at?: Date | string): number[];
  customerId(email: string): number;
  nudgeOf(email: string): typeof nudges.$inferSelect | undefined;
  momentsOf(email: string): (typeof moments.$inferSelect)[];
  close(): void;
}

export interface StoreOptions {
  noise?: Partial<NoiseSettings>;
  holdoutShare?: number;
  playbook?: Partial<PlaybookSettings>;
  timeZone?: string;
  now?: Date | string;
}

let sequence = 0;

export function openStore(options: StoreOptions = {}): TestStore {
  const dir = mkdtempSync(join(tmpdir(), 'delightbot-store-'));
  const opened = openDatabase(join(dir, 'delight.db'));
  runMigrations(opened);
  const { db } = opened;
  const playbook: PlaybookSettings = {
    ...DEFAULT_PLAYBOOK_SETTINGS,
    ...options.playbook,
    noise: { ...DEFAULT_PLAYBOOK_SETTINGS.noise, ...options.noise },
    holdout: { share: options.holdoutShare ?? 0, salt: 'test-salt' },
  };
  const settings: NudgeSettings = { playbook, timeZone: options.timeZone ?? 'UTC', random: () => 1 };
  const clock = { now: new Date(options.now ?? '2026-03-10T12:00:00Z') };
  const at = (when: Date | string | undefined) => (when === undefined ? clock.now : new Date(when));
  const apply = (event: DomainEvent) =>
    immediate(db, (tx) => {
      const outcome = recordEvent(tx, event, clock.now);
      const touched = outcome.type === 'order_placed' ? noticeOrder(tx, outcome.order, settings, clock.now) : [];
      return [...touched, ...noticeSupport(tx, outcome, settings, clock.now)];
    });
  const customerId = (email: string) => db.select().from(customers).where(eq(customers.email, email)).get()?.id ?? -1;
  return {
    db,
    opened,
    settings,
    clock,
    apply,
    order: (email, placedAt, fields = {}) =>
      apply({
        type: 'order_placed',
        source: 'shopify',
        externalId: `o-${++sequence}`,
        customer: { email, firstName: email.split('@')[0] },
        currency: 'USD',
        totalCents: 4_000,
        shippingCents: 0,
        placedAt: at(placedAt),
        lineItems: [{ title: 'Mug', quantity: 1, priceCents: 4_000 }],
        ...fields,
      }),
    nps: (email, score, when) =>
      apply({ type: 'nps_answered', source: 'generic', externalId: `nps-${++sequence}`, customer: { email }, score, answeredAt: at(when) }),
    customerId,
    nudgeOf: (email) => db.select().from(nudges).where(eq(nudges.customerId, customerId(email))).orderBy(nudges.id).all().at(-1),
    momentsOf: (email) => db.select().from(moments).where(eq(moments.customerId, customerId(email))).orderBy(moments.id).all(),
    close: () => {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
