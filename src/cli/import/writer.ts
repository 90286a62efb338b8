import type { Statement } from 'better-sqlite3';
import { immediate, type Db } from '../../db/client.js';
import type { DomainEvent } from '../../history/events.js';
import { recordEvent, type RecordOutcome } from '../../history/record-event.js';
import type { ImportUnit } from './types.js';

/**
 * Stores import units through `recordEvent` — never the nudge engine, so an
 * import cannot post anything to Slack — in batched transactions: one
 * transaction per row would spend the whole import waiting on fsync.
 */

export interface Tally {
  new: number;
  /** Already in the database (an earlier import, or a live webhook): left as stored. */
  known: number;
}

export interface ImportCounts {
  orders: Tally;
  /** Line items of the orders that were new. */
  lineItems: number;
  refunds: Tally;
  payments: Tally;
  /** Tickets, ratings and customer records (generic format). */
  other: Tally;
  /** New orders whose customer has no e-mail and no id: in the history, but never matched to a later order. */
  unmatchable: number;
}

export interface WriterOptions {
  now: () => Date;
  /** Called for a unit that cannot be stored; the rest of its batch is stored without it. */
  onFailure: (unit: ImportUnit, reason: string) => void;
  /** Events per transaction. */
  batchEvents?: number;
}

/** Events per transaction: large enough that commits cost little, small enough that a lock is held briefly. */
export const DEFAULT_BATCH_EVENTS = 500;

/** Buffers units and stores them in transactions of about `batchEvents` events. */
export class BatchWriter {
  readonly counts: ImportCounts = emptyCounts();
  private pending: ImportUnit[] = [];
  private pendingEvents = 0;
  private readonly isStored: (event: DomainEvent) => boolean;

  constructor(
    private readonly db: Db,
    private readonly options: WriterOptions,
  ) {
    this.isStored = storedCheck(db);
  }

  /** Queues a unit; its events are never split across two transactions. */
  add(unit: ImportUnit): void {
    this.pending.push(unit);
    this.pendingEvents += unit.events.length;
    if (this.pendingEvents >= (this.options.batchEvents ?? DEFAULT_BATCH_EVENTS)) this.flush();
  }

  /**
   * Stores everything queued. When the batch fails, its units are stored
   * one by one, so a single bad record costs only itself.
   * @throws the database error when the database itself fails (locked, full, read-only).
   */
  flush(): void {
    const units = this.pending;
    this.pending = [];
    this.pendingEvents = 0;
    if (units.length === 0) return;
    try {
      addInto(this.counts, this.store(units));
    } catch (error) {
      if (isDatabaseFailure(error)) throw error;
      for (const unit of units) this.storeAlone(unit);
    }
  }

  private storeAlone(unit: ImportUnit): void {
    try {
      addInto(this.counts, this.store([unit]));
    } catch (error) {
      if (isDatabaseFailure(error)) throw error;
      this.options.onFailure(unit, `could not be stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Counts are only taken from a committed transaction, never from one rolled back. */
  private store(units: readonly ImportUnit[]): ImportCounts {
    const now = this.options.now();
    return immediate(this.db, (tx) => {
      const tally = emptyCounts();
      for (const unit of units) this.storeUnit(tx, unit, now, tally);
      return tally;
    });
  }

  private storeUnit(tx: Db, unit: ImportUnit, now: Date, tally: ImportCounts): void {
    const [main] = unit.events;
    if (unit.onlyIfNew && main && this.isStored(main)) {
      for (const event of unit.events) tallyOf(tally, event).known++;
      return;
    }
    for (const event of unit.events) countOutcome(tally, event, recordEvent(tx, event, now), unit);
  }
}

function countOutcome(tally: ImportCounts, event: DomainEvent, outcome: RecordOutcome, unit: ImportUnit): void {
  const fresh = outcome.type === 'order_placed' ? outcome.order.isNew : outcome.type !== 'privacy' && outcome.fresh;
  tallyOf(tally, event)[fresh ? 'new' : 'known']++;
  if (fresh && event.type === 'order_placed') {
    tally.lineItems += event.lineItems.length;
    if (unit.unmatchable) tally.unmatchable++;
  }
}

function tallyOf(tally: ImportCounts, event: DomainEvent): Tally {
  switch (event.type) {
    case 'order_placed':
      return tally.orders;
    case 'order_refunded':
      return tally.refunds;
    case 'payment_recorded':
      return tally.payments;
    default:
      return tally.other;
  }
}

/**
 * Whether the order or payment a unit is about is already stored. Prepared
 * once on the import's connection (so it sees the open transaction's rows):
 * building the query per unit cost as much as parsing the row.
 */
function storedCheck(db: Db): (event: DomainEvent) => boolean {
  const byTable: Partial<Record<DomainEvent['type'], Statement<[string, string]>>> = {
    order_placed: db.$client.prepare('select 1 from orders where source = ? and external_id = ?'),
    payment_recorded: db.$client.prepare('select 1 from payments where source = ? and external_id = ?'),
  };
  return (event) => byTable[event.type]?.get(event.source, event.externalId) !== undefined;
}

/**
 * A failure of the database rather than of one record's data: retrying the
 * batch row by row would only report every row as skipped. Constraint
 * violations are about a record, so they are not.
 */
function isDatabaseFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && error.name === 'SqliteError' && typeof code === 'string' && !code.startsWith('SQLITE_CONSTRAINT');
}

/** All-zero counts. */
export function emptyCounts(): ImportCounts {
  const tally = (): Tally => ({ new: 0, known: 0 });
  return { orders: tally(), lineItems: 0, refunds: tally(), payments: tally(), other: tally(), unmatchable: 0 };
}

function addInto(total: ImportCounts, part: ImportCounts): void {
  for (const key of ['orders', 'refunds', 'payments', 'other'] as const) {
    total[key].new += part[key].new;
    total[key].known += part[key].known;
  }
  total.lineItems += part.lineItems;
  total.unmatchable += part.unmatchable;
}
