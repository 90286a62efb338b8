/**
 * Interactive elements drawn as Slack draws them in a message: buttons
 * (primary green, danger red, otherwise outlined), menus with a caret, the
 * overflow "⋯", and image placeholders, since the picture loads no images.
 */
import { escapeXml } from '../../digest/svg-text.js';
import { truncate } from '../../text.js';
import { isJson, list, str, type Json } from '../block-json.js';
import type { Drawn } from './draw-text.js';
import { drawableText, textWidth } from './faces.js';
import { plainRuns } from './mrkdwn.js';
import { BUTTON, CONTEXT, COLORS, px } from './theme.js';

/** An element measured before it is placed. */
export interface ElementBox {
  width: number;
  height: number;
  draw(x: number, y: number): string;
}

/** The text of a text object with shortcodes replaced and undrawable characters removed. */
function plainLabel(value: unknown, bold = false): string {
  const text = isJson(value) ? (str(value['text']) ?? '') : '';
  const joined = plainRuns(text.replace(/\n/g, ' ')).map((run) => run.text).join('');
  return drawableText(joined, bold ? 'bold' : 'regular');
}

/** The box of one element; unknown elements become an outlined box with their type. */
export function elementBox(element: unknown, maxWidth: number): ElementBox {
  if (!isJson(element)) return outlined('?', maxWidth, false);
  const type = str(element['type']) ?? '?';
  if (type === 'button') return button(element, maxWidth);
  if (type === 'overflow') return outlined('⋯', maxWidth, false);
  if (type === 'image') return imageBox(88, 88, str(element['alt_text']) ?? '');
  if (type.endsWith('select') || type.endsWith('picker')) {
    const initial = isJson(element['initial_option']) ? plainLabel(element['initial_option']['text']) : undefined;
    const chosen = initial ?? str(element['initial_date']) ?? str(element['initial_time']);
    const placeholder = element['placeholder'] === undefined ? undefined : plainLabel(element['placeholder']);
    return outlined(`${chosen ?? placeholder ?? 'Select an item'}  ▾`, maxWidth, false);
  }
  return outlined(drawableText(type, 'regular'), maxWidth, false);
}

/** An actions block: its elements in rows, wrapping when a row is full. */
export function drawActions(block: Json, x: number, y: number, width: number): Drawn {
  const boxes = list(block['elements']).map((element) => elementBox(element, width));
  let svg = '';
  let left = 0;
  let top = 0;
  let rowHeight = 0;
  for (const box of boxes) {
    if (left > 0 && left + box.width > width) {
      top += rowHeight + BUTTON.gap;
      left = 0;
      rowHeight = 0;
    }
    svg += box.draw(x + left, y + top);
    left += box.width + BUTTON.gap;
    rowHeight = Math.max(rowHeight, box.height);
  }
  return { svg, height: top + rowHeight };
}

/** A grey placeholder where Slack would show an image, with the alt text inside when it fits. */
export function imageBox(width: number, height: number, altText: string): ElementBox {
  const label = fitted(drawableText(altText, 'regular'), width - 16, CONTEXT.size, false);
  return {
    width,
    height,
    draw: (x, y) =>
      `<rect x="${px(x)}" y="${px(y)}" width="${px(width)}" height="${px(height)}" rx="6" fill="${COLORS.placeholder}" stroke="${COLORS.border}"/>` +
      (label === '' ? '' : `<text x="${px(x + width / 2)}" y="${px(y + height / 2 + 4)}" font-size="${CONTEXT.size}" fill="${COLORS.muted}" text-anchor="middle" xml:space="preserve">${escapeXml(label)}</text>`),
  };
}

function button(element: Json, maxWidth: number): ElementBox {
  const style = element['style'];
  if (style !== 'primary' && style !== 'danger') return outlined(plainLabel(element['text'], true), maxWidth, true);
  const label = fitted(plainLabel(element['text'], true), maxWidth - 2 * BUTTON.padX, BUTTON.size, true);
  const fill = style === 'primary' ? COLORS.primary : COLORS.danger;
  return box(label, true, (x, y, width) => `<rect x="${px(x)}" y="${px(y)}" width="${px(width)}" height="${BUTTON.height}" rx="${BUTTON.radius}" fill="${fill}"/>`, '#ffffff');
}

function outlined(text: string, maxWidth: number, bold: boolean): ElementBox {
  const label = fitted(text, maxWidth - 2 * BUTTON.padX, BUTTON.size, bold);
  const frame = (x: number, y: number, width: number) =>
    `<rect x="${px(x + 0.5)}" y="${px(y + 0.5)}" width="${px(width - 1)}" height="${BUTTON.height - 1}" rx="${BUTTON.radius}" fill="${COLORS.background}" stroke="${COLORS.buttonBorder}"/>`;
  return box(label, bold, frame, COLORS.text);
}

function box(label: string, bold: boolean, frame: (x: number, y: number, width: number) => string, color: string): ElementBox {
  const width = Math.max(BUTTON.height, textWidth(label, bold ? 'bold' : 'regular', BUTTON.size) + 2 * BUTTON.padX);
  const weight = bold ? ' font-weight="bold"' : '';
  return {
    width,
    height: BUTTON.height,
    draw: (x, y) =>
      frame(x, y, width) +
      `<text x="${px(x + width / 2)}" y="${px(y + BUTTON.height / 2 + 0.36 * BUTTON.size)}" font-size="${BUTTON.size}" fill="${color}" text-anchor="middle"${weight} xml:space="preserve">${escapeXml(label)}</text>`,
  };
}

/** The label cut with "…" until it fits `width` px. */
function fitted(label: string, width: number, size: number, bold: boolean): string {
  const face = bold ? 'bold' : 'regular';
  let chars = [...label].length;
  let text = label;
  while (chars > 1 && textWidth(text, face, size) > width) {
    chars -= 1;
    text = truncate(label, chars);
  }
  return text;
}
