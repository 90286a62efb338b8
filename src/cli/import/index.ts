import { statSync } from 'node:fs';
import { openDatabase, runMigrations } from '../../db/client.js';
import { IMPORT_USAGE, parseImportArgs } from './args.js';
import { detectFormat } from './detect.js';
import type { ProgressStream } from './progress.js';
import { importFile } from './run.js';
import { formatSummary } from './summary.js';
import { IMPORT_FORMATS } from './types.js';

/**
 * `npm run delight -- import <file>`: loads history (Shopify orders, Stripe
 * charges, generic events) into the database before going live. It records
 * events only — never through the nudge engine — so nothing reaches Slack.
 */

/** Same default as DATABASE_PATH in config.ts; the import needs none of the Slack settings loadConfig insists on. */
const DEFAULT_DATABASE_PATH = './data/delight.db';

export interface ImportIo {
  env: Readonly<Record<string, string | undefined>>;
  stdout: NodeJS.WritableStream;
  /** Errors, and the progress bar when it is a terminal. */
  stderr: ProgressStream;
  now: () => Date;
}

/**
 * Runs the import command.
 * @param args the arguments after `import`: `<file> [--format …] [--skipped <path>]`.
 * @param io the environment and streams; the process's own by default (tests pass theirs).
 * @returns the exit code: 0 imported (skipped rows are listed, not failures),
 * 1 the file could not be read or is not in its format, 2 usage error.
 */
export async function runImport(args: string[], io: Partial<ImportIo> = {}): Promise<number> {
  const { env = process.env, stdout = process.stdout, stderr = process.stderr, now = () => new Date() } = io;
  const parsed = parseImportArgs(args);
  if (!parsed.ok) {
    stderr.write(`${parsed.message}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    stdout.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  const size = fileSize(parsed.file);
  if (typeof size === 'string') {
    stderr.write(`Cannot read ${parsed.file}: ${size}\n`);
    return 1;
  }
  const format = parsed.format ?? (await detectFormat(parsed.file));
  if (!format) {
    stderr.write(`Cannot tell the format of ${parsed.file}: pass --format ${IMPORT_FORMATS.join('|')}.\n`);
    return 2;
  }
  const opened = openDatabase(env.DATABASE_PATH || DEFAULT_DATABASE_PATH);
  try {
    runMigrations(opened);
    // The live app needs FULL (a 2xx to a webhook is a promise). An import is
    // idempotent: a batch lost to a power cut is restored by running it again.
    opened.sqlite.pragma('synchronous = NORMAL');
    const result = await importFile(opened.db, {
      file: parsed.file,
      format,
      skippedPath: parsed.skippedPath ?? `${parsed.file}.skipped.${format === 'shopify-csv' ? 'csv' : 'jsonl'}`,
      totalBytes: size,
      progressStream: stderr,
      now,
    });
    stdout.write(formatSummary(result));
    return result.stoppedBecause ? 1 : 0;
  } finally {
    opened.close();
  }
}

/** The file's size in bytes, or why it cannot be imported. */
function fileSize(path: string): number | string {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.size : 'not a file';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
  }
}
