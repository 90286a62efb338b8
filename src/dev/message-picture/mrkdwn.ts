/**
 * Slack mrkdwn as styled runs of text, following the pairing rules of Slack's
 * client closely enough for the app's own messages: a marker opens only after
 * a non-word character and before a non-space, closes only before a non-word
 * character, and never spans lines. A marker followed by U+200B is literal,
 * which is how the app keeps customer text from turning bold.
 */
import { splitEmoji } from './emoji.js';

/**
 * What a run is drawn as: plain text, a blue link, a mention chip, a yellow
 * broadcast chip (@channel), inline code, a line break, or a small image.
 */
export type RunKind = 'text' | 'link' | 'mention' | 'broadcast' | 'code' | 'break' | 'image';

/** A stretch of text with one style. */
export interface Run {
  kind: RunKind;
  text: string;
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
  /** Overrides the text colour (emoji symbols). */
  color?: string;
}

interface Marks {
  bold?: boolean;
  italic?: boolean;
  strike?: boolean;
}

const MARKERS: Record<string, keyof Marks> = { '*': 'bold', _: 'italic', '~': 'strike' };
const ZERO_WIDTH_SPACE = '\u200b';
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** User names by Slack user id, for mention chips. */
export type UserNames = ReadonlyMap<string, string>;

/** The mrkdwn text as runs, with a `break` run for every line break. */
export function mrkdwnRuns(text: string, userNames: UserNames = new Map()): Run[] {
  return text.split('\n').flatMap((line, index) => [...(index > 0 ? [{ kind: 'break' as const, text: '' }] : []), ...inline(line, {}, userNames)]);
}

/** plain_text as runs: no formatting, but shortcodes become symbols when `emoji` is on, as Slack does. */
export function plainRuns(text: string, style: Marks = {}, emoji = true): Run[] {
  return text.split('\n').flatMap((line, index) => [
    ...(index > 0 ? [{ kind: 'break' as const, text: '' }] : []),
    ...(emoji ? textRuns(line, style) : [{ kind: 'text' as const, text: line, ...style }]),
  ]);
}

/** `&amp;`, `&lt;` and `&gt;` decoded in one pass, so `&amp;lt;` stays `&lt;`. */
export function decodeEntities(text: string): string {
  return text.replace(/&(?:amp|lt|gt);/g, (entity) => ENTITIES[entity] ?? entity);
}

function inline(text: string, marks: Marks, userNames: UserNames): Run[] {
  const runs: Run[] = [];
  let literal = '';
  const flush = () => {
    runs.push(...textRuns(decodeEntities(literal), marks));
    literal = '';
  };
  for (let index = 0; index < text.length; ) {
    const char = text[index] ?? '';
    const end = spanEnd(text, index);
    const mark = MARKERS[char];
    const close = mark !== undefined && !marks[mark] && opens(text, index) ? closing(text, index) : -1;
    if (end !== -1 || close !== -1) {
      flush();
      if (char === '<') runs.push(tokenRun(text.slice(index + 1, end), marks, userNames));
      else if (char === '`') runs.push({ kind: 'code', text: decodeEntities(text.slice(index + 1, end)) });
      else if (mark !== undefined) runs.push(...inline(text.slice(index + 1, close), { ...marks, [mark]: true }, userNames));
      index = (end !== -1 ? end : close) + 1;
    } else {
      literal += char;
      index += 1;
    }
  }
  flush();
  return runs;
}

/** Where a `<token>` or `` `code` `` starting at `index` ends, or -1 when none starts there. */
function spanEnd(text: string, index: number): number {
  const char = text[index];
  if (char !== '<' && char !== '`') return -1;
  const end = text.indexOf(char === '<' ? '>' : '`', index + 1);
  return end > index + 1 ? end : -1;
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function opens(text: string, index: number): boolean {
  const before = text[index - 1];
  const after = text[index + 1];
  if (isWordChar(before) || before === text[index]) return false;
  return after !== undefined && after !== ZERO_WIDTH_SPACE && after !== text[index] && !/\s/.test(after);
}

/** The index of the marker closing the one at `open`, skipping tokens and code, or -1. */
function closing(text: string, open: number): number {
  const marker = text[open];
  for (let index = open + 2; index < text.length; index += 1) {
    const end = spanEnd(text, index);
    if (end !== -1) {
      index = end;
      continue;
    }
    const after = text[index + 1];
    const before = text[index - 1] ?? ' ';
    if (text[index] === marker && !/\s/.test(before) && after !== ZERO_WIDTH_SPACE && !isWordChar(after)) return index;
  }
  return -1;
}

/** Plain text split around emoji shortcodes, each symbol a run with its own colour. */
function textRuns(text: string, marks: Marks): Run[] {
  return splitEmoji(text)
    .filter((piece) => piece.text !== '')
    .map((piece) => ({ kind: 'text' as const, text: piece.text, ...marks, ...(piece.color === undefined ? {} : { color: piece.color }) }));
}

/** `<@U1>`, `<#C1|name>`, `<!here>`, `<!date^…|fallback>` and `<url|label>`. */
function tokenRun(token: string, marks: Marks, userNames: UserNames): Run {
  const bar = token.indexOf('|');
  const target = bar === -1 ? token : token.slice(0, bar);
  const label = bar === -1 ? undefined : decodeEntities(token.slice(bar + 1));
  if (target.startsWith('@')) {
    const id = target.slice(1);
    return { kind: 'mention', text: `@${userNames.get(id) ?? label ?? id}` };
  }
  if (target.startsWith('#')) return { kind: 'mention', text: `#${label ?? target.slice(1)}` };
  if (target.startsWith('!')) {
    const command = target.slice(1).split('^')[0] ?? '';
    if (command === 'channel' || command === 'here' || command === 'everyone') return { kind: 'broadcast', text: `@${command}` };
    if (command === 'subteam') return { kind: 'mention', text: label ?? '@team' };
    return { kind: 'text', text: label ?? '', ...marks };
  }
  return { kind: 'link', text: label ?? decodeEntities(target).replace(/^mailto:/, ''), ...marks };
}
