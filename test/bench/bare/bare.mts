/**
 * The reference page of the map benchmark: the app's country polygons
 * (world-atlas countries-50m, converted with topojson-client) drawn by
 * Leaflet alone, with no tiles, no app state and no API calls.
 *
 * The file ends in .mts so that the Node build, which compiles every .ts
 * file under test/bench without DOM types, leaves it out. The
 * tsconfig.json next to it type-checks it for the browser.
 */
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/**
 * Shifts longitudes by whole turns so that no step along the ring jumps
 * more than 180°. Rings that cross the antimeridian (Russia, Fiji,
 * Antarctica) would otherwise draw stripes across the whole map.
 */
function unwrapRing(ring: Position[]): Position[] {
  let offset = 0;
  let previous = ring[0]?.[0] ?? 0;
  return ring.map(([longitude, latitude]) => {
    const step = longitude - previous;
    if (step > 180) offset -= 360;
    else if (step < -180) offset += 360;
    previous = longitude;
    return [longitude + offset, latitude];
  });
}

function unwrapGeometry(geometry: Geometry): Geometry {
  if (geometry.type === 'Polygon') {
    return { ...geometry, coordinates: geometry.coordinates.map(unwrapRing) };
  }
  if (geometry.type === 'MultiPolygon') {
    return {
      ...geometry,
      coordinates: geometry.coordinates.map((polygon) => polygon.map(unwrapRing)),
    };
  }
  return geometry;
}

async function drawMap(): Promise<void> {
  const container = document.getElementById('map');
  if (!container) throw new Error('index.html has no #map element');

  const topology = (await import('world-atlas/countries-50m.json'))
    .default as unknown as Topology<{ countries: GeometryCollection }>;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection;
  const unwrapped: Feature[] = countries.features.map((country) => ({
    ...country,
    geometry: unwrapGeometry(country.geometry),
  }));

  // The app's first view: the inhabited world at a quarter-zoom step, so
  // both pages draw the polygons at the same scale.
  const map = L.map(container, { attributionControl: false, zoomSnap: 0.25 });
  map.fitBounds(L.latLngBounds([-50, -165], [75, 185]));
  L.geoJSON(unwrapped, {
    style: { color: '#555', weight: 0.5, fillColor: '#9ecae1', fillOpacity: 1 },
  }).addTo(map);

  requestAnimationFrame(() => {
    document.body.dataset.mapReady = 'true';
  });
}

drawMap().catch((error: unknown) => {
  console.error('The bare map failed to draw:', error);
});
