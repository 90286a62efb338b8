import type { ImportResult } from './run.js';
import type { Tally } from './writer.js';

/**
 * The end-of-import report, for people: what came in, what was already
 * there, and what was left out and why.
 */
export function formatSummary(result: ImportResult): string {
  const { counts } = result;
  const rate = Math.round(result.rows / Math.max(result.seconds, 0.001));
  const lines = [
    `${result.stoppedBecause ? 'Stopped importing' : 'Imported'} ${result.file} (${result.format}): ${plural(result.rows, 'row')} in ${result.seconds.toFixed(1)} s, ${rate.toLocaleString('en-US')} rows/s`,
    `  Customers  ${(result.customersAfter - result.customersBefore).toLocaleString('en-US')} new, ${result.customersAfter.toLocaleString('en-US')} in total`,
  ];
  const isShopify = result.format === 'shopify-csv';
  if (isShopify || counts.orders.new + counts.orders.known > 0) {
    lines.push(`  Orders     ${tally(counts.orders)} (${plural(counts.lineItems, 'new line item')})`);
  }
  if (isShopify || counts.refunds.new + counts.refunds.known > 0) lines.push(`  Refunds    ${tally(counts.refunds)}`);
  if (result.format === 'stripe-jsonl' || counts.payments.new + counts.payments.known > 0) lines.push(`  Payments   ${tally(counts.payments)}`);
  if (counts.other.new + counts.other.known > 0) lines.push(`  Other      ${tally(counts.other)} (tickets, ratings, customer records)`);
  if (counts.unmatchable > 0) {
    lines.push(`  ${plural(counts.unmatchable, 'order')} without an e-mail: imported, but they cannot be matched to the customer's later orders`);
  }
  lines.push(...skippedLines(result));
  if (result.stoppedBecause) {
    lines.push(`  The import stopped: ${result.stoppedBecause}.`, '  Everything before that point is stored; importing the file again once fixed is safe.');
  }
  lines.push('No nudges were posted: an import only records history.');
  return `${lines.join('\n')}\n`;
}

function skippedLines(result: ImportResult): string[] {
  const { count, examples, path } = result.skipped;
  if (count === 0) return ['  Skipped    none'];
  const lines = [`  Skipped    ${plural(count, 'row')}, listed in ${path}`];
  for (const row of examples) lines.push(`    line ${row.line}: ${row.reason}`);
  if (count > examples.length) lines.push(`    … and ${count - examples.length} more`);
  return lines;
}

function tally(t: Tally): string {
  return `${t.new.toLocaleString('en-US')} new, ${t.known.toLocaleString('en-US')} already known`;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
