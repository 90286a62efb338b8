import { existsSync, readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Checks that erased text is really gone: from every row of every table, and
 * from the bytes of the database file and its WAL, free pages included.
 * Needles are searched case-insensitively (ASCII).
 */

/** "table: needle" for every table whose rows contain a needle. */
export function tablesContaining(sqlite: Database.Database, needles: readonly string[]): string[] {
  const tables = sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
  const hits: string[] = [];
  for (const { name } of tables) {
    const rows = JSON.stringify(sqlite.prepare(`select * from "${name.replace(/"/g, '""')}"`).all()).toLowerCase();
    for (const needle of needles) if (rows.includes(needle.toLowerCase())) hits.push(`${name}: ${needle}`);
  }
  return hits;
}

/** The needles found anywhere in the file's raw bytes (none when the file does not exist). */
export function fileContaining(path: string, needles: readonly string[]): string[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path).toString('latin1').toLowerCase();
  return needles.filter((needle) => text.includes(needle.toLowerCase()));
}

/** Needles found in the database file or its `-wal`, labelled by file. */
export function databaseFilesContaining(databasePath: string, needles: readonly string[]): string[] {
  return [
    ...fileContaining(databasePath, needles).map((needle) => `db: ${needle}`),
    ...fileContaining(`${databasePath}-wal`, needles).map((needle) => `wal: ${needle}`),
  ];
}

export interface FreePages {
  /** Pages on the freelist (trunks and leaves), as the file header counts them. */
  count: number;
  /** Leaf pages of the freelist. */
  leaves: number;
  /** Free leaf pages holding anything but zeros. */
  dirty: number[];
}

/**
 * Walks the freelist of the main database file (format: sqlite.org/fileformat2.html)
 * and checks every free leaf page is zeroed, as `secure_delete` promises.
 * Trunk pages are the freelist's own bookkeeping: SQLite leaves stale page
 * numbers in their pointer slots, so they are covered by the needle scan instead.
 * Only meaningful right after a checkpoint: before, the WAL has the newer pages.
 */
export function freePages(databasePath: string): FreePages {
  const bytes = readFileSync(databasePath);
  const rawSize = bytes.readUInt16BE(16);
  const pageSize = rawSize === 1 ? 65536 : rawSize;
  const page = (n: number) => bytes.subarray((n - 1) * pageSize, n * pageSize);
  const count = bytes.readUInt32BE(36);
  const dirty: number[] = [];
  let leafCount = 0;
  for (let trunk = bytes.readUInt32BE(32); trunk !== 0; ) {
    const trunkPage = page(trunk);
    const leaves = trunkPage.readUInt32BE(4);
    leafCount += leaves;
    for (let i = 0; i < leaves; i++) {
      const leaf = trunkPage.readUInt32BE(8 + 4 * i);
      if (!page(leaf).every((byte) => byte === 0)) dirty.push(leaf);
    }
    trunk = trunkPage.readUInt32BE(0);
  }
  return { count, leaves: leafCount, dirty };
}
