/**
 * The weekly digest's chart as an SVG string: spend bars per week on a money
 * axis, the gestures count above each bar, and the repeat-purchase rates of
 * gifted and holdout customers as two lines on a 0–100 % axis. Pure: the same
 * input gives the same bytes, and nothing outside the string is referenced.
 */
import { plottableWeeks, type ChartInput, type ChartWeek } from './chart-data.js';
import { CHART_HEIGHT, CHART_WIDTH, COLOR, PLOT_BOTTOM, PLOT_TOP, frameFor, slotCenter, type Frame } from './chart-layout.js';
import { RATE_SERIES, latestRateText, rateLineSvg } from './chart-rates.js';
import { AXIS_INTERVALS, px, textWidth } from './chart-scale.js';
import { truncate } from '../text.js';
import { escapeXml, svgText } from './svg-text.js';

export { CHART_HEIGHT, CHART_WIDTH } from './chart-layout.js';

/** Shown in the chart when no week has a rate for either cohort. */
export const NO_RATES_NOTE = 'Repeat-purchase rates: not enough data yet';

/**
 * The chart for `input` as a standalone {@link CHART_WIDTH}×{@link CHART_HEIGHT}
 * SVG document using only the "DejaVu Sans" font family. Missing rates leave
 * gaps in their line; when no week has a rate, or there is no week at all, the
 * chart says so instead of drawing zeros. Never throws on odd numbers: they
 * are clamped by {@link plottableWeeks}.
 */
export function chartSvg(input: ChartInput): string {
  const weeks = plottableWeeks(input.weeks);
  const frame = frameFor(weeks.length, Math.max(0, ...weeks.map((week) => week.spendCents)), input.formatMoney);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}">`,
    `<title>${escapeXml(input.title)}</title>`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    header(input.title, weeks.length, input.subtitle),
    legend(weeks),
    grid(frame, input.currency),
    ...weeks.map((week, index) => bar(week, index, frame, input.formatMoney)),
    rateLineSvg(weeks, frame, 'holdout'),
    rateLineSvg(weeks, frame, 'gifted'),
    notes(weeks, frame),
    '</svg>',
  ].join('\n');
}

function header(title: string, weekCount: number, subtitle?: string): string {
  // Bold DejaVu runs wider than the 0.62 em estimate; 0.7 keeps long titles inside the canvas.
  const maxChars = Math.floor((CHART_WIDTH - 80) / (24 * 0.7));
  const span = weekCount === 0 ? '' : weekCount === 1 ? ' over the last week' : ` over the last ${weekCount} weeks`;
  return [
    svgText(truncate(title, maxChars), { x: 40, y: 42, size: 24, bold: true, extra: 'class="title"' }),
    svgText(subtitle ?? `Gesture spend and gestures approved per week${span}, against the repeat-purchase rate of gifted vs holdout customers`, {
      x: 40, y: 66, size: 14, fill: COLOR.muted,
    }),
  ].join('\n');
}

function legend(weeks: ChartWeek[]): string {
  const items = [
    { swatch: (x: number) => `<rect x="${px(x + 4)}" y="86" width="16" height="12" fill="${COLOR.bar}"/>`, label: 'Spend (number above bar: gestures)' },
    ...(['gifted', 'holdout'] as const).map((series) => {
      const { name, color, dash } = RATE_SERIES[series];
      return {
        swatch: (x: number) => `<line x1="${px(x)}" y1="92" x2="${px(x + 24)}" y2="92" stroke="${color}" stroke-width="3"${dash}/>`,
        label: `${name}: repeat rate, ${latestRateText(weeks, series)}`,
      };
    }),
  ];
  let x = 40;
  return items
    .map((item) => {
      const svg = `${item.swatch(x)}\n${svgText(item.label, { x: px(x + 30), y: 97, size: 13, extra: 'class="legend"' })}`;
      x += 30 + textWidth(item.label, 13) + 20;
      return svg;
    })
    .join('\n');
}

