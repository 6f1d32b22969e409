/**
 * The map as the user sees it, as an SVG or PNG file: Leaflet's SVG layers
 * cut to the visible area, with a title, the legend, the as-of date and
 * the United Nations disclaimer.
 */
import type { MapSummary } from '../../../main/contract/index.js';
import {
  NO_DATA_COLOR,
  NO_ISCM_COLOR,
  type CountBin,
} from '../../../main/contract/map/bins.js';
import { describeCount } from '../lib/format';
import { ROLE_LABELS, ROLE_ORDER } from '../lib/roles';
import { NOT_HIGHLIGHTED_COLOR, ROLE_STYLES } from './style';

/** The disclaimer that the map carries on screen and in its files. */
export const MAP_DISCLAIMER =
  'The boundaries and names shown and the designations used on this map do ' +
  'not imply official endorsement or acceptance by the United Nations.';

/** The map on screen, as AtlasMap registers it. */
export interface MapView {
  /** The element Leaflet draws into. */
  container: HTMLElement;
  /** Makes Leaflet redraw for the container's current size. */
  refresh(): void;
}

let registeredView: MapView | null = null;

/** Registers the map on screen, or null when it goes away. */
export function setMapView(view: MapView | null): void {
  registeredView = view;
}

export function getMapView(): MapView | null {
  return registeredView;
}

