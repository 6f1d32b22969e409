/**
 * Stable error codes that cross the API boundary. The renderer shows the
 * message; tests and callers branch on the code.
 */
export const ERROR_CODES = [
  /** The input failed its schema: wrong type, missing field, bad format. */
  'invalid_input',
  /** An as-of or effective date is outside the range the data covers. */
  'date_out_of_range',
  /** No query has this name. */
  'unknown_query',
  /** A body id, country code, theme id or record id does not exist. */
  'not_found',
  /**
   * A membership change, correction or revert breaks the table of kinds and
   * the roles they are allowed from, for this pair or a later change of it.
   */
  'rule_violation',
  /**
   * The request clashes with what is already stored: a record id that
   * exists, a record already reverted, an annotation already deleted.
   */
  'conflict',
  /** The disk is full (SQLITE_FULL), so the write was rolled back. */
  'disk_full',
  /**
   * The database was opened read-only or its file cannot be written
   * (SQLITE_READONLY and its extended codes), so the write was rolled back.
   */
  'database_read_only',
  /**
   * Another connection holds a lock on the database (SQLITE_BUSY,
   * SQLITE_LOCKED and their extended codes), so the request did not run.
   */
  'database_busy',
  /** The database file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB) and is kept as it is. */
  'database_corrupt',
  /** Any other failure to read or write the database. */
  'database_error',
  /** A file outside the database could not be read or written: no permission, disk full, missing folder. */
  'file_error',
  /** The query needs the desktop app, such as saving through its save dialog. */
  'unsupported',
  /** A bug: anything not foreseen. The message requests a report from the user. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
