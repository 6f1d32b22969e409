import type Database from 'better-sqlite3';

import type { AtlasErrorValue, ErrorCode } from '../contract/index.js';

/** What every handler receives besides its input. */
export interface HandlerContext {
  db: Database.Database;
  databasePath: string;
  /** Today's date as YYYY-MM-DD; a function so tests can fix the day. */
  today: () => string;
}

/** An expected failure that reaches the caller as a typed error value. */
export class AtlasError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AtlasError';
  }

  toValue(): AtlasErrorValue {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field };
  }
}
