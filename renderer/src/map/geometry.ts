/**
 * Loads world-atlas's 1:50m countries for the map. The conversion and the
 * matching to the dataset are in main/contract/map/shapes.ts, which the
 * command-line map exports share.
 */
import {
  buildWorldShapes,
  type WorldShape,
} from '../../../main/contract/map/shapes.js';

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
  return buildWorldShapes(topology);
}
