import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { SkippedRow } from './types.js';

/**
 * The skipped-rows file: every row the import could not use, with its line
 * number and the reason. A CSV keeps the input's columns after `Line` and
 * `Reason`, a JSON-lines file keeps each object with a `_skipped` field — so
 * once fixed, the file can be imported as it is. It is only created when
 * something is skipped.
 */
export class SkippedFile {
  /** How many rows were skipped. */
  count = 0;
  /** The first rows skipped, for the summary. */
  readonly examples: SkippedRow[] = [];
  private out: WriteStream | undefined;
  private header: string[] = [];
  private error: Error | undefined;

  constructor(
    readonly path: string,
    private readonly style: 'csv' | 'jsonl',
    private readonly maxExamples = 10,
  ) {}

  /** Remembers the input's CSV header, repeated in the file. */
  setHeader(columns: string[]): void {
    this.header = columns;
  }

  /** Appends a row, waiting when the disk is slower than the import. */
  async add(row: SkippedRow): Promise<void> {
    this.count++;
    if (this.examples.length < this.maxExamples) this.examples.push(row);
    const out = this.out ?? this.open();
    if (this.error) throw this.error;
    if (!out.write(this.style === 'csv' ? `${row.line},${csvField(row.reason)},${row.raw}\n` : `${jsonLine(row)}\n`)) {
      await once(out, 'drain');
    }
  }

  /**
   * Flushes and closes the file.
   * @throws the write error, if writing failed.
   */
  async close(): Promise<void> {
    if (!this.out) return;
    this.out.end();
    await finished(this.out).catch(() => undefined);
    if (this.error) throw this.error;
  }

  private open(): WriteStream {
    const out = createWriteStream(this.path);
    // Without a listener, a failed open (no such folder) would crash the process before close() can report it.
    out.on('error', (error) => {
      this.error = error;
    });
    if (this.style === 'csv') out.write(`${['Line', 'Reason', ...this.header].map(csvField).join(',')}\n`);
    this.out = out;
    return out;
  }
}

/** Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The original object with `_skipped` in front; a line that was not an object is kept as `_raw`. */
function jsonLine(row: SkippedRow): string {
  const skipped = { line: row.line, reason: row.reason };
  let value: unknown;
  try {
    value = JSON.parse(row.raw);
  } catch {
    value = undefined;
  }
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  return JSON.stringify(isObject ? { _skipped: skipped, ...(value as Record<string, unknown>) } : { _skipped: skipped, _raw: row.raw });
}
