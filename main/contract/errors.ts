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
  /** A body id, country code or theme id does not exist. */
  'not_found',
  /** The database could not be read or written. */
  'database_error',
  /** A bug: anything not foreseen. The message asks the user to report it. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
