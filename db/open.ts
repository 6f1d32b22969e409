import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

import { loadBaseline } from './baseline.js';
import { createLogger } from './logger.js';
import { migrate, readMigrations } from './migrate.js';

const log = createLogger('db/open');

/** Tables a usable database must contain, whatever its schema version. */
const REQUIRED_TABLES = [
  'countries',
  'bodies',
  'themes',
  'body_themes',
  'baseline_memberships',
  'organizations',
  'membership_changes',
];

/**
 * An existing database file that cannot be used: not SQLite, damaged, or
 * missing tables. The file is left in place so that nothing is lost.
 */
export class DatabaseDamagedError extends Error {
  constructor(
    readonly path: string,
    readonly problems: string[],
  ) {
    super(
      `The database ${path} cannot be used: ${problems.join('; ')}. ` +
        'The file was left as it is. Start from the 2020 baseline to set it ' +
        'aside and create a new database, or restore a backup.',
    );
    this.name = 'DatabaseDamagedError';
  }
}

export interface OpenOptions {
  /** Passed to better-sqlite3: the Electron build of its native addon. */
  nativeBinding?: string;
  readonly?: boolean;
}

function configure(db: Database.Database): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (db.name !== ':memory:') db.pragma('journal_mode = WAL');
}

function findProblems(db: Database.Database): string[] {
  const problems: string[] = [];

  const check = db.pragma('quick_check', { simple: true }) as string;
  if (check !== 'ok') problems.push(`integrity check failed (${check})`);

  const present = new Set(
    db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
      .pluck()
      .all() as string[],
  );
  const missing = REQUIRED_TABLES.filter((table) => !present.has(table));
  if (missing.length > 0) {
    problems.push(`missing tables: ${missing.join(', ')}`);
  }
  return problems;
}

/** SQLite's codes for a file that is not a database or is corrupt. */
const DAMAGE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

function isDamage(error: unknown): boolean {
  return error instanceof Database.SqliteError && DAMAGE_CODES.has(error.code);
}

function openExisting(path: string, options: OpenOptions): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(path, {
      fileMustExist: true,
      readonly: options.readonly ?? false,
      nativeBinding: options.nativeBinding,
    });
    const problems = findProblems(db);
    if (problems.length > 0) {
      db.close();
      throw new DatabaseDamagedError(path, problems);
    }
  } catch (error) {
    if (isDamage(error)) {
      throw new DatabaseDamagedError(path, [(error as Error).message]);
    }
    throw error;
  }

  if (!options.readonly) {
    configure(db);
    const applied = migrate(db);
    if (applied.length > 0) log.info(`${path}: applied migrations ${applied.join(', ')}`);
  }
  return db;
}

function createFromBaseline(path: string, options: OpenOptions): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });

  const started = Date.now();
  const db = new Database(path, { nativeBinding: options.nativeBinding });
  configure(db);

  // The baseline loads into the schema of migration 1, and every later
  // migration then runs over it, so that data fixes in migrations reach
  // new databases and old ones alike.
  const migrations = readMigrations();
  migrate(db, migrations, 1);
  loadBaseline(db);
  migrate(db, migrations);
  log.info(`${path}: created from the 2020 baseline in ${Date.now() - started} ms`);
  return db;
}

/**
 * Opens the atlas database at `path`, creating it from the 2020 baseline if
 * the file does not exist. Throws DatabaseDamagedError, leaving the file
 * untouched, when an existing file is not a usable atlas database.
 */
export function openAtlasDatabase(
  path: string,
  options: OpenOptions = {},
): Database.Database {
  if (path !== ':memory:' && existsSync(path)) return openExisting(path, options);
  return createFromBaseline(path, options);
}

/**
 * Sets a damaged database aside (renamed with a ".damaged-<time>" suffix,
 * together with its -wal and -shm files) and creates a new one from the
 * baseline at the same path. Returns the new database and where the old
 * file went.
 */
export function startFromBaseline(
  path: string,
  options: OpenOptions = {},
): { db: Database.Database; setAsidePath: string } {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const setAsidePath = `${path}.damaged-${stamp}`;

  renameSync(path, setAsidePath);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, setAsidePath + suffix);
  }
  log.warn(`${path}: set aside as ${setAsidePath}; creating a new database`);

  return { db: createFromBaseline(path, options), setAsidePath };
}
