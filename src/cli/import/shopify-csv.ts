import { pipeline, type Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { convertOrderRows, type RowAt } from './shopify-order.js';
import { field, type CsvRow } from './shopify-fields.js';
import { ImportFormatError, type ImportItem } from './types.js';

/**
 * Streams Shopify's orders CSV export (Orders → Export → CSV for Excel…) and
 * yields one unit per order. The rows of one order are consecutive in the
 * export, so only the current order's rows are held in memory, whatever the
 * size of the file.
 */

/** Columns without which the file is not an orders export (or not one we can read). */
const REQUIRED_COLUMNS = ['Name', 'Email', 'Currency', 'Total', 'Created at', 'Lineitem quantity', 'Lineitem name', 'Lineitem price'];

/**
 * Shopify caps an order at a few hundred line items; a run of rows longer
 * than this under one Name is a broken file, and holding it would defeat
 * streaming.
 */
const MAX_ROWS_PER_ORDER = 5_000;

/** Far above any real row (long notes included), far below what would strain memory. */
const MAX_RECORD_CHARS = 1_000_000;

interface ParsedRecord {
  record: CsvRow;
  raw: string;
}

/**
 * Reads the export from `input`.
 * @yields the header, then per order a unit and/or skipped rows, in file order.
 * @throws ImportFormatError when required columns are missing or the quoting is broken.
 */
export async function* readShopifyCsv(input: Readable): AsyncGenerator<ImportItem> {
  let header: string[] | undefined;
  const parser = parse({
    columns: (names: string[]) => (header = names.map((name) => name.trim())),
    bom: true,
    // Rows of an order after the first one are often shorter when a tool trimmed trailing empty cells.
    relax_column_count: true,
    // Excel-edited exports leave bare quotes in unquoted fields (`5" screen`).
    relax_quotes: true,
    // The raw text goes to the skipped-rows file as it was, and counts lines.
    raw: true,
    // An unclosed quote would otherwise swallow the rest of the file into one field, in memory.
    max_record_size: MAX_RECORD_CHARS,
  });
  // pipeline, not pipe: a read error must end the iteration instead of hanging it.
  pipeline(input, parser, () => undefined);
  const group = new OrderGroup();
  let nextLine = 2; // line 1 is the header
  let checked = false;
  try {
    for await (const { record, raw } of parser as AsyncIterable<ParsedRecord>) {
      if (!checked) {
        yield checkedHeader(header);
        checked = true;
      }
      const at: RowAt = { line: nextLine, row: record, raw: withoutLineBreak(raw) };
      nextLine += linesSpanned(raw);
      if (Object.values(record).every((value) => !value?.trim())) continue;
      yield* group.add(at);
    }
  } catch (error) {
    if (!isCsvError(error)) throw error;
    // The order being collected may be missing rows past the break: it is not
    // stored half, or a fixed re-import would find it "already known".
    const from = group.firstLine ?? nextLine;
    throw new ImportFormatError(`the file is not valid CSV at line ${nextLine} (${error.message}); nothing from line ${from} on was imported`);
  }
  if (!checked) yield checkedHeader(header);
  yield* group.flush();
}

/** Collects the consecutive rows of one order and converts them once the next order starts. */
class OrderGroup {
  private rows: RowAt[] = [];
  private name = '';

  /** The first line of the order being collected, if any. */
  get firstLine(): number | undefined {
    return this.rows[0]?.line;
  }

  *add(at: RowAt): Generator<ImportItem> {
    const name = field(at.row, 'Name');
    if (!name) {
      yield* this.flush();
      yield { kind: 'skip', line: at.line, reason: 'missing Name', raw: at.raw };
      return;
    }
    if (name !== this.name) {
      yield* this.flush();
      this.name = name;
    }
    if (this.rows.length >= MAX_ROWS_PER_ORDER) {
      yield { kind: 'skip', line: at.line, reason: `order ${name} has more than ${MAX_ROWS_PER_ORDER} rows`, raw: at.raw };
      return;
    }
    this.rows.push(at);
  }

  *flush(): Generator<ImportItem> {
    if (this.rows.length > 0) yield* convertOrderRows(this.rows);
    this.rows = [];
    this.name = '';
  }
}

function checkedHeader(header: string[] | undefined): ImportItem {
  if (!header) throw new ImportFormatError('the file is empty: expected the header row of a Shopify orders export');
  const missing = REQUIRED_COLUMNS.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new ImportFormatError(`not a Shopify orders export: missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  }
  return { kind: 'header', columns: header };
}

/**
 * How many lines a record's raw text covers. csv-parse hands the raw text
 * over with or without its final line break depending on the line-ending
 * style, so a record without a trailing "\n" still ends its line.
 */
function linesSpanned(raw: string): number {
  let breaks = 0;
  for (let index = raw.indexOf('\n'); index >= 0; index = raw.indexOf('\n', index + 1)) breaks++;
  return raw.endsWith('\n') ? breaks : breaks + 1;
}

/** csv-parse's own errors carry a `CSV_…` code; anything else (a read error, a bug) is not about the file's shape. */
function isCsvError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('CSV_');
}

function withoutLineBreak(raw: string): string {
  return raw.replace(/(?:\r\n|\r|\n)$/, '');
}
