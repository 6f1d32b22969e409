import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate, readMigrations } from '../../db/migrate.js';

function tableNames(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
}

describe('migrations', () => {
  it('are numbered from 1 without gaps', () => {
    const versions = readMigrations().map((migration) => migration.version);

    expect(versions).toEqual(versions.map((_, index) => index + 1));
  });

  it('apply in order and set user_version', () => {
    const db = new Database(':memory:');
    const migrations = readMigrations();

    const applied = migrate(db, migrations);

    expect(applied).toEqual(migrations.map((migration) => migration.version));
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(tableNames(db)).toContain('membership_changes');
  });

  it('do nothing the second time', () => {
    const db = new Database(':memory:');
    migrate(db);

    expect(migrate(db)).toEqual([]);
  });

  it('roll back entirely when one fails', () => {
    const db = new Database(':memory:');
    const migrations = readMigrations();
    const broken = [
      ...migrations,
      {
        version: migrations.length + 1,
        name: 'broken.sql',
        sql: 'CREATE TABLE x (a); INSERT INTO nope VALUES (1);',
      },
    ];

    expect(() => migrate(db, broken)).toThrow(/nope/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(tableNames(db)).toEqual([]);
  });

  it('reject a database newer than the application', () => {
    const db = new Database(':memory:');
    db.pragma('user_version = 999');

    expect(() => migrate(db)).toThrow(/newer than this application/);
  });

  it('migration 1 builds the baseline tables from an empty file', () => {
    const db = new Database(':memory:');

    migrate(db, readMigrations(), 1);

    expect(tableNames(db)).toEqual([
      'baseline_memberships',
      'bodies',
      'body_themes',
      'countries',
      'membership_changes',
      'organizations',
      'themes',
    ]);
  });
});
