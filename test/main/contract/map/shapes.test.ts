import { createRequire } from 'node:module';

import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';
import { beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../../db/close.js';
import { openAtlasDatabase } from '../../../../db/open.js';
import { listCountries } from '../../../../db/queries/countries.js';
import { wrapLongitude } from '../../../../main/contract/map/longitudes.js';
import {
  buildWorldShapes,
  type MatchedShapes,
  matchShapes,
  type WorldShape,
  type WorldTopology,
} from '../../../../main/contract/map/shapes.js';
import type { CountryRef } from '../../../../main/contract/types.js';

/** Territories that Natural Earth draws inside another country's shape. */
const TERRITORIES = ['GUF', 'GLP', 'MTQ', 'MYT', 'REU', 'BES', 'TKL', 'SJM'];

/**
 * Codes that match no polygon in world-atlas 2.0.2. CCK and CXR are drawn
 * in "Indian Ocean Ter.", a shape without a code.
 */
const WITHOUT_POLYGON = ['BVT', 'CCK', 'CXR', 'GIB', 'TUV', 'UMI'];

/** Points in Somaliland (Hargeisa) and N. Cyprus (near Famagusta), as [lng, lat]. */
const HARGEISA: Position = [44.06, 9.56];
const FAMAGUSTA: Position = [33.9, 35.15];

let countries: CountryRef[];
let topology: WorldTopology;
let worldShapes: WorldShape[];
let matched: MatchedShapes;

beforeAll(() => {
  const db = openAtlasDatabase(':memory:');
  countries = listCountries(db);
  closeDatabase(db);

  const require = createRequire(import.meta.url);
  topology = require('world-atlas/countries-50m.json') as WorldTopology;
  worldShapes = buildWorldShapes(topology);
  matched = matchShapes(worldShapes, countries);
});

function shapesOf(iso3: string): WorldShape[] {
  return matched.shapes
    .filter(({ country }) => country?.iso3 === iso3)
    .map(({ shape }) => shape);
}

function outerRings(shape: WorldShape): Position[][] {
  return shape.geometry.type === 'Polygon'
    ? [shape.geometry.coordinates[0]]
    : shape.geometry.coordinates.map((polygon) => polygon[0]);
}

/** Tests a point against a polygon's rings by the even-odd rule, in plane degrees. */
function polygonContains(rings: Position[][], [lng, lat]: Position): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x1, y1] = ring[i];
      const [x2, y2] = ring[j];
      if (y1 > lat !== y2 > lat && lng < x1 + ((lat - y1) / (y2 - y1)) * (x2 - x1)) {
        inside = !inside;
      }
    }
  }
  return inside;
}

function areaContains(area: Polygon | MultiPolygon, point: Position): boolean {
  const polygons = area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
  return polygons.some((rings) => polygonContains(rings, point));
}

/** Returns the countries of the matched shapes that contain the point. */
function countriesAt(point: Position): (string | undefined)[] {
  return matched.shapes
    .filter(({ shape }) => areaContains(shape.geometry, point))
    .map(({ country }) => country?.iso3);
}

/** Returns the names of world-atlas's own shapes that contain the point. */
function sourceNamesAt(point: Position): string[] {
  return feature(topology, topology.objects.countries)
    .features.filter((item) => areaContains(item.geometry as Polygon | MultiPolygon, point))
    .map((item) => item.properties.name);
}

/** Returns the largest distance, in degrees, of a shape's points from a country's point. */
function maxDegreesFrom(country: CountryRef, shape: WorldShape): number {
  const distances = outerRings(shape)
    .flat()
    .map(([lng, lat]) =>
      Math.hypot(wrapLongitude(lng - country.lng), lat - country.lat),
    );
  return Math.max(...distances);
}

