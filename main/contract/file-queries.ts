/**
 * Input schemas of the file queries: exports, imports and backups. Their
 * handlers return promises, so the adapters await them; every other query
 * runs synchronously.
 */
import { z } from 'zod';

import { base64Length, MAX_IMPORT_FILE_BYTES, MAX_SAVED_FILE_BYTES } from './file-types.js';
import { asOfSchema, countOptionsSchema } from './schemas.js';

/** Formats that exportFile builds on the Node side; the map images are drawn by the renderer. */
export const EXPORT_FORMATS = ['xlsx', 'csv', 'json', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const fileNameSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters');

const base64Schema = (maxBytes: number) =>
  z
    .base64('must be base64-encoded bytes')
    .max(base64Length(maxBytes), `must encode at most ${maxBytes / (1024 * 1024)} MiB`);

const emptyInput = z.object({}).strict();

export const fileQueries = {
  /** Builds an export as bytes, which the desktop app then saves through its save dialog. */
  exportFile: {
    kind: 'file',
    input: z
      .object({
        format: z.enum(EXPORT_FORMATS),
        asOf: asOfSchema,
        count: countOptionsSchema.optional(),
      })
      .strict(),
  },
  /** Saves bytes the renderer built (a map image) through the desktop app's save dialog. */
  saveFile: {
    kind: 'file',
    input: z
      .object({
        fileName: fileNameSchema,
        mediaType: z.string().min(1).max(100),
        dataBase64: base64Schema(MAX_SAVED_FILE_BYTES),
      })
      .strict(),
  },
  /** Checks an import file and keeps the preview on the Node side; writes nothing. */
  previewImport: {
    kind: 'file',
    input: z
      .object({
        fileName: fileNameSchema,
        /** The file as text; give dataBase64 instead to keep its exact bytes. */
        text: z
          .string()
          .max(MAX_IMPORT_FILE_BYTES, 'must be at most 50 MiB')
          .optional(),
        dataBase64: base64Schema(MAX_IMPORT_FILE_BYTES).optional(),
      })
      .strict()
      .refine((input) => (input.text === undefined) !== (input.dataBase64 === undefined), {
        message: 'give the file as either text or dataBase64, not both or neither',
        path: ['text'],
      }),
  },
  /** Writes what a preview found, with the conflicts the user accepted. */
  applyImport: {
    kind: 'file',
    input: z
      .object({
        previewId: z.string().min(1, 'must not be empty').max(64),
        acceptConflicts: z.array(z.string().max(64)).max(100_000).default([]),
      })
      .strict(),
  },
  listBackups: { kind: 'file', input: emptyInput },
  /** Restores one backup that listBackups returned, by its file name. */
  restoreBackup: {
    kind: 'file',
    input: z.object({ fileName: fileNameSchema }).strict(),
  },
} as const;

export type FileQueryName = keyof typeof fileQueries;
