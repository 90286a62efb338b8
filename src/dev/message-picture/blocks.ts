/**
 * Block Kit blocks laid out top to bottom in the message's content column.
 * Forgiving like the terminal renderer: a block it does not know becomes the
 * grey note Slack shows for content it cannot display, never an exception.
 */
import { isJson, list, str, type Json } from '../block-json.js';
import { drawRuns, type Drawn, type TextStyle } from './draw-text.js';
import { drawActions, elementBox, imageBox } from './elements.js';
import { mrkdwnRuns, plainRuns, type Run, type UserNames } from './mrkdwn.js';
import { BODY, CONTEXT, COLORS, HEADER, PICTURE, px } from './theme.js';

/** The content column blocks are drawn in. */
export interface Column {
  x: number;
  width: number;
  userNames: UserNames;
}

const BODY_STYLE: TextStyle = { ...BODY, color: COLORS.text };
const HEADER_STYLE: TextStyle = { ...HEADER, color: COLORS.text };
const CONTEXT_STYLE: TextStyle = { ...CONTEXT, color: COLORS.muted };

/** The blocks drawn from `y` down, a gap between each; the fallback text as mrkdwn when there are none. */
export function drawBlocks(blocks: unknown[], fallbackText: string, y: number, column: Column): Drawn {
  if (blocks.length === 0) return drawRuns(mrkdwnRuns(fallbackText, column.userNames), column.x, y, column.width, BODY_STYLE);
  let svg = '';
  let height = 0;
  blocks.forEach((block, index) => {
    const top = y + height + (index > 0 ? PICTURE.blockGap : 0);
    const drawn = drawBlock(block, top, column);
    svg += drawn.svg;
    height = top + drawn.height - y;
  });
  return { svg, height };
}

function drawBlock(block: unknown, y: number, column: Column): Drawn {
  const { x, width } = column;
  if (!isJson(block)) return unsupported(y, column);
  switch (block['type']) {
    case 'header':
      return spaced(4, drawRuns(plainRuns(textOf(block['text']), { bold: true }), x, y + 4, width, HEADER_STYLE));
    case 'section':
      return drawSection(block, y, column);
    case 'divider':
      return { svg: `<rect x="${px(x)}" y="${px(y + 8)}" width="${px(width)}" height="1" fill="${COLORS.border}"/>`, height: 17 };
    case 'context':
      return drawRuns(contextRuns(block, column.userNames), x, y, width, CONTEXT_STYLE);
    case 'actions':
      return spaced(4, drawActions(block, x, y + 4, width));
    case 'image':
      return drawImage(block, y, column);
    default:
      return unsupported(y, column);
  }
}

/** Text, then fields in two columns; an accessory sits at the top right and narrows the text beside it. */
function drawSection(block: Json, y: number, column: Column): Drawn {
  const accessory = block['accessory'] === undefined ? undefined : elementBox(block['accessory'], column.width / 3);
  const width = accessory === undefined ? column.width : column.width - accessory.width - 16;
  let svg = accessory?.draw(column.x + column.width - accessory.width, y) ?? '';
  let height = 0;
  if (block['text'] !== undefined) {
    const text = drawRuns(textRuns(block['text'], column.userNames), column.x, y, width, BODY_STYLE);
    svg += text.svg;
    height = text.height;
  }
  const fields = list(block['fields']);
  if (fields.length > 0) {
    const drawn = drawFields(fields, y + (height > 0 ? height + PICTURE.blockGap : 0), { ...column, width });
    svg += drawn.svg;
    height += (height > 0 ? PICTURE.blockGap : 0) + drawn.height;
  }
  return { svg, height: Math.max(height, accessory?.height ?? 0) };
}

/** Fields two to a row, each row as tall as its taller field. */
function drawFields(fields: unknown[], y: number, column: Column): Drawn {
  const fieldWidth = (column.width - PICTURE.fieldGap) / 2;
  let svg = '';
  let top = y;
  for (let index = 0; index < fields.length; index += 2) {
    const row = fields.slice(index, index + 2).map((field, side) => {
      const x = column.x + side * (fieldWidth + PICTURE.fieldGap);
      return drawRuns(textRuns(field, column.userNames), x, top, fieldWidth, BODY_STYLE);
    });
    svg += row.map((drawn) => drawn.svg).join('');
    top += Math.max(...row.map((drawn) => drawn.height)) + (index + 2 < fields.length ? PICTURE.blockGap : 0);
  }
  return { svg, height: top - y };
}

/** Context elements side by side, small images as little boxes. */
function contextRuns(block: Json, userNames: UserNames): Run[] {
  return list(block['elements']).flatMap((element, index) => {
    const gap: Run[] = index > 0 ? [{ kind: 'text', text: '   ' }] : [];
    if (isJson(element) && element['type'] === 'image') return [...gap, { kind: 'image' as const, text: '' }];
    return [...gap, ...textRuns(element, userNames)];
  });
}

function drawImage(block: Json, y: number, column: Column): Drawn {
  const title = block['title'] === undefined ? undefined : drawRuns(plainRuns(textOf(block['title']), { bold: true }), column.x, y, column.width, BODY_STYLE);
  const top = y + (title === undefined ? 0 : title.height + 4);
  const box = imageBox(Math.min(360, column.width), 200, str(block['alt_text']) ?? '');
  return { svg: (title?.svg ?? '') + box.draw(column.x, top), height: top - y + box.height };
}

/** A block drawn `space` px below its top: Slack sets headers and buttons a little apart. */
function spaced(space: number, drawn: Drawn): Drawn {
  return { svg: drawn.svg, height: drawn.height + space };
}

function unsupported(y: number, column: Column): Drawn {
  return drawRuns([{ kind: 'text', text: "This content can't be displayed.", italic: true }], column.x, y, column.width, CONTEXT_STYLE);
}

function textOf(value: unknown): string {
  return isJson(value) ? (str(value['text']) ?? '') : '';
}

/** A text object as runs: mrkdwn parsed, plain_text as it is (with emoji). */
function textRuns(value: unknown, userNames: UserNames): Run[] {
  if (!isJson(value)) return [];
  if (value['type'] === 'mrkdwn') return mrkdwnRuns(textOf(value), userNames);
  return plainRuns(textOf(value), {}, value['emoji'] !== false);
}
