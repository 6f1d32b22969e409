import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';

/** What a database file contains, read through a connection of its own. */
export interface DatabaseSnapshot {
  /** The result of PRAGMA integrity_check: "ok" or the problems found. */
  integrity: string;
  /** Every row of every table as JSON, sorted, by table name. */
  tables: Record<string, string[]>;
}

/** Returns a path for a database file in a new temporary folder. */
export function tempDatabasePath(prefix: string): string {
  return join(mkdtempSync(join(tmpdir(), prefix)), 'atlas.sqlite');
}

/** Creates the database at `path` from the baseline and closes it cleanly. */
export function createBaselineDatabase(path: string): string {
  closeDatabase(openAtlasDatabase(path));
  return path;
}

/**
 * Opens `path` read-only, runs a full integrity check and reads every
 * table. Rows are sorted so that the comparison ignores their order.
 */
export function readSnapshot(path: string): DatabaseSnapshot {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const checks = db.pragma('integrity_check') as { integrity_check: string }[];
    const integrity = checks.map((row) => row.integrity_check).join('; ');

    const names = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all() as string[];
    const tables: Record<string, string[]> = {};
    for (const name of names) {
      const rows = db.prepare(`SELECT * FROM "${name}"`).all();
      tables[name] = rows.map((row) => JSON.stringify(row)).sort();
    }
    return { integrity, tables };
  } finally {
    db.close();
  }
}
