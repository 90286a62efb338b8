/**
 * The statistics behind the digest's "does delight pay?" section: customers who
 * got a gesture against a random holdout, as a difference of repeat-purchase
 * rates and a difference of mean revenue, each with a 95% interval. Below a
 * minimum group size the answer is "not enough data", never a point estimate
 * dressed up as a lift.
 */
import { studentTQuantile } from './student-t.js';

/**
 * Smallest group (treated and holdout alike) for which the digest shows an interval.
 * At 30 per group a repeat rate near 50% still carries a Wilson interval about
 * ±17 points wide, and revenue is skewed enough that the t interval's coverage
 * is shaky much below that; a smaller sample would print a "lift" that is mostly noise.
 */
export const DEFAULT_MIN_COUNT = 30;

/** The standard normal 0.975 quantile: two-sided 95% intervals. */
const Z_95 = 1.959963984540054;

/** A closed interval [low, high]. */
export interface Interval {
  low: number;
  high: number;
}

/** Customers in one group, and how many of them did the thing (e.g. bought again within 60 days). */
export interface ProportionCounts {
  successes: number;
  n: number;
}

/** Returned instead of an estimate while either group is smaller than the minimum. */
export interface NotEnoughData {
  kind: 'not_enough_data';
  need: number;
  have: { a: number; b: number };
}

/** Rate A − rate B with its 95% interval; significant when the interval excludes 0. */
export interface ProportionEstimate extends Interval {
  kind: 'estimate';
  rateA: number;
  rateB: number;
  difference: number;
  significant: boolean;
}

/** Mean A − mean B with its 95% interval; significant when the interval excludes 0. */
export interface MeanEstimate extends Interval {
  kind: 'estimate';
  meanA: number;
  meanB: number;
  difference: number;
  significant: boolean;
}

export type ProportionComparison = NotEnoughData | ProportionEstimate;
export type MeanComparison = NotEnoughData | MeanEstimate;

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

function assertCounts({ successes, n }: ProportionCounts, group: string): void {
  assertCount(successes, `${group}.successes`);
  assertCount(n, `${group}.n`);
  if (successes > n) throw new RangeError(`${group}.successes (${successes}) exceeds ${group}.n (${n})`);
}

function assertMinCount(minCount: number, floor: number): void {
  if (!Number.isInteger(minCount) || minCount < floor) {
    throw new RangeError(`minCount must be an integer of at least ${floor}, got ${minCount}`);
  }
}

function assertFinite(values: readonly number[], name: string): void {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`${name} must hold finite numbers only, got ${v}`);
  }
}

/**
 * The median of `values` (mean of the two middle values for an even count), or null when empty.
 * Does not reorder the input.
 * @throws RangeError when a value is NaN or infinite.
 */
export function median(values: readonly number[]): number | null {
  assertFinite(values, 'values');
  if (values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] as number) + upper) / 2;
}

/**
 * Wilson score interval for a proportion successes / n. Unlike the textbook
 * p ± z·√(p(1−p)/n) it stays inside [0, 1] and is not degenerate at 0 or n successes.
 * With n = 0 nothing is known, so the interval is [0, 1].
 * @throws RangeError when counts are negative or fractional, successes > n, or z is not positive.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval {
  assertCounts({ successes, n }, 'group');
  if (!(z > 0) || !Number.isFinite(z)) throw new RangeError(`z must be a positive finite number, got ${z}`);
  if (n === 0) return { low: 0, high: 1 };
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt(p * (1 - p) / n + z2n / (4 * n));
  // At 0 and n the bound is exactly 0 or 1 in theory; rounding must not leave a 1e-17 there.
  return {
    low: successes === 0 ? 0 : Math.max(0, centre - half),
    high: successes === n ? 1 : Math.min(1, centre + half),
  };
}

/**
 * Compares two proportions: rate A − rate B with a 95% interval by Newcombe's hybrid
 * score method (method 10 of Newcombe 1998), which combines each group's Wilson interval
 * and keeps close to nominal coverage at small counts and rates near 0 or 1.
 * Returns `not_enough_data` while either n is below `minCount`.
 * @throws RangeError when counts are negative or fractional, successes > n, or minCount < 1.
 */
export function proportionDifference(
  a: ProportionCounts,
  b: ProportionCounts,
  minCount: number = DEFAULT_MIN_COUNT,
): ProportionComparison {
  assertCounts(a, 'a');
  assertCounts(b, 'b');
  assertMinCount(minCount, 1);
  if (a.n < minCount || b.n < minCount) return { kind: 'not_enough_data', need: minCount, have: { a: a.n, b: b.n } };

  const rateA = a.successes / a.n;
  const rateB = b.successes / b.n;
  const wa = wilsonInterval(a.successes, a.n);
  const wb = wilsonInterval(b.successes, b.n);
  const difference = rateA - rateB;
  const low = difference - Math.hypot(rateA - wa.low, wb.high - rateB);
  const high = difference + Math.hypot(wa.high - rateA, rateB - wb.low);
  return { kind: 'estimate', rateA, rateB, difference, low, high, significant: low > 0 || high < 0 };
}

function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  // Two passes: summing squared deviations avoids the cancellation of Σx² − n·mean².
  const squares = values.reduce((s, v) => s + (v - mean) ** 2, 0);
  return { mean, variance: squares / (values.length - 1) };
}

/**
 * Compares two means (e.g. revenue per customer in cents): mean A − mean B with Welch's
 * 95% interval, which does not assume equal variances, using the Student t quantile at
 * the Welch–Satterthwaite degrees of freedom. When both groups have zero variance the
 * interval collapses to the difference itself.
 * Returns `not_enough_data` while either group has fewer than `minCount` values.
 * @throws RangeError when a value is NaN or infinite, or minCount < 2 (a variance needs two values).
 */
export function meanDifference(
  a: readonly number[],
  b: readonly number[],
  minCount: number = DEFAULT_MIN_COUNT,
): MeanComparison {
  assertFinite(a, 'a');
  assertFinite(b, 'b');
  assertMinCount(minCount, 2);
  if (a.length < minCount || b.length < minCount) {
    return { kind: 'not_enough_data', need: minCount, have: { a: a.length, b: b.length } };
  }

  const sa = meanAndVariance(a);
  const sb = meanAndVariance(b);
  const difference = sa.mean - sb.mean;
  const va = sa.variance / a.length;
  const vb = sb.variance / b.length;
  const se = Math.sqrt(va + vb);
  let half = 0;
  if (se > 0) {
    const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
    half = studentTQuantile(0.975, df) * se;
  }
  const low = difference - half;
  const high = difference + half;
  return { kind: 'estimate', meanA: sa.mean, meanB: sb.mean, difference, low, high, significant: low > 0 || high < 0 };
}
