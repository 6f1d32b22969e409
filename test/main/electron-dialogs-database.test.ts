import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { databaseFailureAdvice, fatalErrorDialog } from '../../main/electron/dialogs.js';
import { tempDatabasePath } from '../helpers/database-snapshot.js';

/** Returns what `action` threw on a new database with one table. */
function thrownBy(action: (path: string) => void): unknown {
  const path = tempDatabasePath('atlas-dialog-');
  const setup = new Database(path);
  setup.pragma('journal_mode = WAL');
  setup.exec('CREATE TABLE notes (text TEXT)');
  setup.close();
  try {
    action(path);
  } catch (error) {
    return error;
  }
  throw new Error('the action succeeded, but it should have failed');
}

/** The error SQLite returns when another connection locked the file at startup. */
function lockedAtStartup(): unknown {
  return thrownBy((path) => {
    const holder = new Database(path);
    holder.pragma('locking_mode = EXCLUSIVE');
    holder.exec("BEGIN EXCLUSIVE; INSERT INTO notes VALUES ('held'); COMMIT");
    try {
      const app = new Database(path, { timeout: 0 });
      try {
        app.prepare('SELECT count(*) FROM notes').get();
      } finally {
        app.close();
      }
    } finally {
      holder.close();
    }
  });
}

describe('databaseFailureAdvice', () => {
  it('returns the lock advice for SQLITE_BUSY', () => {
    const advice = databaseFailureAdvice(lockedAtStartup());

    expect(advice).toContain('Another program has locked the database');
    expect(advice).toContain('SQLITE_BUSY');
  });

  it('returns nothing for a SQLite error without known advice', () => {
    const error = thrownBy((path) => {
      const db = new Database(path);
      try {
        db.prepare('SELECT * FROM missing_table').all();
      } finally {
        db.close();
      }
    });

    expect(databaseFailureAdvice(error)).toBeUndefined();
  });

  it('returns nothing for errors that SQLite did not raise', () => {
    expect(databaseFailureAdvice(new Error('database is locked'))).toBeUndefined();
  });
});

describe('fatalErrorDialog for database failures', () => {
  it('gives the advice instead of asking for a bug report', () => {
    const options = fatalErrorDialog(lockedAtStartup());

    expect(options.message).toBe('ISCM Atlas must close because it cannot use its database.');
    expect(options.detail).toContain('Close the other program');
    expect(options.detail).not.toContain('so that it can be fixed');
  });

  it('keeps the bug-report text for other errors', () => {
    const options = fatalErrorDialog(new TypeError('x is undefined'));

    expect(options.message).toBe('ISCM Atlas must close because of an unexpected error.');
    expect(options.detail).toContain('so that it can be fixed');
  });
});
