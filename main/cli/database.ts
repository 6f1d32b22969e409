import type Database from 'better-sqlite3';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';

/**
 * Opens the database (created from the 2020 baseline if the file is
 * missing), runs `work` on it and closes it, also when `work` throws.
 * DatabaseDamagedError reaches the caller with the file left untouched.
 */
export async function withDatabase<T>(
  path: string,
  work: (db: Database.Database) => Promise<T>,
): Promise<T> {
  const db = openAtlasDatabase(path);
  try {
    return await work(db);
  } finally {
    closeDatabase(db);
  }
}
