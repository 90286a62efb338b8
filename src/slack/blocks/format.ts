import { formatMoney } from '../../money.js';
import type { MoneyAmount, OrderSummary } from '../../history/customer-summary.js';
import { customerText } from './escape.js';

/** 1 → "first", 2 → "2nd", 11 → "11th", 23 → "23rd". */
export function ordinal(n: number): string {
  if (n === 1) return 'first';
  const lastTwo = n % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** A date as the team reads it, in their time zone: "Nov 23, 2026". */
export function formatDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', year: 'numeric' }).format(at);
}

/** A moment as the team reads it: "Nov 23, 10:15 AM". */
export function formatMoment(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

/** "$1,234.50 + €80" — one amount per currency, never converted. */
export function formatAmounts(amounts: readonly MoneyAmount[]): string {
  if (amounts.length === 0) return formatMoney(0, 'USD');
  return amounts.map((amount) => formatMoney(amount.cents, amount.currency)).join(' + ');
}

/** "2 × Blue scarf (Large), 1 × Mug" with customer text escaped; long lists end in "and 3 more". */
export function formatItems(items: OrderSummary['items'], maxItems = 5): string {
  if (items.length === 0) return '_no items listed_';
  const shown = items.slice(0, maxItems).map((item) => {
    const variant = item.variantTitle ? ` (${customerText(item.variantTitle, 60)})` : '';
    return `${item.quantity} × ${customerText(item.title, 120)}${variant}`;
  });
  const rest = items.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : shown.join(', ');
}

const GESTURE_LABELS: Record<string, string> = {
  note: 'handwritten note',
  discount: 'discount',
  gift_card: 'gift card',
  fee_refund: 'fee refund',
  upgrade: 'free upgrade',
  gift: 'gift',
  call: 'call',
  other: 'gesture',
};

/** "gift_card" → "gift card"; unknown kinds are shown as they are. */
export function gestureLabel(kind: string): string {
  return GESTURE_LABELS[kind] ?? kind;
}
