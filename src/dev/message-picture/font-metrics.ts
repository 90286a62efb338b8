/**
 * Advance widths straight from a TrueType file, so text can be wrapped before
 * resvg draws it. Only four tables are needed (head, hhea, hmtx and the
 * format-4 cmap), which is less code than a font library and reads the very
 * bytes the renderer draws with. No kerning: the picture turns it off too
 * (CSS `font-kerning: none`, which resvg honours as a style property but not
 * as an attribute), so measured and drawn widths agree.
 */

/** Widths of one font face in font units. */
export interface FontMetrics {
  unitsPerEm: number;
  /** The advance width of the code point in font units, or undefined when the font has no glyph for it. */
  advance(codePoint: number): number | undefined;
}

interface Tables {
  head: number;
  hhea: number;
  hmtx: number;
  cmap: number;
}

/**
 * The metrics of a TrueType font. Only Basic Multilingual Plane characters
 * are mapped (cmap format 4); anything beyond reports no glyph.
 * @throws Error when a needed table or a Unicode format-4 cmap is missing.
 */
export function parseFontMetrics(bytes: Uint8Array): FontMetrics {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = tableOffsets(view);
  const unitsPerEm = view.getUint16(tables.head + 18);
  const metricCount = view.getUint16(tables.hhea + 34);
  const glyphAdvance = (glyph: number): number => view.getUint16(tables.hmtx + 4 * Math.min(glyph, metricCount - 1));
  const glyphs = mapCharacters(view, unicodeSubtable(view, tables.cmap));
  const advances = new Int32Array(0x10000).fill(-1);
  glyphs.forEach((glyph, codePoint) => {
    if (glyph !== 0) advances[codePoint] = glyphAdvance(glyph);
  });
  return {
    unitsPerEm,
    advance: (codePoint) => {
      const width = codePoint < 0x10000 ? advances[codePoint] : undefined;
      return width === undefined || width < 0 ? undefined : width;
    },
  };
}

function tableOffsets(view: DataView): Tables {
  const found: Partial<Tables> = {};
  const count = view.getUint16(4);
  for (let index = 0; index < count; index += 1) {
    const record = 12 + 16 * index;
    const tag = String.fromCharCode(...[0, 1, 2, 3].map((byte) => view.getUint8(record + byte)));
    if (tag === 'head' || tag === 'hhea' || tag === 'hmtx' || tag === 'cmap') found[tag] = view.getUint32(record + 8);
  }
  const { head, hhea, hmtx, cmap } = found;
  if (head === undefined || hhea === undefined || hmtx === undefined || cmap === undefined) {
    throw new Error('parseFontMetrics: not a TrueType font with head, hhea, hmtx and cmap tables');
  }
  return { head, hhea, hmtx, cmap };
}

/** The offset of the Windows Unicode BMP (3,1) or Unicode BMP (0,3) subtable, when it is format 4. */
function unicodeSubtable(view: DataView, cmap: number): number {
  const count = view.getUint16(cmap + 2);
  for (let index = 0; index < count; index += 1) {
    const record = cmap + 4 + 8 * index;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const subtable = cmap + view.getUint32(record + 4);
    const unicode = (platform === 3 && encoding === 1) || (platform === 0 && encoding === 3);
    if (unicode && view.getUint16(subtable) === 4) return subtable;
  }
  throw new Error('parseFontMetrics: no format-4 Unicode cmap subtable');
}

/** Glyph ids by code point (0 = no glyph), read from a format-4 subtable's segments. */
function mapCharacters(view: DataView, subtable: number): Uint16Array {
  const glyphs = new Uint16Array(0x10000);
  const segments = view.getUint16(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let segment = 0; segment < segments; segment += 1) {
    const start = view.getUint16(starts + 2 * segment);
    const end = view.getUint16(ends + 2 * segment);
    const delta = view.getUint16(deltas + 2 * segment);
    const rangeAt = rangeOffsets + 2 * segment;
    const rangeOffset = view.getUint16(rangeAt);
    for (let codePoint = start; codePoint <= end && codePoint !== 0xffff; codePoint += 1) {
      // idRangeOffset counts bytes from its own position to the glyph id array entry.
      const raw = rangeOffset === 0 ? codePoint : view.getUint16(rangeAt + rangeOffset + 2 * (codePoint - start));
      glyphs[codePoint] = rangeOffset !== 0 && raw === 0 ? 0 : (raw + delta) & 0xffff;
    }
  }
  return glyphs;
}
