import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartFontsFolder } from '../src/digest/render-png.js';
import { emojiNames, emojiSymbol, splitEmoji } from '../src/dev/message-picture/emoji.js';
import { drawableText, faceHas, textWidth } from '../src/dev/message-picture/faces.js';
import { parseFontMetrics } from '../src/dev/message-picture/font-metrics.js';
import { mrkdwnRuns, type Run } from '../src/dev/message-picture/mrkdwn.js';
import { wrapRuns } from '../src/dev/message-picture/wrap.js';

/** Runs as compact strings: the text with its style, e.g. "b:bold" or "i:vs 9/wk". */
function styled(runs: Run[]): string[] {
  return runs.map((run) => {
    const flags = `${run.bold ? 'b' : ''}${run.italic ? 'i' : ''}${run.strike ? 's' : ''}`;
    const prefix = run.kind === 'text' ? flags : `${run.kind}${flags}`;
    return prefix === '' ? run.text : `${prefix}:${run.text}`;
  });
}

describe('mrkdwnRuns', () => {
  it.each([
    ['*Gestures*\n12 ↑ _vs 9/wk_', ['b:Gestures', 'break:', '12 ↑ ', 'i:vs 9/wk']],
    ['snake_case_name and 2*3*4', ['snake_case_name and 2*3*4']],
    ['(*bold*), *_both_* ~gone~', ['(', 'b:bold', '), ', 'bi:both', ' ', 's:gone']],
    ['* not bold * and *open', ['* not bold * and *open']],
    ['*a\nb*', ['*a', 'break:', 'b*']],
    ['`*raw* &lt;x&gt;` done', ['code:*raw* <x>', ' done']],
    ['&amp;lt; &lt;b&gt; &amp;', ['&lt; <b> &']],
    ['_see <https://x.test/a_b|the docs>_', ['i:see ', 'linki:the docs']],
    ['<mailto:a@b.test> <https://x.test>', ['link:a@b.test', ' ', 'link:https://x.test']],
    ['<@U1> <@U9|old> <#C1|general> <!channel> <!subteam^S1|@support>', ['mention:@Ada', ' ', 'mention:@old', ' ', 'mention:#general', ' ', 'broadcast:@channel', ' ', 'mention:@support']],
    ['due <!date^1700000000^{date}|Nov 14> at 12:00:30', ['due ', 'Nov 14', ' at 12:00:30']],
    ['*\u200bx*\u200b', ['*\u200bx*\u200b']],
  ])('%j', (text, expected) => {
    expect(styled(mrkdwnRuns(text, new Map([['U1', 'Ada']])))).toEqual(expected);
  });

  it('turns known shortcodes into tinted symbols and leaves unknown ones out', () => {
    expect(splitEmoji(':warning: late :thinking_face::skin-tone-2: ok :tada:')).toEqual([
      { text: '⚠', color: '#e8a400' },
      { text: ' late ' },
      { text: ' ok ' },
      { text: '★', color: '#e8a400' },
    ]);
    expect(splitEmoji('at 9:00:00, a:b:c')).toEqual([{ text: 'at 9:00:00, a:b:c' }]);
  });
});

describe('emoji symbols', () => {
  it('exist in every face they may be drawn with', () => {
    for (const name of emojiNames()) {
      const symbol = emojiSymbol(name)?.symbol ?? '';
      for (const face of ['regular', 'bold', 'italic'] as const) expect(faceHas(face, symbol), `${name} ${face}`).toBe(true);
    }
  });
});

describe('font metrics', () => {
  it('reads advance widths from the shipped TrueType files', () => {
    const regular = parseFontMetrics(readFileSync(join(chartFontsFolder(), 'DejaVuSans.ttf')));
    expect(regular.unitsPerEm).toBe(2048);
    expect(regular.advance('H'.codePointAt(0) ?? 0)).toBe(1540);
    expect(regular.advance(0x1f389)).toBeUndefined();
    expect(textWidth('iiii', 'mono', 10)).toBeCloseTo(textWidth('WWWW', 'mono', 10));
    expect(textWidth('Delight', 'bold', 14)).toBeGreaterThan(textWidth('Delight', 'regular', 14));
  });

  it('rejects bytes that are not a font', () => {
    expect(() => parseFontMetrics(new Uint8Array(64))).toThrow(/TrueType/);
  });

  it('drops what would draw as a box: zero-width characters, emoji, missing scripts', () => {
    expect(drawableText('a\u200bb\ufeffc 🎉 ↑ ✓', 'regular')).toBe('abc  ↑ ✓');
  });
});

describe('wrapRuns', () => {
  const text = (value: string, extra: Partial<Run> = {}): Run => ({ kind: 'text', text: value, ...extra });

  it('breaks at spaces, trims the spaces at line ends, and keeps styled words whole', () => {
    const runs = [text('one two '), text('three', { bold: true }), text(', four five six')];
    const width = textWidth('one two ,', 'regular', 14) + textWidth('three', 'bold', 14) + 1;
    const lines = wrapRuns(runs, 14, width);
    expect(lines.map((line) => line.pieces.map((piece) => piece.text).join(''))).toEqual(['one two three,', 'four five six']);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(width);
  });

  it('cuts a word longer than the line between characters, and keeps blank lines', () => {
    const lines = wrapRuns([text('x'.repeat(50)), { kind: 'break', text: '' }, { kind: 'break', text: '' }, text('end')], 14, 100);
    expect(lines.length).toBeGreaterThan(4);
    expect(lines.every((line) => line.width <= 100)).toBe(true);
    expect(lines.at(-2)?.pieces).toEqual([]);
    expect(lines.map((line) => line.pieces.map((piece) => piece.text).join('')).join('')).toBe(`${'x'.repeat(50)}end`);
  });

  it('never splits a mention chip that fits on a line', () => {
    const lines = wrapRuns([text('thanks to '), { kind: 'mention', text: '@Maya Chen' }], 14, textWidth('thanks to @Maya', 'regular', 14));
    expect(lines.map((line) => line.pieces.map((piece) => piece.text))).toEqual([['thanks to'], ['@Maya Chen']]);
  });
});
