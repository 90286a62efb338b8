/**
 * Wrapped lines as SVG: one `<text>` per line, one `<tspan>` per piece at the
 * x the wrapper measured, so chip backgrounds drawn behind a piece always sit
 * under its text. Whitespace is preserved because it was measured.
 */
import { escapeXml } from '../../digest/svg-text.js';
import { FACE_ATTRIBUTES } from './faces.js';
import type { Run } from './mrkdwn.js';
import { COLORS, px } from './theme.js';
import { chipPadding, runFace, runSize, wrapRuns, type Line, type Piece } from './wrap.js';

/** How a block of text is set. */
export interface TextStyle {
  size: number;
  lineHeight: number;
  color: string;
}

/** SVG markup and the height it takes. */
export interface Drawn {
  svg: string;
  height: number;
}

/** The runs wrapped to `width` px and drawn with their top-left corner at (x, y). */
export function drawRuns(runs: Run[], x: number, y: number, width: number, style: TextStyle): Drawn {
  const lines = wrapRuns(runs, style.size, width);
  return { svg: lines.map((line, index) => drawLine(line, x, y + index * style.lineHeight, style)).join(''), height: lines.length * style.lineHeight };
}

/** One line: chip backgrounds, the text, then strike-through rules. */
function drawLine(line: Line, x: number, top: number, style: TextStyle): string {
  if (line.pieces.length === 0) return '';
  // Centres the cap height (0.73 em in DejaVu Sans) in the line box, as CSS centres Slack's text.
  const baseline = top + (style.lineHeight + 0.73 * style.size) / 2;
  const backgrounds = line.pieces.map((piece) => chip(piece, x, top, style)).join('');
  const spans = line.pieces
    .filter((piece) => piece.run.kind !== 'image' && piece.text !== '')
    .map((piece) => tspan(piece, x, style))
    .join('');
  const strikes = line.pieces
    .filter((piece) => piece.run.strike === true)
    .map((piece) => `<rect x="${px(x + piece.x)}" y="${px(baseline - 0.3 * style.size)}" width="${px(piece.width)}" height="1" fill="${pieceColor(piece.run, style)}"/>`)
    .join('');
  const text = spans === '' ? '' : `<text y="${px(baseline)}" font-size="${px(style.size)}" fill="${style.color}" xml:space="preserve">${spans}</text>`;
  return `${backgrounds}${text}${strikes}`;
}

function tspan(piece: Piece, x: number, style: TextStyle): string {
  const { run } = piece;
  const attributes = [`x="${px(x + piece.x + chipPadding(run))}"`, FACE_ATTRIBUTES[runFace(run)]];
  if (run.kind === 'code') attributes.push(`font-size="${px(runSize(run, style.size))}"`);
  const color = pieceColor(run, style);
  if (color !== style.color) attributes.push(`fill="${color}"`);
  return `<tspan ${attributes.filter(Boolean).join(' ')}>${escapeXml(piece.text)}</tspan>`;
}

function pieceColor(run: Run, style: TextStyle): string {
  if (run.color !== undefined) return run.color;
  if (run.kind === 'code') return COLORS.codeText;
  if (run.kind === 'link' || run.kind === 'mention') return COLORS.link;
  return style.color;
}

/** The rounded background of a mention, broadcast or code chip, or the box of a small image. */
function chip(piece: Piece, x: number, top: number, style: TextStyle): string {
  const height = Math.min(style.lineHeight - 2, style.size + 6);
  const y = top + (style.lineHeight - height) / 2;
  const box = `x="${px(x + piece.x)}" y="${px(y)}" width="${px(piece.width)}" height="${px(height)}" rx="3"`;
  switch (piece.run.kind) {
    case 'mention':
      return `<rect ${box} fill="${COLORS.mentionFill}"/>`;
    case 'broadcast':
      return `<rect ${box} fill="${COLORS.broadcastFill}"/>`;
    case 'code':
      return `<rect ${box} fill="${COLORS.codeFill}" stroke="${COLORS.border}"/>`;
    case 'image': {
      const side = piece.width - 4;
      return `<rect x="${px(x + piece.x)}" y="${px(top + (style.lineHeight - side) / 2)}" width="${px(side)}" height="${px(side)}" rx="3" fill="${COLORS.placeholder}" stroke="${COLORS.border}"/>`;
    }
    default:
      return '';
  }
}
