/**
 * The two repeat-purchase lines of the digest chart: gifted customers against
 * the holdout, the comparison that says whether gestures bring people back.
 */
import type { ChartWeek } from './chart-data.js';
import { COLOR, rateY, slotCenter, type Frame } from './chart-layout.js';
import { px } from './chart-scale.js';

/** Which cohort a line shows. */
export type RateSeries = 'gifted' | 'holdout';

/** How each line looks and where its values come from; the holdout is dashed so it survives greyscale. */
export const RATE_SERIES: Record<RateSeries, { name: string; color: string; dash: string; rate: (week: ChartWeek) => number | null }> = {
  gifted: { name: 'Gifted', color: COLOR.gifted, dash: '', rate: (week) => week.giftedRepeatRate },
  holdout: { name: 'Holdout', color: COLOR.holdout, dash: ' stroke-dasharray="9 6"', rate: (week) => week.holdoutRepeatRate },
};

/** A rate as a whole percentage: 0.416 → "42%". */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** The legend's summary of a line: its latest known rate, or that there is none yet. */
export function latestRateText(weeks: readonly ChartWeek[], series: RateSeries): string {
  const latest = weeks.map(RATE_SERIES[series].rate).filter((rate) => rate !== null).at(-1);
  return latest === undefined ? 'not enough data yet' : `latest ${percent(latest)}`;
}

/** Runs of consecutive weeks that have a rate, as [week index, rate] pairs. */
function rateRuns(weeks: readonly ChartWeek[], series: RateSeries): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] | null = null;
  weeks.forEach((week, index) => {
    const rate = RATE_SERIES[series].rate(week);
    if (rate === null) {
      run = null;
      return;
    }
    if (run === null) runs.push((run = []));
    run.push([index, rate]);
  });
  return runs;
}

/**
 * One polyline per run of weeks with a rate, so a missing week is a gap
 * rather than a dive to 0 %; every known point also gets a dot, which is all
 * a lone week between two gaps shows.
 */
export function rateLineSvg(weeks: readonly ChartWeek[], frame: Frame, series: RateSeries): string {
  const { color, dash } = RATE_SERIES[series];
  const runs = rateRuns(weeks, series).map((run) => run.map(([index, rate]) => [px(slotCenter(frame, index)), px(rateY(rate))] as const));
  const lines = runs
    .filter((run) => run.length > 1)
    .map((run) => {
      const points = run.map(([x, y]) => `${x},${y}`).join(' ');
      return `<polyline data-series="${series}" points="${points}" fill="none" stroke="${color}" stroke-width="3" stroke-linejoin="round"${dash}/>`;
    });
  const dots = runs.flat().map(([x, y]) => `<circle data-series="${series}" cx="${x}" cy="${y}" r="4.5" fill="${color}" stroke="#ffffff" stroke-width="1.5"/>`);
  return [...lines, ...dots].join('\n');
}
