import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, type ImportFormat } from './types.js';

export const IMPORT_USAGE = `Usage: npm run delight -- import <file> [--format shopify-csv|stripe-jsonl|generic-jsonl] [--skipped <path>]

Loads past orders and payments into the customer history before going live,
so a customer's 40th order does not look like her first. An import never
posts nudges: it only records history.

  <file>              Shopify's orders CSV export, Stripe charges as JSON lines,
                      or events in the generic webhook format as JSON lines
  --format <format>   the file's format; guessed from its name and first line when absent
  --skipped <path>    where rows that cannot be imported are listed
                      (default: <file>.skipped.csv or <file>.skipped.jsonl)

Importing the same file again changes nothing. Environment: DATABASE_PATH (default ./data/delight.db).`;

export type ImportArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; file: string; format?: ImportFormat; skippedPath?: string }
  | { ok: false; message: string };

/**
 * Reads the arguments that follow `import`.
 * @returns the file and options, `help`, or a usage error message.
 */
export function parseImportArgs(args: readonly string[]): ImportArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { format: { type: 'string' }, skipped: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { ok: true, help: true };
  if (positionals.length !== 1) {
    return { ok: false, message: positionals.length === 0 ? 'Which file? Name the file to import.' : `One file at a time, got ${positionals.length}.` };
  }
  const format = values.format;
  if (format !== undefined && !isFormat(format)) {
    return { ok: false, message: `Unknown format "${format}": use ${IMPORT_FORMATS.join(', ')}.` };
  }
  return { ok: true, help: false, file: positionals[0] ?? '', format, skippedPath: values.skipped };
}

function isFormat(value: string): value is ImportFormat {
  return (IMPORT_FORMATS as readonly string[]).includes(value);
}
