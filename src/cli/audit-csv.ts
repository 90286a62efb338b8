import type { AuditTrailEntry } from '../gestures/audit-trail.js';
import { minorToDecimal } from '../money.js';
import { localIso } from '../nudges/local-time.js';
import { csvRecord } from './csv.js';

/** The export's columns, in order. */
const AUDIT_CSV_COLUMNS = [
  'at',
  'at_local',
  'actor',
  'action',
  'amount',
  'currency',
  'nudge_id',
  'customer_id',
  'customer_email',
  'gesture_id',
  'detail',
] as const;

/** The header record. */
export function auditCsvHeader(): string {
  return csvRecord(AUDIT_CSV_COLUMNS);
}

/**
 * One entry as a CSV record: times in ISO 8601 (UTC, and local with its
 * offset), the amount in major units of its currency, the detail as JSON.
 * `fallbackCurrency` names the currency of an amount whose entry recorded none.
 */
export function auditCsvRecord(entry: AuditTrailEntry, timeZone: string, fallbackCurrency: string): string {
  const currency = entry.amountCents === null ? entry.currency : (entry.currency ?? fallbackCurrency);
  return csvRecord([
    entry.at.toISOString(),
    localIso(entry.at, timeZone),
    entry.actor,
    entry.action,
    entry.amountCents === null ? null : minorToDecimal(entry.amountCents, currency ?? fallbackCurrency),
    currency,
    entry.nudgeId,
    entry.customerId,
    entry.customerEmail,
    entry.gestureId,
    entry.detail ? JSON.stringify(entry.detail) : null,
  ]);
}