describe('matchShapes', () => {
  it.each(TERRITORIES)('gives %s a shape near its point', (iso3) => {
    const country = countries.find((candidate) => candidate.iso3 === iso3)!;

    const shapes = shapesOf(iso3);

    expect(shapes.length).toBeGreaterThan(0);
    for (const shape of shapes) {
      expect(maxDegreesFrom(country, shape)).toBeLessThan(10);
    }
  });

  it('keeps only European polygons in France', () => {
    const [france, ...others] = shapesOf('FRA');
    const points = outerRings(france).flat();
    const longitudes = points.map(([lng]) => lng);
    const latitudes = points.map(([, lat]) => lat);

    expect(others).toEqual([]);
    expect(Math.min(...longitudes)).toBeGreaterThan(-6);
    expect(Math.max(...longitudes)).toBeLessThan(10);
    expect(Math.min(...latitudes)).toBeGreaterThan(41);
    expect(Math.max(...latitudes)).toBeLessThan(52);
  });

  it('keeps coastal islands with their country', () => {
    const brazil = worldShapes.find((shape) => shape.id === '076')!;

    const [matchedBrazil] = shapesOf('BRA');

    expect(matchedBrazil).toBe(brazil);
  });

  it('leaves no polygon only to countries without one', () => {
    const shaped = new Set(matched.shapes.map(({ country }) => country?.iso3));

    const unshaped = countries
      .filter((country) => !shaped.has(country.iso3))
      .map((country) => country.iso3);

    expect(unshaped.sort()).toEqual(WITHOUT_POLYGON);
  });

  it('matches Kosovo by name', () => {
    expect(shapesOf('XKX')).toHaveLength(1);
  });

  it('draws Somaliland as part of Somalia', () => {
    expect(sourceNamesAt(HARGEISA)).toEqual(['Somaliland']);
    expect(countriesAt(HARGEISA)).toEqual(['SOM']);
    expect(shapesOf('SOM')).toHaveLength(1);
  });

  it('draws N. Cyprus as part of Cyprus', () => {
    expect(sourceNamesAt(FAMAGUSTA)).toEqual(['N. Cyprus']);
    expect(countriesAt(FAMAGUSTA)).toEqual(['CYP']);
    expect(shapesOf('CYP')).toHaveLength(1);
  });

  it('leaves two shapes without a country', () => {
    const names = matched.shapes
      .filter(({ country }) => country === null)
      .map(({ shape }) => shape.name);

    expect(names.sort()).toEqual(['Indian Ocean Ter.', 'Siachen Glacier']);
  });

  it('marks countries of the dataset with no or tiny shapes', () => {
    const markers = matched.markers.map((country) => country.iso3);

    expect(markers).toContain('TUV');
    expect(markers).toContain('REU');
    expect(markers).not.toContain('FRA');
    expect(matched.markers.every((country) => country.inDataset)).toBe(true);
  });
});

describe('buildWorldShapes', () => {
  it('reads five source shapes without a code', () => {
    const names = feature(topology, topology.objects.countries)
      .features.filter((item) => item.id === undefined)
      .map((item) => item.properties.name);

    expect(names.sort()).toEqual([
      'Indian Ocean Ter.',
      'Kosovo',
      'N. Cyprus',
      'Siachen Glacier',
      'Somaliland',
    ]);
  });

  it('drops the Somaliland and N. Cyprus shapes', () => {
    const names = worldShapes.map((shape) => shape.name);

    expect(names).toContain('Somalia');
    expect(names).toContain('Cyprus');
    expect(names).not.toContain('Somaliland');
    expect(names).not.toContain('N. Cyprus');
  });

  it('drops the border between Somalia and Somaliland', () => {
    const somalia = worldShapes.find((shape) => shape.id === '706')!;

    expect(outerRings(somalia)).toHaveLength(1);
    expect(areaContains(somalia.geometry, HARGEISA)).toBe(true);
  });

  it('keeps Russia east of the antimeridian together', () => {
    const russia = worldShapes.find((shape) => shape.id === '643')!;

    const longitudes = outerRings(russia)
      .flat()
      .map(([lng]) => lng);

    expect(Math.min(...longitudes)).toBeGreaterThan(0);
    expect(Math.max(...longitudes)).toBeGreaterThan(180);
  });
});

describe('wrapLongitude', () => {
  it('returns longitudes in -180..180', () => {
    expect(wrapLongitude(190)).toBe(-170);
    expect(wrapLongitude(-190)).toBe(170);
    expect(wrapLongitude(900)).toBe(180);
    expect(wrapLongitude(180)).toBe(180);
    expect(wrapLongitude(-180)).toBe(-180);
    expect(wrapLongitude(12.5)).toBe(12.5);
  });
});
