/**
 * Names and media types of the files the app offers to save. A name from
 * the page is only ever a default in a save dialog, never a path that is
 * written to as given.
 */
import type { ExportFormat } from '../contract/index.js';

/** Media types by file extension. */
export const MEDIA_TYPES: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
  json: 'application/json',
  geojson: 'application/geo+json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

const EXTENSIONS: Record<ExportFormat, string> = {
  xlsx: 'xlsx',
  csv: 'zip',
  json: 'json',
  geojson: 'geojson',
};

/** The subject each export's file name starts with. */
const SUBJECTS: Record<ExportFormat, string> = {
  xlsx: 'memberships',
  csv: 'memberships',
  json: 'dataset',
  geojson: 'countries',
};

/**
 * Returns the file name of an export. `day` is the as-of day of the tables
 * and GeoJSON, and the export day of the JSON dataset, which covers every
 * day.
 */
export function exportFileName(format: ExportFormat, day: string): string {
  return `iscm-atlas-${SUBJECTS[format]}-${day}.${EXTENSIONS[format]}`;
}

/** Returns the extension of a file name in lower case, without the dot; empty when none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

/** Device names that Windows reserves in every folder, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_NAME_LENGTH = 120;

/**
 * Turns a file name from the page into a safe default name: the part after
 * the last slash or backslash, without control characters or characters
 * that Windows forbids, without leading or trailing dots and spaces, at
 * most 120 characters. Returns `fallback` when nothing usable is left.
 */
export function sanitizeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let cleaned = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '-')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  if (cleaned.length > MAX_NAME_LENGTH) {
    const extension = extensionOf(cleaned);
    const keep = MAX_NAME_LENGTH - (extension ? extension.length + 1 : 0);
    cleaned = cleaned.slice(0, keep) + (extension ? `.${extension}` : '');
  }
  if (cleaned === '') return fallback;
  return WINDOWS_RESERVED.test(cleaned) ? `iscm-atlas-${cleaned}` : cleaned;
}