/** Leaflet's SVG layers, placed in the visible area of the map. */
export interface MapLayers {
  width: number;
  height: number;
  /** Each layer as an <svg> element, positioned with x and y. */
  layers: string[];
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/**
 * Copies Leaflet's SVG layers (country shapes, markers) with the position
 * each has on screen. Leaflet draws a margin beyond the visible area, which
 * the nested <svg> of buildMapSvg cuts away.
 */
export function captureLayers(container: HTMLElement): MapLayers {
  const box = container.getBoundingClientRect();
  const serializer = new XMLSerializer();
  const layers = [
    ...container.querySelectorAll<SVGSVGElement>('.leaflet-pane svg'),
  ].map((svg) => {
    const rect = svg.getBoundingClientRect();
    const copy = svg.cloneNode(true) as SVGSVGElement;
    // The transform that placed the layer on screen becomes x and y.
    copy.removeAttribute('style');
    copy.removeAttribute('class');
    copy.setAttribute('x', round(rect.left - box.left));
    copy.setAttribute('y', round(rect.top - box.top));
    copy.setAttribute('width', round(rect.width));
    copy.setAttribute('height', round(rect.height));
    return serializer.serializeToString(copy);
  });
  return { width: box.width, height: box.height, layers };
}

export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** One entry of the legend: a swatch and its label. */
interface LegendEntry {
  color: string;
  /** A stroke dash pattern for the roles of a filtered map. */
  dash?: string | null;
  label: string;
}

function legendEntries(summary: MapSummary, bins: CountBin[]): LegendEntry[] {
  if (summary.filter.type === 'none') {
    return [
      ...bins.map((bin) => ({
        color: bin.color,
        label:
          bin.from === bin.to
            ? `${bin.from} ISCM${bin.from === 1 ? '' : 's'}`
            : `${bin.from}–${bin.to} ISCMs`,
      })),
      { color: NO_ISCM_COLOR, label: 'No ISCM (only IGOs)' },
      { color: NO_DATA_COLOR, label: 'Not in the dataset' },
    ];
  }
  return [
    ...ROLE_ORDER.map((role) => ({
      color: ROLE_STYLES[role].color,
      dash: ROLE_STYLES[role].dash,
      label: ROLE_LABELS[role],
    })),
    { color: NOT_HIGHLIGHTED_COLOR, label: 'Not taking part' },
  ];
}

/** Returns the title and the line under it, worded as in the legend on screen. */
export function mapHeading(summary: MapSummary): { title: string; subtitle: string } {
  const { filter } = summary;
  if (filter.type === 'none') {
    return {
      title: 'ISCMs per country',
      subtitle: `As of ${summary.asOf}, ${describeCount(summary.count)}`,
    };
  }
  return filter.type === 'theme'
    ? {
        title: `Theme: ${filter.label}`,
        subtitle: `As of ${summary.asOf}; strongest role over the ISCMs covering the theme`,
      }
    : { title: filter.label, subtitle: `As of ${summary.asOf}` };
}

/** Layout of the SVG, in pixels. */
const FONT_FAMILY = 'system-ui, sans-serif';
const MARGIN = 16;
const HEADER_HEIGHT = 60;
const LEGEND_FONT = 12;
const LEGEND_ROW = 20;
const SWATCH_WIDTH = 18;
const SWATCH_HEIGHT = 12;
const DISCLAIMER_FONT = 11;
const DISCLAIMER_LINE = 15;

/** Measures text in the font of the SVG, to lay out the legend and wrap lines. */
export type MeasureText = (text: string, fontSize: number) => number;

/** Measures with a canvas in the page's sans-serif font. */
export function canvasMeasure(): MeasureText {
  const context = document.createElement('canvas').getContext('2d');
  return (text, fontSize) => {
    if (!context) return text.length * fontSize * 0.6;
    context.font = `${fontSize}px ${FONT_FAMILY}`;
    return context.measureText(text).width;
  };
}

/** Splits text into lines no wider than `width`. */
function wrap(text: string, width: number, fontSize: number, measure: MeasureText): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const candidate = line === '' ? word : `${line} ${word}`;
    if (line !== '' && measure(candidate, fontSize) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function swatch(entry: LegendEntry, x: number, y: number): string {
  const stroke = entry.dash
    ? ` stroke="#1d2733" stroke-width="1.4" stroke-dasharray="${entry.dash}"`
    : ' stroke="#00000033" stroke-width="1"';
  return (
    `<rect x="${round(x)}" y="${round(y)}" width="${SWATCH_WIDTH}" ` +
    `height="${SWATCH_HEIGHT}" fill="${entry.color}"${stroke}/>`
  );
}

/** Lays out the legend entries in rows that fit `width` and returns the markup and its height. */
function legendMarkup(
  entries: LegendEntry[],
  top: number,
  width: number,
  measure: MeasureText,
): { markup: string; height: number } {
  const parts: string[] = [];
  let x = MARGIN;
  let row = 0;
  for (const entry of entries) {
    const entryWidth = SWATCH_WIDTH + 6 + measure(entry.label, LEGEND_FONT) + 18;
    if (x > MARGIN && x + entryWidth > width - MARGIN) {
      row += 1;
      x = MARGIN;
    }
    const y = top + row * LEGEND_ROW;
    parts.push(swatch(entry, x, y));
    parts.push(
      `<text x="${round(x + SWATCH_WIDTH + 6)}" y="${round(y + SWATCH_HEIGHT - 1)}" ` +
        `font-size="${LEGEND_FONT}">${escapeXml(entry.label)}</text>`,
    );
    x += entryWidth;
  }
  return { markup: parts.join(''), height: (row + 1) * LEGEND_ROW };
}

/**
 * Builds the SVG file of the map: a heading with the title and as-of date,
 * the captured layers on the map's background, the legend and the
 * disclaimer below it.
 */
export function buildMapSvg(
  map: MapLayers,
  summary: MapSummary,
  bins: CountBin[],
  measure: MeasureText,
): string {
  const width = Math.round(map.width);
  const mapHeight = Math.round(map.height);
  const { title, subtitle } = mapHeading(summary);

  const legendTop = HEADER_HEIGHT + mapHeight + 14;
  const legend = legendMarkup(legendEntries(summary, bins), legendTop, width, measure);
  const disclaimerTop = legendTop + legend.height + 8;
  const disclaimer = wrap(MAP_DISCLAIMER, width - 2 * MARGIN, DISCLAIMER_FONT, measure);
  const height = disclaimerTop + disclaimer.length * DISCLAIMER_LINE + 8;

  const disclaimerLines = disclaimer.map(
    (line, index) =>
      `<text x="${MARGIN}" y="${disclaimerTop + index * DISCLAIMER_LINE + DISCLAIMER_FONT}" ` +
      `font-size="${DISCLAIMER_FONT}" fill="#3b4652">${escapeXml(line)}</text>`,
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" ` +
      `viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}" fill="#1d2733">`,
    `<title>${escapeXml(`ISCM Atlas: ${title}, as of ${summary.asOf}`)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="27" font-size="19" font-weight="600">${escapeXml(title)}</text>`,
    `<text x="${MARGIN}" y="48" font-size="13" fill="#4a5560">${escapeXml(subtitle)}</text>`,
    `<svg x="0" y="${HEADER_HEIGHT}" width="${width}" height="${mapHeight}" ` +
      `viewBox="0 0 ${width} ${mapHeight}">`,
    `<rect width="${width}" height="${mapHeight}" fill="#f6f8fa"/>`,
    ...map.layers,
    '</svg>',
    legend.markup,
    ...disclaimerLines,
    '</svg>',
  ].join('\n');
}

/** Reads the size of an SVG that buildMapSvg wrote from its width and height attributes. */
function svgSize(svg: string): { width: number; height: number } {
  const match = /^<svg [^>]*width="(\d+)" height="(\d+)"/.exec(svg);
  if (!match) throw new Error('The map image has no width and height.');
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** How many image pixels a PNG has per pixel on screen. */
export const PNG_SCALE = 2;

/** Draws the SVG on a canvas at PNG_SCALE times its size and encodes it as PNG. */
export async function svgToPng(svg: string): Promise<Blob> {
  const { width, height } = svgSize(svg);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();

  const canvas = document.createElement('canvas');
  canvas.width = width * PNG_SCALE;
  canvas.height = height * PNG_SCALE;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('The browser could not create a canvas for the PNG.');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);

  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) =>
        blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.')),
      'image/png',
    );
  });
}
