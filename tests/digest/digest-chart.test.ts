import { describe, expect, it } from 'vitest';
import { MAX_CHART_WEEKS, type ChartInput, type ChartWeek } from '../../src/digest/chart-data.js';
import { PLOT_BOTTOM, PLOT_TOP } from '../../src/digest/chart-layout.js';
import { moneyAxis } from '../../src/digest/chart-scale.js';
import { CHART_HEIGHT, CHART_WIDTH, NO_RATES_NOTE, chartSvg } from '../../src/digest/chart-svg.js';
import { chartFontsFolder, renderPng } from '../../src/digest/render-png.js';
import { escapeXml } from '../../src/digest/svg-text.js';
import { formatMoney } from '../../src/money.js';
import { pngSize } from '../helpers/png.js';

const SPEND = [42_000, 38_550, 51_200, 47_800, 0, 62_400, 58_900, 71_350, 66_000, 80_125, 74_300, 69_990];
const GIFTED = [0.31, 0.29, null, 0.34, null, 0.36, 0.38, 0.35, 0.41, 0.39, null, 0.42];
const HOLDOUT = [0.22, 0.24, 0.21, null, 0.23, 0.22, 0.25, 0.24, 0.23, 0.26, 0.25, null];

function sampleChartInput(overrides: Partial<ChartInput> = {}): ChartInput {
  const weeks: ChartWeek[] = SPEND.map((spendCents, i) => ({
    label: `W${37 + i}`,
    weekOf: `Sep ${1 + i}`,
    spendCents,
    gestures: Math.round(spendCents / 2_500),
    giftedRepeatRate: GIFTED[i] ?? null,
    holdoutRepeatRate: HOLDOUT[i] ?? null,
  }));
  return { title: 'Weekly delight digest', currency: 'USD', formatMoney: (cents) => formatMoney(cents, 'USD'), weeks, ...overrides };
}

function withWeeks(change: (week: ChartWeek, index: number) => Partial<ChartWeek>): ChartInput {
  const input = sampleChartInput();
  return { ...input, weeks: input.weeks.map((week, i) => ({ ...week, ...change(week, i) })) };
}

/** The x of each week's slot centre, read from the gestures label drawn above its bar. */
function weekCenters(svg: string): Map<string, number> {
  const centers = new Map<string, number>();
  for (const match of svg.matchAll(/<g data-week="(\d+)">[\s\S]*?<text x="([\d.]+)"[^>]*class="gestures"/g)) {
    centers.set(match[2] ?? '', Number(match[1]));
  }
  return centers;
}

function polylines(svg: string, series: string): [number, number][][] {
  return [...svg.matchAll(new RegExp(`<polyline data-series="${series}" points="([^"]+)"`, 'g'))].map((match) =>
    (match[1] ?? '').split(' ').map((point) => point.split(',').map(Number) as [number, number]),
  );
}

function bars(svg: string): Map<number, number> {
  const heights = new Map<number, number>();
  for (const match of svg.matchAll(/<g data-week="(\d+)">[^]*?<\/g>/g)) {
    const height = /<rect class="bar"[^>]* height="([\d.]+)"/.exec(match[0])?.[1];
    if (height !== undefined) heights.set(Number(match[1]), Number(height));
  }
  return heights;
}

function textSvg(text: string, attributes = ''): string {
  const body = text ? `<text x="10" y="40" font-size="24" font-family="DejaVu Sans" ${attributes}>${text}</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60"><rect width="300" height="60" fill="#fff"/>${body}</svg>`;
}

