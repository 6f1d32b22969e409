/**
 * A real atlas database from the 2020 baseline, with records added through
 * plain SQL. They are a baseline correction, a reinstatement whose note
 * looks like a formula, a month-dated departure, a reverted change with its revert, a baseline note
 * with accented text, and two annotations, one of them deleted.
 */
import type Database from 'better-sqlite3';

import { openAtlasDatabase } from '../../../db/open.js';

/** The note of the reinstatement: a spreadsheet would run it as a formula. */
export const FORMULA_NOTE = '=HYPERLINK("http://example.invalid","click")';
export const ACCENTED_NOTE = 'Côte d\'Ivoire, as the source writes it; "quoted", with a comma';
export const ANNOTATION_TEXT = '@check with the secretariat\r\nsecond line';

const CHANGE_SQL = `
  INSERT INTO membership_changes
    (id, body_id, iso3, kind, role_after, effective_date, effective_day,
     source, note, author, recorded_at, reverted_by)
  VALUES (@id, @bodyId, @iso3, @kind, @roleAfter, @effectiveDate, @effectiveDay,
          @source, @note, 'Test Author', @recordedAt, @revertedBy)`;

/** Opens a database at `path` (':memory:' by default) holding the fixture records. */
export function openFixtureDatabase(path = ':memory:'): Database.Database {
  const db = openAtlasDatabase(path);
  const insertChange = db.prepare(CHANGE_SQL);

  db.prepare(
    `INSERT INTO membership_changes
       (id, body_id, iso3, kind, role_after, effective_date, effective_day,
        correction_action, source, note, author, recorded_at)
     VALUES ('correction-midsa-fra', 'midsa', 'FRA', 'correction', 'observer', NULL,
             '2020-12-31', 'add', 'https://example.invalid/midsa', '', 'Test Author',
             '2024-01-09T09:00:00.000Z')`,
  ).run();
  insertChange.run({
    id: 'change-las-syr',
    bodyId: 'las',
    iso3: 'SYR',
    kind: 'reinstated',
    roleAfter: 'member',
    effectiveDate: '2023-05-07',
    effectiveDay: '2023-05-07',
    source: 'https://example.invalid/las-2023',
    note: FORMULA_NOTE,
    recordedAt: '2024-01-10T09:00:00.000Z',
    revertedBy: null,
  });
  insertChange.run({
    id: 'change-bali-afg',
    bodyId: 'bali',
    iso3: 'AFG',
    kind: 'left',
    roleAfter: null,
    effectiveDate: '2022-03',
    effectiveDay: '2022-03-01',
    source: 'https://example.invalid/bali-2022',
    note: '',
    recordedAt: '2024-01-11T09:00:00.000Z',
    revertedBy: null,
  });
  insertChange.run({
    id: 'change-reverted',
    bodyId: 'bali',
    iso3: 'MDV',
    kind: 'left',
    roleAfter: null,
    effectiveDate: '2022-06-01',
    effectiveDay: '2022-06-01',
    source: 'https://example.invalid/mistake',
    note: 'recorded by mistake',
    recordedAt: '2024-01-12T09:00:00.000Z',
    revertedBy: 'revert-1',
  });
  db.prepare(
    `INSERT INTO membership_reverts (id, target_id, source, note, author, recorded_at)
     VALUES ('revert-1', 'change-reverted', '', '-wrong pair', 'Test Author',
             '2024-01-13T09:00:00.000Z')`,
  ).run();

  db.prepare(
    "UPDATE baseline_memberships SET note = ? WHERE body_id = 'rabat' AND iso3 = 'CIV'",
  ).run(ACCENTED_NOTE);

  const insertAnnotation = db.prepare(
    `INSERT INTO annotations
       (id, target, body_id, iso3, text, author, created_at, updated_by, updated_at,
        deleted_at)
     VALUES (?, ?, ?, ?, ?, 'Test Author', ?, 'Test Author', ?, ?)`,
  );
  insertAnnotation.run(
    'annotation-civ',
    'country',
    null,
    'CIV',
    ANNOTATION_TEXT,
    '2024-02-01T10:00:00.000Z',
    '2024-02-01T10:00:00.000Z',
    null,
  );
  insertAnnotation.run(
    'annotation-deleted',
    'body',
    'bali',
    null,
    'deleted note',
    '2024-02-02T10:00:00.000Z',
    '2024-02-03T10:00:00.000Z',
    '2024-02-03T10:00:00.000Z',
  );
  return db;
}
