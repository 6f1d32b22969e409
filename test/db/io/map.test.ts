import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import { MAP_PNG_ZOOM, renderMapPng } from '../../../db/io/map-png.js';
import { MAP_WIDTH, renderMapSvg } from '../../../db/io/map-svg.js';
import { UN_DISCLAIMER } from '../../../db/io/readme.js';
import { listCountries } from '../../../db/queries/countries.js';
import { iscmCountsAsOf } from '../../../db/queries/map.js';
import {
  binColor,
  binLabel,
  countBins,
  NO_DATA_COLOR,
  NO_ISCM_COLOR,
} from '../../../main/contract/map/bins.js';
import {
  buildWorldShapes,
  matchShapes,
  type WorldTopology,
} from '../../../main/contract/map/shapes.js';
import type { CountOptions } from '../../../main/contract/types.js';
import { openFixtureDatabase } from './fixture.js';

const AS_OF = '2024-01-01';
const COUNT: CountOptions = { includeRoles: [], excludeGlobal: true };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A folder of TrueType fonts that Debian's fonts-dejavu-core installs. */
const DEJAVU_FOLDER = '/usr/share/fonts/truetype/dejavu';

/** An element as fast-xml-parser's preserveOrder mode returns it. */
type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

let db: Database.Database;
let svg: string;
let root: OrderedNode[];

beforeAll(() => {
  db = openFixtureDatabase();
  svg = renderMapSvg(db, { asOf: AS_OF, count: COUNT });
  root = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    preserveOrder: true,
    trimValues: false,
  }).parse(svg) as OrderedNode[];
});

afterAll(() => closeDatabase(db));

function tagOf(node: OrderedNode): string {
  return Object.keys(node).find((key) => key !== ':@')!;
}

function childrenOf(node: OrderedNode): OrderedNode[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as OrderedNode[]) : [];
}

function textContent(node: OrderedNode): string {
  if (tagOf(node) === '#text') return String(node['#text']);
  return childrenOf(node).map(textContent).join('');
}

function findAll(nodes: OrderedNode[], match: (node: OrderedNode) => boolean): OrderedNode[] {
  return nodes.flatMap((node) => [
    ...(match(node) ? [node] : []),
    ...findAll(childrenOf(node), match),
  ]);
}

function byId(id: string): OrderedNode {
  const [node] = findAll(root, (candidate) => candidate[':@']?.id === id);
  if (!node) throw new Error(`no element with id ${id}`);
  return node;
}

/** Returns the elements whose class list names the country, as on the app's map. */
function countryElements(iso3: string): OrderedNode[] {
  return findAll(root, (node) =>
    (node[':@']?.class ?? '').split(' ').includes(`country-${iso3}`),
  );
}

