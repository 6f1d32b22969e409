/**
 * Country shapes for the map and its exports: Natural Earth 1:50m polygons
 * from world-atlas 2.0.2, with longitudes unwrapped, matched to the
 * dataset's countries. The app and the command-line exports both draw these,
 * so both show the same shapes and the same small-state markers.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature, merge } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

import type { CountryRef } from '../types.js';
import {
  areaOf,
  boxOfRing,
  keepTogether,
  middleOf,
  sideOf,
  unwrapPolygon,
  wrapLongitude,
} from './longitudes.js';

/** world-atlas's countries-50m.json, typed as far as the map reads it. */
export type WorldTopology = Topology<{
  countries: GeometryCollection<{ name: string }>;
}>;

/** A world-atlas country with its longitudes unwrapped. */
export interface WorldShape {
  /** ISO 3166-1 numeric code ("076"); undefined for three shapes. */
  id: string | undefined;
  /** Natural Earth's name, e.g. "Kosovo". */
  name: string;
  geometry: Polygon | MultiPolygon;
  /** Larger side, in degrees, of the bounding box of the biggest polygon. */
  span: number;
}

/** A shape matched to the dataset, or left without a country. */
export interface CountryShape {
  shape: WorldShape;
  /** Null for the shapes Siachen Glacier and Indian Ocean Ter. */
  country: CountryRef | null;
}

export interface MatchedShapes {
  shapes: CountryShape[];
  /**
   * Countries of the dataset that get a circle marker: those without a
   * polygon at 1:50m, and those whose polygons are too small to click.
   */
  markers: CountryRef[];
}

/*
 * world-atlas 2.0.2's countries-50m has five shapes without an ISO numeric
 * code. The map draws them as follows:
 * - Kosovo is matched by name (MATCH_BY_NAME).
 * - Somaliland and N. Cyprus are merged into Somalia and Cyprus
 *   (PARTS_OF_COUNTRIES), the member states the United Nations counts them
 *   part of. Drawn apart, they would read as places outside the dataset.
 * - Siachen Glacier has no country, because India and Pakistan both claim it.
 * - Indian Ocean Ter. has no country. It is Christmas Island (CXR) and the
 *   Cocos (Keeling) Islands (CCK), which ISO 3166-1 lists apart from
 *   Australia. NOTE: neither is in the dataset. If one joins it, its marker
 *   takes its colour but this shape stays grey.
 */

/** Shapes without an ISO numeric code matched to a country by name. */
const MATCH_BY_NAME: Record<string, string> = { Kosovo: 'XKX' };

/**
 * Shapes without an ISO numeric code that are merged into another shape,
 * keyed by name, with the world-atlas id of that shape: Somaliland into
 * Somalia, N. Cyprus into Cyprus.
 */
const PARTS_OF_COUNTRIES: Record<string, string> = {
  Somaliland: '706',
  'N. Cyprus': '196',
};

/** Shapes whose biggest polygon is smaller than this, in degrees, also get a marker. */
const SMALL_SHAPE_DEGREES = 1;

/**
 * Territories that ISO 3166-1 lists on their own but that Natural Earth's
 * 1:50m countries draw inside another country's shape, keyed by that
 * shape's world-atlas id. Found by comparing the countries table with
 * world-atlas 2.0.2: the other codes without a shape (BVT, GIB, TUV, UMI)
 * have no polygon at this scale, and CCK and CXR are in Indian Ocean Ter.
 */
const DETACHED_TERRITORIES: Record<string, string[]> = {
  // France: French Guiana, Guadeloupe, Martinique, Mayotte, Réunion.
  '250': ['GUF', 'GLP', 'MTQ', 'MYT', 'REU'],
  // Netherlands: Bonaire, Sint Eustatius and Saba.
  '528': ['BES'],
  // New Zealand: Tokelau.
  '554': ['TKL'],
  // Norway: Svalbard and Jan Mayen. NOTE: Jan Mayen lies 29° from the
  // territory's point, farther than OWNER_DEGREES, so it stays in Norway.
  '578': ['SJM'],
};

/**
 * A polygon of a country's shape at least this far, in degrees, from the
 * shape's largest polygon is a detached part, such as an overseas region.
 */
const DETACHED_DEGREES = 10;

/**
 * A detached part within this many degrees of a territory's point belongs
 * to it. Saba and Sint Eustatius lie 7.5° from the point of Bonaire, Sint
 * Eustatius and Saba.
 */
const OWNER_DEGREES = 8;

/**
 * Converts world-atlas's country topology to shapes with unwrapped
 * longitudes, with the PARTS_OF_COUNTRIES merged into their countries.
 */
export function buildWorldShapes(topology: WorldTopology): WorldShape[] {
  const collection = feature(topology, topology.objects.countries);
  const { merged, mergedParts } = mergeParts(topology);

  const shapes: WorldShape[] = [];
  for (const item of collection.features) {
    const id = item.id === undefined ? undefined : String(item.id);
    const name = item.properties.name;
    if (mergedParts.has(name)) continue;
    const geometry = (id === undefined ? undefined : merged.get(id)) ?? item.geometry;

    if (geometry.type === 'Polygon') {
      const polygon = unwrapPolygon(geometry.coordinates);
      shapes.push({
        id,
        name,
        geometry: { type: 'Polygon', coordinates: polygon.rings },
        span: sideOf(polygon.box),
      });
    } else if (geometry.type === 'MultiPolygon') {
      const polygons = keepTogether(geometry.coordinates.map(unwrapPolygon));
      shapes.push({
        id,
        name,
        geometry: {
          type: 'MultiPolygon',
          coordinates: polygons.map((polygon) => polygon.rings),
        },
        span: Math.max(...polygons.map((polygon) => sideOf(polygon.box))),
      });
    }
  }
  return shapes;
}

