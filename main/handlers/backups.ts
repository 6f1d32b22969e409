/**
 * Backups for the adapters: one at start, the list the page shows, and
 * restoring one of them by file name. The page never names a path: it
 * picks a name from the list, and only a name on that list is restored.
 */
import type Database from 'better-sqlite3';

import {
  BackupDamagedError,
  backupDatabase,
  backupFolderOf,
  listBackups,
  restoreBackup,
  type BackupFile,
} from '../../db/backup.js';
import { createLogger } from '../../db/logger.js';
import type { BackupEntry, RestoredBackup } from '../contract/index.js';
import { AtlasError, type HandlerContext } from './context.js';
import { fileErrorOf } from './file-errors.js';

const log = createLogger('main/backups');

/**
 * Returns the folder of the database's backups, or null for a database
 * in memory, which has no folder beside it.
 */
export function backupFolderFor(databasePath: string): string | null {
  if (databasePath === '' || databasePath === ':memory:') return null;
  return backupFolderOf(databasePath);
}

/**
 * Backs up the database as the app opens it, so that the state before
 * this session can be restored. A failure is logged and returns null: the
 * app still starts.
 */
export async function backUpAtStart(
  db: Database.Database,
  databasePath: string,
): Promise<BackupFile | null> {
  const folder = backupFolderFor(databasePath);
  if (folder === null) return null;

  try {
    return await backupDatabase(db, folder, { kind: 'start' });
  } catch (error) {
    log.warn(`start: backing up ${databasePath} into ${folder} failed: ${String(error)}`);
    return null;
  }
}

function toEntry(backup: BackupFile): BackupEntry {
  return {
    fileName: backup.fileName,
    createdAt: backup.createdAt,
    bytes: backup.bytes,
    reason: backup.reason,
  };
}

/** Lists the backups of the context's database, newest first. */
export function listContextBackups(context: HandlerContext): BackupEntry[] {
  const folder = backupFolderFor(context.databasePath);
  if (folder === null) return [];
  try {
    return listBackups(folder).map(toEntry);
  } catch (error) {
    throw fileErrorOf(error, `Listing the backups in ${folder}`);
  }
}

/**
 * Restores the backup named `fileName` into the context's database, after
 * backing up the current state. Throws AtlasError not_found for any name
 * that listBackups does not return, such as a path.
 */
export async function restoreContextBackup(
  context: HandlerContext,
  fileName: string,
): Promise<RestoredBackup> {
  const folder = backupFolderFor(context.databasePath);
  const backup = folder === null ? undefined : listBackups(folder).find(
    (candidate) => candidate.fileName === fileName,
  );
  if (folder === null || backup === undefined) {
    throw new AtlasError(
      'not_found',
      `There is no backup named ${JSON.stringify(fileName)}. Choose one from the list of backups.`,
      'fileName',
    );
  }

  try {
    const result = await restoreBackup(context.databasePath, backup.path, {
      backupFolder: folder,
    });
    log.info(`restored ${context.databasePath} from ${backup.fileName}`);
    return {
      restoredFrom: backup.fileName,
      previousBackup: result.previousBackup?.fileName ?? null,
    };
  } catch (error) {
    if (error instanceof BackupDamagedError) {
      throw new AtlasError('database_corrupt', error.message, 'fileName');
    }
    throw fileErrorOf(error, `Restoring ${backup.fileName}`);
  }
}
