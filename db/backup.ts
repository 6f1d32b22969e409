/**
 * Backups of the atlas database, and restoring one.
 *
 * A backup is made with SQLite's online backup API (better-sqlite3's
 * `db.backup()`), which reads a consistent snapshot through a connection,
 * including what is still in the write-ahead log. Copying the file of a
 * live database could catch it mid-write and would miss the log.
 *
 * Restoring also uses the online backup API, from the backup file into the
 * live path, rather than closing the database and renaming a file over it.
 * SQLite writes the restored pages in one write transaction on the
 * destination, so a crash leaves either the old or the restored database.
 * Connections that stay open, such as the desktop app's, read the restored
 * content on their next query, and the -wal and -shm files stay consistent
 * with the main file. A rename would leave an open connection reading the
 * replaced file, and could pair the new file with the old write-ahead log.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';

import Database from 'better-sqlite3';

import {
  formatBackupName,
  parseBackupName,
  rotationOf,
  type BackupReason,
  type ListedBackupReason,
} from './backup-names.js';
import { closeDatabase } from './close.js';
import { createLogger } from './logger.js';
import { readMigrations } from './migrate.js';
import { openAtlasDatabase } from './open.js';

export type { BackupReason, ListedBackupReason } from './backup-names.js';

const log = createLogger('db/backup');

/**
 * How many backups of each reason a folder keeps; older ones are deleted.
 * Start, import and restore backups rotate apart, so that starting the app
 * never deletes the backup made before an import.
 */
export const BACKUPS_KEPT = 10;

/** Tables a backup must contain to be restored. */
const REQUIRED_TABLES = [
  'countries',
  'bodies',
  'themes',
  'body_themes',
  'baseline_memberships',
  'organizations',
  'membership_changes',
  'membership_reverts',
  'membership_change_versions',
  'annotations',
  'annotation_versions',
];

/** A backup file in a backups folder. */
export interface BackupFile {
  path: string;
  fileName: string;
  /** When the backup was made (UTC), from its file name. */
  createdAt: string;
  bytes: number;
  /** The reason the backup was made, read from its file name. */
  reason: ListedBackupReason;
}

/** A backup with the counter that orders backups of the same millisecond. */
interface CountedBackup extends BackupFile {
  counter: number;
}

/** A backup file that cannot be restored; the current database was left as it was. */
export class BackupDamagedError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(
      `The backup ${path} cannot be restored: ${problems.join('; ')}. The ` +
        'current database was left as it was. Choose another backup.',
    );
    this.name = 'BackupDamagedError';
  }
}

/**
 * Returns the folder for the backups of the database at `databasePath`:
 * "<name>-backups" next to it, such as "atlas-backups" for atlas.sqlite,
 * so that two databases in one folder keep their backups apart.
 */
export function backupFolderOf(databasePath: string): string {
  const name = basename(databasePath, extname(databasePath));
  return join(dirname(databasePath), `${name}-backups`);
}

/**
 * Returns backupFolderOf the database's file, or null for a database in
 * memory or in a temporary file, which has no folder to keep backups in.
 */
export function defaultBackupFolder(db: Database.Database): string | null {
  return db.name === ':memory:' || db.name === '' ? null : backupFolderOf(db.name);
}

/** Reads the backups in `folder`, newest first. Returns none when the folder is missing. */
function readBackups(folder: string): CountedBackup[] {
  if (!existsSync(folder)) return [];

  const backups: CountedBackup[] = [];
  for (const fileName of readdirSync(folder)) {
    const name = parseBackupName(fileName);
    if (name === null) continue;
    const path = join(folder, fileName);
    backups.push({ path, fileName, bytes: statSync(path).size, ...name });
  }
  return backups.sort(
    (a, b) => b.createdAt.localeCompare(a.createdAt) || b.counter - a.counter,
  );
}

/**
 * Returns a path for a new backup. Its time and counter differ from those
 * of every backup in the folder, whatever their reasons, so that the
 * order of backups made in the same millisecond stays known.
 */
function freePath(folder: string, now: Date, reason: BackupReason): string {
  const createdAt = now.toISOString();
  const used = new Set(
    readBackups(folder)
      .filter((backup) => backup.createdAt === createdAt)
      .map((backup) => backup.counter),
  );
  let counter = 0;
  while (used.has(counter)) counter++;
  return join(folder, formatBackupName(now, counter, reason));
}

/**
 * Lists the backups in `folder`, newest first, with backups of earlier
 * versions, whose reason is "unknown". Returns none when the folder is
 * missing.
 */
export function listBackups(folder: string): BackupFile[] {
  return readBackups(folder).map(({ counter: _counter, ...backup }) => backup);
}

/**
 * Deletes all but the newest `keep` backups of each reason in `folder` and
 * returns how many it deleted.
 */
function pruneBackups(folder: string, keep: number): number {
  const counts = new Map<BackupReason['kind'], number>();
  let deleted = 0;
  for (const backup of readBackups(folder)) {
    const rotation = rotationOf(backup.reason);
    const newer = counts.get(rotation) ?? 0;
    counts.set(rotation, newer + 1);
    if (newer < keep) continue;

    rmSync(backup.path, { force: true });
    deleted++;
  }
  if (deleted > 0) log.info(`${folder}: deleted ${deleted} old backups`);
  return deleted;
}

