/**
 * Builds files shaped like Shopify's orders CSV export (Orders → Export):
 * the real 79 columns, one row per line item, order-level fields only on an
 * order's first row, times like "2026-03-02 14:05:00 -0500".
 */

export const SHOPIFY_ORDER_COLUMNS = [
  'Name', 'Email', 'Financial Status', 'Paid at', 'Fulfillment Status', 'Fulfilled at', 'Accepts Marketing', 'Currency',
  'Subtotal', 'Shipping', 'Taxes', 'Total', 'Discount Code', 'Discount Amount', 'Shipping Method', 'Created at',
  'Lineitem quantity', 'Lineitem name', 'Lineitem price', 'Lineitem compare at price', 'Lineitem sku',
  'Lineitem requires shipping', 'Lineitem taxable', 'Lineitem fulfillment status', 'Billing Name', 'Billing Street',
  'Billing Address1', 'Billing Address2', 'Billing Company', 'Billing City', 'Billing Zip', 'Billing Province',
  'Billing Country', 'Billing Phone', 'Shipping Name', 'Shipping Street', 'Shipping Address1', 'Shipping Address2',
  'Shipping Company', 'Shipping City', 'Shipping Zip', 'Shipping Province', 'Shipping Country', 'Shipping Phone',
  'Notes', 'Note Attributes', 'Cancelled at', 'Payment Method', 'Payment Reference', 'Refunded Amount', 'Vendor',
  'Outstanding Balance', 'Employee', 'Location', 'Device ID', 'Id', 'Tags', 'Risk Level', 'Source', 'Lineitem discount',
  'Tax 1 Name', 'Tax 1 Value', 'Tax 2 Name', 'Tax 2 Value', 'Tax 3 Name', 'Tax 3 Value', 'Tax 4 Name', 'Tax 4 Value',
  'Tax 5 Name', 'Tax 5 Value', 'Phone', 'Receipt Number', 'Duties', 'Billing Province Name', 'Shipping Province Name',
  'Payment ID', 'Payment Terms Name', 'Next Payment Due At', 'Payment References',
] as const;

export type ShopifyColumn = (typeof SHOPIFY_ORDER_COLUMNS)[number];
type Row = Partial<Record<ShopifyColumn, string>>;

export interface CsvItem {
  name: string;
  price: string;
  quantity?: number;
  sku?: string;
  /** Raw values replacing the generated ones on this item's row, e.g. { 'Lineitem price': 'x' }. */
  override?: Row;
}

export interface CsvOrder {
  name: string;
  id?: number;
  email?: string;
  billingName?: string;
  total: string;
  shipping?: string;
  currency?: string;
  /** As the export writes it: "2026-03-02 14:05:00 -0500". */
  createdAt: string;
  financialStatus?: string;
  cancelledAt?: string;
  refundedAmount?: string;
  notes?: string;
  items: CsvItem[];
  /** Raw values replacing the generated ones on the order's first row, e.g. { Total: 'abc' }. */
  override?: Row;
}

/** The rows of one order: order-level fields on the first, line-item columns on every one. */
export function orderRows(order: CsvOrder): Row[] {
  return order.items.map((item, index) => {
    const row: Row = { Name: order.name, ...itemColumns(item), Vendor: 'Acme Knits' };
    return index === 0 ? { ...row, ...orderColumns(order), ...item.override, ...order.override } : { ...row, ...item.override };
  });
}

