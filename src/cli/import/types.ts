import type { DomainEvent } from '../../history/events.js';

/** The input formats `delight import` understands. */
export type ImportFormat = 'shopify-csv' | 'stripe-jsonl' | 'generic-jsonl';

export const IMPORT_FORMATS: readonly ImportFormat[] = ['shopify-csv', 'stripe-jsonl', 'generic-jsonl'];

/**
 * The events of one source record (a Shopify order and its refund, one Stripe
 * charge, one generic line). They are stored in the same transaction, so an
 * order is never kept without its refund or the other way round.
 */
export interface ImportUnit {
  kind: 'unit';
  /** First line of the record in the input, 1-based, for messages. */
  line: number;
  /** Input rows it counts as (a Shopify order has one row per line item). */
  rows: number;
  /** Its rows as they appeared in the input, for the skipped-rows file should the unit fail to store. */
  source: SourceRow[];
  events: DomainEvent[];
  /** True when the record names no e-mail and no customer id: it counts in the history but cannot be matched later. */
  unmatchable?: boolean;
  /**
   * Store nothing when the database already has the unit's order or payment.
   * For exports without a change time: what is stored (from a live webhook or
   * an earlier import) is at least as new, and must not be overwritten or
   * counted twice (a refund total imported next to the live refunds).
   */
  onlyIfNew?: boolean;
}

/** A row as it appeared in the input. */
export interface SourceRow {
  line: number;
  /** The row's text without its final line break. */
  raw: string;
}

/** A row the import could not use, kept verbatim for the skipped-rows file. */
export interface SkippedRow extends SourceRow {
  kind: 'skip';
  reason: string;
}

/** The header of a CSV input, so the skipped-rows file can repeat it. */
export interface CsvHeader {
  kind: 'header';
  columns: string[];
}

export type ImportItem = ImportUnit | SkippedRow | CsvHeader;

/** The input is not in the format it was read as (wrong columns, broken quoting); the import stops. */
export class ImportFormatError extends Error {
  readonly code = 'import_format_invalid';
  constructor(message: string) {
    super(message);
    this.name = 'ImportFormatError';
  }
}
