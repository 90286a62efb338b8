/**
 * Geometry shared by the parts of the digest chart: the canvas, the plot
 * rectangle, the colours, and where a week or a value lands on it.
 */
import { moneyAxis, textWidth, type MoneyAxis } from './chart-scale.js';

/** Size of the chart in px; the PNG renderer can scale it. */
export const CHART_WIDTH = 1200;
export const CHART_HEIGHT = 600;

/** Top and bottom of the plot area; above it sit the title and the legend. */
export const PLOT_TOP = 136;
export const PLOT_BOTTOM = 520;

/** Room right of the plot for the percentage labels and the rotated axis caption. */
const RIGHT_MARGIN = 72;

/** The chart's palette: muted bars, two lines that differ in colour and dash. */
export const COLOR = {
  bar: '#a5c8ec',
  barLabel: '#343a40',
  grid: '#e9ecef',
  axis: '#adb5bd',
  muted: '#6c757d',
  gifted: '#d9480f',
  holdout: '#495057',
};

/** Where things go: the plot's left and right edges, one slot per week, and the money axis. */
export interface Frame {
  left: number;
  right: number;
  slot: number;
  axis: MoneyAxis;
  tickLabels: string[];
}

/**
 * The frame for `weekCount` weeks whose largest spend is `maxSpend`: the left
 * margin grows with the widest money label so huge amounts are never clipped.
 */
export function frameFor(weekCount: number, maxSpend: number, formatMoney: (cents: number) => string): Frame {
  const axis = moneyAxis(maxSpend);
  const tickLabels = axis.ticks.map((tick) => formatMoney(tick));
  const widest = Math.max(...tickLabels.map((label) => textWidth(label, 13)));
  // Room for the tick labels plus the rotated "Spend" caption left of them.
  const left = Math.max(88, widest + 44);
  const right = CHART_WIDTH - RIGHT_MARGIN;
  return { left, right, slot: (right - left) / Math.max(1, weekCount), axis, tickLabels };
}

/** The x of the middle of week `index`'s slot. */
export function slotCenter(frame: Frame, index: number): number {
  return frame.left + frame.slot * (index + 0.5);
}

/** The y of a rate (0..1) on the percentage axis. */
export function rateY(rate: number): number {
  return PLOT_BOTTOM - rate * (PLOT_BOTTOM - PLOT_TOP);
}
