import type Database from 'better-sqlite3';
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';

import { wrapLongitude } from '../../main/contract/map/longitudes.js';
import type { Role } from '../../main/contract/types.js';
import { membershipsAsOf } from '../queries/as-of.js';
import { listCountries } from '../queries/countries.js';
import { iscmCountsAsOf } from '../queries/map.js';
import { writeFileAtomic } from './atomic-write.js';
import { groupByCountry } from './tables.js';
import type { AsOfOptions } from './types.js';
import { type Area, areasByCountry, loadCountryShapes } from './world.js';

export interface CountryProperties {
  iso3: string;
  name: string;
  iscm_count: number;
  memberships: { body_id: string; role: Role }[];
}

export type CountryFeature = Feature<Area | Point, CountryProperties>;

/** A FeatureCollection with the as-of day and count switches as foreign members. */
export interface CountryCollection extends FeatureCollection<Area | Point, CountryProperties> {
  as_of: string;
  count: { include_roles: Role[]; exclude_global: boolean };
}

/** About 1 m at the equator: finer than the 1:50m source. */
const DECIMALS = 5;

function round(value: number): number {
  return Number(value.toFixed(DECIMALS));
}

/** Twice the signed planar area of a ring in degrees; positive when counterclockwise. */
function signedArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum;
}

/**
 * Orders a polygon's rings as RFC 7946 requires (exterior counterclockwise,
 * holes clockwise). TopoJSON, and so topojson-client's output, winds them
 * the other way. Longitudes, which the map unwraps, go back to -180..180.
 */
function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, index) => {
    const rounded = ring.map(([lng, lat]) => [round(wrapLongitude(lng)), round(lat)]);
    const counterclockwise = signedArea(rounded) > 0;
    const wantCounterclockwise = index === 0;
    return counterclockwise === wantCounterclockwise ? rounded : rounded.reverse();
  });
}

function toRfc7946(area: Area): Area {
  if (area.type === 'Polygon') {
    return { type: 'Polygon', coordinates: rewindPolygon(area.coordinates) };
  }
  return {
    type: 'MultiPolygon',
    coordinates: area.coordinates.map((polygon: Polygon['coordinates']) =>
      rewindPolygon(polygon),
    ),
  };
}

/**
 * Builds one feature per country that takes part in any body on the day.
 * Its geometry is the world-atlas polygon, or a point at the country's
 * representative coordinates where world-atlas has none. Its properties are
 * iso3, name, the ISCM count under the switches, and every membership.
 */
export function buildGeoJson(db: Database.Database, options: AsOfOptions): CountryCollection {
  const countries = listCountries(db);
  const points = new Map(countries.map((country) => [country.iso3, country]));
  const areas = areasByCountry(loadCountryShapes(countries).shapes);
  const counts = iscmCountsAsOf(db, options.asOf, options.count);

  const features = groupByCountry(membershipsAsOf(db, options.asOf)).map(
    (country): CountryFeature => {
      const area = areas.get(country.iso3);
      const point = points.get(country.iso3)!;
      return {
        type: 'Feature',
        id: country.iso3,
        geometry: area
          ? toRfc7946(area)
          : { type: 'Point', coordinates: [round(point.lng), round(point.lat)] },
        properties: {
          iso3: country.iso3,
          name: country.name,
          iscm_count: counts.get(country.iso3) ?? 0,
          memberships: country.memberships.map((m) => ({ body_id: m.bodyId, role: m.role })),
        },
      };
    },
  );

  return {
    type: 'FeatureCollection',
    as_of: options.asOf,
    count: {
      include_roles: options.count.includeRoles,
      exclude_global: options.count.excludeGlobal,
    },
    features,
  };
}

/** Writes the GeoJSON of `buildGeoJson` to `path` atomically. */
export async function writeGeoJson(
  db: Database.Database,
  path: string,
  options: AsOfOptions,
): Promise<number> {
  const collection = buildGeoJson(db, options);
  await writeFileAtomic(path, JSON.stringify(collection));
  return collection.features.length;
}
