import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { immediate, openDatabase, runMigrations, type OpenedDatabase } from '../src/db/client.js';
import { customers } from '../src/db/schema.js';

describe('database', () => {
  let dir: string;
  let opened: OpenedDatabase | undefined;
  afterEach(() => {
    opened?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens with WAL, foreign keys, a busy timeout and synchronous=FULL, and migrates', () => {
    dir = mkdtempSync(join(tmpdir(), 'delightbot-db-'));
    opened = openDatabase(join(dir, 'nested', 'delight.db'));
    runMigrations(opened);
    const { sqlite } = opened;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(['customers', 'orders', 'line_items', 'webhook_deliveries', 'nudges', 'moments', 'gestures', 'budget_months', 'audit_log', 'slack_outbox']),
    );
  });

  it('is idempotent across restarts and keeps rows', () => {
    dir = mkdtempSync(join(tmpdir(), 'delightbot-db-'));
    const path = join(dir, 'delight.db');
    const first = openDatabase(path);
    runMigrations(first);
    first.sqlite.prepare("insert into customers (email, created_at, updated_at) values ('a@example.com', 1, 1)").run();
    first.close();
    opened = openDatabase(path);
    runMigrations(opened);
    expect(opened.sqlite.prepare('select count(*) as n from customers').get()).toEqual({ n: 1 });
  });

  it('refuses a budget row that would spend more than its limit', () => {
    dir = mkdtempSync(join(tmpdir(), 'delightbot-db-'));
    opened = openDatabase(join(dir, 'delight.db'));
    runMigrations(opened);
    const insert = opened.sqlite.prepare('insert into budget_months (month, currency, limit_cents, spent_cents, created_at, updated_at) values (?, ?, ?, ?, 1, 1)');
    expect(() => insert.run('2026-11', 'USD', 1000, 1001)).toThrow(/CHECK constraint failed/);
  });

  it('runs immediate work holding the write lock from the start, with nested calls as savepoints', () => {
    dir = mkdtempSync(join(tmpdir(), 'delightbot-db-'));
    const path = join(dir, 'delight.db');
    opened = openDatabase(path);
    runMigrations(opened);
    const { sqlite, db } = opened;
    const other = new Database(path);
    other.pragma('busy_timeout = 0');
    const count = () => (sqlite.prepare('select count(*) as n from customers').get() as { n: number }).n;
    try {
      immediate(db, (tx) => {
        // No write yet, and another connection already cannot start writing.
        expect(() => other.prepare('begin immediate').run()).toThrow(/locked|busy/i);
        tx.insert(customers).values({ email: 'kept@example.com', createdAt: 1, updatedAt: 1 }).run();
        expect(() =>
          immediate(tx, (inner) => {
            inner.insert(customers).values({ email: 'dropped@example.com', createdAt: 1, updatedAt: 1 }).run();
            throw new Error('undo the inner part');
          }),
        ).toThrow('undo the inner part');
        expect(count()).toBe(1);
      });
    } finally {
      other.close();
    }
    expect(sqlite.prepare('select email from customers').all()).toEqual([{ email: 'kept@example.com' }]);
  });
});