function svgElement(): OrderedNode {
  return findAll(root, (node) => tagOf(node) === 'svg')[0];
}

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('renderMapSvg', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('shows title, as-of day, legend and disclaimer', () => {
    expect(textContent(byId('title'))).toBe('Number of ISCMs per country');
    expect(textContent(byId('as-of'))).toBe(`As of ${AS_OF}.`);
    expect(textContent(byId('subtitle'))).toContain('leaving out the global processes');
    expect(textContent(byId('legend'))).toContain('ISCMs per country');
    expect(textContent(byId('disclaimer'))).toBe(UN_DISCLAIMER);
  });

  it('lists the classes of countBins in the legend', () => {
    const maxCount = Math.max(...iscmCountsAsOf(db, AS_OF, COUNT).values());
    const bins = countBins(maxCount);
    const classes = byId('count-classes');
    const fills = findAll([classes], (node) => tagOf(node) === 'rect').map(
      (node) => node[':@']?.fill,
    );
    const labels = findAll([classes], (node) => tagOf(node) === 'text').map(textContent);
    const legendFills = findAll([byId('legend')], (node) => tagOf(node) === 'rect').map(
      (node) => node[':@']?.fill,
    );

    expect(fills).toEqual(bins.map((bin) => bin.color));
    expect(labels).toEqual(bins.map(binLabel));
    expect(bins[bins.length - 1].to).toBe(maxCount);
    expect(legendFills).toContain(NO_ISCM_COLOR);
    expect(legendFills).toContain(NO_DATA_COLOR);
  });

  it('shades countries by their ISCM count', () => {
    const counts = iscmCountsAsOf(db, AS_OF, COUNT);
    const bins = countBins(Math.max(...counts.values()));
    const paths = findAll([byId('countries')], (node) => tagOf(node) === 'path');
    const [spain] = countryElements('ESP');
    const spainCount = counts.get('ESP')!;

    expect(paths.length).toBeGreaterThan(200);
    expect(textContent(spain)).toBe(`Spain: ${spainCount} ISCMs`);
    expect(spain[':@']?.fill).toBe(binColor(bins, spainCount));
  });

  it('draws French Guiana apart from France', () => {
    const counts = iscmCountsAsOf(db, AS_OF, COUNT);
    const bins = countBins(Math.max(...counts.values()));
    const guiana = countryElements('GUF');
    const france = countryElements('FRA');

    expect(guiana).toHaveLength(1);
    expect(guiana[0][':@']?.fill).toBe(NO_DATA_COLOR);
    expect(textContent(guiana[0])).toBe('French Guiana: not in the dataset');
    expect(france).toHaveLength(1);
    expect(france[0][':@']?.fill).toBe(binColor(bins, counts.get('FRA')!));
  });

  it('draws Somaliland and N. Cyprus as their countries', () => {
    const paths = findAll([byId('countries')], (node) => tagOf(node) === 'path');
    const withoutCountry = paths
      .filter((node) => (node[':@']?.class ?? '').split(' ').includes('no-country'))
      .map(textContent);
    const somalia = countryElements('SOM').filter((node) => tagOf(node) === 'path');
    const cyprus = countryElements('CYP').filter((node) => tagOf(node) === 'path');

    expect(withoutCountry.sort()).toEqual([
      'Indian Ocean Ter.: not in the dataset',
      'Siachen Glacier: not in the dataset',
    ]);
    expect(somalia).toHaveLength(1);
    expect(cyprus).toHaveLength(1);
  });

  it('draws the other overseas regions apart', () => {
    for (const iso3 of ['MTQ', 'REU', 'GLP', 'MYT']) {
      const paths = countryElements(iso3).filter((node) => tagOf(node) === 'path');
      expect(paths.length, iso3).toBeGreaterThan(0);
    }
  });

  it('draws the same dots as the app', () => {
    const require = createRequire(import.meta.url);
    const topology = require('world-atlas/countries-50m.json') as WorldTopology;
    const { markers } = matchShapes(buildWorldShapes(topology), listCountries(db));
    const dots = findAll([byId('points')], (node) => tagOf(node) === 'circle');
    const labels = dots.map(textContent);
    const names = labels.map((label) => label.slice(0, label.lastIndexOf(': ')));

    expect(dots).toHaveLength(markers.length);
    expect(names).toEqual(markers.map((country) => country.name));
    expect(labels.some((label) => label.startsWith('Tuvalu:'))).toBe(true);
    expect(labels.some((label) => label.startsWith('France:'))).toBe(false);
  });

  it('declares its size in pixels', () => {
    const attributes = svgElement()[':@']!;

    expect(Number(attributes.width)).toBe(MAP_WIDTH);
    expect(Number(attributes.height)).toBeGreaterThan(500);
    expect(attributes.viewBox).toBe(`0 0 ${attributes.width} ${attributes.height}`);
  });
});

describe('renderMapPng', () => {
  it('renders a PNG at twice the SVG size', () => {
    const attributes = svgElement()[':@']!;

    const image = renderMapPng(svg);

    expect([...image.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(image.png)).toEqual({
      width: Number(attributes.width) * MAP_PNG_ZOOM,
      height: Number(attributes.height) * MAP_PNG_ZOOM,
    });
    expect({ width: image.width, height: image.height }).toEqual(pngSize(image.png));
  });

  it.skipIf(!existsSync(DEJAVU_FOLDER))('draws text with a font folder', () => {
    const emptyFolder = mkdtempSync(join(tmpdir(), 'atlas-no-fonts-'));

    const withFont = renderMapPng(svg, { loadSystemFonts: false, fontDirs: [DEJAVU_FOLDER] });
    const withoutFont = renderMapPng(svg, { loadSystemFonts: false, fontDirs: [emptyFolder] });

    expect(withFont.note).toBeNull();
    expect(withFont.png.equals(withoutFont.png)).toBe(false);
  });

  it('renders without fonts, with a note', () => {
    const emptyFolder = mkdtempSync(join(tmpdir(), 'atlas-no-fonts-'));

    const image = renderMapPng(svg, { loadSystemFonts: false, fontDirs: [emptyFolder] });

    expect([...image.png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(image.note).toMatch(/No font was found/);
  });
});
