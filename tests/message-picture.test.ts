import { describe, expect, it } from 'vitest';
import { faceHas, textWidth } from '../src/dev/message-picture/faces.js';
import { contentColumn, messagePng, messageSvg, type MessagePictureOptions, type PictureMessage } from '../src/dev/message-picture/index.js';
import { pngSize } from './helpers/png.js';
import { svgLines, visibleTexts, type SvgLine } from './helpers/svg-lines.js';

const OPTIONS: MessagePictureOptions = { appName: 'delightbot', timeLabel: '9:00 AM', userNames: new Map([['U01MAYA', 'Maya Chen']]) };
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text: string) => ({ type: 'section', text: mrkdwn(text) });

/** A weekly digest as the app posts it, plus the block types nudge cards use. */
const DIGEST: PictureMessage = {
  text: 'Delight digest Nov 16 – 22: 12 gestures ($184.00), 31 moments, 31 cards posted',
  blocks: [
    { type: 'header', text: { type: 'plain_text', text: 'Delight digest · Nov 16 – 22', emoji: true } },
    {
      type: 'section',
      fields: [
        mrkdwn('*Gestures*\n12 ↑ _vs 9/wk_'),
        mrkdwn('*Spend*\n$184.00 ↑ _vs $120.50/wk_'),
        mrkdwn('*Moments found*\n31 ↓ _vs 36/wk_'),
        mrkdwn('*Cards approved*\n12 → _vs 12/wk_ · median 2h 10m'),
        mrkdwn('*NPS*\n+42 from 19 answers'),
        mrkdwn('*Ordered again, gifted vs holdout*\n38% vs 24% (+14 pts)'),
      ],
    },
    { type: 'divider' },
    section(
      '*Does it pay?* · orders within 60 days, customers gifted vs the random holdout that got nothing\n' +
        'Ordered again: 38% vs 24% (gifted 46 of 121, holdout 7 of 29) → +14 pts, 95% interval −3 pts to +31 pts: *gifted customers do better*',
    ),
    section('*Top stories*\n1. Ada Lovelace (first order) got a $15.00 discount code → ordered again (2×, $86.00) — thanks to <@U01MAYA>\n2. Sam got a note → NPS 10 — thanks to <@U02SAM>'),
    section(
      '*Gestures* · 12 ↑ _vs 9/wk_\nBudget 2026-11: $412.00 of $500.00 spent · :warning: ahead of pace ≥ 80%\n' +
        ':hourglass: 2 overdue: <@U01MAYA> owes a gift card ($25.00) since 3d 4h :thinking_face:',
    ),
    section('*Moments found* · 31 ↓ _vs 36/wk_\n• First order: 14 ↑ _vs 11/wk_\n• Repeat customer &amp; big spender: 9 ↓ _vs 14/wk_\n_3 held out (control group)._'),
    section('*Cards*\nWaiting now: 3 · ~not counted~ · see `/delight queue` or ping <!here> · <https://example.com/digest?w=47|open the dashboard>'),
    { type: 'context', elements: [mrkdwn('2026-W47 · Nov 16 – 22 in Europe/Berlin, compared with the 4 weeks before · the 12-week chart follows')] },
    {
      type: 'actions',
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Approve $15 code' }, style: 'primary', action_id: 'approve' },
        { type: 'button', text: { type: 'plain_text', text: 'Skip' }, action_id: 'skip' },
        { type: 'button', text: { type: 'plain_text', text: 'Never' }, style: 'danger', action_id: 'never' },
      ],
    },
    { type: 'image', image_url: 'https://example.com/chart.png', alt_text: '12-week chart' },
  ],
};

function spans(svg: string) {
  return svgLines(svg).flatMap((line) => line.spans);
}

/** Where a drawn line's text ends on the right; a line without text fails the test. */
function rightEdge(line: SvgLine): number {
  const last = line.spans.at(-1);
  if (!last) throw new Error(`the line at y=${line.y} has no text`);
  return last.x + textWidth(last.text, last.face, last.size);
}

function heightOf(svg: string): number {
  return Number(/<svg [^>]*height="(\d+)"/.exec(svg)?.[1]);
}

