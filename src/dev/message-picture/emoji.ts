/**
 * Slack emoji shortcodes as symbols DejaVu Sans can draw, tinted like the
 * emoji they stand for. The shipped fonts have no colour emoji, and a picture
 * must never show a missing-glyph box, so a shortcode not listed here is left
 * out of the picture rather than drawn.
 */

/** A symbol standing in for an emoji, with the colour to draw it in (text colour when absent). */
export interface EmojiSymbol {
  symbol: string;
  color?: string;
}

const AMBER = '#e8a400';
const GREEN = '#2eb67d';
const RED = '#e01e5a';
const BLUE = '#1d9bd1';

const SYMBOLS: Record<string, EmojiSymbol> = {
  warning: { symbol: '⚠', color: AMBER },
  rotating_light: { symbol: '⚠', color: RED },
  hourglass: { symbol: '◷', color: AMBER },
  hourglass_flowing_sand: { symbol: '◷', color: AMBER },
  alarm_clock: { symbol: '◷', color: RED },
  stopwatch: { symbol: '◷' },
  tada: { symbol: '★', color: AMBER },
  star: { symbol: '★', color: AMBER },
  star2: { symbol: '★', color: AMBER },
  sparkles: { symbol: '✦', color: AMBER },
  zap: { symbol: '⚡', color: AMBER },
  white_check_mark: { symbol: '✔', color: GREEN },
  heavy_check_mark: { symbol: '✔' },
  ballot_box_with_check: { symbol: '☑' },
  x: { symbol: '✖', color: RED },
  heavy_multiplication_x: { symbol: '✖' },
  no_entry: { symbol: '⊘', color: RED },
  no_entry_sign: { symbol: '⊘', color: RED },
  heavy_plus_sign: { symbol: '✚' },
  heavy_minus_sign: { symbol: '−' },
  memo: { symbol: '✎' },
  pencil: { symbol: '✎' },
  pencil2: { symbol: '✏' },
  email: { symbol: '✉' },
  envelope: { symbol: '✉' },
  inbox_tray: { symbol: '✉', color: BLUE },
  incoming_envelope: { symbol: '✉', color: BLUE },
  phone: { symbol: '☎' },
  speech_balloon: { symbol: '❝', color: BLUE },
  gift: { symbol: '❖', color: RED },
  moneybag: { symbol: '$', color: GREEN },
  heavy_dollar_sign: { symbol: '$', color: GREEN },
  chart_with_upwards_trend: { symbol: '↗', color: GREEN },
  chart_with_downwards_trend: { symbol: '↘', color: RED },
  arrow_up: { symbol: '↑' },
  arrow_down: { symbol: '↓' },
  arrow_right: { symbol: '→' },
  arrow_left: { symbol: '←' },
  fast_forward: { symbol: '»' },
  rewind: { symbol: '«' },
  heart: { symbol: '♥', color: RED },
  blue_heart: { symbol: '♥', color: BLUE },
  green_heart: { symbol: '♥', color: GREEN },
  large_green_circle: { symbol: '●', color: GREEN },
  green_circle: { symbol: '●', color: GREEN },
  red_circle: { symbol: '●', color: RED },
  large_yellow_circle: { symbol: '●', color: AMBER },
  large_blue_circle: { symbol: '●', color: BLUE },
  black_circle: { symbol: '●' },
  white_circle: { symbol: '○' },
  sunny: { symbol: '☀', color: AMBER },
  cloud: { symbol: '☁' },
  umbrella: { symbol: '☂' },
  snowflake: { symbol: '❄', color: BLUE },
  coffee: { symbol: '☕' },
  airplane: { symbol: '✈' },
  gear: { symbol: '⚙' },
  scales: { symbol: '⚖' },
  house: { symbol: '⌂' },
  information_source: { symbol: 'ℹ', color: BLUE },
  point_right: { symbol: '☞' },
  point_up: { symbol: '☝' },
  v: { symbol: '✌' },
  musical_note: { symbol: '♪' },
  smile: { symbol: '☺', color: AMBER },
  slightly_smiling_face: { symbol: '☺', color: AMBER },
  blush: { symbol: '☺', color: AMBER },
  slightly_frowning_face: { symbol: '☹', color: AMBER },
  bangbang: { symbol: '‼', color: RED },
  interrobang: { symbol: '⁉', color: RED },
};

/** The symbol for a shortcode name (without colons), or undefined when the picture leaves it out. */
export function emojiSymbol(name: string): EmojiSymbol | undefined {
  return Object.hasOwn(SYMBOLS, name) ? SYMBOLS[name] : undefined;
}

/** Every shortcode name with a symbol, for tests that check the font has each one. */
export function emojiNames(): string[] {
  return Object.keys(SYMBOLS);
}

/** A piece of text after shortcodes are replaced: plain text, or one emoji symbol with its colour. */
export interface EmojiPiece {
  text: string;
  color?: string;
}

// Skin tones (`:wave::skin-tone-2:`) follow the emoji they modify; they vanish with it.
const SHORTCODE = /:([a-z0-9_+'-]+):(?::skin-tone-[2-6]:)?/g;

/**
 * The text split around its emoji shortcodes: known ones become symbols,
 * other shortcodes vanish. A "shortcode" without a letter (the `:00:` of a
 * time) or glued to a word is ordinary text and stays.
 */
export function splitEmoji(text: string): EmojiPiece[] {
  const pieces: EmojiPiece[] = [];
  let rest = 0;
  for (const match of text.matchAll(SHORTCODE)) {
    const [whole, name = ''] = match;
    const before = text[match.index - 1];
    const glued = before !== undefined && /[\p{L}\p{N}]/u.test(before);
    if (glued || !/[a-z]/.test(name)) continue;
    if (match.index > rest) pieces.push({ text: text.slice(rest, match.index) });
    const symbol = emojiSymbol(name);
    if (symbol) pieces.push(symbol.color === undefined ? { text: symbol.symbol } : { text: symbol.symbol, color: symbol.color });
    rest = match.index + whole.length;
  }
  if (rest < text.length) pieces.push({ text: text.slice(rest) });
  return pieces;
}
