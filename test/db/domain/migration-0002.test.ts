import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate, readMigrations } from '../../../db/migrate.js';

describe('migration 0002', () => {
  it('keeps changes, adds columns and tables', () => {
    const db = new Database(':memory:');
    const migrations = readMigrations();
    migrate(db, migrations, 1);
    db.exec(`
      INSERT INTO bodies VALUES ('au', 'igo', 'AU', 'African Union', 'regional', 'Africa',
        '', '', '', '', 'high', '');
      INSERT INTO countries (iso3, name_en, name_fr, name_es, lat, lng)
        VALUES ('MLI', 'Mali', 'Mali', 'Malí', 17, -4);
      INSERT INTO membership_changes
        (id, body_id, iso3, kind, role_after, effective_date, effective_day,
         source, author, recorded_at)
        VALUES ('a', 'au', 'MLI', 'suspended', 'suspended', '2021-06-01', '2021-06-01',
                's', 'x', '2021-06-02T00:00:00.000Z');
    `);

    const applied = migrate(db, migrations, 2);

    expect(applied).toEqual([2]);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    const row = db.prepare('SELECT * FROM membership_changes').get() as Record<
      string,
      unknown
    >;
    expect(row.kind).toBe('suspended');
    expect(row.version).toBe(1);
    expect(row.correction_action).toBeNull();
    expect(row.edited_by).toBeNull();
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'annotation_versions',
        'annotations',
        'membership_change_versions',
        'membership_reverts',
      ]),
    );
  });

  it('rejects mismatched annotation targets', () => {
    const db = new Database(':memory:');
    migrate(db, readMigrations(), 2);

    expect(() =>
      db
        .prepare(
          `INSERT INTO annotations
             (id, target, body_id, iso3, text, author, created_at, updated_by, updated_at)
           VALUES ('n', 'country', NULL, NULL, 't', 'a', 'now', 'a', 'now')`,
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });

  it('rejects a second revert of one record', () => {
    const db = new Database(':memory:');
    migrate(db, readMigrations(), 2);
    db.exec(`
      INSERT INTO bodies VALUES ('au', 'igo', 'AU', 'African Union', 'regional', 'Africa',
        '', '', '', '', 'high', '');
      INSERT INTO countries (iso3, name_en, name_fr, name_es, lat, lng)
        VALUES ('MLI', 'Mali', 'Mali', 'Malí', 17, -4);
      INSERT INTO membership_changes
        (id, body_id, iso3, kind, role_after, effective_date, effective_day,
         source, author, recorded_at)
        VALUES ('a', 'au', 'MLI', 'left', NULL, '2021-06-01', '2021-06-01',
                's', 'x', 'now');
      INSERT INTO membership_reverts (id, target_id, author, recorded_at)
        VALUES ('r1', 'a', 'x', 'now');
    `);
    const second = db.prepare(
      `INSERT INTO membership_reverts (id, target_id, author, recorded_at)
       VALUES ('r2', 'a', 'x', 'now')`,
    );

    expect(() => second.run()).toThrow(/UNIQUE constraint failed/);
  });
});
