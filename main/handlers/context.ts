import type Database from 'better-sqlite3';

/** The database and clock every handler receives besides its input. */
export interface HandlerContext {
  db: Database.Database;
  databasePath: string;
  /** Today's date as YYYY-MM-DD; a function so tests can fix the day. */
  today: () => string;
}

export { AtlasError } from '../../db/errors.js';
