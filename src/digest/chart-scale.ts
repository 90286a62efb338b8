/**
 * Axis arithmetic for the digest chart. The money axis always has the same
 * number of intervals as the percentage axis (0, 25, 50, 75, 100 %) so both
 * share one set of grid lines instead of two competing ones.
 */

/** Intervals on both vertical axes: 0–100 % in steps of 25. */
export const AXIS_INTERVALS = 4;

/** Steps a reader can add up at a glance, per power of ten. */
const NICE_STEPS = [1, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** Scale used when every week is zero, so the axis still reads as money (0–1,000 minor units). */
const EMPTY_AXIS_TOP = 1_000;

/** Ticks of the money axis, from 0 up to the top, in minor units. */
export interface MoneyAxis {
  top: number;
  ticks: number[];
}

/**
 * The smallest axis of {@link AXIS_INTERVALS} equal, round, whole-minor-unit
 * steps that reaches `max`. Returns a fixed small axis when `max` is 0.
 */
export function moneyAxis(max: number): MoneyAxis {
  const step = max > 0 ? niceStep(max / AXIS_INTERVALS) : EMPTY_AXIS_TOP / AXIS_INTERVALS;
  const ticks = Array.from({ length: AXIS_INTERVALS + 1 }, (_, i) => i * step);
  return { top: step * AXIS_INTERVALS, ticks };
}

/** The smallest nice step ≥ `raw` that is a whole number of minor units (≥ 1). */
function niceStep(raw: number): number {
  if (raw <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  for (const nice of NICE_STEPS) {
    const step = nice * magnitude;
    // Float error in log10/pow can leave `step` a hair under `raw`; a relative margin absorbs it.
    if (step >= raw * (1 - 1e-12) && Number.isInteger(step)) return step;
  }
  return 10 * magnitude;
}

/**
 * Rough width of a DejaVu Sans string in px. Digits and most Latin letters are
 * about 0.62 em wide; good enough to size margins and legends, never for layout
 * that must be exact.
 */
export function textWidth(text: string, fontSize: number): number {
  return [...text].length * fontSize * 0.62;
}

/** A number with at most one decimal, for compact SVG coordinates. */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
