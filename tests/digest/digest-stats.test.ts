import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MIN_COUNT,
  meanDifference,
  median,
  proportionDifference,
  wilsonInterval,
} from '../../src/digest/stats.js';
import { studentTCdf, studentTQuantile } from '../../src/digest/student-t.js';

/*
 * Every expected number below comes from outside this code base: the tables
 * published in Newcombe's 1998 papers, or a run of scipy / statsmodels, never
 * from the formulas in src/ typed out again.
 *
 * Proportions — statsmodels 0.13.5 (Debian's python3-statsmodels):
 *
 *   from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
 *   for x1, n1, x2, n2 in [(56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29), (0, 10, 0, 20),
 *                          (0, 10, 0, 10), (10, 10, 0, 20), (10, 10, 0, 10), (41, 120, 29, 118),
 *                          (0, 40, 3, 35), (40, 40, 31, 35), (130, 1000, 104, 1000), (7, 30, 2, 31)]:
 *       print(x1, n1, x2, n2, confint_proportions_2indep(x1, n1, x2, n2, method='newcomb', compare='diff'))
 *   for x, n in [(0, 10), (10, 10), (1, 10), (81, 263), (15, 148), (0, 20), (1, 29)]:
 *       print(x, n, proportion_confint(x, n, alpha=0.05, method='wilson'))
 *
 * Student t and Welch — scipy 1.17.1:
 *
 *   from scipy import stats
 *   for p, df in [(0.975, 1), (0.975, 2), (0.975, 5), (0.975, 10), (0.975, 29.5), (0.975, 100), (0.975, 1e6),
 *                 (0.95, 3), (0.995, 7), (0.025, 4), (0.9995, 1)]:
 *       print(p, df, repr(stats.t.ppf(p, df)))
 *   cases = {  # the same arrays as WELCH_CASES below
 *       'skewed': ([1200, 0, 3450, 0, 0, 990, 2500, 0, 4100, 0, 1800, 0], [0, 0, 1500, 0, 800, 0, 0, 2200, 0, 0]),
 *       'unequal': ([10, 12, 9, 11, 10, 13, 8], [30, -5, 52, 0, 18, 41]),
 *       'one_constant': ([500, 500, 500, 500, 500], [0, 700, 300, 1200, 0, 450]),
 *       'formula': ([(i * 7919) % 1013 * 10 for i in range(40)], [(i * 104729) % 887 * 10 for i in range(35)]),
 *       'identical': ([100, 250, 0, 75, 900], [100, 250, 0, 75, 900]),
 *   }
 *   for name, (a, b) in cases.items():
 *       ci = stats.ttest_ind(a, b, equal_var=False).confidence_interval(0.95)
 *       print(name, repr(ci.low), repr(ci.high))
 *
 * statsmodels' CompareMeans(...).tconfint_diff(usevar='unequal') gives the same Welch
 * intervals to within 3e-7 (it ran on scipy 1.10, whose t quantile is slightly less exact).
 */

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[-5, 10, 0], 0],
    [[2, 2, 2, 2], 2],
  ])('of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('leaves the input in its order', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it('rejects values that are not finite numbers', () => {
    expect(() => median([1, Number.NaN])).toThrow(RangeError);
    expect(() => median([Number.POSITIVE_INFINITY])).toThrow(RangeError);
  });
});

