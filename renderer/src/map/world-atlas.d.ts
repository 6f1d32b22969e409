// Typed here so that TypeScript does not infer a literal type from the
// 756 kB JSON file, which slows every check of the renderer.
declare module 'world-atlas/countries-50m.json' {
  import type { GeometryCollection, Topology } from 'topojson-specification';

  const topology: Topology<{
    countries: GeometryCollection<{ name: string }>;
    land: GeometryCollection;
  }>;
  export default topology;
}
