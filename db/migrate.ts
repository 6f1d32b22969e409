import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type Database from 'better-sqlite3';

import { MIGRATIONS_FOLDER } from './paths.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})-[a-z0-9-]+\.sql$/;

/**
 * The first line of a migration that builds a table anew, copies its rows
 * and drops the old one. Dropping a table that other tables reference
 * needs foreign keys off, so migrate() turns them off for the run and
 * checks every reference before committing.
 */
const REBUILDS_TABLES = '-- rebuilds tables';

function rebuildsTables(migration: Migration): boolean {
  return migration.sql.startsWith(REBUILDS_TABLES);
}

/** Throws when any row references a row that does not exist. */
function checkForeignKeys(db: Database.Database, migration: string): void {
  const broken = db.pragma('foreign_key_check') as { table: string; parent: string }[];
  if (broken.length === 0) return;
  const { table, parent } = broken[0];
  throw new Error(
    `Migration ${migration} failed: ${broken.length} rows reference missing rows, ` +
      `the first in ${table} (referencing ${parent}). Nothing was changed. ` +
      'Restore a backup, or report the problem with the database file.',
  );
}

/** Reads the numbered migrations (NNNN-name.sql) in version order. */
export function readMigrations(folder = MIGRATIONS_FOLDER): Migration[] {
  const migrations = readdirSync(folder)
    .filter((file) => FILE_PATTERN.test(file))
    .map((file) => ({
      version: Number(FILE_PATTERN.exec(file)![1]),
      name: file,
      sql: readFileSync(join(folder, file), 'utf8'),
    }))
    .sort((a, b) => a.version - b.version);

  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration ${migration.name} should be number ${index + 1}; ` +
          'migrations must be numbered 0001, 0002, … without gaps.',
      );
    }
  });
  return migrations;
}

/**
 * Applies every migration above the database's PRAGMA user_version, up to
 * `target`, in one transaction: either all apply or none do. When one of
 * them rebuilds tables, foreign keys are off during the run and checked
 * before the commit. Returns the versions applied.
 */
export function migrate(
  db: Database.Database,
  migrations = readMigrations(),
  target = migrations.length,
): number[] {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this ` +
        `application (${migrations.length}); update the application.`,
    );
  }

  const pending = migrations.filter(
    (migration) => migration.version > current && migration.version <= target,
  );
  if (pending.length === 0) return [];

  const rebuilding = pending.filter(rebuildsTables);
  // PRAGMA foreign_keys is a no-op inside a transaction, so it is set here.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  if (rebuilding.length > 0) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) db.exec(migration.sql);
      if (rebuilding.length > 0) checkForeignKeys(db, rebuilding[0].name);
      db.pragma(`user_version = ${pending[pending.length - 1].version}`);
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  return pending.map((migration) => migration.version);
}
