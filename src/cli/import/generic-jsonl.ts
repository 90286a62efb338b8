import type { Readable } from 'node:stream';
import type { DomainEvent } from '../../history/events.js';
import { parseGenericBody } from '../../ingest/generic/schema.js';
import { readJsonLines } from './jsonl.js';
import type { ImportItem } from './types.js';

/**
 * delightbot's generic webhook format (docs/generic-webhook.md) as JSON
 * lines: each line is what one webhook body may be — one event object, or
 * `{"events": […]}` — validated by the same schema as the webhook.
 */

/** Kinds an import never acts on: a privacy request must come from the shop itself, live. */
const NOT_IMPORTED = new Set<DomainEvent['type']>(['customer_redact_requested', 'customer_data_requested', 'shop_redact_requested']);

/**
 * Reads the events from `input`.
 * @yields a unit per line with known event types, a skip for anything else.
 */
export async function* readGenericJsonl(input: Readable): AsyncGenerator<ImportItem> {
  for await (const line of readJsonLines(input)) {
    const skip = (reason: string): ImportItem => ({ kind: 'skip', line: line.line, reason, raw: line.raw });
    if (!line.ok) {
      yield skip(line.reason);
      continue;
    }
    const parsed = parseGenericBody(line.value);
    if (!parsed.ok) {
      yield skip(parsed.reason);
      continue;
    }
    const events = parsed.events.filter((event) => !NOT_IMPORTED.has(event.type));
    if (events.length === 0) {
      yield skip(`no event type delightbot imports (${parsed.keys.map((key) => key.slice(0, key.indexOf(':'))).join(', ')})`);
      continue;
    }
    // Generic events carry the sender's own `updated_at`, so the recorders
    // can tell a newer state from an older one: no onlyIfNew here.
    yield { kind: 'unit', line: line.line, rows: 1, source: [{ line: line.line, raw: line.raw }], events };
  }
}
