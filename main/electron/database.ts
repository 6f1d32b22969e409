/**
 * Opening the app's database in Electron: finding the Electron build of
 * better-sqlite3's native addon, and recovering from a damaged database
 * file by asking the user.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import type Database from 'better-sqlite3';

import { createLogger } from '../../db/logger.js';
import { DatabaseDamagedError, openAtlasDatabase, startFromBaseline } from '../../db/open.js';

const log = createLogger('electron/database');

/**
 * The folder, relative to the app root, where scripts/electron-native.mjs
 * puts better-sqlite3 built for Electron's ABI. The Node build under
 * node_modules stays as it is for the tests, the preview and the CLI.
 */
export const NATIVE_FOLDER = '.native-electron';
export const NATIVE_ADDON_FILE = 'better_sqlite3.node';

/**
 * Returns the path of the Electron build of better-sqlite3, or undefined
 * when there is none, in which case better-sqlite3 loads its default build.
 * `appPath` is app.getAppPath(): the project folder in development, or the
 * app.asar archive when packaged, whose unpacked files electron-builder
 * puts in the sibling folder app.asar.unpacked.
 */
export function findNativeBinding(
  appPath: string,
  isPackaged: boolean,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const root = isPackaged ? `${appPath}.unpacked` : appPath;
  const candidate = join(root, NATIVE_FOLDER, NATIVE_ADDON_FILE);
  if (exists(candidate)) return candidate;

  log.warn(`${candidate} is missing; loading the default build of better-sqlite3`);
  return undefined;
}

export interface RecoveryOptions {
  path: string;
  nativeBinding?: string;
  /** Asks the user whether to set the damaged file aside and start anew. */
  confirmStartFromBaseline: (error: DatabaseDamagedError) => boolean;
}

/**
 * Opens the database at `options.path`, creating it from the 2020 baseline
 * when the file is missing. When the file exists but is damaged, asks the
 * user: on yes, sets the file aside and creates a new one; on no, returns
 * undefined and the file stays untouched. Other errors are thrown.
 */
export function openDatabaseWithRecovery(
  options: RecoveryOptions,
): Database.Database | undefined {
  const openOptions = { nativeBinding: options.nativeBinding };
  try {
    return openAtlasDatabase(options.path, openOptions);
  } catch (error) {
    if (!(error instanceof DatabaseDamagedError)) throw error;

    log.error(`${error.path}: cannot be used: ${error.problems.join('; ')}`);
    if (!options.confirmStartFromBaseline(error)) {
      log.info(`${error.path}: left as it is at the user's request`);
      return undefined;
    }

    const { db, setAsidePath } = startFromBaseline(options.path, openOptions);
    log.info(`${options.path}: started from the baseline; old file kept as ${setAsidePath}`);
    return db;
  }
}
