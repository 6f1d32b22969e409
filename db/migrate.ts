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
 * `target`, in one transaction: either all apply or none do.
 * Returns the versions applied.
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

  db.transaction(() => {
    for (const migration of pending) db.exec(migration.sql);
    db.pragma(`user_version = ${pending[pending.length - 1].version}`);
  })();
  return pending.map((migration) => migration.version);
}
