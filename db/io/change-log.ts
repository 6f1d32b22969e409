/**
 * The change log and the annotations as export tables, read with plain SQL
 * so that exports do not depend on the recording code in db/domain. A
 * database opened read-only is not migrated, so the tables and columns of
 * later migrations may be missing: those read as empty.
 */
import type Database from 'better-sqlite3';

import { existingColumns, selectRowArrays } from '../json-rows.js';
import type { Cell, ExportTable } from './types.js';

function tableExists(db: Database.Database, table: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
      .get(table) !== undefined
  );
}

/** Writes a missing value as an empty cell, in place, and returns the row. */
function cellsOf(row: unknown[]): Cell[] {
  for (let index = 0; index < row.length; index++) {
    if (row[index] === null || row[index] === undefined) row[index] = '';
  }
  return row as Cell[];
}

function toCells(rows: unknown[][]): Cell[][] {
  return rows.map((row) =>
    row.map((value) => (value === null || value === undefined ? '' : (value as Cell))),
  );
}

const CHANGE_HEADER = [
  'id',
  'kind',
  'body_id',
  'body',
  'iso3',
  'country',
  'role_after',
  'effective_date',
  'announced_date',
  'correction_action',
  'reverts_id',
  'reverted_by',
  'source',
  'note',
  'author',
  'recorded_at',
  'version',
  'edited_by',
  'edited_at',
];

/** The columns of membership_changes read for CHANGE_HEADER, then seq. */
const CHANGE_COLUMNS = [
  'id',
  'kind',
  'body_id',
  'NULL',
  'iso3',
  'NULL',
  'role_after',
  'effective_date',
  'announced_date',
  'correction_action',
  'NULL',
  'reverted_by',
  'source',
  'note',
  'author',
  'recorded_at',
  'version',
  'edited_by',
  'edited_at',
  'seq',
];

const BODY_NAME = CHANGE_HEADER.indexOf('body');
const COUNTRY_NAME = CHANGE_HEADER.indexOf('country');
const RECORDED_AT = CHANGE_HEADER.indexOf('recorded_at');

/** A change log row with its sort keys: recording time, changes before reverts, then seq. */
interface LogRow {
  cells: Cell[];
  recordedAt: string;
  isRevert: number;
  seq: number;
}

function compareLogRows(a: LogRow, b: LogRow): number {
  if (a.recordedAt !== b.recordedAt) return a.recordedAt < b.recordedAt ? -1 : 1;
  return a.isRevert - b.isRevert || a.seq - b.seq;
}

/** Reads a table of two columns, such as id and name, as a Map. */
function readNames(db: Database.Database, sql: string): Map<string, string> {
  return new Map(db.prepare(sql).raw().all() as [string, string][]);
}

/**
 * Builds the change log: every dated change and baseline correction, in
 * force or reverted, and every revert (kind "revert", naming the record it
 * cancels in reverts_id), in recording order. An empty role_after means the
 * pair has no role after the record.
 */
export function changesTable(db: Database.Database): ExportTable {
  const bodies = readNames(db, 'SELECT id, short_name FROM bodies');
  const countries = readNames(db, 'SELECT iso3, name_en FROM countries');
  const rows: LogRow[] = [];

  // Names are looked up in JavaScript rather than joined, and rows sorted
  // there too: with joins and ORDER BY recorded_at in SQL, 100,000 changes
  // took about 1.4 times as long.
  // Each row comes in the columns of CHANGE_HEADER, with NULL for the names
  // and reverts_id, then seq, so that it becomes its row of cells in place.
  const columns = existingColumns(db, 'membership_changes', CHANGE_COLUMNS);
  const changes = selectRowArrays(db, columns, 'membership_changes', 'seq');
  const reverts = tableExists(db, 'membership_reverts')
    ? (db
        .prepare(
          `SELECT id, target_id, source, note, author, recorded_at, seq
           FROM membership_reverts`,
        )
        .raw()
        .all() as unknown[][])
    : [];
  // Only the records that reverts cancel need their pair kept.
  const revertedIds = new Set(reverts.map((revert) => revert[1] as string));
  const changeTargets = new Map<string, { bodyId: string; iso3: string }>();
  for (const row of changes) {
    const seq = row.pop() as number;
    const [id, , bodyId, , iso3] = row as string[];
    if (revertedIds.has(id)) changeTargets.set(id, { bodyId, iso3 });
    row[BODY_NAME] = bodies.get(bodyId);
    row[COUNTRY_NAME] = countries.get(iso3);
    rows.push({
      cells: cellsOf(row),
      recordedAt: row[RECORDED_AT] as string,
      isRevert: 0,
      seq,
    });
  }

  for (const [id, targetId, source, note, author, recordedAt, seq] of reverts) {
    const target = changeTargets.get(targetId as string);
    if (target === undefined) continue;
    rows.push({
      cells: cellsOf([
        id,
        'revert',
        target.bodyId,
        bodies.get(target.bodyId),
        target.iso3,
        countries.get(target.iso3),
        null,
        null,
        null,
        null,
        targetId,
        null,
        source,
        note,
        author,
        recordedAt,
        1,
        null,
        null,
      ]),
      recordedAt: recordedAt as string,
      isRevert: 1,
      seq: seq as number,
    });
  }

  // Rows read in seq order are mostly in recording order already, which
  // V8's sort (TimSort) handles in about linear time.
  rows.sort(compareLogRows);
  return { name: 'changes', header: CHANGE_HEADER, rows: rows.map((row) => row.cells) };
}

const ANNOTATION_HEADER = [
  'id',
  'target',
  'body_id',
  'body',
  'iso3',
  'country',
  'text',
  'author',
  'created_at',
  'updated_by',
  'updated_at',
  'version',
];

/**
 * Builds the annotations that are not deleted, on a membership, a country
 * or a body, in the order they were created.
 */
export function annotationsTable(db: Database.Database): ExportTable {
  if (!tableExists(db, 'annotations')) {
    return { name: 'annotations', header: ANNOTATION_HEADER, rows: [] };
  }

  const rows = db
    .prepare(
      `SELECT a.id, a.target, a.body_id, b.short_name, a.iso3, k.name_en, a.text,
              a.author, a.created_at, a.updated_by, a.updated_at, a.version
       FROM annotations a
       LEFT JOIN bodies b ON b.id = a.body_id
       LEFT JOIN countries k ON k.iso3 = a.iso3
       WHERE a.deleted_at IS NULL
       ORDER BY a.created_at, a.seq`,
    )
    .raw()
    .all() as unknown[][];

  return { name: 'annotations', header: ANNOTATION_HEADER, rows: toCells(rows) };
}
