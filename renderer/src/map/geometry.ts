/**
 * Country shapes for the map: Natural Earth 1:50m polygons from world-atlas
 * 2.0.2, converted to GeoJSON geometries and matched to the dataset's
 * countries.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { feature } from 'topojson-client';

import type { CountryRef } from '../../../main/contract/index.js';

/** A world-atlas country with its longitudes unwrapped. */
export interface WorldShape {
  /** ISO 3166-1 numeric code ("076"); undefined for five shapes. */
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
  /** Null for the shapes with no ISO code (Somaliland, N. Cyprus, …). */
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

/**
 * Natural Earth leaves Kosovo without an ISO numeric code, so it is matched
 * by its name. The other shapes without a code have no country in the data.
 */
const MATCH_BY_NAME: Record<string, string> = { Kosovo: 'XKX' };

/** A ring at least this wide, in degrees, circles a pole. */
const CIRCLING_DEGREES = 359;

/** Shapes whose biggest polygon is smaller than this, in degrees, also get a marker. */
const SMALL_SHAPE_DEGREES = 1;

interface BoundingBox {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** A ring with its longitudes unwrapped, and its bounding box. */
interface UnwrappedRing {
  ring: Position[];
  box: BoundingBox;
}

let worldShapes: Promise<WorldShape[]> | null = null;

/**
 * Loads the 1:50m countries (a separate chunk) and converts them, once:
 * main.ts starts the load before the app mounts.
 */
export function loadWorldShapes(): Promise<WorldShape[]> {
  worldShapes ??= readWorldShapes();
  worldShapes.catch(() => (worldShapes = null));
  return worldShapes;
}

async function readWorldShapes(): Promise<WorldShape[]> {
  const { default: topology } = await import(
    'world-atlas/countries-50m.json'
  );
  const collection = feature(topology, topology.objects.countries);

  const shapes: WorldShape[] = [];
  for (const item of collection.features) {
    const geometry = item.geometry;
    const id = item.id === undefined ? undefined : String(item.id);
    const name = item.properties.name;

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

/** A polygon's unwrapped rings and the bounding box of its outer ring. */
interface UnwrappedPolygon {
  rings: Position[][];
  box: BoundingBox;
}

function unwrapPolygon(rings: Position[][]): UnwrappedPolygon {
  const unwrapped = rings.map(unwrapRing);
  return {
    rings: unwrapped.map((ring) => ring.ring),
    box: unwrapped[0]?.box ?? { west: 0, east: 0, south: 0, north: 0 },
  };
}

/**
 * Makes a ring's longitudes continuous: a step of more than 180° is a
 * crossing of the antimeridian, so the rest of the ring is shifted by 360°.
 * Without this, Leaflet draws rings of Russia or Fiji across the whole map.
 * A ring that circles the pole (Antarctica's) is moved to start at -180°.
 */
function unwrapRing(ring: Position[]): UnwrappedRing {
  let offset = 0;
  let previous = ring[0]?.[0] ?? 0;
  const box = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };

  // One pass, because this runs over every point before the first map.
  const unwrapped = ring.map(([rawLng, lat]): Position => {
    const step = rawLng - previous;
    if (step > 180) offset -= 360;
    else if (step < -180) offset += 360;
    previous = rawLng;

    const lng = rawLng + offset;
    if (lng < box.west) box.west = lng;
    if (lng > box.east) box.east = lng;
    if (lat < box.south) box.south = lat;
    if (lat > box.north) box.north = lat;
    return [lng, lat];
  });

  if (box.east - box.west < CIRCLING_DEGREES) return { ring: unwrapped, box };

  const turns = Math.round((box.west + 180) / 360);
  if (turns === 0) return { ring: unwrapped, box };
  return {
    ring: shiftRing(unwrapped, -turns * 360),
    box: { ...box, west: box.west - turns * 360, east: box.east - turns * 360 },
  };
}

/**
 * Moves each polygon by 360° where that brings it within 180° of the
 * country's largest polygon, so that Russia's islands east of 180° and
 * Alaska's Aleutians west of it stay next to the mainland.
 */
function keepTogether(polygons: UnwrappedPolygon[]): UnwrappedPolygon[] {
  // A polygon that circles the pole has no side to move the others to.
  const circling = polygons.some(
    ({ box }) => box.east - box.west >= CIRCLING_DEGREES,
  );
  if (circling) return polygons;

  let largest = polygons[0];
  for (const polygon of polygons) {
    if (areaOf(polygon.box) > areaOf(largest.box)) largest = polygon;
  }
  const center = centerOf(largest.box);

  return polygons.map((polygon) => {
    const distance = centerOf(polygon.box) - center;
    let shift = 0;
    if (distance > 180) shift = -360;
    if (distance < -180) shift = 360;
    if (shift === 0) return polygon;

    const { box } = polygon;
    return {
      rings: polygon.rings.map((ring) => shiftRing(ring, shift)),
      box: { ...box, west: box.west + shift, east: box.east + shift },
    };
  });
}

function shiftRing(ring: Position[], degrees: number): Position[] {
  return ring.map(([lng, lat]) => [lng + degrees, lat]);
}

function sideOf(box: BoundingBox): number {
  return Math.max(box.east - box.west, box.north - box.south);
}

function areaOf(box: BoundingBox): number {
  return (box.east - box.west) * (box.north - box.south);
}

function centerOf(box: BoundingBox): number {
  return (box.west + box.east) / 2;
}

/**
 * A polygon of a country's shape at least this far, in degrees, from the
 * shape's largest polygon is a detached part, such as an overseas region.
 */
const DETACHED_DEGREES = 10;

/** A detached part within this many degrees of a country's point belongs to it. */
const OWNER_DEGREES = 4;

function boxOfRing(ring: Position[]): BoundingBox {
  const box = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
  for (const [longitude, latitude] of ring) {
    box.west = Math.min(box.west, longitude);
    box.east = Math.max(box.east, longitude);
    box.south = Math.min(box.south, latitude);
    box.north = Math.max(box.north, latitude);
  }
  return box;
}

function middleOf(box: BoundingBox): [number, number] {
  return [(box.west + box.east) / 2, (box.south + box.north) / 2];
}

/**
 * Splits the detached parts of a shape that lie at the point of a country
 * without a shape of its own into shapes of their own. Natural Earth's
 * 1:50m France, for one, contains French Guiana, which would otherwise be
 * coloured with France's data.
 */
function splitDetachedParts(shape: WorldShape, unshaped: CountryRef[]): WorldShape[] {
  if (shape.geometry.type !== 'MultiPolygon') return [shape];

  const polygons = shape.geometry.coordinates;
  const boxes = polygons.map((polygon) => boxOfRing(polygon[0]));
  let largest = 0;
  boxes.forEach((box, index) => {
    if (areaOf(box) > areaOf(boxes[largest])) largest = index;
  });
  const [homeLongitude, homeLatitude] = middleOf(boxes[largest]);

  const kept: Position[][][] = [];
  const parts: WorldShape[] = [];
  polygons.forEach((polygon, index) => {
    const [longitude, latitude] = middleOf(boxes[index]);
    const far =
      Math.hypot(longitude - homeLongitude, latitude - homeLatitude) > DETACHED_DEGREES;
    const owner = far
      ? unshaped.find(
          (country) =>
            Math.hypot(country.lng - longitude, country.lat - latitude) <= OWNER_DEGREES,
        )
      : undefined;
    if (!owner) {
      kept.push(polygon);
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
    geometry: { type: 'MultiPolygon', coordinates: kept },
  };
  return [rest, ...parts];
}

/** Matches shapes to countries by ISO numeric code, or by name for Kosovo. */
export function matchShapes(
  worldShapes: WorldShape[],
  countries: CountryRef[],
): MatchedShapes {
  const shaped = new Set(worldShapes.map((shape) => shape.id));
  const unshaped = countries.filter(
    (country) => country.numeric !== null && !shaped.has(country.numeric),
  );
  const shapes = worldShapes.flatMap((shape) => splitDetachedParts(shape, unshaped));

  const byNumeric = new Map<string, CountryRef>();
  const byIso3 = new Map<string, CountryRef>();
  for (const country of countries) {
    if (country.numeric) byNumeric.set(country.numeric, country);
    byIso3.set(country.iso3, country);
  }

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
