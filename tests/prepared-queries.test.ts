import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { immediate, openDatabase, runMigrations, type Db, type OpenedDatabase } from '../src/db/client.js';
import { placeholders, preparedFor } from '../src/db/prepared.js';
import { appState } from '../src/db/schema.js';

const insertState = (db: Db) =>
  db
    .insert(appState)
    .values(placeholders('key', 'value', 'updatedAt'))
    .prepare();

const readValue = (db: Db) =>
  db
    .select({ value: appState.value })
    .from(appState)
    .where(eq(appState.key, sql.placeholder('key')))
    .prepare();

describe('prepared queries', () => {
  let dir: string;
  let opened: OpenedDatabase;
  const others: OpenedDatabase[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'delightbot-prepared-'));
    opened = openDatabase(join(dir, 'delight.db'));
    runMigrations(opened);
  });
  afterEach(() => {
    for (const other of others.splice(0)) other.close();
    opened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds a query once per database and shares it with its transactions', () => {
    const { db } = opened;
    const outside = preparedFor(db, readValue);
    expect(preparedFor(db, readValue)).toBe(outside);
    expect(immediate(db, (tx) => preparedFor(tx, readValue))).toBe(outside);
    const second = openDatabase(join(dir, 'delight.db'));
    others.push(second);
    expect(preparedFor(second.db, readValue)).not.toBe(outside);
  });

  it('takes part in the transaction it runs in: its writes are seen inside, and rolled back with it', () => {
    const { db } = opened;
    const insert = preparedFor(db, insertState);
    const read = preparedFor(db, readValue);
    expect(() =>
      immediate(db, () => {
        insert.run({ key: 'k', value: 'inside', updatedAt: 1 });
        expect(read.get({ key: 'k' })).toEqual({ value: 'inside' });
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(read.get({ key: 'k' })).toBeUndefined();
    immediate(db, (tx) => preparedFor(tx, insertState).run({ key: 'k', value: 'committed', updatedAt: 2 }));
    expect(db.select().from(appState).all()).toEqual([{ key: 'k', value: 'committed', updatedAt: 2 }]);
  });

  it('is not seen by another connection until the transaction commits', () => {
    const { db } = opened;
    const reader = openDatabase(join(dir, 'delight.db'));
    others.push(reader);
    immediate(db, (tx) => {
      preparedFor(db, insertState).run({ key: 'k', value: 'v', updatedAt: 1 });
      expect(preparedFor(reader.db, readValue).get({ key: 'k' })).toBeUndefined();
      expect(preparedFor(tx, readValue).get({ key: 'k' })).toEqual({ value: 'v' });
    });
    expect(preparedFor(reader.db, readValue).get({ key: 'k' })).toEqual({ value: 'v' });
  });

  it('refuses to run without a value for each placeholder', () => {
    expect(() => preparedFor(opened.db, readValue).get({})).toThrow('No value for placeholder "key"');
  });
});
