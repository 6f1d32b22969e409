import type Database from 'better-sqlite3';
import { geoEqualEarth, geoPath } from 'd3-geo';

import {
  binColor,
  binLabel,
  type CountBin,
  countBins,
  NO_DATA_COLOR,
  NO_ISCM_COLOR,
} from '../../main/contract/map/bins.js';
import type { CountryRef } from '../../main/contract/types.js';
import { listCountries } from '../queries/countries.js';
import { iscmCountsAsOf } from '../queries/map.js';
import { describeCount, UN_DISCLAIMER } from './readme.js';
import type { AsOfOptions } from './types.js';
import { loadCountryShapes } from './world.js';

/** Layout of the image in SVG user units (pixels at a zoom of 1). */
export const MAP_WIDTH = 1200;
const MARGIN = 20;
const HEADER_HEIGHT = 84;
const FOOTER_HEIGHT = 132;
const POINT_RADIUS = 3.5;

/** Fonts in order of preference; resvg falls back to any installed font. */
const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

const OCEAN_COLOR = '#f2f6f9';

/** Escapes text for an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/** Returns a shape's class names, as the app's map sets them on its paths. */
function classOf(country: CountryRef | null): string {
  return country ? `country country-${country.iso3}` : 'country no-country';
}

/** Returns the fill of a country as the app's map has it without a filter. */
function fillOf(country: CountryRef | null, count: number, bins: CountBin[]): string {
  return country?.inDataset ? binColor(bins, count) : NO_DATA_COLOR;
}

/** Returns a shape's hover title, worded as the app's tooltip. */
function titleOf(name: string, country: CountryRef | null, count: number): string {
  if (!country?.inDataset) return escapeXml(`${name}: not in the dataset`);
  return escapeXml(`${name}: ${count} ${count === 1 ? 'ISCM' : 'ISCMs'}`);
}

/** Returns a swatch and its label to the right of it, `y` being the swatch's top. */
function sideSwatch(x: number, y: number, color: string, label: string): string {
  return (
    `<rect x="${x}" y="${y}" width="24" height="14" fill="${color}" ` +
    `stroke="#888888" stroke-width="0.5"/>` +
    `<text x="${x + 32}" y="${y + 11}" font-size="12">${escapeXml(label)}</text>`
  );
}

/**
 * Returns the legend's markup with the entries of the app's legend: one
 * swatch per count class with its range under it, then the fills for no
 * ISCM and for no data, and the marker of small countries.
 */
function legend(bins: CountBin[], top: number): string {
  const swatchWidth = 56;
  const swatches = bins.map((bin, index) => {
    const x = index * swatchWidth;
    return (
      `<rect x="${x}" y="20" width="${swatchWidth - 4}" height="14" fill="${bin.color}" ` +
      `stroke="#888888" stroke-width="0.5"/>` +
      `<text x="${x + (swatchWidth - 4) / 2}" y="50" font-size="12" ` +
      `text-anchor="middle">${escapeXml(binLabel(bin))}</text>`
    );
  });
  // The swatches for no ISCM and no data go right of the classes and clear
  // of the heading, even when there are fewer than three classes.
  const sideX = Math.max(bins.length, 3) * swatchWidth + 24;
  const dotX = sideX + 12;

  return (
    `<g id="legend" transform="translate(${MARGIN}, ${top})">` +
    `<text x="0" y="12" font-size="13" font-weight="bold">ISCMs per country</text>` +
    `<g id="count-classes">${swatches.join('')}</g>` +
    sideSwatch(sideX, 4, NO_ISCM_COLOR, 'No ISCM (only IGOs)') +
    sideSwatch(sideX, 22, NO_DATA_COLOR, 'Not in the dataset') +
    `<circle cx="${dotX}" cy="47" r="${POINT_RADIUS}" fill="#ffffff" ` +
    `stroke="#333333" stroke-width="0.6"/>` +
    `<text x="${sideX + 32}" y="51" font-size="12">country or territory too small ` +
    `for a polygon at this scale</text>` +
    `</g>`
  );
}

