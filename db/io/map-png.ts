import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

/** The PNG has twice the SVG's pixel size, for print and high-density screens. */
export const MAP_PNG_ZOOM = 2;

/** Font sources for resvg: the system's font folders by default. */
export interface FontSource {
  loadSystemFonts: boolean;
  fontDirs: string[];
}

const SYSTEM_FONTS: FontSource = { loadSystemFonts: true, fontDirs: [] };

const PROBE_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">' +
  '<text x="2" y="16" font-size="14">Ag</text></svg>';

function fontOptions(fonts: FontSource): ResvgRenderOptions['font'] {
  return {
    loadSystemFonts: fonts.loadSystemFonts,
    fontDirs: fonts.fontDirs,
    defaultFontFamily: 'DejaVu Sans',
    sansSerifFamily: 'DejaVu Sans',
  };
}

/**
 * Returns true when resvg finds a font to draw text with. Without one it
 * drops text silently, so a probe text with an empty bounding box means
 * that the PNG would have no title, legend or disclaimer.
 */
export function hasUsableFont(fonts: FontSource = SYSTEM_FONTS): boolean {
  const probe = new Resvg(PROBE_SVG, { font: fontOptions(fonts), logLevel: 'off' });
  return probe.getBBox() !== undefined;
}

/**
 * Renders the SVG to PNG bytes at MAP_PNG_ZOOM on a white background.
 * When no font can be found, the image is rendered without its text and
 * `note` reports it.
 */
export function renderMapPng(
  svg: string,
  fonts: FontSource = SYSTEM_FONTS,
): { png: Buffer; width: number; height: number; note: string | null } {
  const note = hasUsableFont(fonts)
    ? null
    : 'No font was found, so the PNG has no text (title, legend, date, disclaimer). ' +
      'Install a font package such as fonts-dejavu-core, or use the SVG export.';

  const rendered = new Resvg(svg, {
    font: fontOptions(fonts),
    fitTo: { mode: 'zoom', value: MAP_PNG_ZOOM },
    background: '#ffffff',
    logLevel: 'off',
  }).render();

  return {
    png: rendered.asPng(),
    width: rendered.width,
    height: rendered.height,
    note,
  };
}
