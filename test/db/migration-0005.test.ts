import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { migrate, readMigrations } from '../../db/migrate.js';

function insertChange(db: Database.Database, id: string, iso3: string): void {
  db.prepare(
    `INSERT INTO membership_changes
       (id, body_id, iso3, kind, role_after, effective_date, effective_day,
        source, author, recorded_at)
     VALUES (?, 'au', ?, 'suspended', 'suspended', '2021-06-01', '2021-06-01',
             's', 'x', '2021-06-02T00:00:00.000Z')`,
  ).run(id, iso3);
}

function changedPairs(db: Database.Database): string[] {
  return (
    db.prepare('SELECT body_id, iso3 FROM changed_pairs ORDER BY iso3').all() as {
      body_id: string;
      iso3: string;
    }[]
  ).map((row) => `${row.body_id}:${row.iso3}`);
}

describe('migration 0005', () => {
  it('lists pairs of existing and later records', () => {
    const db = new Database(':memory:');
    const migrations = readMigrations();
    migrate(db, migrations, 4);
    db.exec(`
      INSERT INTO bodies VALUES ('au', 'igo', 'AU', 'African Union', 'regional', 'Africa',
        '', '', '', '', 'high', '');
      INSERT INTO countries (iso3, name_en, name_fr, name_es, lat, lng) VALUES
        ('MLI', 'Mali', 'Mali', 'Malí', 17, -4),
        ('GAB', 'Gabon', 'Gabon', 'Gabón', -1, 11.75);
    `);
    insertChange(db, 'a', 'MLI');
    insertChange(db, 'b', 'MLI');

    const applied = migrate(db, migrations, 5);
    const backfilled = changedPairs(db);
    insertChange(db, 'c', 'GAB');

    expect(applied).toEqual([5]);
    expect(backfilled).toEqual(['au:MLI']);
    expect(changedPairs(db)).toEqual(['au:GAB', 'au:MLI']);
  });
});
