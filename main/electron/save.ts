/**
 * Saving exports in the desktop app: the main process opens the save
 * dialog, so the page never names a path, and writes the chosen file
 * atomically. The functions take Electron's dialog call and folder lookup
 * as arguments, so tests pass fakes.
 */
import { dirname, join } from 'node:path';

import type { FileFilter, SaveDialogOptions } from 'electron';

import { writeFileAtomic } from '../../db/io/atomic-write.js';
import { createLogger } from '../../db/logger.js';
import type { SaveFileResult } from '../contract/index.js';
import { fileErrorOf } from '../handlers/file-errors.js';
import { extensionOf } from '../handlers/file-names.js';
import type { FileToSave } from '../handlers/files.js';

const log = createLogger('electron/save');

/** The file type offered first in the dialog, by extension. */
const FILTERS: Record<string, FileFilter> = {
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  zip: { name: 'ZIP archive of CSV files', extensions: ['zip'] },
  json: { name: 'JSON dataset', extensions: ['json'] },
  geojson: { name: 'GeoJSON', extensions: ['geojson', 'json'] },
  svg: { name: 'SVG image', extensions: ['svg'] },
  png: { name: 'PNG image', extensions: ['png'] },
};

const ALL_FILES: FileFilter = { name: 'All files', extensions: ['*'] };

/**
 * Returns the options of the save dialog for `fileName`: that name in
 * `folder`, a filter for its type and one for all files, and a question
 * before replacing an existing file.
 */
export function saveDialogOptions(fileName: string, folder: string): SaveDialogOptions {
  const filter = FILTERS[extensionOf(fileName)];
  return {
    title: `Save ${fileName}`,
    defaultPath: folder === '' ? fileName : join(folder, fileName),
    buttonLabel: 'Save',
    filters: filter ? [filter, ALL_FILES] : [ALL_FILES],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}

/** The part of Electron's dialog.showSaveDialog result that saving reads. */
export interface SaveDialogChoice {
  canceled: boolean;
  filePath?: string;
}

export interface FileSaverOptions {
  /** Opens the save dialog, attached to the app window when there is one. */
  showSaveDialog: (options: SaveDialogOptions) => Promise<SaveDialogChoice>;
  /** The folder the first dialog opens in: app.getPath('documents'). */
  defaultFolder: () => string;
  /** Writes the bytes; writeFileAtomic by default. */
  writeFile?: (path: string, bytes: Uint8Array) => Promise<void>;
}

/**
 * Returns the function that saves a file where the user chooses. The
 * dialog opens in the default folder, later in the folder of the last
 * file saved. A cancelled dialog writes nothing. A failed write throws
 * AtlasError file_error and leaves an existing file as it was.
 */
export function createFileSaver(
  options: FileSaverOptions,
): (file: FileToSave) => Promise<SaveFileResult> {
  const writeFile = options.writeFile ?? writeFileAtomic;
  let lastFolder: string | null = null;

  return async (file) => {
    const folder = lastFolder ?? options.defaultFolder();
    const choice = await options.showSaveDialog(saveDialogOptions(file.fileName, folder));
    if (choice.canceled || !choice.filePath) {
      log.info(`save of ${file.fileName} cancelled`);
      return { cancelled: true };
    }

    const path = choice.filePath;
    try {
      await writeFile(path, file.bytes);
    } catch (error) {
      log.error(`saving ${path} failed: ${String(error)}`);
      throw fileErrorOf(error, `Saving ${path}`);
    }
    lastFolder = dirname(path);
    log.info(`saved ${path} (${file.bytes.length} bytes)`);
    return { savedPath: path };
  };
}