function orderColumns(order: CsvOrder): Row {
  const country = 'CA';
  return {
    Email: order.email ?? '',
    'Financial Status': order.financialStatus ?? 'paid',
    'Paid at': order.createdAt,
    'Fulfillment Status': 'fulfilled',
    'Accepts Marketing': 'no',
    Currency: order.currency ?? 'USD',
    Subtotal: order.total,
    Shipping: order.shipping ?? '0.00',
    Taxes: '0.00',
    Total: order.total,
    'Discount Amount': '0.00',
    'Shipping Method': 'Standard',
    'Created at': order.createdAt,
    'Billing Name': order.billingName ?? '',
    'Billing Street': '12 Bank St',
    'Billing Address1': '12 Bank St',
    'Billing City': 'Ottawa',
    'Billing Zip': 'K1P 5N2',
    'Billing Province': 'ON',
    'Billing Country': country,
    'Shipping Name': order.billingName ?? '',
    'Shipping City': 'Ottawa',
    'Shipping Country': country,
    Notes: order.notes ?? '',
    'Cancelled at': order.cancelledAt ?? '',
    'Payment Method': 'Shopify Payments',
    'Refunded Amount': order.refundedAmount ?? '0.00',
    'Outstanding Balance': '0.00',
    Id: order.id === undefined ? '' : String(order.id),
    'Risk Level': 'Low',
    Source: 'web',
    'Billing Province Name': 'Ontario',
    'Shipping Province Name': 'Ontario',
  };
}

function itemColumns(item: CsvItem): Row {
  return {
    'Lineitem quantity': String(item.quantity ?? 1),
    'Lineitem name': item.name,
    'Lineitem price': item.price,
    'Lineitem sku': item.sku ?? '',
    'Lineitem requires shipping': 'true',
    'Lineitem taxable': 'true',
    'Lineitem fulfillment status': 'fulfilled',
    'Lineitem discount': '0.00',
  };
}

/** One CSV line (without its line break), quoting as Shopify does: only fields that need it. */
export function csvLine(values: readonly string[]): string {
  return values.map((value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)).join(',');
}

export function rowLine(row: Row): string {
  return csvLine(SHOPIFY_ORDER_COLUMNS.map((column) => row[column] ?? ''));
}

export interface CsvStyle {
  /** A UTF-8 byte order mark first, as Excel writes it. */
  bom?: boolean;
  /** Line ending: "\r\n" for Windows. */
  eol?: string;
}

/** A whole export of the given orders. */
export function shopifyOrdersCsv(orders: readonly CsvOrder[], style: CsvStyle = {}): string {
  const eol = style.eol ?? '\n';
  const lines = [csvLine(SHOPIFY_ORDER_COLUMNS), ...orders.flatMap(orderRows).map(rowLine)];
  // Line breaks inside quoted fields follow the file's own style, as when Excel saves it.
  return `${style.bom ? '\uFEFF' : ''}${lines.map((line) => line.replace(/\r?\n/g, eol)).join(eol)}${eol}`;
}

const FIRST_NAMES = ['Jane', 'Omar', 'Li', 'Ana María', 'Kofi', 'Priya', 'Sven', 'Aiko'];
const PRODUCTS = ['Scarf, blue', 'Merino hat', 'Mug "Morning"', 'Tea, green', 'Wool socks'];

/**
 * A deterministic synthetic order for volume tests: about 2.5 rows per
 * order, 20 orders per customer, a long quoted note on every 10th.
 */
export function syntheticOrder(n: number): CsvOrder {
  const customer = Math.floor(n / 20);
  const itemCount = 1 + (n % 4);
  const items = Array.from({ length: itemCount }, (_, i) => ({ name: PRODUCTS[(n + i) % PRODUCTS.length] ?? 'Mug', price: `${10 + ((n + i) % 40)}.50`, quantity: 1 + (i % 2) }));
  const total = items.reduce((sum, item) => sum + Number(item.price) * item.quantity, 0).toFixed(2);
  const day = new Date(Date.UTC(2020, 0, 1) + n * 60_000).toISOString();
  return {
    name: `#${1000 + n}`,
    id: 5_000_000_000 + n,
    email: `customer${customer}@example.com`,
    billingName: `${FIRST_NAMES[customer % FIRST_NAMES.length] ?? 'Jane'} Customer${customer}`,
    total,
    createdAt: `${day.slice(0, 10)} ${day.slice(11, 19)} +0000`,
    notes: n % 10 === 0 ? 'Gift wrap, please.\nLeave at the back door.' : '',
    items,
  };
}
