import Database from 'better-sqlite3';

import type { AtlasErrorValue, ErrorCode } from '../main/contract/index.js';

/** An error that better-sqlite3 raised on behalf of SQLite, with its result code. */
export type SqliteError = InstanceType<typeof Database.SqliteError>;

/**
 * SQLite's primary result codes that the user can act on, and the error
 * code each one becomes. better-sqlite3 reports the extended code, such as
 * SQLITE_BUSY_SNAPSHOT or SQLITE_READONLY_DBMOVED, so a code matches its
 * primary code and every extension of it.
 */
const CODES_BY_PRIMARY: [primary: string, code: ErrorCode][] = [
  ['SQLITE_FULL', 'disk_full'],
  ['SQLITE_READONLY', 'database_read_only'],
  ['SQLITE_BUSY', 'database_busy'],
  ['SQLITE_LOCKED', 'database_busy'],
  ['SQLITE_CORRUPT', 'database_corrupt'],
  ['SQLITE_NOTADB', 'database_corrupt'],
];

/** Returns the error code for SQLite's (extended) result code, such as "SQLITE_BUSY_RECOVERY". */
export function errorCodeOfSqlite(sqliteCode: string): ErrorCode {
  for (const [primary, code] of CODES_BY_PRIMARY) {
    if (sqliteCode === primary || sqliteCode.startsWith(`${primary}_`)) return code;
  }
  return 'database_error';
}

function describeDatabase(databasePath: string | undefined): string {
  return databasePath === undefined ? 'the database' : `the database ${databasePath}`;
}

function userMessage(code: ErrorCode, database: string): string {
  switch (code) {
    case 'disk_full':
      return (
        'The disk is full, so nothing was saved. Free some space on the disk ' +
        `that holds ${database}, then retry.`
      );
    case 'database_read_only':
      return (
        `Nothing was saved because ${database} is open read-only or its file ` +
        'cannot be written. Make the file and its folder writable (not on a ' +
        'read-only drive or share, not marked read-only), then open the ' +
        'database again and retry.'
      );
    case 'database_busy':
      return (
        `Another program has locked ${database}, so the request did not run ` +
        'and nothing was saved. Close the other program (another ISCM Atlas ' +
        'window, the iscm-atlas command-line tool or an SQLite browser), ' +
        'then retry.'
      );
    case 'database_corrupt':
      return (
        `The file of ${database} is damaged, so the request failed and ` +
        'nothing was saved. The file is kept as it is. Restore a backup, or ' +
        'start from the 2020 baseline, which sets the damaged file aside and ' +
        'creates a new database.'
      );
    default:
      return `Reading or writing ${database} failed.`;
  }
}

/**
 * Turns an error that SQLite raised into the error value the caller
 * receives: a code from the contract and a message that gives the user
 * what to do next.
 * The message ends with SQLite's own code and message for bug reports.
 */
export function sqliteErrorValue(
  error: SqliteError,
  databasePath?: string,
): AtlasErrorValue {
  const code = errorCodeOfSqlite(error.code);
  const message = userMessage(code, describeDatabase(databasePath));
  return { code, message: `${message} (SQLite: ${error.code}, ${error.message})` };
}

export function isSqliteError(error: unknown): error is SqliteError {
  return error instanceof Database.SqliteError;
}
