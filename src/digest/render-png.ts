/**
 * SVG → PNG in-process with resvg. System fonts are never loaded: the chart is
 * drawn with the DejaVu files shipped in assets/fonts, so the same SVG
 * gives the same PNG bytes on every machine, with or without fonts installed.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/**
 * The font files an SVG may use, by face, relative to assets/fonts: DejaVu
 * Sans in regular, bold and oblique (`font-style="italic"`), and DejaVu Sans
 * Mono for inline code in message pictures.
 */
export const CHART_FONTS = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;

const CHART_FONT_FILES = Object.values(CHART_FONTS);

/**
 * The shipped `assets/fonts` folder, found by walking up from this file, so it
 * resolves the same from src/digest (tsx, vitest) and dist/src/digest (built).
 * @throws Error when no parent folder holds the fonts.
 */
export function chartFontsFolder(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'assets', 'fonts');
    if (CHART_FONT_FILES.every((file) => existsSync(join(candidate, file)))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`assets/fonts with ${CHART_FONT_FILES.join(', ')} not found above the delightbot installation`);
    dir = parent;
  }
}

/** Options of {@link renderPng}. */
export interface RenderPngOptions {
  /** Output width in px; the height follows the SVG's aspect ratio. Default: the SVG's own width. */
  width?: number;
}

/**
 * The SVG rendered to PNG bytes with only the shipped DejaVu Sans fonts.
 * @throws RangeError when `width` is not a positive integer.
 * @throws Error when the SVG cannot be parsed, or the fonts are missing.
 */
export function renderPng(svg: string, options: RenderPngOptions = {}): Buffer {
  const { width } = options;
  if (width !== undefined && !(Number.isInteger(width) && width > 0)) {
    throw new RangeError(`renderPng: width must be a positive integer of px, got ${width}`);
  }
  const fonts = chartFontsFolder();
  const renderOptions: ResvgRenderOptions = {
    font: {
      loadSystemFonts: false,
      fontFiles: CHART_FONT_FILES.map((file) => join(fonts, file)),
      defaultFontFamily: 'DejaVu Sans',
    },
    fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: width },
  };
  return new Resvg(svg, renderOptions).render().asPng();
}
