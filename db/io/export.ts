import { existsSync, statSync } from 'node:fs';

import type Database from 'better-sqlite3';

import { createLogger } from '../logger.js';
import { OutputPathError, writeFileAtomic } from './atomic-write.js';
import { writeCsvFolder, writeCsvZip } from './csv.js';
import { writeGeoJson } from './geojson.js';
import { type FontSource, renderMapPng } from './map-png.js';
import { renderMapSvg } from './map-svg.js';
import { readmeRows } from './readme.js';
import { buildExportTables } from './tables.js';
import type { AsOfOptions } from './types.js';
import { writeXlsx } from './xlsx.js';

const log = createLogger('db/io/export');

/** Formats of an as-of export. */
export const AS_OF_FORMATS = ['xlsx', 'csv', 'geojson', 'svg', 'png'] as const;
export type AsOfFormat = (typeof AS_OF_FORMATS)[number];

export interface AsOfExportRequest extends AsOfOptions {
  format: AsOfFormat;
  /** A file, or for CSV without `zip` a folder. */
  out: string;
  /** CSV only: one .zip file at `out` in place of a folder. */
  zip: boolean;
  /** The export time the README sheet shows; now by default. */
  now?: Date;
  /** Fonts for the PNG; the system's by default. */
  fonts?: FontSource;
}

export interface AsOfExportResult {
  path: string;
  /** One line for the user: what was written where. */
  summary: string;
  /** Things the user should know, such as text missing from a PNG. */
  notes: string[];
}

function checkFilePath(path: string, format: AsOfFormat): void {
  if (existsSync(path) && statSync(path).isDirectory()) {
    throw new OutputPathError(
      `${path} is a folder. Give a file name for the ${format} export, ` +
        `such as ${path.replace(/[\\/]+$/, '')}/atlas.${format}.`,
    );
  }
}

/**
 * Writes an as-of export of the database to `request.out`, atomically:
 * Excel, CSV (a folder, or a zip), GeoJSON, or an SVG or PNG map.
 * Throws OutputPathError when the path cannot be used.
 */
export async function exportAsOf(
  db: Database.Database,
  request: AsOfExportRequest,
): Promise<AsOfExportResult> {
  const started = Date.now();
  const { out, format } = request;
  const notes: string[] = [];
  let summary: string;

  if (format !== 'csv' || request.zip) checkFilePath(out, format);

  switch (format) {
    case 'xlsx': {
      const tables = buildExportTables(db, request);
      await writeXlsx(out, tables, readmeRows(db, request, request.now ?? new Date()));
      summary = `Wrote ${out}: README and ${tables.length} sheets, as of ${request.asOf}.`;
      break;
    }
    case 'csv': {
      const tables = buildExportTables(db, request);
      const names = request.zip
        ? await writeCsvZip(out, tables)
        : await writeCsvFolder(out, tables);
      const where = request.zip ? `the zip file ${out}` : `the folder ${out}`;
      summary =
        `Wrote ${names.length} CSV files (${names.join(', ')}) to ${where}, ` +
        `as of ${request.asOf}.`;
      break;
    }
    case 'geojson': {
      const features = await writeGeoJson(db, out, request);
      summary = `Wrote ${out}: ${features} countries, as of ${request.asOf}.`;
      break;
    }
    case 'svg': {
      await writeFileAtomic(out, renderMapSvg(db, request));
      summary = `Wrote the map ${out}, as of ${request.asOf}.`;
      break;
    }
    case 'png': {
      const image = renderMapPng(renderMapSvg(db, request), request.fonts);
      await writeFileAtomic(out, image.png);
      if (image.note) notes.push(image.note);
      summary =
        `Wrote the map ${out} (${image.width}×${image.height} pixels), ` +
        `as of ${request.asOf}.`;
      break;
    }
  }

  log.info(`${format} export as of ${request.asOf} to ${out} in ${Date.now() - started} ms`);
  return { path: out, summary, notes };
}
