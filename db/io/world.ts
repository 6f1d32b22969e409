/**
 * Country polygons from world-atlas (Natural Earth 1:50m), keyed by ISO
 * 3166-1 alpha-3 code, shared by the GeoJSON and map image exports.
 */
import { createRequire } from 'node:module';

import type { MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

import type { CountryRef } from '../../main/contract/types.js';

export type Area = Polygon | MultiPolygon;

/** One polygon feature of world-atlas, with the country it belongs to if known. */
export interface WorldShape {
  /** Null for the features world-atlas leaves without an id that we do not match. */
  iso3: string | null;
  name: string;
  geometry: Area;
}

/** world-atlas features without an id, matched by name. */
const ISO3_BY_NAME: Record<string, string> = { Kosovo: 'XKX' };

let cachedTopology: Topology | undefined;

function readTopology(): Topology {
  if (!cachedTopology) {
    const require = createRequire(import.meta.url);
    cachedTopology = require('world-atlas/countries-50m.json') as Topology;
  }
  return cachedTopology;
}

/**
 * Lists world-atlas's country features with their alpha-3 codes, matched
 * through the ISO numeric code (Kosovo, which has none, by name).
 */
export function loadWorldShapes(countries: CountryRef[]): WorldShape[] {
  const iso3ByNumeric = new Map<string, string>();
  for (const country of countries) {
    if (country.numeric && !iso3ByNumeric.has(country.numeric)) {
      iso3ByNumeric.set(country.numeric, country.iso3);
    }
  }

  const topology = readTopology();
  const collection = feature(
    topology,
    topology.objects.countries as GeometryCollection<{ name: string }>,
  );

  return collection.features.map((shape) => {
    const id = shape.id === undefined ? undefined : String(shape.id);
    const name = shape.properties.name;
    return {
      iso3: (id && iso3ByNumeric.get(id)) ?? ISO3_BY_NAME[name] ?? null,
      name,
      geometry: shape.geometry as Area,
    };
  });
}

/**
 * Returns one area per country: a country with several world-atlas
 * features (Australia and the Ashmore and Cartier Islands share an id)
 * gets one MultiPolygon of all their polygons.
 */
export function areasByCountry(shapes: WorldShape[]): Map<string, Area> {
  const areas = new Map<string, Area>();
  for (const shape of shapes) {
    if (!shape.iso3) continue;
    const earlier = areas.get(shape.iso3);
    areas.set(shape.iso3, earlier ? mergeAreas(earlier, shape.geometry) : shape.geometry);
  }
  return areas;
}

function polygonsOf(area: Area): Polygon['coordinates'][] {
  return area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
}

function mergeAreas(first: Area, second: Area): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: [...polygonsOf(first), ...polygonsOf(second)] };
}
