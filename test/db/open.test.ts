import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { closeDatabase } from '../../db/close.js';
import { DatabaseDamagedError, openAtlasDatabase, startFromBaseline } from '../../db/open.js';

function tempPath(name = 'atlas.sqlite'): string {
  return join(mkdtempSync(join(tmpdir(), 'atlas-open-')), name);
}

function memberships(db: Database.Database): number {
  return db.prepare('SELECT count(*) FROM baseline_memberships').pluck().get() as number;
}

describe('openAtlasDatabase', () => {
  it('creates a missing file from the baseline in WAL mode', () => {
    const path = tempPath();

    const db = openAtlasDatabase(path);

    expect(memberships(db)).toBe(1714);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    closeDatabase(db);
  });

  it('reuses an existing file without reloading', () => {
    const path = tempPath();
    const first = openAtlasDatabase(path);
    first.prepare("UPDATE bodies SET short_name = 'Renamed' WHERE id = 'bali'").run();
    closeDatabase(first);

    const second = openAtlasDatabase(path);

    expect(second.prepare("SELECT short_name FROM bodies WHERE id = 'bali'").pluck().get()).toBe(
      'Renamed',
    );
    closeDatabase(second);
  });

  it('leaves no -wal file after a clean close', () => {
    const path = tempPath();
    closeDatabase(openAtlasDatabase(path));

    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file that is not SQLite and keeps it', () => {
    const path = tempPath();
    writeFileSync(path, 'not a database at all, just text '.repeat(200));

    expect(() => openAtlasDatabase(path)).toThrow(DatabaseDamagedError);
    expect(readFileSync(path, 'utf8')).toContain('not a database');
  });

  it('refuses a database missing tables', () => {
    const path = tempPath();
    const other = new Database(path);
    other.exec('CREATE TABLE notes (text TEXT)');
    other.close();

    let error: unknown;
    try {
      openAtlasDatabase(path);
    } catch (caught) {
      error = caught;
    }

    expect(error).toBeInstanceOf(DatabaseDamagedError);
    expect((error as DatabaseDamagedError).problems.join()).toContain('missing tables');
    expect(existsSync(path)).toBe(true);
  });

  it('refuses a truncated database', () => {
    const path = tempPath();
    closeDatabase(openAtlasDatabase(path));
    truncateSync(path, 8192);

    expect(() => openAtlasDatabase(path)).toThrow(DatabaseDamagedError);
  });

  it('starts from the baseline and keeps the damaged file', () => {
    const path = tempPath();
    writeFileSync(path, 'garbage');

    const { db, setAsidePath } = startFromBaseline(path);

    expect(memberships(db)).toBe(1714);
    expect(readFileSync(setAsidePath, 'utf8')).toBe('garbage');
    closeDatabase(db);
  });
});
