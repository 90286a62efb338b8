import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { PaymentRecorded } from '../../history/events.js';
import { chargeEvent, chargeSchema } from '../../ingest/stripe/objects.js';
import { readJsonLines, type JsonLine } from './jsonl.js';
import type { ImportItem } from './types.js';

/**
 * Stripe charges as JSON lines: one Charge object per line, as the API
 * returns them (`stripe charges list --limit 100 | jq -c '.data[]'`). A line
 * holding a whole list page (`{"object":"list","data":[…]}`) is unpacked.
 * Charges are mapped exactly as the live `charge.*` webhooks map them.
 */

type Charge = z.infer<typeof chargeSchema>;

/**
 * Reads the charges from `input`.
 * @yields a `payment_recorded` unit per settled charge, a skip for anything else.
 */
export async function* readStripeJsonl(input: Readable): AsyncGenerator<ImportItem> {
  for await (const line of readJsonLines(input)) {
    if (!line.ok) {
      yield { kind: 'skip', line: line.line, reason: line.reason, raw: line.raw };
      continue;
    }
    const objects = isListPage(line.value) ? line.value.data : [line.value];
    for (const [index, object] of objects.entries()) {
      yield chargeItem(object, line, index === 0 ? 1 : 0);
    }
  }
}

function chargeItem(object: unknown, at: JsonLine, rows: number): ImportItem {
  const skip = (reason: string): ImportItem => ({ kind: 'skip', line: at.line, reason, raw: at.raw });
  const kind = objectKind(object);
  if (kind !== 'charge') return skip(kind ? `not a Stripe charge (object "${kind}")` : 'not a Stripe charge: no "object": "charge"');
  const parsed = chargeSchema.safeParse(object);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return skip(`${issue?.path.map(String).join('.') || 'charge'}: ${issue?.message ?? 'is invalid'}`);
  }
  const status = statusOf(object, parsed.data);
  if (!status) return skip(`status ${JSON.stringify((object as { status?: unknown }).status)}: the charge has not settled`);
  // The charge's own time stands in for the webhook's event time, so a second
  // import of the same file yields the same version and changes nothing.
  const event = chargeEvent(parsed.data, parsed.data.created, status);
  // recordPayment creates a customer before it deduplicates: a charge that
  // names nobody would add an anonymous customer on every import.
  if (!event.customer.externalId && !event.customer.email) return skip('no customer and no e-mail: the charge cannot be matched to anyone');
  return { kind: 'unit', line: at.line, rows, source: [{ line: at.line, raw: at.raw }], events: [event], onlyIfNew: true };
}

/** `refunded` is only true once the whole amount is refunded; partly refunded charges stay succeeded. */
function statusOf(object: unknown, charge: Charge): PaymentRecorded['status'] | undefined {
  if (charge.amount_refunded > 0 && (object as { refunded?: unknown }).refunded === true) return 'refunded';
  const status = (object as { status?: unknown }).status;
  return status === 'succeeded' || status === 'failed' ? status : undefined;
}

function objectKind(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const kind = (value as { object?: unknown }).object;
  return typeof kind === 'string' ? kind : undefined;
}

function isListPage(value: unknown): value is { data: unknown[] } {
  return objectKind(value) === 'list' && Array.isArray((value as { data?: unknown }).data);
}
