import type { LineItemFacts, OrderPlaced, OrderRefunded } from '../../history/events.js';
import { normalizeEmail } from '../../history/names.js';
import type { ImportItem, SkippedRow } from './types.js';
import { amountIn, field, parseShopifyTime, quoted, RowProblem, type CsvRow } from './shopify-fields.js';

/**
 * Turns the rows of one order in Shopify's orders CSV export into domain
 * events. The export has one row per line item: the first row carries the
 * order-level fields (Email, Total, Created at…), the following rows of the
 * same `Name` only line-item columns.
 */

/** One CSV record and where it was in the file. */
export interface RowAt {
  line: number;
  row: CsvRow;
  raw: string;
}

/**
 * Converts one order's rows.
 * @returns a unit with the `order_placed` event (plus an `order_refunded` one
 * when `Refunded Amount` > 0) and a skip for each unusable line-item row; or,
 * when an order-level field is missing or malformed, a skip for every row.
 */
export function convertOrderRows(rows: readonly RowAt[]): ImportItem[] {
  const [first] = rows;
  if (!first) return [];
  const name = field(first.row, 'Name');
  let order: OrderPlaced;
  let refund: OrderRefunded | undefined;
  try {
    order = orderHead(first.row);
    refund = refundOf(first.row, order);
  } catch (error) {
    if (!(error instanceof RowProblem)) throw error;
    return rows.map((at, index) => skipOf(at, index === 0 ? error.message : `part of order ${name}, skipped at line ${first.line}`));
  }
  const skips: SkippedRow[] = [];
  for (const at of rows) {
    try {
      const item = lineItem(at.row, order.currency);
      if (item) order.lineItems.push(item);
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      skips.push(skipOf(at, `${error.message}; order ${name} imported without this item`));
    }
  }
  const events: (OrderPlaced | OrderRefunded)[] = refund ? [order, refund] : [order];
  const unmatchable = order.customer.email === undefined;
  const skipped = new Set(skips.map((skip) => skip.line));
  const source = rows.filter((at) => !skipped.has(at.line)).map(({ line, raw }) => ({ line, raw }));
  return [{ kind: 'unit', line: first.line, rows: source.length, source, events, unmatchable, onlyIfNew: true }, ...skips];
}

function skipOf(at: RowAt, reason: string): SkippedRow {
  return { kind: 'skip', line: at.line, reason, raw: at.raw };
}

/** The order-level fields of an order's first row; line items are added by the caller. */
function orderHead(row: CsvRow): OrderPlaced {
  const currency = currencyOf(row);
  const placedAt = requiredTime(row, 'Created at');
  const email = normalizeEmail(field(row, 'Email')) ?? undefined;
  const billingName = field(row, 'Billing Name');
  // Without either there is no one to give the history to.
  if (!email && !billingName) throw new RowProblem('no Email and no Billing Name');
  const cancelledText = field(row, 'Cancelled at');
  return {
    type: 'order_placed',
    source: 'shopify',
    // The `Id` column is the order id the live webhooks carry, so a later
    // webhook for an imported order finds it; exports without it fall back to Name.
    externalId: field(row, 'Id') || field(row, 'Name'),
    number: field(row, 'Name'),
    customer: { email, ...splitName(billingName) },
    currency,
    totalCents: requiredAmount(row, 'Total', currency),
    shippingCents: optionalAmount(row, 'Shipping', currency) ?? 0,
    financialStatus: field(row, 'Financial Status') || undefined,
    shippingTitle: field(row, 'Shipping Method') || undefined,
    shippingCountry: countryOf(field(row, 'Shipping Country')),
    cancelledAt: cancelledText ? requiredTime(row, 'Cancelled at') : undefined,
    placedAt,
    lineItems: [],
  };
}

/** A row's line item; undefined for a row without one (an order-only row). */
function lineItem(row: CsvRow, currency: string): LineItemFacts | undefined {
  const title = field(row, 'Lineitem name');
  const quantityText = field(row, 'Lineitem quantity');
  const priceText = field(row, 'Lineitem price');
  if (!title && !quantityText && !priceText) return undefined;
  if (!title) throw new RowProblem('missing Lineitem name');
  if (!/^\d+$/.test(quantityText)) throw new RowProblem(`Lineitem quantity ${quoted(quantityText)} is not a whole number`);
  return { title, quantity: Number(quantityText), priceCents: requiredAmount(row, 'Lineitem price', currency) };
}

/**
 * The export only has the refunded total, not the refunds: one refund per
 * order stands for all of them. It has no refund date either, so the
 * cancellation (or else the order) time is the best known one.
 */
function refundOf(row: CsvRow, order: OrderPlaced): OrderRefunded | undefined {
  const amountCents = optionalAmount(row, 'Refunded Amount', order.currency);
  if (amountCents === undefined || amountCents === 0) return undefined;
  return {
    type: 'order_refunded',
    source: 'shopify',
    externalId: `import-refund:${order.externalId}`,
    orderExternalId: order.externalId,
    amountCents,
    currency: order.currency,
    refundedAt: order.cancelledAt ?? order.placedAt,
  };
}

function currencyOf(row: CsvRow): string {
  const text = field(row, 'Currency');
  if (!text) throw new RowProblem('missing Currency');
  if (!/^[A-Za-z]{3}$/.test(text)) throw new RowProblem(`Currency ${quoted(text)} is not a three-letter code`);
  return text.toUpperCase();
}

function requiredTime(row: CsvRow, column: string): Date {
  const text = field(row, column);
  if (!text) throw new RowProblem(`missing ${column}`);
  const time = parseShopifyTime(text);
  if (!time) throw new RowProblem(`${column} ${quoted(text)} is not a date`);
  return time;
}

function requiredAmount(row: CsvRow, column: string, currency: string): number {
  const minor = optionalAmount(row, column, currency);
  if (minor === undefined) throw new RowProblem(`missing ${column}`);
  return minor;
}

function optionalAmount(row: CsvRow, column: string, currency: string): number | undefined {
  const text = field(row, column);
  return text ? amountIn(text, column, currency) : undefined;
}

/** "Mary Ann Smith" → Mary / Ann Smith: the export has one name field, split at the first space. */
function splitName(full: string): { firstName?: string; lastName?: string } {
  if (!full) return {};
  const space = full.indexOf(' ');
  if (space < 0) return { firstName: full };
  return { firstName: full.slice(0, space), lastName: full.slice(space + 1).trim() || undefined };
}

function countryOf(text: string): string | undefined {
  return /^[A-Za-z]{2}$/.test(text) ? text.toUpperCase() : undefined;
}
