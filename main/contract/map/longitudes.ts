/**
 * Unwraps the longitudes of world-atlas polygons so that no ring jumps
 * across the antimeridian, and measures polygons by their bounding boxes.
 * Leaflet needs the unwrapped rings. d3-geo 3.1.2 reduces every longitude to
 * -180°..180° before it projects, so it draws them as it draws the originals.
 */
import type { Position } from 'geojson';

/** A ring at least this wide, in degrees, circles a pole. */
const CIRCLING_DEGREES = 359;

export interface BoundingBox {
  west: number;
  east: number;
  south: number;
  north: number;
}

/** A polygon's unwrapped rings and the bounding box of its outer ring. */
export interface UnwrappedPolygon {
  rings: Position[][];
  box: BoundingBox;
}

/** A ring with its longitudes unwrapped, and its bounding box. */
interface UnwrappedRing {
  ring: Position[];
  box: BoundingBox;
}

/** Unwraps each ring of a polygon; see unwrapRing. */
export function unwrapPolygon(rings: Position[][]): UnwrappedPolygon {
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
export function keepTogether(polygons: UnwrappedPolygon[]): UnwrappedPolygon[] {
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

/** Returns a longitude in degrees moved by whole turns into -180..180. */
export function wrapLongitude(longitude: number): number {
  if (longitude > 180) return longitude - 360 * Math.ceil((longitude - 180) / 360);
  if (longitude < -180) return longitude + 360 * Math.ceil((-180 - longitude) / 360);
  return longitude;
}

export function boxOfRing(ring: Position[]): BoundingBox {
  const box = { west: Infinity, east: -Infinity, south: Infinity, north: -Infinity };
  for (const [longitude, latitude] of ring) {
    box.west = Math.min(box.west, longitude);
    box.east = Math.max(box.east, longitude);
    box.south = Math.min(box.south, latitude);
    box.north = Math.max(box.north, latitude);
  }
  return box;
}

/** Returns the larger side of a box, in degrees. */
export function sideOf(box: BoundingBox): number {
  return Math.max(box.east - box.west, box.north - box.south);
}

export function areaOf(box: BoundingBox): number {
  return (box.east - box.west) * (box.north - box.south);
}

function centerOf(box: BoundingBox): number {
  return (box.west + box.east) / 2;
}

/** Returns the box's middle as [longitude, latitude]. */
export function middleOf(box: BoundingBox): [number, number] {
  return [(box.west + box.east) / 2, (box.south + box.north) / 2];
}
