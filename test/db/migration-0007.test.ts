import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate, readMigrations } from '../../db/migrate.js';

function schemaNames(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
}

describe('migration 0007', () => {
  it('drops the changed-pairs list and its index', () => {
    const db = new Database(':memory:');
    const migrations = readMigrations();
    migrate(db, migrations, 6);
    const before = schemaNames(db);

    const applied = migrate(db, migrations, 7);
    const after = schemaNames(db);

    expect(applied).toEqual([7]);
    expect(before).toContain('changed_pairs');
    expect(after).not.toContain('changed_pairs');
    expect(after).not.toContain('membership_changes_track_pair');
    expect(after).not.toContain('membership_changes_in_force');
    expect(after).toContain('membership_changes_by_pair');
  });
});