/**
 * Merges each of the PARTS_OF_COUNTRIES into its country with
 * topojson-client's merge, which drops the arcs the two share, so no
 * border is drawn between them. Returns the merged geometries by
 * world-atlas id and the names of the parts merged.
 */
function mergeParts(topology: WorldTopology): {
  merged: Map<string, MultiPolygon>;
  mergedParts: Set<string>;
} {
  const areas = topology.objects.countries.geometries.filter(
    (geometry) => geometry.type === 'Polygon' || geometry.type === 'MultiPolygon',
  );

  const merged = new Map<string, MultiPolygon>();
  const mergedParts = new Set<string>();
  for (const country of areas) {
    const id = String(country.id);
    const parts = areas.filter(
      (area) => PARTS_OF_COUNTRIES[area.properties?.name ?? ''] === id,
    );
    if (country.id === undefined || parts.length === 0) continue;

    merged.set(id, merge(topology, [country, ...parts]));
    for (const part of parts) mergedParts.add(part.properties!.name);
  }
  return { merged, mergedParts };
}

/** Returns the distance in degrees between two points, across the antimeridian where shorter. */
function degreesBetween(from: [number, number], to: [number, number]): number {
  return Math.hypot(wrapLongitude(to[0] - from[0]), to[1] - from[1]);
}

/**
 * Splits the detached parts of a shape that lie at the point of one of its
 * DETACHED_TERRITORIES into shapes of their own, each going to the nearest
 * territory. Natural Earth's 1:50m France, for one, contains French Guiana,
 * which would otherwise be coloured with France's data.
 */
function splitDetachedParts(
  shape: WorldShape,
  countriesByIso3: Map<string, CountryRef>,
): WorldShape[] {
  const territories = (DETACHED_TERRITORIES[shape.id ?? ''] ?? []).flatMap(
    (iso3) => countriesByIso3.get(iso3) ?? [],
  );
  if (shape.geometry.type !== 'MultiPolygon' || territories.length === 0) {
    return [shape];
  }

  const polygons = shape.geometry.coordinates;
  const boxes = polygons.map((polygon) => boxOfRing(polygon[0]));
  let largest = 0;
  boxes.forEach((box, index) => {
    if (areaOf(box) > areaOf(boxes[largest])) largest = index;
  });
  const home = middleOf(boxes[largest]);

  const homePolygons: Position[][][] = [];
  const parts: WorldShape[] = [];
  polygons.forEach((polygon, index) => {
    const middle = middleOf(boxes[index]);
    const owner =
      degreesBetween(home, middle) > DETACHED_DEGREES
        ? nearestTerritory(territories, middle)
        : undefined;
    if (!owner) {
      homePolygons.push(polygon);
      return;
    }
    parts.push({
      id: owner.numeric ?? undefined,
      name: owner.name,
      geometry: { type: 'Polygon', coordinates: polygon },
      span: sideOf(boxes[index]),
    });
  });

  if (parts.length === 0) return [shape];
  const rest: WorldShape = {
    ...shape,
    geometry: { type: 'MultiPolygon', coordinates: homePolygons },
  };
  return [rest, ...parts];
}

function nearestTerritory(
  territories: CountryRef[],
  middle: [number, number],
): CountryRef | undefined {
  let nearest: CountryRef | undefined;
  let nearestDegrees = OWNER_DEGREES;
  for (const territory of territories) {
    const degrees = degreesBetween([territory.lng, territory.lat], middle);
    if (degrees <= nearestDegrees) {
      nearest = territory;
      nearestDegrees = degrees;
    }
  }
  return nearest;
}

/**
 * Matches shapes to countries by ISO numeric code, or by name for Kosovo,
 * after splitting off the parts that belong to territories listed apart.
 */
export function matchShapes(
  worldShapes: WorldShape[],
  countries: CountryRef[],
): MatchedShapes {
  const byNumeric = new Map<string, CountryRef>();
  const byIso3 = new Map<string, CountryRef>();
  for (const country of countries) {
    if (country.numeric) byNumeric.set(country.numeric, country);
    byIso3.set(country.iso3, country);
  }
  const shapes = worldShapes.flatMap((shape) => splitDetachedParts(shape, byIso3));

  const spans = new Map<string, number>();
  const matched = shapes.map((shape) => {
    const byName = MATCH_BY_NAME[shape.name];
    const country =
      (shape.id === undefined ? undefined : byNumeric.get(shape.id)) ??
      (byName ? byIso3.get(byName) : undefined) ??
      null;
    if (country) {
      const known = spans.get(country.iso3) ?? 0;
      spans.set(country.iso3, Math.max(known, shape.span));
    }
    return { shape, country };
  });

  const markers = countries.filter((country) => {
    if (!country.inDataset) return false;
    const span = spans.get(country.iso3);
    return span === undefined || span < SMALL_SHAPE_DEGREES;
  });

  return { shapes: matched, markers };
}
