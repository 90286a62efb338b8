/**
 * A picture of a Slack message as the desktop client shows it in the light
 * theme: for the README, and for showing the bot without a Slack workspace.
 * Drawn in-process with the shipped DejaVu fonts, so the same message gives
 * the same bytes everywhere.
 */
import { renderPng } from '../../digest/render-png.js';
import { drawBlocks } from './blocks.js';
import { drawChrome } from './chrome.js';
import type { UserNames } from './mrkdwn.js';
import { COLORS, PICTURE, contentColumn } from './theme.js';

export { contentColumn } from './theme.js';

/** How the message is framed. */
export interface MessagePictureOptions {
  /** The bot's display name, shown in bold. */
  appName: string;
  /** The time beside the name, e.g. "9:00 AM". */
  timeLabel: string;
  /** Display names by Slack user id; a mention of an unknown id shows the id. */
  userNames?: UserNames;
  /** Picture width in px, default 840; the blocks wrap to fit it. */
  width?: number;
}

/** A message as a builder returns it: the fallback text and its blocks. */
export interface PictureMessage {
  text: string;
  blocks: readonly unknown[];
}

/**
 * The message drawn as an SVG document, as tall as its content.
 * @throws RangeError when `width` is not an integer of at least 320 px.
 */
export function messageSvg(message: PictureMessage, options: MessagePictureOptions): string {
  const width = options.width ?? PICTURE.width;
  if (!Number.isInteger(width) || width < PICTURE.minWidth) {
    throw new RangeError(`messageSvg: width must be an integer of at least ${PICTURE.minWidth} px, got ${width}`);
  }
  const column = { ...contentColumn(width), userNames: options.userNames ?? new Map<string, string>() };
  const top = PICTURE.padTop;
  const body = drawBlocks([...message.blocks], message.text, top + PICTURE.nameLine, column);
  const height = Math.ceil(Math.max(top + PICTURE.avatar, top + PICTURE.nameLine + body.height) + PICTURE.padBottom);
  // Kerning is off because the wrapper measures plain advances; resvg honours it only as a style property.
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans" style="font-kerning:none">` +
    `<rect width="${width}" height="${height}" fill="${COLORS.background}"/>` +
    drawChrome(options.appName, options.timeLabel, top, column.x) +
    body.svg +
    '</svg>'
  );
}

/**
 * The message drawn as PNG bytes, `width` px wide (default 840).
 * @throws RangeError when `width` is not an integer of at least 320 px.
 * @throws Error when the shipped fonts are missing.
 */
export function messagePng(message: PictureMessage, options: MessagePictureOptions): Buffer {
  return renderPng(messageSvg(message, options));
}
