import { decimalToMinor } from '../../money.js';

/** A CSV record keyed by column name; columns missing from a short row are absent. */
export type CsvRow = Record<string, string | undefined>;

/** Why a row cannot be imported, in words for the skipped-rows file ("missing Total"). */
export class RowProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RowProblem';
  }
}

/** A column's value, trimmed; "" when absent. */
export function field(row: CsvRow, column: string): string {
  return row[column]?.trim() ?? '';
}

/** Quotes a value for a message, cut short so a runaway field cannot flood the summary. */
export function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

/**
 * Parses a non-negative amount ("24.90", "1,200.50") into minor units.
 * @throws RowProblem naming the column and the value when it is not one.
 */
export function amountIn(text: string, column: string, currency: string): number {
  const minor = decimalToMinor(text, currency);
  if (minor === null) {
    const isDecimal = /^-?[\d,]+(?:\.\d+)?$/.test(text);
    throw new RowProblem(isDecimal ? `${column} ${quoted(text)} has more decimals than ${currency} allows` : `${column} ${quoted(text)} is not an amount`);
  }
  if (minor < 0) throw new RowProblem(`${column} ${quoted(text)} is negative`);
  return minor;
}

// "2026-03-02 14:05:00 -0500" is how the export writes times; ISO 8601 is accepted too.
const SHOPIFY_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses a time as the export writes it. A time without an offset is taken
 * as UTC: the export always has one, and a spreadsheet that dropped it can
 * shift an order by hours at most, never reorder a customer's years.
 * @returns the time, or null when the text is not one.
 */
export function parseShopifyTime(text: string): Date | null {
  const match = SHOPIFY_TIME.exec(text);
  if (!match) return null;
  const [, day, time, zone] = match;
  const offset = zone === undefined || zone === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${day}T${time}${offset}`);
  return Number.isNaN(ms) ? null : new Date(ms);
}
