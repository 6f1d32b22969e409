/**
 * Country shapes for the GeoJSON and map image exports: world-atlas
 * (Natural Earth 1:50m) matched to the dataset's countries by the code that
 * the app's map uses, so that the files show the shapes and markers the
 * app shows.
 */
import { createRequire } from 'node:module';

import type { MultiPolygon, Polygon } from 'geojson';

import {
  buildWorldShapes,
  type CountryShape,
  type MatchedShapes,
  matchShapes,
  type WorldShape,
  type WorldTopology,
} from '../../main/contract/map/shapes.js';
import type { CountryRef } from '../../main/contract/types.js';

export type Area = Polygon | MultiPolygon;

let cachedShapes: WorldShape[] | undefined;

function readWorldShapes(): WorldShape[] {
  if (!cachedShapes) {
    const require = createRequire(import.meta.url);
    const topology = require('world-atlas/countries-50m.json') as WorldTopology;
    cachedShapes = buildWorldShapes(topology);
  }
  return cachedShapes;
}

/**
 * Returns world-atlas's shapes matched to the countries, with the detached
 * parts of territories split off, and the countries that get a marker.
 * Longitudes are unwrapped, so some lie beyond -180..180.
 */
export function loadCountryShapes(countries: CountryRef[]): MatchedShapes {
  return matchShapes(readWorldShapes(), countries);
}

/**
 * Returns one area per country: a country with several shapes (Australia
 * and the Ashmore and Cartier Islands share an id) gets one MultiPolygon
 * of all their polygons.
 */
export function areasByCountry(shapes: CountryShape[]): Map<string, Area> {
  const areas = new Map<string, Area>();
  for (const { shape, country } of shapes) {
    if (!country) continue;
    const earlier = areas.get(country.iso3);
    areas.set(
      country.iso3,
      earlier ? mergeAreas(earlier, shape.geometry) : shape.geometry,
    );
  }
  return areas;
}

function polygonsOf(area: Area): Polygon['coordinates'][] {
  return area.type === 'Polygon' ? [area.coordinates] : area.coordinates;
}

function mergeAreas(first: Area, second: Area): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: [...polygonsOf(first), ...polygonsOf(second)] };
}