describe('renderPng', () => {
  it('writes a PNG of the SVG size, or of the asked width with the aspect ratio kept', () => {
    const svg = chartSvg(sampleChartInput());
    expect(pngSize(renderPng(svg))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
    expect(pngSize(renderPng(svg, { width: 600 }))).toEqual({ width: 600, height: 300 });
  });

  it('gives identical bytes for the same SVG', () => {
    const svg = chartSvg(sampleChartInput());
    expect(chartSvg(sampleChartInput())).toBe(svg);
    expect(renderPng(svg).equals(renderPng(svg))).toBe(true);
  });

  it('draws text with the shipped regular and bold faces', () => {
    const blank = renderPng(textSvg(''));
    const regular = renderPng(textSvg('Delight 42'));
    const bold = renderPng(textSvg('Delight 42', 'font-weight="bold"'));
    expect(regular.equals(blank)).toBe(false);
    expect(bold.equals(regular)).toBe(false);
    expect(chartFontsFolder()).toMatch(/assets[\\/]fonts$/);
  });

  it('ignores installed system fonts, so every machine draws the same glyphs', () => {
    const shipped = renderPng(textSvg('Delight 42'));
    for (const family of ['DejaVu Serif', 'Liberation Serif', 'Arial', 'serif']) {
      expect(renderPng(textSvg('Delight 42').replace('"DejaVu Sans"', `"${family}"`)).equals(shipped)).toBe(true);
    }
  });

  it.each([0, -1, 1.5, Number.NaN])('rejects width %s', (width) => {
    expect(() => renderPng(textSvg(''), { width })).toThrow(RangeError);
  });
});

describe('chartSvg', () => {
  it('escapes hostile text everywhere it is shown, and the result still renders', () => {
    const hostile = `</text><script>alert("x")</script> & 'q' \u0000\u001b`;
    const input = withWeeks(() => ({ label: hostile, weekOf: hostile }));
    const svg = chartSvg({ ...input, title: hostile, currency: `<${hostile}>` });
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('\u0000');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;');
    expect(svg.match(/<text /g)?.length).toBe(svg.match(/<\/text>/g)?.length);
    expect(pngSize(renderPng(svg))?.width).toBe(CHART_WIDTH);
    expect(escapeXml(`a&b<c>d"e'f`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f');
  });

  it('leaves a gap where a rate is missing instead of drawing it at 0 %', () => {
    const svg = chartSvg(sampleChartInput());
    const centers = weekCenters(svg);
    for (const [series, rates] of [['gifted', GIFTED], ['holdout', HOLDOUT]] as const) {
      const lines = polylines(svg, series);
      expect(lines.length).toBeGreaterThan(1);
      for (const line of lines) {
        const weeks = line.map(([x]) => centers.get(String(x)));
        weeks.forEach((week, i) => {
          expect(week).toBeDefined();
          expect(rates[week ?? -1]).not.toBeNull();
          if (i > 0) expect(week).toBe((weeks[i - 1] ?? 0) + 1);
        });
        for (const [, y] of line) expect(y).toBeLessThan(PLOT_BOTTOM);
      }
    }
    const dots = [...svg.matchAll(/<circle data-series="gifted"/g)].length;
    expect(dots).toBe(GIFTED.filter((rate) => rate !== null).length);
  });

  it('draws a real 0 % rate on the axis', () => {
    const svg = chartSvg(withWeeks(() => ({ giftedRepeatRate: 0 })));
    expect(polylines(svg, 'gifted')).toHaveLength(1);
    expect(polylines(svg, 'gifted')[0]?.every(([, y]) => y === PLOT_BOTTOM)).toBe(true);
  });

  it('says there is not enough data yet when no week has a rate, and draws no line', () => {
    const svg = chartSvg(withWeeks(() => ({ giftedRepeatRate: null, holdoutRepeatRate: null })));
    expect(svg).toContain(NO_RATES_NOTE);
    expect(svg).not.toContain('<polyline');
    expect(svg).not.toContain('<circle');
    expect(chartSvg(sampleChartInput())).not.toContain(NO_RATES_NOTE);
  });

  it('scales bars to spend: the max-spend week is the tallest, heights are proportional, nothing overflows', () => {
    const svg = chartSvg(sampleChartInput());
    const heights = bars(svg);
    const maxWeek = SPEND.indexOf(Math.max(...SPEND));
    const tallest = [...heights.entries()].sort((a, b) => b[1] - a[1])[0];
    expect(tallest?.[0]).toBe(maxWeek);
    expect(heights.has(SPEND.indexOf(0))).toBe(false);
    const perCent = (heights.get(maxWeek) ?? 0) / (SPEND[maxWeek] ?? 1);
    for (const [week, height] of heights) expect(height).toBeCloseTo((SPEND[week] ?? 0) * perCent, 0);
    expect(heights.get(maxWeek)).toBeLessThanOrEqual(PLOT_BOTTOM - PLOT_TOP);
    expect(svg).toContain('>$1,000</text>');
  });

  it.each([
    ['all zeros', withWeeks(() => ({ spendCents: 0, gestures: 0, giftedRepeatRate: 0, holdoutRepeatRate: 0 })), 'No gesture spend in these weeks'],
    ['no weeks', sampleChartInput({ weeks: [] }), 'No weeks to show yet'],
    ['one week', sampleChartInput({ weeks: sampleChartInput().weeks.slice(-1) }), 'W48'],
    ['huge amounts', withWeeks((_, i) => ({ spendCents: Number.MAX_SAFE_INTEGER - i, gestures: 123_456_789 })), '123.5M'],
    ['nonsense numbers', withWeeks(() => ({ spendCents: Number.NaN, gestures: -3, giftedRepeatRate: Infinity, holdoutRepeatRate: 7 })), 'Holdout: repeat rate, latest 100%'],
  ])('draws %s as a valid chart', (_, input, shown) => {
    const svg = chartSvg(input);
    expect(svg).toContain(shown);
    expect(svg).not.toMatch(/NaN|Infinity|undefined/);
    expect(pngSize(renderPng(svg))).toEqual({ width: CHART_WIDTH, height: CHART_HEIGHT });
  });

  it(`keeps only the last ${MAX_CHART_WEEKS} weeks`, () => {
    const weeks = [...sampleChartInput().weeks, ...sampleChartInput().weeks].map((week, i) => ({ ...week, label: `L${i}` }));
    const svg = chartSvg(sampleChartInput({ weeks }));
    expect(bars(svg).size + 1).toBe(MAX_CHART_WEEKS);
    expect(svg).not.toContain('>L11<');
    expect(svg).toContain('>L12<');
    expect(svg).toContain('>L23<');
  });
});

describe('moneyAxis', () => {
  it.each([
    [0, 1_000, 250],
    [1, 4, 1],
    [3, 4, 1],
    [5, 8, 2],
    [80_125, 100_000, 25_000],
    [100_000, 100_000, 25_000],
    [100_001, 120_000, 30_000],
    [Number.MAX_SAFE_INTEGER, 1e16, 2.5e15],
  ])('max %d gets top %d in steps of %d', (max, top, step) => {
    const axis = moneyAxis(max);
    expect(axis.top).toBe(top);
    expect(axis.ticks).toEqual([0, step, 2 * step, 3 * step, 4 * step]);
    expect(axis.ticks.every(Number.isInteger)).toBe(true);
  });
});
