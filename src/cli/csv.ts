/**
 * The little of CSV that an export needs (RFC 4180): fields separated by
 * commas, records ended by CRLF, a field holding a comma, a double quote, CR
 * or LF enclosed in double quotes with its quotes doubled.
 */

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): = + - @, and tab and CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet shows as text: one starting like a formula
 * (`=HYPERLINK(…)`, `+1`, `-2`, `@SUM(…)`) gets a leading single quote.
 * Only for text that did not come from delightbot's own numbers.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field, quoted only when it must be. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record with its CRLF; null and undefined are empty fields, text is guarded against formulas. */
export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map((value) => (value === null || value === undefined ? '' : typeof value === 'number' ? String(value) : csvField(neutraliseFormula(value)))).join(',')}\r\n`;
}
