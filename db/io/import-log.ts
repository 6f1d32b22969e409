import { randomUUID } from 'node:crypto';

import type Database from 'better-sqlite3';

/** One row of the imports table: an import that wrote something. */
export interface ImportLogEntry {
  id: string;
  format: 'json' | 'csv';
  fileName: string;
  fileSha256: string;
  author: string;
  /** UTC time of the import. */
  importedAt: string;
  added: number;
  updated: number;
  conflictsAccepted: number;
  skipped: number;
  notImported: number;
}

/** Stores an entry in the imports table, in the caller's transaction, and returns it. */
export function logImport(
  db: Database.Database,
  entry: Omit<ImportLogEntry, 'id' | 'importedAt'> & { now?: Date },
): ImportLogEntry {
  const { now, ...fields } = entry;
  const stored: ImportLogEntry = {
    id: randomUUID(),
    importedAt: (now ?? new Date()).toISOString(),
    ...fields,
  };
  db.prepare(
    `INSERT INTO imports
       (id, format, file_name, file_sha256, author, imported_at, added, updated,
        conflicts_accepted, skipped, not_imported)
     VALUES (@id, @format, @fileName, @fileSha256, @author, @importedAt, @added,
             @updated, @conflictsAccepted, @skipped, @notImported)`,
  ).run(stored);
  return stored;
}

/** Lists the imports that wrote something, newest first. */
export function listImports(db: Database.Database): ImportLogEntry[] {
  return db
    .prepare(
      `SELECT id, format, file_name AS fileName, file_sha256 AS fileSha256, author,
              imported_at AS importedAt, added, updated,
              conflicts_accepted AS conflictsAccepted, skipped,
              not_imported AS notImported
       FROM imports ORDER BY seq DESC`,
    )
    .all() as ImportLogEntry[];
}
