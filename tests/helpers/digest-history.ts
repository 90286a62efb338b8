import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, runMigrations, type Db, type OpenedDatabase } from '../../src/db/client.js';
import { historyWriter, type HistoryWriter } from '../../src/dev/history-writer.js';

/**
 * A store's history written straight into a real SQLite file with the real
 * migrations, so a digest test knows every answer by hand.
 */
export interface DigestHistory extends HistoryWriter {
  db: Db;
  close(): void;
}

export function openDigestHistory(): DigestHistory {
  const dir = mkdtempSync(join(tmpdir(), 'delightbot-digest-'));
  const opened: OpenedDatabase = openDatabase(join(dir, 'delight.db'));
  runMigrations(opened);
  return {
    db: opened.db,
    ...historyWriter(opened.db),
    close: () => {
      opened.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
