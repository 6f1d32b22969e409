import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate, readMigrations } from '../../db/migrate.js';
import { loadBaseline } from '../../db/baseline.js';

const CHANGE = {
  id: '6f1d0c2e-1b7a-4c5e-9d3f-2a8b7c6d5e4f',
  body_id: 'au',
  iso3: 'MAR',
  kind: 'joined',
  role_after: 'member',
  effective_date: '2021-03',
  effective_day: '2021-03-01',
  source: 'https://example.org/a',
  author: 'Ana',
  recorded_at: '2021-04-01T10:00:00.000Z',
};

/** Creates a database at schema version 7 with one edited change and one annotation. */
function databaseAt7(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  const migrations = readMigrations();
  migrate(db, migrations, 1);
  loadBaseline(db);
  migrate(db, migrations, 7);
  db.prepare(
    `INSERT INTO membership_changes
       (seq, id, body_id, iso3, kind, role_after, effective_date, effective_day,
        source, author, recorded_at, version, edited_by, edited_at)
     VALUES (41, @id, @body_id, @iso3, @kind, @role_after, @effective_date,
       @effective_day, @source, @author, @recorded_at, 2, 'Bo', '2021-05-01T00:00:00.000Z')`,
  ).run(CHANGE);
  db.prepare(
    `INSERT INTO membership_change_versions
       (change_id, version, source, note, author, recorded_at)
     VALUES (?, 1, 'first source', '', 'Ana', '2021-04-01T10:00:00.000Z')`,
  ).run(CHANGE.id);
  db.prepare(
    `INSERT INTO annotations
       (id, target, body_id, iso3, text, author, created_at, updated_by, updated_at)
     VALUES ('7a2e4c1d-0b9f-4e8a-8c7d-6b5a4f3e2d1c', 'country', NULL, 'MAR',
       'Note', 'Ana', '2021-04-01T10:00:00.000Z', 'Ana', '2021-04-01T10:00:00.000Z')`,
  ).run();
  return db;
}

function tableSql(db: Database.Database, name: string): string {
  return db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(name) as string;
}

describe('migration 0008', () => {
  it('drops IN lists, keeps rows', () => {
    const db = databaseAt7();
    const changesBefore = db.prepare('SELECT * FROM membership_changes').all();
    const annotationsBefore = db.prepare('SELECT * FROM annotations').all();
    expect(tableSql(db, 'membership_changes')).toMatch(/kind IN \(/);

    expect(migrate(db)).toContain(8);

    expect(tableSql(db, 'membership_changes')).not.toMatch(/ IN \(/);
    expect(tableSql(db, 'annotations')).not.toMatch(/ IN \(/);
    expect(db.prepare('SELECT * FROM membership_changes').all()).toEqual(changesBefore);
    expect(db.prepare('SELECT * FROM annotations').all()).toEqual(annotationsBefore);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps indexes and references', () => {
    const db = databaseAt7();
    migrate(db);

    const indexes = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all();
    expect(indexes).toEqual(
      expect.arrayContaining([
        'membership_changes_by_pair',
        'membership_changes_by_day',
        'annotations_by_body',
        'annotations_by_country',
      ]),
    );
    expect(() =>
      db
        .prepare(
          `INSERT INTO membership_change_versions
             (change_id, version, source, note, author, recorded_at)
           VALUES ('no-such-change', 1, 's', '', 'Ana', '2021-04-01T10:00:00.000Z')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('rejects values outside each list', () => {
    const db = databaseAt7();
    migrate(db);
    const insert = (kind: string, roleAfter: string | null, action: string | null) =>
      db
        .prepare(
          `INSERT INTO membership_changes
             (id, body_id, iso3, kind, role_after, effective_day, correction_action,
              source, author, recorded_at)
           VALUES (lower(hex(randomblob(16))), 'au', 'MAR', ?, ?, '2021-01-01', ?,
             's', 'Ana', '2021-04-01T10:00:00.000Z')`,
        )
        .run(kind, roleAfter, action);

    expect(() => insert('left', null, null)).not.toThrow();
    expect(() => insert('correction', 'observer', 'change_role')).not.toThrow();
    expect(() => insert('rejoined', 'member', null)).toThrow(/CHECK/);
    expect(() => insert('joined', 'chair', null)).toThrow(/CHECK/);
    expect(() => insert('correction', 'member', 'merge')).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `INSERT INTO annotations
             (id, target, body_id, iso3, text, author, created_at, updated_by, updated_at)
           VALUES ('x', 'region', 'au', NULL, 't', 'a', 'n', 'a', 'n')`,
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  it('rolls back on a broken reference', () => {
    const db = databaseAt7();
    db.pragma('foreign_keys = OFF');
    db.prepare(
      `INSERT INTO membership_change_versions
         (change_id, version, source, note, author, recorded_at)
       VALUES ('no-such-change', 1, 's', '', 'Ana', '2021-04-01T10:00:00.000Z')`,
    ).run();
    db.pragma('foreign_keys = ON');

    expect(() => migrate(db)).toThrow(/membership_change_versions/);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(tableSql(db, 'membership_changes')).toMatch(/kind IN \(/);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });
});
