import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';

/** One non-blank line of a JSON-lines file: its JSON value, or why it is not JSON. */
export type JsonLine = { line: number; raw: string; ok: true; value: unknown } | { line: number; raw: string; ok: false; reason: string };

/**
 * Streams a JSON-lines file line by line (LF or CRLF), so memory stays flat
 * whatever the file size. Blank lines are passed over; a BOM is dropped.
 * @throws the read error of `input`, if any.
 */
export async function* readJsonLines(input: Readable): AsyncGenerator<JsonLine> {
  let readError: Error | undefined;
  const lines = createInterface({ input, crlfDelay: Infinity });
  // readline does not end its iteration on an input error by itself.
  input.once('error', (error) => {
    readError = error;
    lines.close();
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    const raw = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (!raw.trim()) continue;
    yield parseLine(line, raw);
  }
  if (readError) throw readError;
}

function parseLine(line: number, raw: string): JsonLine {
  try {
    return { line, raw, ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { line, raw, ok: false, reason: 'not valid JSON' };
  }
}
