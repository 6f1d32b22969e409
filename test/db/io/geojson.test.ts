import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import type { Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import {
  buildGeoJson,
  type CountryCollection,
  type CountryFeature,
  writeGeoJson,
} from '../../../db/io/geojson.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { findCountry } from '../../../db/queries/countries.js';
import { iscmCountsAsOf } from '../../../db/queries/map.js';
import type { CountOptions } from '../../../main/contract/types.js';
import { openFixtureDatabase } from './fixture.js';

const AS_OF = '2024-01-01';
const COUNT: CountOptions = { includeRoles: ['participant'], excludeGlobal: false };
/** Points in Somaliland (Hargeisa) and N. Cyprus (near Famagusta), as [lng, lat]. */
const HARGEISA: Position = [44.06, 9.56];
const FAMAGUSTA: Position = [33.9, 35.15];

let db: Database.Database;
let collection: CountryCollection;

beforeAll(async () => {
  db = openFixtureDatabase();
  const path = join(mkdtempSync(join(tmpdir(), 'atlas-geojson-')), 'atlas.geojson');
  await writeGeoJson(db, path, { asOf: AS_OF, count: COUNT });
  collection = JSON.parse(readFileSync(path, 'utf8')) as CountryCollection;
});

afterAll(() => closeDatabase(db));

function isPosition(position: Position): boolean {
  const [lng, lat] = position;
  return (
    position.length === 2 &&
    Number.isFinite(lng) &&
    Number.isFinite(lat) &&
    lng >= -180 &&
    lng <= 180 &&
    lat >= -90 &&
    lat <= 90
  );
}

/** Twice the signed area of a ring, positive when counterclockwise (shoelace formula). */
function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  }
  return sum;
}

function polygonProblems(rings: Position[][]): string[] {
  const problems: string[] = [];
  rings.forEach((ring, index) => {
    if (ring.length < 4) problems.push(`ring ${index} has ${ring.length} positions`);
    if (!ring.every(isPosition)) problems.push(`ring ${index} has a position out of range`);
    const [first, last] = [ring[0], ring[ring.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) problems.push(`ring ${index} is open`);
    const area = ringArea(ring);
    if (index === 0 && area < 0) problems.push('exterior ring is clockwise');
    if (index > 0 && area > 0) problems.push(`hole ${index} is counterclockwise`);
  });
  return problems;
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

function areaContains(geometry: CountryFeature['geometry'], point: Position): boolean {
  if (geometry.type === 'Polygon') return polygonContains(geometry.coordinates, point);
  if (geometry.type === 'MultiPolygon') {
    return geometry.coordinates.some((rings) => polygonContains(rings, point));
  }
  return false;
}

describe('buildGeoJson', () => {
  it('has one feature per country with any role', () => {
    const countries = new Set(membershipsAsOf(db, AS_OF).map((m) => m.iso3));

    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features).toHaveLength(countries.size);
    expect(new Set(collection.features.map((f) => f.properties.iso3))).toEqual(countries);
  });

  it('gives every feature a valid geometry', () => {
    for (const feature of collection.features) {
      const { geometry, properties } = feature;
      expect(feature.type).toBe('Feature');
      expect(['Polygon', 'MultiPolygon', 'Point'], properties.iso3).toContain(geometry.type);

      const problems =
        geometry.type === 'Point'
          ? isPosition(geometry.coordinates)
            ? []
            : ['point out of range']
          : geometry.type === 'Polygon'
            ? polygonProblems(geometry.coordinates)
            : geometry.coordinates.flatMap(polygonProblems);
      expect(problems, properties.iso3).toEqual([]);
    }
  });

  it('sets iso3, name, count and memberships', () => {
    const counts = iscmCountsAsOf(db, AS_OF, COUNT);
    const memberships = membershipsAsOf(db, AS_OF);

    for (const { id, properties } of collection.features) {
      expect(properties.iso3).toMatch(/^[A-Z]{3}$/);
      expect(id).toBe(properties.iso3);
      expect(properties.name).toBe(findCountry(db, properties.iso3)?.name);
      expect(properties.iscm_count, properties.iso3).toBe(counts.get(properties.iso3) ?? 0);
      expect(properties.memberships).toEqual(
        memberships
          .filter((m) => m.iso3 === properties.iso3)
          .map((m) => ({ body_id: m.bodyId, role: m.role })),
      );
    }
    expect(collection.as_of).toBe(AS_OF);
    expect(collection.count).toEqual({ include_roles: ['participant'], exclude_global: false });
  });

  it('matches Kosovo by name and draws small states as points', () => {
    const byIso3 = new Map(collection.features.map((f) => [f.properties.iso3, f]));
    const tuvalu = findCountry(db, 'TUV')!;

    expect(byIso3.get('XKX')?.geometry.type).toBe('Polygon');
    expect(byIso3.get('TUV')?.geometry).toEqual({
      type: 'Point',
      coordinates: [tuvalu.lng, tuvalu.lat],
    });
    expect(byIso3.get('FRA')?.geometry.type).toBe('MultiPolygon');
  });

  it('merges Somaliland into Somalia', () => {
    const somalia = collection.features.find((f) => f.properties.iso3 === 'SOM')!;

    expect(somalia.geometry.type).toBe('MultiPolygon');
    expect(areaContains(somalia.geometry, HARGEISA)).toBe(true);
  });

  it('merges N. Cyprus into Cyprus', () => {
    const cyprus = collection.features.find((f) => f.properties.iso3 === 'CYP')!;

    expect(cyprus.geometry.type).toBe('MultiPolygon');
    expect(areaContains(cyprus.geometry, FAMAGUSTA)).toBe(true);
  });

  it('draws Réunion apart from France', () => {
    const byIso3 = new Map(collection.features.map((f) => [f.properties.iso3, f]));
    const reunion = byIso3.get('REU')!.geometry;
    const france = byIso3.get('FRA')!.geometry;
    const reunionPoints = reunion.type === 'Polygon' ? reunion.coordinates.flat() : [];
    const francePoints = france.type === 'MultiPolygon' ? france.coordinates.flat(2) : [];

    expect(reunion.type).toBe('Polygon');
    expect(reunionPoints.every(([lng, lat]) => lng > 55 && lng < 56 && lat < -20)).toBe(true);
    expect(francePoints.length).toBeGreaterThan(0);
    expect(francePoints.filter(([, lat]) => lat < 41)).toEqual([]);
  });

  it('follows the day and the switches', () => {
    const baseline = buildGeoJson(db, {
      asOf: '2020-12-31',
      count: { includeRoles: [], excludeGlobal: true },
    });
    const afghanistan = baseline.features.find((f) => f.properties.iso3 === 'AFG')!;
    const later = collection.features.find((f) => f.properties.iso3 === 'AFG')!;

    expect(afghanistan.properties.memberships).toContainEqual({ body_id: 'bali', role: 'member' });
    expect(later.properties.memberships).not.toContainEqual({ body_id: 'bali', role: 'member' });
    expect(afghanistan.properties.iscm_count).toBe(
      iscmCountsAsOf(db, '2020-12-31', { includeRoles: [], excludeGlobal: true }).get('AFG'),
    );
  });
});
