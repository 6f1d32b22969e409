import type Database from 'better-sqlite3';
import { geoEqualEarth, geoPath } from 'd3-geo';

import { membershipsAsOf } from '../queries/as-of.js';
import { listCountries } from '../queries/countries.js';
import { iscmCountsAsOf } from '../queries/map.js';
import { describeCount, UN_DISCLAIMER } from './readme.js';
import type { AsOfOptions } from './types.js';
import { loadWorldShapes } from './world.js';

/** Layout of the image in SVG user units (pixels at a zoom of 1). */
export const MAP_WIDTH = 1200;
const MARGIN = 20;
const HEADER_HEIGHT = 84;
const FOOTER_HEIGHT = 132;
const POINT_RADIUS = 3.5;

/** Fonts in order of preference; resvg falls back to any installed font. */
const FONT_FAMILY = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

const NO_COUNT_COLOR = '#d9d9d9';
const OCEAN_COLOR = '#f2f6f9';
const LIGHTEST = [222, 235, 247];
const DARKEST = [8, 48, 107];

/** A legend class: the counts from `from` to `to`, drawn in `color`. */
export interface CountClass {
  from: number;
  to: number;
  color: string;
}

function mix(t: number): string {
  const channels = LIGHTEST.map((light, i) => Math.round(light + (DARKEST[i] - light) * t));
  return `#${channels.map((channel) => channel.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Splits counts 1..maxCount into at most 9 classes of equal width, shaded
 * from light to dark blue: one class per count up to a maximum of 9.
 */
export function countClasses(maxCount: number): CountClass[] {
  if (maxCount < 1) return [];
  const step = Math.ceil(maxCount / 9);
  const total = Math.ceil(maxCount / step);

  const classes: CountClass[] = [];
  for (let index = 0; index < total; index++) {
    const from = index * step + 1;
    classes.push({
      from,
      to: Math.min(maxCount, from + step - 1),
      color: mix(total === 1 ? 1 : index / (total - 1)),
    });
  }
  return classes;
}

function colorOf(count: number, classes: CountClass[]): string {
  return classes.find((c) => count >= c.from && count <= c.to)?.color ?? NO_COUNT_COLOR;
}

/** Escapes text for an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

function countLabel(name: string, count: number): string {
  return escapeXml(`${name}: ${count} ${count === 1 ? 'ISCM' : 'ISCMs'}`);
}

function classLabel(countClass: CountClass): string {
  return countClass.from === countClass.to
    ? String(countClass.from)
    : `${countClass.from}–${countClass.to}`;
}

function legend(classes: CountClass[], top: number): string {
  const swatchWidth = 56;
  const items = [{ label: '0', color: NO_COUNT_COLOR }].concat(
    classes.map((c) => ({ label: classLabel(c), color: c.color })),
  );

  const swatches = items.map((item, index) => {
    const x = index * swatchWidth;
    return (
      `<rect x="${x}" y="20" width="${swatchWidth - 4}" height="14" fill="${item.color}" ` +
      `stroke="#888888" stroke-width="0.5"/>` +
      `<text x="${x + (swatchWidth - 4) / 2}" y="50" font-size="12" ` +
      `text-anchor="middle">${escapeXml(item.label)}</text>`
    );
  });
  const dotX = items.length * swatchWidth + 24;

  return (
    `<g id="legend" transform="translate(${MARGIN}, ${top})">` +
    `<text x="0" y="12" font-size="13" font-weight="bold">ISCMs per country</text>` +
    swatches.join('') +
    `<circle cx="${dotX}" cy="27" r="${POINT_RADIUS}" fill="${mix(0.5)}" ` +
    `stroke="#333333" stroke-width="0.6"/>` +
    `<text x="${dotX + 10}" y="31" font-size="12">country or territory too small ` +
    `for a polygon at this scale</text>` +
    `</g>`
  );
}

/**
 * Draws a world map (Equal Earth projection, Natural Earth 1:50m polygons
 * from world-atlas) shading each country by its ISCM count on the day
 * under the switches, with a title, a legend, the as-of day and the
 * United Nations disclaimer. Countries that take part in a body but have
 * no polygon at this scale are drawn as dots.
 */
export function renderMapSvg(db: Database.Database, options: AsOfOptions): string {
  const countries = listCountries(db);
  const counts = iscmCountsAsOf(db, options.asOf, options.count);
  const classes = countClasses(Math.max(0, ...counts.values()));

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

  const shapes = loadWorldShapes(countries);
  const drawn = new Set<string>();
  const polygons = shapes.map((shape) => {
    const count = shape.iso3 ? (counts.get(shape.iso3) ?? 0) : 0;
    if (shape.iso3) drawn.add(shape.iso3);
    return (
      `<path d="${path(shape.geometry) ?? ''}" fill="${colorOf(count, classes)}">` +
      `<title>${countLabel(shape.name, count)}</title></path>`
    );
  });

  const byIso3 = new Map(countries.map((country) => [country.iso3, country]));
  const taking = new Set(membershipsAsOf(db, options.asOf).map((m) => m.iso3));
  const dots = [...taking]
    .filter((iso3) => !drawn.has(iso3))
    .sort()
    .flatMap((iso3) => {
      const country = byIso3.get(iso3)!;
      const position = projection([country.lng, country.lat]);
      if (!position) return [];
      const count = counts.get(iso3) ?? 0;
      return [
        `<circle cx="${position[0].toFixed(1)}" cy="${position[1].toFixed(1)}" ` +
          `r="${POINT_RADIUS}" fill="${colorOf(count, classes)}">` +
          `<title>${countLabel(country.name, count)}</title></circle>`,
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
    legend(classes, footerTop),
    `<text id="disclaimer" x="${MARGIN}" y="${height - 40}" font-size="12">` +
      `${escapeXml(UN_DISCLAIMER)}</text>`,
    `<text id="credit" x="${MARGIN}" y="${height - 20}" font-size="11" fill="#555555">` +
      `Boundaries: Natural Earth 1:50m, from world-atlas. Made with ISCM Atlas.</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