describe('Wilson score interval', () => {
  // Newcombe (1998) "Two-sided confidence intervals for the single proportion", Table I, method 3.
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i matches the published %f to %f', (x, n, low, high) => {
    const interval = wilsonInterval(x, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it.each([
    [0, 10, 0, 0.27753279986288926],
    [10, 10, 0.7224672001371106, 1],
    [1, 10, 0.017876213095072924, 0.40415002679523854],
    [81, 263, 0.2552885198782742, 0.36620957698280004],
    [15, 148, 0.06238639953073628, 0.16048724172330803],
    [56, 70, 0.6918335550374695, 0.8769526075163705],
    [1, 29, 0.006113214292762667, 0.17175521879320294],
  ])('%i/%i matches statsmodels', (x, n, low, high) => {
    const interval = wilsonInterval(x, n);
    expect(interval.low).toBeCloseTo(low, 12);
    expect(interval.high).toBeCloseTo(high, 12);
  });

  it('is exactly 0 with no successes and exactly 1 with all of them', () => {
    expect(wilsonInterval(0, 37).low).toBe(0);
    expect(wilsonInterval(37, 37).high).toBe(1);
  });

  it('knows nothing about an empty group', () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('narrows with a smaller z', () => {
    const wide = wilsonInterval(30, 100);
    const narrow = wilsonInterval(30, 100, 1.6448536269514722);
    expect(narrow.low).toBeGreaterThan(wide.low);
    expect(narrow.high).toBeLessThan(wide.high);
  });

  it.each([
    ['negative successes', -1, 10, undefined],
    ['negative n', 0, -1, undefined],
    ['successes above n', 11, 10, undefined],
    ['fractional successes', 2.5, 10, undefined],
    ['fractional n', 2, 10.5, undefined],
    ['NaN n', 2, Number.NaN, undefined],
    ['a zero z', 2, 10, 0],
    ['a negative z', 2, 10, -1.96],
  ])('rejects %s', (_name, x, n, z) => {
    expect(() => wilsonInterval(x, n, z)).toThrow(RangeError);
  });
});

describe('difference of proportions (Newcombe hybrid score)', () => {
  // Newcombe (1998) "Interval estimation for the difference between independent
  // proportions: comparison of eleven methods", Table II, method 10, to 4 places.
  it.each([
    ['(a)', 56, 70, 48, 80, 0.0524, 0.3339],
    ['(b)', 9, 10, 3, 10, 0.1705, 0.809],
    ['(c)', 6, 7, 2, 7, 0.0582, 0.8062],
    ['(d)', 5, 56, 0, 29, -0.0381, 0.1926],
    ['(e)', 0, 10, 0, 20, -0.1611, 0.2775],
    ['(f)', 0, 10, 0, 10, -0.2775, 0.2775],
    ['(g)', 10, 10, 0, 20, 0.6791, 1],
    ['(h)', 10, 10, 0, 10, 0.6075, 1],
  ])('example %s %i/%i − %i/%i matches the published %f to %f', (_label, x1, n1, x2, n2, low, high) => {
    const result = proportionDifference({ successes: x1, n: n1 }, { successes: x2, n: n2 }, 1);
    expect(result.kind).toBe('estimate');
    if (result.kind !== 'estimate') return;
    expect(result.difference).toBeCloseTo(x1 / n1 - x2 / n2, 12);
    expect(result.low).toBeCloseTo(low, 4);
    expect(result.high).toBeCloseTo(high, 4);
  });

  it.each([
    [56, 70, 48, 80, 0.05243147240236498, 0.33387265403690614],
    [9, 10, 3, 10, 0.1705227239345029, 0.809017973535488],
    [6, 7, 2, 7, 0.05822792748231209, 0.8062496375242278],
    [5, 56, 0, 29, -0.038137147903536936, 0.19256001385511165],
    [0, 10, 0, 20, -0.1611251580528194, 0.27753279986288926],
    [10, 10, 0, 20, 0.6790860371419145, 1],
    [41, 120, 29, 118, -0.01989100738805319, 0.2080990274640992],
    [0, 40, 3, 35, -0.22379273965896496, 0.018345010615684915],
    [40, 40, 31, 35, 0.002798358704147269, 0.25951468646213816],
    [130, 1000, 104, 1000, -0.0022200075342568223, 0.05427780176455551],
    [7, 30, 2, 31, -0.014687941377554498, 0.35084410440502234],
  ])('%i/%i − %i/%i matches statsmodels', (x1, n1, x2, n2, low, high) => {
    const result = proportionDifference({ successes: x1, n: n1 }, { successes: x2, n: n2 }, 1);
    if (result.kind !== 'estimate') throw new Error('expected an estimate');
    expect(result.low).toBeCloseTo(low, 12);
    expect(result.high).toBeCloseTo(high, 12);
  });

  it('reports the rates and flags an interval that excludes zero', () => {
    const result = proportionDifference({ successes: 40, n: 40 }, { successes: 31, n: 35 });
    expect(result).toMatchObject({ kind: 'estimate', rateA: 1, rateB: 31 / 35, significant: true });
  });

  it('does not flag an interval that straddles zero, nor a negative one as positive', () => {
    expect(proportionDifference({ successes: 41, n: 120 }, { successes: 29, n: 118 })).toMatchObject({ significant: false });
    const worse = proportionDifference({ successes: 10, n: 100 }, { successes: 40, n: 100 });
    expect(worse).toMatchObject({ kind: 'estimate', significant: true });
    if (worse.kind === 'estimate') expect(worse.high).toBeLessThan(0);
  });

  it('gives a symmetric, non-significant interval around 0 for identical groups', () => {
    const result = proportionDifference({ successes: 18, n: 45 }, { successes: 18, n: 45 });
    if (result.kind !== 'estimate') throw new Error('expected an estimate');
    expect(result.difference).toBe(0);
    expect(result.low).toBeCloseTo(-0.19493642643466094, 12); // statsmodels
    expect(result.high).toBeCloseTo(0.19493642643466094, 12);
    expect(result.significant).toBe(false);
  });

  it('says not enough data below the minimum in either group, by default 30', () => {
    expect(DEFAULT_MIN_COUNT).toBe(30);
    expect(proportionDifference({ successes: 20, n: 29 }, { successes: 5, n: 500 })).toEqual({
      kind: 'not_enough_data',
      need: 30,
      have: { a: 29, b: 500 },
    });
    expect(proportionDifference({ successes: 20, n: 30 }, { successes: 0, n: 0 })).toEqual({
      kind: 'not_enough_data',
      need: 30,
      have: { a: 30, b: 0 },
    });
    expect(proportionDifference({ successes: 20, n: 30 }, { successes: 5, n: 30 }).kind).toBe('estimate');
    expect(proportionDifference({ successes: 2, n: 9 }, { successes: 5, n: 10 }, 10)).toMatchObject({ need: 10 });
  });

  it.each([
    ['negative successes', { successes: -1, n: 40 }, { successes: 1, n: 40 }, 30],
    ['successes above n', { successes: 41, n: 40 }, { successes: 1, n: 40 }, 30],
    ['fractional n in the second group', { successes: 1, n: 40 }, { successes: 1, n: 40.5 }, 30],
    ['a zero minimum', { successes: 1, n: 40 }, { successes: 1, n: 40 }, 0],
    ['a fractional minimum', { successes: 1, n: 40 }, { successes: 1, n: 40 }, 2.5],
  ])('rejects %s', (_name, a, b, minCount) => {
    expect(() => proportionDifference(a, b, minCount)).toThrow(RangeError);
  });
});

describe('Student t quantile', () => {
  it.each([
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 5, 2.5705818356363146],
    [0.975, 10, 2.228138851986274],
    [0.975, 29.5, 2.043724966772122],
    [0.975, 100, 1.9839715185235518],
    [0.975, 1e6, 1.959966356814107],
    [0.95, 3, 2.3533634348018233],
    [0.995, 7, 3.4994832973504924],
    [0.025, 4, -2.7764451051977943],
    [0.9995, 1, 636.6192487687897],
  ])('p = %f at df = %f matches scipy', (p, df, expected) => {
    expect(studentTQuantile(p, df)).toBeCloseTo(expected, 8);
  });

  it('is the inverse of the CDF', () => {
    for (const df of [1, 3.7, 42, 5000]) {
      for (const p of [0.01, 0.3, 0.5, 0.9, 0.975]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
  });

  it.each([
    ['p = 0', 0, 5],
    ['p = 1', 1, 5],
    ['NaN p', Number.NaN, 5],
    ['df = 0', 0.975, 0],
    ['negative df', 0.975, -3],
    ['infinite df', 0.975, Number.POSITIVE_INFINITY],
  ])('rejects %s', (_name, p, df) => {
    expect(() => studentTQuantile(p, df)).toThrow(RangeError);
  });
});

const formulaA = Array.from({ length: 40 }, (_, i) => ((i * 7919) % 1013) * 10);
const formulaB = Array.from({ length: 35 }, (_, i) => ((i * 104729) % 887) * 10);

const WELCH_CASES: [string, number[], number[], number, number][] = [
  ['skewed', [1200, 0, 3450, 0, 0, 990, 2500, 0, 4100, 0, 1800, 0], [0, 0, 1500, 0, 800, 0, 0, 2200, 0, 0], -326.1470919932592, 1766.1470919932592],
  ['unequal', [10, 12, 9, 11, 10, 13, 8], [30, -5, 52, 0, 18, 41], -35.93253710971408, 11.456346633523607],
  ['one_constant', [500, 500, 500, 500, 500], [0, 700, 300, 1200, 0, 450], -423.05535099279, 539.7220176594567],
  ['formula', formulaA, formulaB, -224.61381764260136, 2392.399531928315],
  ['identical', [100, 250, 0, 75, 900], [100, 250, 0, 75, 900], -534.3763442965799, 534.3763442965799],
];

describe('difference of means (Welch)', () => {
  it.each(WELCH_CASES)('%s matches scipy', (_name, a, b, low, high) => {
    const result = meanDifference(a, b, 2);
    if (result.kind !== 'estimate') throw new Error('expected an estimate');
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(result.meanA).toBeCloseTo(mean(a), 9);
    expect(result.meanB).toBeCloseTo(mean(b), 9);
    expect(result.difference).toBeCloseTo(mean(a) - mean(b), 9);
    expect(result.low).toBeCloseTo(low, 6);
    expect(result.high).toBeCloseTo(high, 6);
    expect(result.significant).toBe(false);
  });

  it('flags a clear difference as significant', () => {
    const result = meanDifference(formulaA.map((x) => x + 5000), formulaB);
    expect(result).toMatchObject({ kind: 'estimate', significant: true });
    if (result.kind === 'estimate') expect(result.low).toBeGreaterThan(0);
  });

  it('collapses the interval to the difference when neither group varies', () => {
    expect(meanDifference([500, 500, 500], [300, 300], 2)).toEqual({
      kind: 'estimate', meanA: 500, meanB: 300, difference: 200, low: 200, high: 200, significant: true,
    });
    expect(meanDifference([7, 7], [7, 7, 7], 2)).toMatchObject({ difference: 0, low: 0, high: 0, significant: false });
  });

  it('says not enough data below the minimum in either group', () => {
    expect(meanDifference(formulaA, formulaB.slice(0, 29))).toEqual({
      kind: 'not_enough_data',
      need: DEFAULT_MIN_COUNT,
      have: { a: 40, b: 29 },
    });
    expect(meanDifference([], [], 2)).toEqual({ kind: 'not_enough_data', need: 2, have: { a: 0, b: 0 } });
    expect(meanDifference(formulaA, formulaB.slice(0, 30)).kind).toBe('estimate');
  });

  it.each([
    ['a NaN value', [1, Number.NaN], [1, 2], 2],
    ['an infinite value', [1, 2], [Number.NEGATIVE_INFINITY, 2], 2],
    ['a minimum below 2', [1, 2], [1, 2], 1],
    ['a fractional minimum', [1, 2], [1, 2], 2.5],
  ])('rejects %s', (_name, a, b, minCount) => {
    expect(() => meanDifference(a, b, minCount)).toThrow(RangeError);
  });
});
