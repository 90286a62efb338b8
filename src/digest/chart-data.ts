/**
 * What the weekly digest's chart draws: spend and gestures per week, against
 * the repeat-purchase rate of gifted vs holdout customers. Pure data plus a
 * money formatter, so the drawing never has to know about currencies.
 */

/** The most weeks one chart shows; older weeks are dropped so labels stay legible. */
export const MAX_CHART_WEEKS = 12;

/** One week of the chart, oldest first in {@link ChartInput.weeks}. */
export interface ChartWeek {
  /** Label under the bar, e.g. "W48"; the caller decides the week numbering. */
  label: string;
  /** Optional second line under the label, e.g. the Monday "Nov 23". */
  weekOf?: string;
  /** Gesture spend that week, in integer minor units of the chart's currency. */
  spendCents: number;
  /** Gestures approved that week. */
  gestures: number;
  /** Repeat-purchase rate (0..1) of the customers gifted in that week's cohort; null when too few to show. */
  giftedRepeatRate: number | null;
  /** Repeat-purchase rate (0..1) of that week's holdout cohort; null when too few to show. */
  holdoutRepeatRate: number | null;
}

/** Everything the chart needs; the SVG is a pure function of it. */
export interface ChartInput {
  /** Title at the top of the chart; any text, it is escaped. */
  title: string;
  /** ISO 4217 code of {@link ChartWeek.spendCents}, for the caller's formatter and the SVG's metadata. */
  currency: string;
  /** Formats minor units for the money axis, e.g. (c) => formatMoney(c, currency). */
  formatMoney: (cents: number) => string;
  /** Oldest first; only the last {@link MAX_CHART_WEEKS} are drawn. */
  weeks: ChartWeek[];
  /** The line under the title, saying what bars and lines measure; a generic one when absent. Escaped. */
  subtitle?: string;
}

/**
 * The weeks the chart draws, made safe to plot: the last {@link MAX_CHART_WEEKS},
 * negative or non-finite counts read as 0 (a refund week must not draw a bar
 * below the axis), rates clamped to 0..1 and non-finite rates read as missing.
 */
export function plottableWeeks(weeks: readonly ChartWeek[]): ChartWeek[] {
  return weeks.slice(-MAX_CHART_WEEKS).map((week) => ({
    ...week,
    spendCents: nonNegative(week.spendCents),
    gestures: nonNegative(week.gestures),
    giftedRepeatRate: rate(week.giftedRepeatRate),
    holdoutRepeatRate: rate(week.holdoutRepeatRate),
  }));
}

function nonNegative(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function rate(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.min(1, Math.max(0, value));
}