/**
 * Draws a world map (Equal Earth projection, Natural Earth 1:50m polygons
 * from world-atlas) shading each country by its ISCM count on the day
 * under the switches, with a title, a legend, the as-of day and the
 * United Nations disclaimer. Countries of the dataset without a polygon at
 * this scale, or with one too small to see, also get a dot, as on the
 * app's map.
 */
export function renderMapSvg(db: Database.Database, options: AsOfOptions): string {
  const countries = listCountries(db);
  const counts = iscmCountsAsOf(db, options.asOf, options.count);
  const bins = countBins(Math.max(0, ...counts.values()));

  const sphere = { type: 'Sphere' } as const;
  const mapWidth = MAP_WIDTH - 2 * MARGIN;
  const projection = geoEqualEarth().fitWidth(mapWidth, sphere);
  const [[, top], [, bottom]] = geoPath(projection).bounds(sphere);
  const mapHeight = Math.ceil(bottom - top);
  projection.fitExtent(
    [
      [MARGIN, HEADER_HEIGHT],
      [MARGIN + mapWidth, HEADER_HEIGHT + mapHeight],
    ],
    sphere,
  );
  const path = geoPath(projection).digits(1);
  const height = HEADER_HEIGHT + mapHeight + FOOTER_HEIGHT;

  // d3-geo 3.1.2 reduces the unwrapped longitudes to -180..180 as it projects.
  const matched = loadCountryShapes(countries);
  const polygons = matched.shapes.map(({ shape, country }) => {
    const count = country ? (counts.get(country.iso3) ?? 0) : 0;
    const name = country?.name ?? shape.name;
    return (
      `<path class="${classOf(country)}" d="${path(shape.geometry) ?? ''}" ` +
      `fill="${fillOf(country, count, bins)}">` +
      `<title>${titleOf(name, country, count)}</title></path>`
    );
  });

  const dots = matched.markers.flatMap((country) => {
    const position = projection([country.lng, country.lat]);
    if (!position) return [];
    const count = counts.get(country.iso3) ?? 0;
    return [
      `<circle class="${classOf(country)} country-marker" ` +
        `cx="${position[0].toFixed(1)}" cy="${position[1].toFixed(1)}" ` +
        `r="${POINT_RADIUS}" fill="${fillOf(country, count, bins)}">` +
        `<title>${titleOf(country.name, country, count)}</title></circle>`,
    ];
  });

  const title = 'Number of ISCMs per country';
  const footerTop = HEADER_HEIGHT + mapHeight + 10;

  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${MAP_WIDTH}" height="${height}" ` +
      `viewBox="0 0 ${MAP_WIDTH} ${height}" font-family="${FONT_FAMILY}" fill="#222222">`,
    `<title>${escapeXml(`${title}, as of ${options.asOf}`)}</title>`,
    `<rect width="${MAP_WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text id="title" x="${MARGIN}" y="36" font-size="24" font-weight="bold">` +
      `${escapeXml(title)}</text>`,
    `<text id="subtitle" x="${MARGIN}" y="62" font-size="14">` +
      `<tspan id="as-of" font-weight="bold">As of ${escapeXml(options.asOf)}.</tspan> ` +
      `${escapeXml(describeCount(options.count))}</text>`,
    `<path id="sphere" d="${path(sphere) ?? ''}" fill="${OCEAN_COLOR}" stroke="#9aaab8" ` +
      `stroke-width="0.8"/>`,
    `<g id="countries" stroke="#ffffff" stroke-width="0.3">${polygons.join('')}</g>`,
    `<g id="points" stroke="#333333" stroke-width="0.6">${dots.join('')}</g>`,
    legend(bins, footerTop),
    `<text id="disclaimer" x="${MARGIN}" y="${height - 40}" font-size="12">` +
      `${escapeXml(UN_DISCLAIMER)}</text>`,
    `<text id="credit" x="${MARGIN}" y="${height - 20}" font-size="11" fill="#555555">` +
      `Boundaries: Natural Earth 1:50m, from world-atlas. Made with ISCM Atlas.</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
