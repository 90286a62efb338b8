import type { WeekCount } from '../../digest/digest.js';

/** "12 ↑ vs 9/wk": the week's figure with the weekly average of the four weeks before. */
export function withChange(count: WeekCount, show: (n: number) => string = String): string {
  const before = Math.round(count.baselineWeekly * 10) / 10;
  const arrow = count.week > before ? '↑' : count.week < before ? '↓' : '→';
  return `${show(count.week)} ${arrow} _vs ${show(before)}/wk_`;
}

/** 0.423 → "42%". */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A rate compared with another, to one decimal so the difference beside it adds up: 0.3571 → "35.7%". */
export function rate(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** A difference of two shares in percentage points, signed, one decimal: 0.154 → "+15.4 pts". */
export function points(difference: number): string {
  const rounded = Math.round(difference * 1000) / 10;
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded).toFixed(1)} pts`;
}

/** A signed amount: "+$23", "−$4". */
export function signed(value: number, show: (n: number) => string): string {
  const rounded = Math.round(value);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${show(Math.abs(rounded))}`;
}

/** A wait as people say it: "45 min", "3 h 20 min", "2 days 4 h". */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} days` : `${days} days ${hours % 24} h`;
}

/** "Nov 23 – 29" or "Nov 30 – Dec 6" from two local dates. */
export function dayRange(firstDay: string, lastDay: string): string {
  const format = (day: string, withMonth: boolean) => {
    const date = new Date(`${day}T12:00:00Z`);
    return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: withMonth ? 'short' : undefined, day: 'numeric' }).format(date);
  };
  const sameMonth = firstDay.slice(0, 7) === lastDay.slice(0, 7);
  return `${format(firstDay, true)} – ${format(lastDay, !sameMonth)}`;
}
