/**
 * Renders a Slack message (Block Kit blocks) as plain terminal text for the demo.
 * Forgiving by design: anything it does not understand becomes a short placeholder
 * rather than an exception, since validation is the stand-in's job, not the renderer's.
 */

import { isJson, list, str, type Json } from './block-json.js';
import { decodeEntities } from './message-picture/mrkdwn.js';

export interface RenderOptions {
  /** Shown when there are no blocks, like Slack shows the top-level `text`. */
  fallbackText?: string;
  /** ANSI bold for headers and `*bold*` mrkdwn. Off by default so output is plain text. */
  color?: boolean;
  /** Width of dividers; header underlines never run longer. Defaults to 40. */
  width?: number;
}

interface Style {
  color: boolean;
  width: number;
}

const BOLD_ON = '\u001b[1m';
const BOLD_OFF = '\u001b[22m';
// eslint-disable-next-line no-control-regex -- matching ANSI escapes is the point
const ANSI_CODE = /\u001b\[[0-9;]*m/g;

export function renderBlocks(blocks: unknown[], fallbackTextOrOptions?: string | RenderOptions): string {
  const options =
    typeof fallbackTextOrOptions === 'string' ? { fallbackText: fallbackTextOrOptions } : (fallbackTextOrOptions ?? {});
  const style: Style = { color: options.color ?? false, width: options.width ?? 40 };
  if (blocks.length === 0) return mrkdwn(options.fallbackText ?? '', style);
  return blocks.map((block) => renderBlock(block, style)).join('\n');
}

function bold(text: string, style: Style): string {
  return style.color ? `${BOLD_ON}${text}${BOLD_OFF}` : text;
}

function visibleLength(text: string): number {
  return [...text.replace(ANSI_CODE, '')].length;
}

function renderBlock(block: unknown, style: Style): string {
  if (!isJson(block)) return '[unsupported block]';
  switch (block['type']) {
    case 'header': {
      const title = textOf(block['text'], style).toUpperCase();
      return `${bold(title, style)}\n${'═'.repeat(Math.min(visibleLength(title), style.width))}`;
    }
    case 'section':
      return renderSection(block, style);
    case 'context':
      return renderContext(block, style);
    case 'divider':
      return '─'.repeat(style.width);
    case 'actions':
      return list(block['elements'])
        .map((element) => renderElement(element, style))
        .join('  ');
    case 'image':
      return `[image: ${str(block['alt_text']) ?? ''}]`;
    case 'input':
      return renderInput(block, style);
    case 'rich_text':
      return list(block['elements'])
        .map((element) => renderRichElement(element, style))
        .join('\n');
    default:
      return `[unsupported block: ${String(block['type'])}]`;
  }
}

function renderSection(block: Json, style: Style): string {
  const parts: string[] = [];
  if (block['text'] !== undefined) parts.push(textOf(block['text'], style));
  const fields = list(block['fields']).map((field) => textOf(field, style));
  if (fields.length > 0) parts.push(renderFields(fields, style));
  let rendered = parts.join('\n');
  if (block['accessory'] !== undefined) {
    const accessory = renderElement(block['accessory'], style);
    rendered = rendered === '' ? accessory : `${rendered}  ${accessory}`;
  }
  return rendered;
}

/** Slack lays fields out in two columns; pad the left one so the right one lines up. */
function renderFields(fields: string[], style: Style): string {
  const leftColumn = fields.filter((_, index) => index % 2 === 0);
  const leftWidth = Math.min(
    Math.max(...leftColumn.flatMap((field) => field.split('\n').map(visibleLength))),
    Math.floor(style.width / 2),
  );
  const rows: string[] = [];
  for (let index = 0; index < fields.length; index += 2) {
    const left = (fields[index] ?? '').split('\n');
    const right = (fields[index + 1] ?? '').split('\n');
    for (let line = 0; line < Math.max(left.length, right.length); line += 1) {
      const leftText = left[line] ?? '';
      const rightText = right[line] ?? '';
      const gap = ' '.repeat(Math.max(leftWidth - visibleLength(leftText), 0) + 3);
      rows.push(rightText === '' ? leftText : `${leftText}${gap}${rightText}`);
    }
  }
  return rows.join('\n');
}

function renderContext(block: Json, style: Style): string {
  const parts = list(block['elements']).map((element) =>
    isJson(element) && element['type'] === 'image' ? `[${str(element['alt_text']) ?? 'image'}]` : textOf(element, style),
  );
  return `  · ${parts.join('  ').replaceAll('\n', '\n    ')}`;
}

function renderInput(block: Json, style: Style): string {
  const optional = block['optional'] === true ? ' (optional)' : '';
  const lines = [`${textOf(block['label'], style)}${optional}`, `  ${renderElement(block['element'], style)}`];
  if (block['hint'] !== undefined) lines.push(`  · ${textOf(block['hint'], style)}`);
  return lines.join('\n');
}

function renderElement(element: unknown, style: Style): string {
  if (!isJson(element)) return '[ ? ]';
  const type = str(element['type']) ?? '?';
  const placeholder = element['placeholder'] === undefined ? undefined : textOf(element['placeholder'], style);
  if (type === 'button') return `[ ${textOf(element['text'], style)} ]`;
  if (type === 'image') return `[image: ${str(element['alt_text']) ?? ''}]`;
  if (type === 'overflow') return '[ ⋯ ]';
  if (type === 'checkboxes' || type === 'radio_buttons') {
    const mark = type === 'checkboxes' ? '☐' : '○';
    return list(element['options'])
      .map((option) => `${mark} ${isJson(option) ? textOf(option['text'], style) : ''}`)
      .join('  ');
  }
  if (type.endsWith('select') || type.endsWith('picker')) {
    const initial = isJson(element['initial_option']) ? textOf(element['initial_option']['text'], style) : undefined;
    const chosen = initial ?? str(element['initial_date']) ?? str(element['initial_time']);
    return `[ ${chosen ?? placeholder ?? 'Select'} ▾ ]`;
  }
  if (type.endsWith('input')) return `[ ${str(element['initial_value']) ?? placeholder ?? ''}___ ]`;
  return `[ ${type} ]`;
}

function textOf(value: unknown, style: Style): string {
  if (!isJson(value)) return '';
  const text = str(value['text']) ?? '';
  return value['type'] === 'mrkdwn' ? mrkdwn(text, style) : text;
}

/** Slack's `<...>` tokens: user/channel mentions, special mentions, dates and links. */
function renderToken(token: string): string {
  const bar = token.indexOf('|');
  const target = bar === -1 ? token : token.slice(0, bar);
  const label = bar === -1 ? undefined : token.slice(bar + 1);
  if (target.startsWith('@')) return `@${label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
  if (target.startsWith('!')) {
    // <!here>, <!subteam^S1|@team>, <!date^1700000000^{date}|Nov 14>: the label is the readable part.
    return label ?? `@${target.slice(1).split('^')[0] ?? ''}`;
  }
  if (label === undefined || label === target || `mailto:${label}` === target) return label ?? target;
  return `${label} (${target})`;
}

function mrkdwn(text: string, style: Style): string {
  let rendered = text.replace(/<([^<>]+)>/g, (_, token: string) => renderToken(token));
  if (style.color) {
    rendered = rendered.replace(/(^|[^\w*])\*(\S(?:[^*\n]*\S)?)\*(?![\w*])/g, (_, before: string, inner: string) =>
      `${before}${bold(inner, style)}`,
    );
  }
  // Unescape last: `&lt;` must not be mistaken for the start of a link token.
  return decodeEntities(rendered);
}

function renderRichElement(element: unknown, style: Style): string {
  if (!isJson(element)) return '';
  const inline = () =>
    list(element['elements'])
      .map((child) => renderRichInline(child, style))
      .join('');
  switch (element['type']) {
    case 'rich_text_list': {
      const ordered = element['style'] === 'ordered';
      const indent = '  '.repeat(typeof element['indent'] === 'number' ? element['indent'] : 0);
      return list(element['elements'])
        .map((item, index) => `${indent}${ordered ? `${index + 1}.` : '•'} ${renderRichElement(item, style)}`)
        .join('\n');
    }
    case 'rich_text_preformatted':
      return inline()
        .split('\n')
        .map((line) => `    ${line}`)
        .join('\n');
    case 'rich_text_quote':
      return inline()
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
    default:
      return inline();
  }
}

function renderRichInline(element: unknown, style: Style): string {
  if (!isJson(element)) return '';
  const text = str(element['text']);
  switch (element['type']) {
    case 'text':
      return isJson(element['style']) && element['style']['bold'] === true ? bold(text ?? '', style) : (text ?? '');
    case 'link': {
      const url = str(element['url']) ?? '';
      return text === undefined || text === url ? url : `${text} (${url})`;
    }
    case 'user':
      return `@${str(element['user_id']) ?? ''}`;
    case 'usergroup':
      return `@${str(element['usergroup_id']) ?? ''}`;
    case 'channel':
      return `#${str(element['channel_id']) ?? ''}`;
    case 'broadcast':
      return `@${str(element['range']) ?? ''}`;
    case 'emoji':
      return `:${str(element['name']) ?? ''}:`;
    case 'date':
      return str(element['fallback']) ?? '';
    default:
      return text ?? '';
  }
}
