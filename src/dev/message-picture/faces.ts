import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHART_FONTS, chartFontsFolder } from '../../digest/render-png.js';
import { parseFontMetrics, type FontMetrics } from './font-metrics.js';

/** The four shipped faces a message picture draws with. */
export type Face = 'regular' | 'bold' | 'italic' | 'mono';

/** SVG attributes that make resvg pick the face (the family is set once on the picture). */
export const FACE_ATTRIBUTES: Record<Face, string> = {
  regular: '',
  bold: 'font-weight="bold"',
  italic: 'font-style="italic"',
  mono: 'font-family="DejaVu Sans Mono"',
};

// Zero-width and bidi format characters draw nothing in Slack; the app inserts
// U+200B to break mrkdwn pairing, and fonts without a glyph would show a box.
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;

// Parsed once per process: the files are read-only assets and parsing them
// for every picture would cost more than drawing it.
const loaded = new Map<Face, FontMetrics>();

/**
 * The metrics of a shipped face, read from assets/fonts on first use.
 * @throws Error when the font files are missing or malformed.
 */
function faceMetrics(face: Face): FontMetrics {
  let metrics = loaded.get(face);
  if (metrics === undefined) {
    metrics = parseFontMetrics(readFileSync(join(chartFontsFolder(), CHART_FONTS[face])));
    loaded.set(face, metrics);
  }
  return metrics;
}

/**
 * The text with every character the face cannot draw removed (invisible
 * format characters, emoji and scripts DejaVu lacks), so the picture never
 * shows a missing-glyph box. Line breaks and tabs become spaces.
 */
export function drawableText(text: string, face: Face): string {
  const metrics = faceMetrics(face);
  let kept = '';
  for (const char of text.replace(INVISIBLE, '').replace(/[\t\r\n]/g, ' ')) {
    if (metrics.advance(char.codePointAt(0) ?? 0) !== undefined) kept += char;
  }
  return kept;
}

/** True when the face has a glyph for every character of the text. */
export function faceHas(face: Face, text: string): boolean {
  const metrics = faceMetrics(face);
  return [...text].every((char) => metrics.advance(char.codePointAt(0) ?? 0) !== undefined);
}

/** The width in px of already drawable text at the font size; characters without a glyph count as 0. */
export function textWidth(text: string, face: Face, size: number): number {
  const metrics = faceMetrics(face);
  let units = 0;
  for (const char of text) units += metrics.advance(char.codePointAt(0) ?? 0) ?? 0;
  return (units * size) / metrics.unitsPerEm;
}
