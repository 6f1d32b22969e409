import { createRequire } from 'node:module';

import type { Position } from 'geojson';
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

/** Codes with an ISO numeric code but no polygon in world-atlas 2.0.2. */
const WITHOUT_POLYGON = ['BVT', 'CCK', 'CXR', 'GIB', 'TUV', 'UMI'];

let countries: CountryRef[];
let worldShapes: WorldShape[];
let matched: MatchedShapes;

beforeAll(() => {
  const db = openAtlasDatabase(':memory:');
  countries = listCountries(db);
  closeDatabase(db);

  const require = createRequire(import.meta.url);
  const topology = require('world-atlas/countries-50m.json') as WorldTopology;
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

  it('marks countries of the dataset with no or tiny shapes', () => {
    const markers = matched.markers.map((country) => country.iso3);

    expect(markers).toContain('TUV');
    expect(markers).toContain('REU');
    expect(markers).not.toContain('FRA');
    expect(matched.markers.every((country) => country.inDataset)).toBe(true);
  });
});

describe('buildWorldShapes', () => {
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