/**
 * Backs up the database into `folder` with SQLite's online backup API, as
 * "atlas-backup-<UTC time>-<reason>.sqlite". Then deletes all but the
 * newest `keep` backups of each reason there: BACKUPS_KEPT by default, and
 * none with `keep: null`. The backup is a single file in rollback-journal
 * mode, written under a temporary name and renamed when complete.
 */
export async function backupDatabase(
  db: Database.Database,
  folder: string,
  reason: BackupReason,
  options: { now?: Date; keep?: number | null } = {},
): Promise<BackupFile> {
  const started = Date.now();
  const now = options.now ?? new Date();
  await mkdir(folder, { recursive: true });
  const path = freePath(folder, now, reason);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);

  try {
    await db.backup(temporary);
    // The copy inherits the live database's WAL mode; a backup should be
    // one self-contained file.
    const copy = new Database(temporary, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }

  const keep = options.keep === undefined ? BACKUPS_KEPT : options.keep;
  if (keep !== null) pruneBackups(folder, keep);
  const bytes = statSync(path).size;
  log.info(`backed up ${db.name} to ${path} (${bytes} bytes) in ${Date.now() - started} ms`);
  return { path, fileName: basename(path), createdAt: now.toISOString(), bytes, reason };
}

/**
 * Checks that a file is a usable atlas database: SQLite's full integrity
 * check passes, the required tables exist, and its schema is not newer
 * than this application's. Returns the problems found; none when usable.
 */
export function checkBackupFile(path: string): string[] {
  if (!existsSync(path)) return ['the file does not exist'];

  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    if (error instanceof Database.SqliteError) {
      return [`it is not a readable SQLite database (${error.message})`];
    }
    throw error;
  }

  try {
    return findBackupProblems(db);
  } finally {
    db.close();
  }
}

function findBackupProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  try {
    const results = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = results.map((row) => row.integrity_check);
    if (messages.length !== 1 || messages[0] !== 'ok') {
      problems.push(`SQLite's integrity check failed (${messages.slice(0, 3).join('; ')})`);
    }
  } catch (error) {
    if (!(error instanceof Database.SqliteError)) throw error;
    problems.push(`SQLite's integrity check failed (${error.message})`);
  }

  const present = new Set(
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[],
  );
  const missing = REQUIRED_TABLES.filter((table) => !present.has(table));
  if (missing.length > 0) problems.push(`missing tables: ${missing.join(', ')}`);

  const version = db.pragma('user_version', { simple: true }) as number;
  const latest = readMigrations().length;
  if (version > latest) {
    problems.push(
      `it was made by a newer version of the application (schema ${version}, ` +
        `this one reads up to ${latest}); update the application first`,
    );
  }
  return problems;
}

/** Opens the current database for a backup, or returns null when it is damaged. */
function openCurrent(path: string): Database.Database | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check === 'ok') return db;
  } catch (error) {
    if (!(error instanceof Database.SqliteError)) throw error;
  }
  db?.close();
  return null;
}

/** Renames a damaged database and its -wal and -shm files aside; returns the new path. */
function setAside(path: string, now: Date): string {
  const setAsidePath = `${path}.damaged-${now.toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, setAsidePath);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, setAsidePath + suffix);
  }
  return setAsidePath;
}

export interface RestoreResult {
  restoredFrom: string;
  /** The backup of the database as it was before the restore, when it was readable. */
  previousBackup: BackupFile | null;
  /** The new path of a current database too damaged to back up; null otherwise. */
  setAsidePath: string | null;
}

/**
 * Replaces the database at `currentPath` with the content of `backupFile`.
 * Checks the backup first and throws BackupDamagedError, changing nothing,
 * when it is not usable. Then backs up the current database with the
 * reason "restore" (into `backupFolder`, by default
 * backupFolderOf(currentPath)), or sets it aside when it is too damaged to
 * read, and copies the backup into the live path with SQLite's online
 * backup API. Last, it applies any
 * migrations the backup predates.
 */
export async function restoreBackup(
  currentPath: string,
  backupFile: string,
  options: { backupFolder?: string; now?: Date } = {},
): Promise<RestoreResult> {
  const problems = checkBackupFile(backupFile);
  if (problems.length > 0) throw new BackupDamagedError(backupFile, problems);

  const now = options.now ?? new Date();
  const folder = options.backupFolder ?? backupFolderOf(currentPath);
  let previousBackup: BackupFile | null = null;
  let setAsidePath: string | null = null;

  if (existsSync(currentPath)) {
    const current = openCurrent(currentPath);
    if (current === null) {
      setAsidePath = setAside(currentPath, now);
      log.warn(`${currentPath}: damaged, set aside as ${setAsidePath} before the restore`);
    } else {
      try {
        // Pruning waits until after the restore, which may read the oldest backup.
        previousBackup = await backupDatabase(
          current,
          folder,
          { kind: 'restore' },
          { now, keep: null },
        );
      } finally {
        current.close();
      }
    }
  }

  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(currentPath);
  } finally {
    source.close();
  }
  closeDatabase(openAtlasDatabase(currentPath));
  pruneBackups(folder, BACKUPS_KEPT);

  log.info(`${currentPath}: restored from ${backupFile}`);
  return { restoredFrom: backupFile, previousBackup, setAsidePath };
}