function grid(frame: Frame, currency: string): string {
  const lines = frame.axis.ticks.map((_, i) => {
    const y = px(PLOT_BOTTOM - ((PLOT_BOTTOM - PLOT_TOP) * i) / AXIS_INTERVALS);
    return [
      `<line x1="${px(frame.left)}" y1="${y}" x2="${frame.right}" y2="${y}" stroke="${i === 0 ? COLOR.axis : COLOR.grid}" stroke-width="1"/>`,
      svgText(frame.tickLabels[i] ?? '', { x: px(frame.left - 10), y, size: 13, anchor: 'end', fill: COLOR.muted, extra: 'dy="4.5" class="money-tick"' }),
      svgText(`${(100 / AXIS_INTERVALS) * i}%`, { x: frame.right + 10, y, size: 13, fill: COLOR.muted, extra: 'dy="4.5"' }),
    ].join('\n');
  });
  const middle = (PLOT_TOP + PLOT_BOTTOM) / 2;
  const captions = [
    svgText(`Spend (${currency})`, { x: 20, y: middle, size: 12, anchor: 'middle', fill: COLOR.muted, extra: `transform="rotate(-90 20 ${middle})"` }),
    svgText('Repeat-purchase rate', { x: CHART_WIDTH - 18, y: middle, size: 12, anchor: 'middle', fill: COLOR.muted, extra: `transform="rotate(90 ${CHART_WIDTH - 18} ${middle})"` }),
  ];
  return [...lines, ...captions].join('\n');
}

function bar(week: ChartWeek, index: number, frame: Frame, formatMoney: (cents: number) => string): string {
  const cx = px(slotCenter(frame, index));
  const width = Math.min(56, frame.slot * 0.62);
  // A week with any spend at all keeps a visible sliver instead of vanishing into the axis.
  const height = week.spendCents > 0 ? Math.max(1, (week.spendCents / frame.axis.top) * (PLOT_BOTTOM - PLOT_TOP)) : 0;
  const top = PLOT_BOTTOM - height;
  const maxChars = Math.max(3, Math.floor(frame.slot / (13 * 0.62)));
  const tooltip = `${week.label}${week.weekOf ? ` (${week.weekOf})` : ''}: ${formatMoney(week.spendCents)} on ${week.gestures} gestures`;
  return [
    `<g data-week="${index}">`,
    `<title>${escapeXml(tooltip)}</title>`,
    height > 0 ? `<rect class="bar" x="${px(slotCenter(frame, index) - width / 2)}" y="${px(top)}" width="${px(width)}" height="${px(height)}" fill="${COLOR.bar}"/>` : '',
    svgText(gestureCount(week.gestures), { x: cx, y: px(top - 6), size: 12, anchor: 'middle', bold: true, fill: COLOR.barLabel, extra: 'class="gestures"' }),
    svgText(truncate(week.label, maxChars), { x: cx, y: PLOT_BOTTOM + 22, size: 13, anchor: 'middle' }),
    week.weekOf ? svgText(truncate(week.weekOf, maxChars + 2), { x: cx, y: PLOT_BOTTOM + 40, size: 11, anchor: 'middle', fill: COLOR.muted }) : '',
    '</g>',
  ].filter(Boolean).join('\n');
}

/** Gesture counts fit above a bar: compact ("120K") once they would crowd the neighbours. */
function gestureCount(count: number): string {
  const options: Intl.NumberFormatOptions = count >= 100_000 ? { notation: 'compact', maximumFractionDigits: 1 } : {};
  return new Intl.NumberFormat('en-US', options).format(count);
}

function notes(weeks: ChartWeek[], frame: Frame): string {
  const messages: string[] = [];
  if (weeks.length === 0) messages.push('No weeks to show yet');
  else if (weeks.every((week) => week.giftedRepeatRate === null && week.holdoutRepeatRate === null)) messages.push(NO_RATES_NOTE);
  if (weeks.length > 0 && weeks.every((week) => week.spendCents === 0)) messages.push('No gesture spend in these weeks');
  const cx = (frame.left + frame.right) / 2;
  return messages
    .map((message, i) => {
      const y = PLOT_TOP + 40 + i * 38;
      const width = textWidth(message, 15) + 32;
      // A translucent card keeps the note readable where it crosses a bar.
      return [
        `<rect x="${px(cx - width / 2)}" y="${y - 21}" width="${px(width)}" height="30" rx="6" fill="#ffffff" fill-opacity="0.9" stroke="${COLOR.grid}"/>`,
        svgText(message, { x: px(cx), y, size: 15, anchor: 'middle', fill: COLOR.muted, extra: 'class="note"' }),
      ].join('\n');
    })
    .join('\n');
}
