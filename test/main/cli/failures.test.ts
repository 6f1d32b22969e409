import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { runCli } from '../../../main/cli/index.js';
import { describeFailure } from '../../../main/cli/failures.js';
import { createBaselineDatabase, tempDatabasePath } from '../../helpers/database-snapshot.js';

/** Runs `action` on a new database with one table and returns what it threw. */
function sqliteFailure(action: (db: Database.Database, path: string) => void): unknown {
  const path = tempDatabasePath('atlas-cli-failure-');
  const setup = new Database(path);
  setup.pragma('journal_mode = WAL');
  setup.exec('CREATE TABLE notes (text TEXT)');
  setup.close();

  const db = new Database(path, { timeout: 0 });
  try {
    action(db, path);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error('the action succeeded, but it should have failed');
}

/** Holds an exclusive lock on `path`, which blocks readers too, until released. */
function lockExclusively(path: string): Database.Database {
  const holder = new Database(path);
  holder.pragma('locking_mode = EXCLUSIVE');
  holder.exec("BEGIN EXCLUSIVE; UPDATE bodies SET short_name = short_name; COMMIT");
  return holder;
}

describe('describeFailure', () => {
  it('explains a full disk', () => {
    const error = sqliteFailure((db) => {
      db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);
      db.prepare('INSERT INTO notes VALUES (?)').run('x'.repeat(20_000));
    });

    const message = describeFailure(error);

    expect(message).toContain('The disk is full, so nothing was saved.');
    expect(message).toContain('SQLITE_FULL');
  });

  it('explains a read-only database', () => {
    const error = sqliteFailure((_db, path) => {
      const readOnly = new Database(path, { readonly: true });
      try {
        readOnly.prepare("INSERT INTO notes VALUES ('x')").run();
      } finally {
        readOnly.close();
      }
    });

    const message = describeFailure(error);

    expect(message).toContain('is open read-only or its file cannot be written');
    expect(message).toContain('SQLITE_READONLY');
  });

  it('explains a database locked by another program', () => {
    const error = sqliteFailure((db, path) => {
      const other = new Database(path);
      other.exec('BEGIN IMMEDIATE');
      try {
        db.prepare("INSERT INTO notes VALUES ('x')").run();
      } finally {
        other.close();
      }
    });

    const message = describeFailure(error);

    expect(message).toContain('Another program has locked the database');
    expect(message).toContain('SQLITE_BUSY');
  });
});

describe('runCli on a locked database', () => {
  it('prints the lock message and writes nothing', async () => {
    const path = createBaselineDatabase(tempDatabasePath('atlas-cli-locked-'));
    const out = join(dirname(path), 'atlas.xlsx');
    const holder = lockExclusively(path);
    let stdout = '';
    let stderr = '';

    // better-sqlite3 waits 5 s for the lock by default before it gives up.
    const code = await runCli(['export', '--db', path, '--format', 'xlsx', '--out', out], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      cwd: dirname(path),
      today: () => '2024-06-30',
    }).finally(() => holder.close());

    expect(code).toBe(1);
    expect(stderr).toContain('iscm-atlas export: Another program has locked the database');
    expect(stderr).toContain('then retry');
    expect(stdout).toBe('');
    expect(existsSync(out)).toBe(false);
  });
});
