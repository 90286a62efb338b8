/**
 * Text that goes into SVG markup. Titles and labels are arbitrary strings, so
 * everything is escaped, and characters XML 1.0 forbids outright are dropped:
 * one stray control character would make the renderer reject the whole chart.
 */

// C0 controls other than tab/newline/CR, the two noncharacters, and unpaired surrogates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The text escaped for use as XML character data or inside a quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '').replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** Attributes of a `<text>` element; `family` is always DejaVu Sans, the only font shipped. */
export interface TextStyle {
  x: number | string;
  y: number | string;
  size: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  extra?: string;
}

/** A `<text>` element with the content escaped. */
export function svgText(content: string, style: TextStyle): string {
  const attributes = [
    `x="${style.x}"`,
    `y="${style.y}"`,
    `font-family="DejaVu Sans"`,
    `font-size="${style.size}"`,
    `fill="${style.fill ?? '#212529'}"`,
    style.anchor && style.anchor !== 'start' ? `text-anchor="${style.anchor}"` : '',
    style.bold ? 'font-weight="bold"' : '',
    style.extra ?? '',
  ].filter(Boolean);
  return `<text ${attributes.join(' ')}>${escapeXml(content)}</text>`;
}
