/**
 * Student's t distribution: the cumulative distribution and its inverse, enough
 * for a Welch interval at any (non-integer) degrees of freedom. Kept in-house
 * rather than as a dependency because it is ~100 lines of textbook numerics
 * (Lanczos log-gamma, Lentz continued fraction, safeguarded Newton) and the
 * digest needs only one quantile per comparison.
 */

// Lanczos approximation, g = 7, n = 9: ~15 significant digits for x > 0.
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** Natural log of the gamma function for x > 0. */
function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps the series in the region where it is accurate.
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const shifted = x - 1;
  let sum = LANCZOS[0] ?? 0;
  for (let i = 1; i < LANCZOS.length; i++) sum += (LANCZOS[i] ?? 0) / (shifted + i);
  const t = shifted + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

// Lentz's method replaces an exact zero by a tiny number so the recurrence can go on.
function nonZero(v: number): number {
  return Math.abs(v) < 1e-300 ? 1e-300 : v;
}

/**
 * Continued fraction for the incomplete beta (modified Lentz). Converges fast when
 * x < (a + 1) / (a + b + 2); the caller swaps arguments otherwise.
 */
function betaContinuedFraction(x: number, a: number, b: number): number {
  let c = 1;
  let d = 1 / nonZero(1 - ((a + b) * x) / (a + 1));
  let h = d;
  // Large shape parameters (df near 1e6) need O(sqrt(a)) terms, hence the generous cap.
  for (let m = 1; m <= 100_000; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / nonZero(1 + even * d);
    c = nonZero(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / nonZero(1 + odd * d);
    c = nonZero(1 + odd / c);
    const delta = d * c;
    h *= delta;
    // Only the odd step may end the loop: an even term is exactly 0 when b is a whole number.
    if (Math.abs(delta - 1) < 1e-15) return h;
  }
  return h;
}

/**
 * Regularized incomplete beta I_x(a, b). Takes both x and y = 1 − x so callers
 * that know y exactly (t²/(ν+t²)) avoid the cancellation of computing 1 − x.
 */
function regularizedBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logFront = a * Math.log(x) + b * Math.log(y) + logGamma(a + b) - logGamma(a) - logGamma(b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logFront) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logFront) * betaContinuedFraction(y, b, a)) / b;
}

function assertDegreesOfFreedom(df: number): void {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`degrees of freedom must be a positive finite number, got ${df}`);
}

/**
 * P(T ≤ t) for Student's t with `df` degrees of freedom (df may be fractional).
 * @throws RangeError when df is not a positive finite number or t is NaN.
 */
export function studentTCdf(t: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (Number.isNaN(t)) throw new RangeError('t must be a number');
  if (t === 0) return 0.5;
  const t2 = t * t;
  // P(|T| > |t|) = I_{ν/(ν+t²)}(ν/2, 1/2); x and 1 − x are each formed directly.
  const tail = 0.5 * regularizedBeta(df / (df + t2), t2 / (df + t2), df / 2, 0.5);
  return t > 0 ? 1 - tail : tail;
}

function studentTDensity(t: number, df: number): number {
  const logNorm = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (df may be fractional),
 * within ~1e-10 of scipy for df from 1 to 1e4 and ~1e-8 up to df = 1e7 (log-gamma
 * differences lose digits there), for p from 0.0005 to 0.9995.
 * @throws RangeError when p is not strictly between 0 and 1 or df is not positive and finite.
 */
export function studentTQuantile(p: number, df: number): number {
  assertDegreesOfFreedom(df);
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be strictly between 0 and 1, got ${p}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  // The CDF is concave on t ≥ 0 (the density falls there), so Newton from t = 0
  // climbs monotonically to the root without overshooting: no bracket needed.
  let t = 0;
  for (let i = 0; i < 500; i++) {
    const step = (p - studentTCdf(t, df)) / studentTDensity(t, df);
    t += step;
    if (Math.abs(step) <= 1e-13 * Math.max(1, t)) break;
  }
  return t;
}
