import { rmSync } from 'node:fs';
import type { Db } from '../../db/client.js';

export interface FileScrub {
  /** False when a reader kept the checkpoint from finishing; the WAL is then cleared by a later checkpoint. */
  walCleared: boolean;
  exportsRemoved: number;
}

/**
 * Runs after an erasure commits. `secure_delete` zeroes the old bytes in the
 * pages SQLite rewrites, but the WAL still holds earlier frames with the old
 * text until a checkpoint copies the pages back and TRUNCATE empties the file.
 * Earlier export files about the erased customers are deleted as well.
 */
export function scrubFilesAfterErasure(db: Db, staleExports: readonly string[]): FileScrub {
  const [result] = db.$client.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
  let exportsRemoved = 0;
  for (const path of staleExports) {
    rmSync(path, { force: true });
    exportsRemoved += 1;
  }
  return { walCleared: result === undefined || result.busy === 0, exportsRemoved };
}
