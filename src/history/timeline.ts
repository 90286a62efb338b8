import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { preparedFor } from '../db/prepared.js';
import { timelineEvents } from '../db/schema.js';
import type { Source } from './events.js';

export interface TimelineFact {
  customerId: number | null;
  source: Source;
  kind: string;
  externalId: string;
  /** The object's version at the source, or a fixed marker for facts that happen once. */
  versionKey: string;
  occurredAt: Date;
  /** Amounts, states and ids only — never names, e-mails or free text. */
  facts: Record<string, unknown>;
}

/**
 * Appends a fact to the customer timeline unless the same business fact is
 * already there (same source, object, kind and version), whatever delivery
 * brought it. Must run inside a transaction.
 * @returns true when the fact is new.
 */
export function appendTimeline(tx: Db, fact: TimelineFact, now: Date): boolean {
  const inserted = preparedFor(tx, appendQuery).run({
    customerId: fact.customerId,
    source: fact.source,
    kind: fact.kind,
    externalId: fact.externalId,
    versionKey: fact.versionKey,
    occurredAt: fact.occurredAt.getTime(),
    facts: fact.facts,
    createdAt: now.getTime(),
  });
  return inserted.changes === 1;
}

const appendQuery = (db: Db) =>
  db
    .insert(timelineEvents)
    .values({
      customerId: sql.placeholder('customerId'),
      source: sql.placeholder('source'),
      kind: sql.placeholder('kind'),
      externalId: sql.placeholder('externalId'),
      versionKey: sql.placeholder('versionKey'),
      occurredAt: sql.placeholder('occurredAt'),
      facts: sql.placeholder('facts'),
      createdAt: sql.placeholder('createdAt'),
    })
    .onConflictDoNothing()
    .prepare();

/** The version key of an event: its change time when the source sends one, else "once". */
export function versionKeyOf(version: Date | undefined): string {
  return version ? String(version.getTime()) : 'once';
}

/**
 * Whether a change should overwrite the stored state of an object: one with a
 * version only if it is newer than the stored one; one without a version only
 * while nothing versioned is stored (the source gives no way to tell).
 */
export function isNewerVersion(version: Date | undefined, stored: number | null): boolean {
  if (!version) return stored === null;
  return stored === null || version.getTime() > stored;
}
