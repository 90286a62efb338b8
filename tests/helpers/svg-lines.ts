import type { Face } from '../../src/dev/message-picture/faces.js';

/** One `<tspan>` of a drawn line, its text unescaped. */
export interface Span {
  x: number;
  face: Face;
  size: number;
  fill: string | undefined;
  text: string;
}

/** A `<text>` element made of tspans: one wrapped line of a message picture. */
export interface SvgLine {
  y: number;
  spans: Span[];
}

const XML_ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/** XML character data back to text. */
export function unescapeXml(text: string): string {
  return text.replace(/&(?:lt|gt|quot|apos|amp);/g, (entity) => XML_ENTITIES[entity] ?? entity);
}

function attribute(attributes: string, name: string): string | undefined {
  return new RegExp(`(?:^|\\s)${name}="([^"]*)"`).exec(attributes)?.[1];
}

function faceOf(attributes: string): Face {
  if (attribute(attributes, 'font-family') === 'DejaVu Sans Mono') return 'mono';
  if (attribute(attributes, 'font-weight') === 'bold') return 'bold';
  return attribute(attributes, 'font-style') === 'italic' ? 'italic' : 'regular';
}

/** The text lines of a picture, read back from its SVG. */
export function svgLines(svg: string): SvgLine[] {
  return [...svg.matchAll(/<text ([^>]*)>((?:<tspan [^>]*>[^<]*<\/tspan>)+)<\/text>/g)].map(([, textAttributes = '', body = '']) => {
    const size = Number(attribute(textAttributes, 'font-size'));
    const spans = [...body.matchAll(/<tspan ([^>]*)>([^<]*)<\/tspan>/g)].map(([, attributes = '', text = '']) => ({
      x: Number(attribute(attributes, 'x')),
      face: faceOf(attributes),
      size: Number(attribute(attributes, 'font-size') ?? size),
      fill: attribute(attributes, 'fill'),
      text: unescapeXml(text),
    }));
    return { y: Number(attribute(textAttributes, 'y')), spans };
  });
}

/** Every piece of text the picture shows, tspans and plain `<text>` alike, in document order. */
export function visibleTexts(svg: string): string[] {
  return [...svg.matchAll(/<(?:text|tspan) [^>]*>([^<]+)</g)].map(([, text = '']) => unescapeXml(text));
}
