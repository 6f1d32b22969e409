/**
 * Handlers of the file queries: exports as bytes, saving through the
 * desktop app's save dialog, JSON imports in two steps, and backups. They
 * return promises; runFileQuery in dispatch.ts awaits them.
 */
import { basename } from 'node:path';

import { csvFileName, formatCsv, zipFiles } from '../../db/io/csv.js';
import { buildGeoJson } from '../../db/io/geojson.js';
import { ImportFileError } from '../../db/io/import-file.js';
import { buildJsonDocument, jsonDocumentText } from '../../db/io/json-export.js';
import { applyImport, previewImport } from '../../db/io/json-import.js';
import { readmeRows } from '../../db/io/readme.js';
import { buildExportTables } from '../../db/io/tables.js';
import { buildWorkbook } from '../../db/io/xlsx.js';
import type {
  FileQueryName,
  ParsedInput,
  QueryResults,
  SaveFileResult,
} from '../contract/index.js';
import { backupFolderFor, listContextBackups, restoreContextBackup } from './backups.js';
import { AtlasError, type HandlerContext } from './context.js';
import { fileErrorOf } from './file-errors.js';
import { exportFileName, extensionOf, MEDIA_TYPES, sanitizeFileName } from './file-names.js';
import {
  describePreview,
  findPreview,
  forgetAllPreviews,
  forgetPreview,
  keepPreview,
} from './import-previews.js';
import { DEFAULT_COUNT, resolveAsOf } from './index.js';
import { currentAuthor } from './records.js';

/** A file built on the Node side or sent by the page, before it is saved or downloaded. */
export interface FileToSave {
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
}

/** Capabilities of the adapter that runs a file query. */
export interface FileQueryOptions {
  /**
   * Saves a file where the user chooses, through a save dialog. Only the
   * desktop app has one. Without it, exportFile returns the bytes for the
   * page to download, and saveFile fails as unsupported.
   */
  saveFile?: (file: FileToSave) => Promise<SaveFileResult>;
}

export type FileHandlers = {
  [N in FileQueryName]: (
    context: HandlerContext,
    input: ParsedInput<N>,
    options: FileQueryOptions,
  ) => Promise<QueryResults[N]>;
};

const exclusive = new WeakMap<HandlerContext, Promise<unknown>>();

/**
 * Runs `task` after the context's earlier imports and restores have
 * finished, so that a restore cannot start while an import is writing.
 */
function runExclusive<T>(context: HandlerContext, task: () => Promise<T>): Promise<T> {
  const previous = exclusive.get(context) ?? Promise.resolve();
  const next = previous.then(task, task);
  exclusive.set(
    context,
    next.catch(() => undefined),
  );
  return next;
}

async function buildExport(
  context: HandlerContext,
  input: ParsedInput<'exportFile'>,
): Promise<FileToSave> {
  const { db } = context;
  if (input.format === 'json') {
    const text = jsonDocumentText(buildJsonDocument(db));
    return file(exportFileName('json', context.today()), Buffer.from(text, 'utf8'));
  }

  const options = {
    asOf: resolveAsOf(context, input.asOf),
    count: input.count ?? DEFAULT_COUNT,
  };
  const name = exportFileName(input.format, options.asOf);
  switch (input.format) {
    case 'xlsx': {
      const tables = buildExportTables(db, options);
      return file(name, await buildWorkbook(tables, readmeRows(db, options, new Date())));
    }
    case 'csv': {
      const files = buildExportTables(db, options).map((table) => ({
        name: csvFileName(table),
        content: formatCsv(table),
      }));
      const chunks = (await zipFiles(files).toArray()) as Buffer[];
      return file(name, Buffer.concat(chunks));
    }
    case 'geojson':
      return file(name, Buffer.from(JSON.stringify(buildGeoJson(db, options)), 'utf8'));
  }
}

function file(fileName: string, bytes: Uint8Array): FileToSave {
  return { fileName, mediaType: MEDIA_TYPES[extensionOf(fileName)], bytes };
}

export const fileHandlers: FileHandlers = {
  async exportFile(context, input, options) {
    const built = await buildExport(context, input);
    if (options.saveFile) return options.saveFile(built);

    return {
      fileName: built.fileName,
      mediaType: built.mediaType,
      dataBase64: Buffer.from(built.bytes).toString('base64'),
    };
  },

  async saveFile(_context, input, options) {
    if (!options.saveFile) {
      throw new AtlasError(
        'unsupported',
        'Saving through a save dialog needs the desktop app. In the browser ' +
          'preview, the page downloads the file instead.',
      );
    }
    const extension = extensionOf(input.fileName);
    return options.saveFile({
      fileName: sanitizeFileName(input.fileName, `iscm-atlas-file.${extension || 'bin'}`),
      mediaType: input.mediaType,
      bytes: Buffer.from(input.dataBase64, 'base64'),
    });
  },

  async previewImport(context, input) {
    const fileName = sanitizeFileName(input.fileName, 'import.json');
    const content =
      input.dataBase64 !== undefined ? Buffer.from(input.dataBase64, 'base64') : input.text!;

    try {
      const preview = previewImport(context.db, content, fileName, { today: context.today() });
      return describePreview(keepPreview(context, preview), preview);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      return {
        status: 'rejected',
        fileName: error.fileName,
        message: error.message,
        problems: error.problems.map((problem) => ({ ...problem })),
      };
    }
  },

  applyImport(context, input) {
    return runExclusive(context, async () => {
      const preview = findPreview(context, input.previewId);
      if (preview === undefined) {
        throw new AtlasError(
          'not_found',
          'This import preview is no longer available: it was applied already, ' +
            'expired after 30 minutes, or was replaced by newer previews. Choose ' +
            'the file again.',
          'previewId',
        );
      }

      try {
        const result = await applyImport(
          context.db,
          preview,
          {
            acceptConflicts: input.acceptConflicts,
            backupFolder: backupFolderFor(context.databasePath),
          },
          currentAuthor(context),
        );
        forgetPreview(context, input.previewId);
        return {
          written: result.written,
          added: result.added,
          updated: result.updated,
          conflictsAccepted: result.conflictsAccepted,
          skipped: result.skipped,
          notImported: result.notImported,
          backupFileName: result.backupPath === null ? null : basename(result.backupPath),
        };
      } catch (error) {
        // The database changed since the preview, which is now useless.
        if (error instanceof AtlasError && error.code === 'conflict') {
          forgetPreview(context, input.previewId);
        }
        throw fileErrorOf(error, `Importing ${preview.fileName}`);
      }
    });
  },

  async listBackups(context) {
    return listContextBackups(context);
  },

  restoreBackup(context, input) {
    return runExclusive(context, async () => {
      const restored = await restoreContextBackup(context, input.fileName);
      forgetAllPreviews(context);
      return restored;
    });
  },
};
