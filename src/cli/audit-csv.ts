import type { AuditTrailEntry } from '../gestures/audit-trail.js';
import { minorToDecimal } from '../money.js';
import { csvRecord } from './csv.js';

/** The export's columns, in order. */
export const AUDIT_CSV_COLUMNS = [
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

const localFormats = new Map<string, Intl.DateTimeFormat>();

/** "2026-11-21T05:02:00-05:00": the wall clock in the zone, with the offset in force then. */
export function localIso(at: Date, timeZone: string): string {
  let format = localFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    localFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // "GMT-05:00", or just "GMT" at offset zero.
  const offset = part('timeZoneName').replace(/^GMT/, '') || '+00:00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}${offset}`;
}