describe('messageSvg', () => {
  const svg = messageSvg(DIGEST, OPTIONS);
  const all = spans(svg);
  const shown = visibleTexts(svg).join('\n');

  it('draws the Slack frame: app name, APP badge and time', () => {
    expect(visibleTexts(svg).slice(0, 4)).toEqual(['d', 'delightbot', 'APP', '9:00 AM']);
  });

  it('sets *bold* as bold tspans and _italic_ in the oblique face, without the markers', () => {
    expect(svg).toMatch(/<tspan x="[\d.]+" font-weight="bold">Gestures<\/tspan>/);
    expect(all).toContainEqual(expect.objectContaining({ face: 'bold', text: 'Delight digest · Nov 16 – 22' }));
    expect(all).toContainEqual(expect.objectContaining({ face: 'italic', text: 'vs 9/wk' }));
    expect(all).toContainEqual(expect.objectContaining({ face: 'bold', text: 'gifted customers do better' }));
    expect(shown).not.toMatch(/[*_~`]/);
  });

  it('shows mentions as chips with the looked-up name, the id when unknown', () => {
    expect(all.filter((span) => span.text === '@Maya Chen')).toHaveLength(2);
    expect(all).toContainEqual(expect.objectContaining({ text: '@U02SAM', fill: '#1264a3' }));
    expect(svg.match(/fill="#e8f5fa"/g)).toHaveLength(3);
    expect(all).toContainEqual(expect.objectContaining({ text: '@here' }));
    expect(shown).not.toContain('U01MAYA');
  });

  it('decodes entities, shows link labels, code in mono, and drops no-glyph emoji', () => {
    expect(shown).toContain('Repeat customer & big spender');
    expect(all).toContainEqual(expect.objectContaining({ text: 'open the dashboard', fill: '#1264a3' }));
    expect(shown).not.toContain('example.com');
    expect(all).toContainEqual(expect.objectContaining({ face: 'mono', text: '/delight queue' }));
    expect(all).toContainEqual(expect.objectContaining({ text: '⚠', fill: '#e8a400' }));
    expect(all).toContainEqual(expect.objectContaining({ text: '◷' }));
    expect(shown).not.toMatch(/:[a-z_]+:/);
    expect(all).toContainEqual(expect.objectContaining({ text: 'not counted' }));
    expect(svg).toMatch(/<rect [^>]*height="1" fill="#1d1c1d"\/>/);
  });

  it('draws every character with a glyph of its face: no missing-glyph boxes, arrows included', () => {
    for (const span of all) expect(faceHas(span.face, span.text), span.text).toBe(true);
    for (const char of ['↑', '↓', '→', '·', '–', '×', '≥']) expect(shown).toContain(char);
  });

  it('keeps customer text literal where U+200B breaks the markers, and draws no U+200B', () => {
    const message = { text: '', blocks: [section('Note: Grace *\u200bHopper*\u200b ordered snake_\u200bcase _\u200bsocks_\u200b')] };
    const drawn = messageSvg(message, OPTIONS);
    expect(drawn).not.toContain('\u200b');
    expect(spans(drawn).map((span) => span.text).join('')).toBe('Note: Grace *Hopper* ordered snake_case _socks_');
    expect(spans(drawn).every((span) => span.face === 'regular')).toBe(true);
  });

  it('draws buttons Slack-style: primary green, danger red, default outlined', () => {
    expect(svg).toMatch(/fill="#007a5a"\/><text [^>]*fill="#ffffff"[^>]*>Approve \$15 code</);
    expect(svg).toMatch(/fill="#e01e5a"\/><text [^>]*>Never</);
    expect(svg).toMatch(/stroke="#bbbbbb"\/><text [^>]*fill="#1d1c1d"[^>]*>Skip</);
  });

  it('draws nudge-card pieces: an accessory beside narrowed text, menus, context images', () => {
    const card = {
      text: 'First order from Ada',
      blocks: [
        { type: 'context', elements: [{ type: 'image', image_url: 'https://x.test/a.png', alt_text: 'shop' }, mrkdwn('Shopify · first order')] },
        { ...section('*This order* '.repeat(30)), accessory: { type: 'button', text: { type: 'plain_text', text: 'Open order' }, action_id: 'open' } },
        { type: 'actions', elements: [{ type: 'static_select', placeholder: { type: 'plain_text', text: 'Pick a gesture' }, action_id: 'pick' }, { type: 'overflow', options: [], action_id: 'more' }] },
      ],
    };
    const drawn = messageSvg(card, OPTIONS);
    const accessoryX = Number(/<rect x="([\d.]+)"[^>]*\/><text [^>]*>Open order</.exec(drawn)?.[1]);
    const column = contentColumn(840);
    expect(accessoryX + 1).toBeGreaterThan(column.x + column.width - 120);
    const narrowed = svgLines(drawn).filter((line) => line.spans.some((span) => span.text.includes('This order')));
    expect(narrowed.length).toBeGreaterThan(1);
    for (const line of narrowed) expect(rightEdge(line)).toBeLessThan(accessoryX);
    expect(visibleTexts(drawn)).toEqual(expect.arrayContaining(['Shopify · first order', 'Pick a gesture  ▾', '⋯']));
    expect(drawn).toMatch(/<rect [^>]*rx="3" fill="#f0f0f0"/);
  });

  it('wraps every line within the content column', () => {
    const column = contentColumn(840);
    for (const width of [840, 480]) {
      const right = contentColumn(width).x + contentColumn(width).width;
      const lines = svgLines(messageSvg(DIGEST, { ...OPTIONS, width }));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(rightEdge(line)).toBeLessThanOrEqual(right + 0.01);
    }
    const long = section(`${'delight '.repeat(60)}${'x'.repeat(200)}`);
    const lines = svgLines(messageSvg({ text: '', blocks: [long] }, OPTIONS));
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.every((line) => (line.spans[0]?.x ?? 0) >= column.x)).toBe(true);
  });

  it('grows with its content', () => {
    const short = heightOf(messageSvg({ text: '', blocks: [section('one line')] }, OPTIONS));
    const two = heightOf(messageSvg({ text: '', blocks: [section('one line\nand another')] }, OPTIONS));
    expect(two - short).toBe(22);
    expect(heightOf(svg)).toBeGreaterThan(two + 500);
    expect(heightOf(messageSvg({ text: 'Only the *fallback*', blocks: [] }, OPTIONS))).toBe(short);
  });

  it('escapes hostile text everywhere it is shown', () => {
    const hostile = `</text><script>alert("x")</script> & 'q'`;
    const message = {
      text: hostile,
      blocks: [
        { type: 'header', text: { type: 'plain_text', text: hostile } },
        section(`&lt;script&gt; <@U1> <https://x.test/?a="b"|${hostile.replace(/[<>]/g, '')}>`),
        { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: hostile } }] },
        { type: 'image', image_url: 'https://x.test/a.png', alt_text: hostile },
      ],
    };
    const drawn = messageSvg(message, { appName: hostile, timeLabel: hostile, userNames: new Map([['U1', hostile]]) });
    expect(drawn).not.toMatch(/<script|<\/text><script/);
    expect(drawn).toContain('&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;');
    expect(pngSize(messagePng(message, { appName: hostile, timeLabel: hostile }))?.width).toBe(840);
  });

  it('renders unknown blocks as Slack does, and rejects a width it cannot lay out', () => {
    expect(visibleTexts(messageSvg({ text: '', blocks: [{ type: 'video' }, 42] }, OPTIONS))).toContain("This content can't be displayed.");
    for (const width of [0, 100, 600.5, Number.NaN]) expect(() => messageSvg(DIGEST, { ...OPTIONS, width })).toThrow(RangeError);
  });
});

describe('messagePng', () => {
  it('writes a valid PNG of the requested width and the SVG height, byte for byte the same each time', () => {
    for (const width of [840, 600]) {
      const png = messagePng(DIGEST, { ...OPTIONS, width });
      expect(pngSize(png)).toEqual({ width, height: heightOf(messageSvg(DIGEST, { ...OPTIONS, width })) });
      expect(messagePng(DIGEST, { ...OPTIONS, width }).equals(png)).toBe(true);
    }
  });
});
