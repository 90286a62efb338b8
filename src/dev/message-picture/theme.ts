/**
 * Sizes and colours of Slack's desktop client in the light theme. Slack sets
 * Lato at 15 px; DejaVu Sans runs wider with a taller x-height, so 14 px
 * DejaVu matches the look of 15 px Lato and keeps Slack's line lengths.
 */

export const COLORS = {
  background: '#ffffff',
  text: '#1d1c1d',
  muted: '#616061',
  link: '#1264a3',
  mentionFill: '#e8f5fa',
  broadcastFill: '#fcefc6',
  codeText: '#e01e5a',
  codeFill: '#f8f8f8',
  border: '#dddddd',
  buttonBorder: '#bbbbbb',
  primary: '#007a5a',
  danger: '#e01e5a',
  placeholder: '#f0f0f0',
  badgeFill: '#e8e8e8',
  avatar: '#e8615a',
} as const;

/** Body text: section text and fields. */
export const BODY = { size: 14, lineHeight: 22 } as const;
/** The header block's bold title. */
export const HEADER = { size: 17, lineHeight: 25 } as const;
/** Context blocks: small grey text. */
export const CONTEXT = { size: 11.5, lineHeight: 18 } as const;

export const PICTURE = {
  /** Default picture width: Slack's message column is about this wide on a laptop. */
  width: 840,
  minWidth: 320,
  padTop: 16,
  padBottom: 16,
  padLeft: 20,
  padRight: 16,
  avatar: 36,
  avatarGap: 8,
  /** The app name's line above the blocks. */
  nameLine: 22,
  blockGap: 8,
  fieldGap: 16,
} as const;

export const BUTTON = { size: 12.5, height: 30, padX: 12, gap: 8, radius: 4 } as const;

/** Where the blocks start and how wide they may run in a picture `width` px wide. */
export function contentColumn(width: number): { x: number; width: number } {
  const x = PICTURE.padLeft + PICTURE.avatar + PICTURE.avatarGap;
  return { x, width: width - x - PICTURE.padRight };
}

/** A coordinate for SVG markup: two decimals at most, so output is short and stable. */
export function px(value: number): string {
  return String(Math.round(value * 100) / 100);
}
