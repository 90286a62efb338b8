import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ImportFormat } from './types.js';

/** Enough of the file to hold its first line in any realistic export. */
const SNIFF_BYTES = 64 * 1024;

/**
 * Guesses a file's format from its extension and first line: `.csv` or a
 * header with Shopify's `Lineitem name` column is the orders export; a JSON
 * line whose `object` is "charge" (or a list page) is Stripe; any other JSON
 * line is the generic format.
 * @returns the format, or undefined when the file looks like none of them.
 */
export async function detectFormat(path: string): Promise<ImportFormat | undefined> {
  const head = await readHead(path);
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  if (extname(path).toLowerCase() === '.csv' || firstLine.includes('Lineitem name')) return 'shopify-csv';
  if (!firstLine.trimStart().startsWith('{')) return undefined;
  return stripeKind(firstLine) ? 'stripe-jsonl' : 'generic-jsonl';
}

function stripeKind(line: string): boolean {
  try {
    const kind = (JSON.parse(line) as { object?: unknown }).object;
    return kind === 'charge' || kind === 'list';
  } catch {
    // A first line longer than the sniffed head: its top-level fields come first in Stripe's output.
    return /^\{\s*"id"\s*:\s*"[^"]*"\s*,\s*"object"\s*:\s*"(?:charge|list)"/.test(line) || /^\{\s*"object"\s*:\s*"(?:charge|list)"/.test(line);
  }
}

async function readHead(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await file.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}
