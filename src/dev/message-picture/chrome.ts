/**
 * The message's frame as Slack's desktop client draws it: the bot's avatar,
 * its name in bold, the grey APP badge and the time the message was posted.
 */
import { escapeXml } from '../../digest/svg-text.js';
import { drawableText, textWidth } from './faces.js';
import { BODY, COLORS, PICTURE, px } from './theme.js';

const BADGE = { size: 9, height: 14, padX: 3 } as const;
const TIME_SIZE = 11.5;

/** The avatar (a rounded square with a white "d") and the name line, for a message whose top is `y`. */
export function drawChrome(appName: string, timeLabel: string, y: number, contentX: number): string {
  const avatar = PICTURE.avatar;
  const left = PICTURE.padLeft;
  const avatarSvg =
    `<rect x="${left}" y="${y}" width="${avatar}" height="${avatar}" rx="6" fill="${COLORS.avatar}"/>` +
    `<text x="${left + avatar / 2}" y="${px(y + avatar / 2 + 8)}" font-size="22" font-weight="bold" fill="#ffffff" text-anchor="middle">d</text>`;
  const name = drawableText(appName, 'bold');
  const baseline = y + (PICTURE.nameLine + 0.73 * BODY.size) / 2;
  const badgeX = contentX + textWidth(name, 'bold', BODY.size) + 6;
  const badgeWidth = textWidth('APP', 'bold', BADGE.size) + 2 * BADGE.padX;
  const time = drawableText(timeLabel, 'regular');
  return (
    avatarSvg +
    `<text x="${px(contentX)}" y="${px(baseline)}" font-size="${BODY.size}" font-weight="bold" fill="${COLORS.text}" xml:space="preserve">${escapeXml(name)}</text>` +
    `<rect x="${px(badgeX)}" y="${px(baseline - BADGE.height + 3)}" width="${px(badgeWidth)}" height="${BADGE.height}" rx="2" fill="${COLORS.badgeFill}"/>` +
    `<text x="${px(badgeX + BADGE.padX)}" y="${px(baseline - 1)}" font-size="${BADGE.size}" font-weight="bold" fill="${COLORS.muted}">APP</text>` +
    `<text x="${px(badgeX + badgeWidth + 6)}" y="${px(baseline)}" font-size="${TIME_SIZE}" fill="${COLORS.muted}" xml:space="preserve">${escapeXml(time)}</text>`
  );
}
