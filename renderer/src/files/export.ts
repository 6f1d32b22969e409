/**
 * Exports from the page: the Node side builds the tables and datasets,
 * the page draws the map images from what is on screen. The desktop app
 * saves every file through its save dialog, and the browser preview
 * downloads it.
 */
import type {
  ExportFileResult,
  ExportFormat,
  MapSummary,
} from '../../../main/contract/index.js';
import { countBins } from '../../../main/contract/map/bins.js';
import { isDesktopApp, query } from '../lib/api';
import {
  buildMapSvg,
  canvasMeasure,
  captureLayers,
  getMapView,
  svgToPng,
} from '../map/snapshot';
import type { CountSwitches } from '../state/atlas.svelte';
import { base64ToBlob, blobToBase64, downloadBlob } from './bytes';

/** Every choice of the export dialog: the Node side's formats and the two map images. */
export type ExportChoice = ExportFormat | 'svg' | 'png';

export const MAP_IMAGE_CHOICES: readonly ExportChoice[] = ['svg', 'png'];

/** The as-of day and count switches the export uses: those of the map on screen. */
export interface ExportSettings {
  asOf: string;
  count: CountSwitches;
}

/**
 * Saves or downloads the result of exportFile. Returns the notice to show,
 * or null when the user cancelled the save dialog.
 */
function deliver(result: ExportFileResult): string | null {
  if ('cancelled' in result) return null;
  if ('savedPath' in result) return `Saved ${result.savedPath}.`;

  downloadBlob(base64ToBlob(result.dataBase64, result.mediaType), result.fileName);
  return `Downloaded ${result.fileName}.`;
}

/** Exports tables or a dataset built on the Node side and returns what deliver returns. */
export async function exportData(
  format: ExportFormat,
  settings: ExportSettings,
): Promise<string | null> {
  const result = await query('exportFile', {
    format,
    asOf: settings.asOf,
    count: settings.count,
  });
  return deliver(result);
}

async function saveBlob(blob: Blob, fileName: string): Promise<string | null> {
  if (!isDesktopApp) {
    downloadBlob(blob, fileName);
    return `Downloaded ${fileName}.`;
  }

  const result = await query('saveFile', {
    fileName,
    mediaType: blob.type,
    dataBase64: await blobToBase64(blob),
  });
  return 'cancelled' in result ? null : `Saved ${result.savedPath}.`;
}

/**
 * Exports the map on screen as an SVG or PNG file with its title, legend,
 * as-of date and disclaimer. The map must be visible: the caller shows
 * the Map tab first.
 */
export async function exportMapImage(
  kind: 'svg' | 'png',
  summary: MapSummary,
): Promise<string | null> {
  const view = getMapView();
  if (view === null || view.container.clientWidth === 0) {
    throw new Error('The map is not on screen. Open the Map tab, then export again.');
  }
  view.refresh();

  const layers = captureLayers(view.container);
  const svg = buildMapSvg(layers, summary, countBins(summary.maxCount), canvasMeasure());
  const fileName = `iscm-atlas-map-${summary.asOf}.${kind}`;
  const blob =
    kind === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
  return saveBlob(blob, fileName);
}
