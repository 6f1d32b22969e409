import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate, readMigrations } from '../../db/migrate.js';

const INSERT_IMPORT = `
  INSERT INTO imports
    (id, format, file_name, file_sha256, author, imported_at, added, updated,
     conflicts_accepted, skipped, not_imported)
  VALUES (@id, @format, 'atlas.json', @sha, 'Amina', '2026-12-04T10:00:00.000Z',
          @added, 0, 0, 0, 0)`;

describe('migration 0004', () => {
  it('adds the imports table and keeps the records', () => {
    const db = new Database(':memory:');
    const migrations = readMigrations();
    migrate(db, migrations, 3);
    db.exec(`INSERT INTO settings (key, value) VALUES ('author_name', 'Amina')`);

    const applied = migrate(db, migrations, 4);

    expect(applied).toEqual([4]);
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    expect(db.prepare('SELECT value FROM settings').pluck().get()).toBe('Amina');
    expect(db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(0);
  });

  it('accepts a valid row', () => {
    const db = new Database(':memory:');
    migrate(db, readMigrations(), 4);

    db.prepare(INSERT_IMPORT).run({ id: 'a', format: 'json', sha: 'f'.repeat(64), added: 3 });

    expect(db.prepare('SELECT added FROM imports').pluck().get()).toBe(3);
  });

  it.each([
    [{ id: 'b', format: 'xml', sha: 'f'.repeat(64), added: 1 }, 'an unknown format'],
    [{ id: 'c', format: 'csv', sha: 'abc', added: 1 }, 'a short hash'],
    [{ id: 'd', format: 'csv', sha: 'f'.repeat(64), added: -1 }, 'a negative count'],
  ])('rejects %j, with %s', (row) => {
    const db = new Database(':memory:');
    migrate(db, readMigrations(), 4);

    expect(() => db.prepare(INSERT_IMPORT).run(row)).toThrow(/CHECK constraint failed/);
  });
});
