/**
 * Money is stored as an integer count of the currency's minor unit ("cents"),
 * never as a float. Sources send decimal strings ("24.90"); they are parsed
 * digit by digit so 0.1 + 0.2 style rounding can never creep into a ledger.
 */

const minorDigitsCache = new Map<string, number>();
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Whether `code` is an ISO 4217 currency code the platform knows, in upper case ("USD"; not "usd"). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && CURRENCIES.has(code);
}

/** Number of minor-unit digits of an ISO 4217 currency (USD 2, JPY 0, BHD 3). */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  let digits = minorDigitsCache.get(code);
  if (digits === undefined) {
    try {
      digits = new Intl.NumberFormat('en-US', { style: 'currency', currency: code }).resolvedOptions()
        .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    minorDigitsCache.set(code, digits);
  }
  return digits;
}

/**
 * Parses a decimal amount ("24.9", "1,200.50", "-3.00") into minor units of the currency.
 * Returns null when the text is not a plain decimal number or has more precision than the currency.
 */
export function decimalToMinor(text: string | number, currency = 'USD'): number | null {
  const raw = typeof text === 'number' ? String(text) : text.trim().replace(/,/g, '');
  const match = /^(-)?(\d+)(?:\.(\d+))?$/.exec(raw);
  if (!match) return null;
  const [, sign, whole = '0', fraction = ''] = match;
  const digits = minorUnitDigits(currency);
  const trimmed = fraction.replace(/0+$/, '');
  if (trimmed.length > digits) return null;
  const minor = Number(whole) * 10 ** digits + Number(trimmed.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return null;
  return sign ? -minor : minor;
}

/** Parses dollars ("100", "49.50") into cents; null when malformed. */
export function dollarsToCents(text: string): number | null {
  return decimalToMinor(text.replace(/^\$/, ''), 'USD');
}

/** Formats minor units for people: formatMoney(4950, 'USD') → "$49.50". */
export function formatMoney(minor: number, currency = 'USD'): string {
  const digits = minorUnitDigits(currency);
  const format = new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: minor % 10 ** digits === 0 ? 0 : digits,
    maximumFractionDigits: digits,
  });
  return format.format(minor / 10 ** digits);
}

/**
 * An amount read with two decimals (as dollars and cents) in another
 * currency's minor units, keeping the major amount: 5000 ($50.00) is 50 in
 * JPY (no minor unit) and 50000 in BHD (three decimals).
 */
export function twoDecimalsIn(twoDigitMinor: number, currency: string): number {
  const digits = minorUnitDigits(currency);
  return digits === 2 ? twoDigitMinor : Math.round(twoDigitMinor * 10 ** (digits - 2));
}

/**
 * Minor units as a plain decimal in major units, with the currency's digits
 * and no grouping or symbol, for files other programs read:
 * minorToDecimal(4950, 'USD') → "49.50", minorToDecimal(50, 'JPY') → "50".
 */
export function minorToDecimal(minor: number, currency = 'USD'): string {
  const digits = minorUnitDigits(currency);
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
