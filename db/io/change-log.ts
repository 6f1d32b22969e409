/**
 * The change log and the annotations as export tables, read with plain SQL
 * so that exports do not depend on the recording code in db/domain. A
 * database opened read-only is not migrated, so the tables and columns of
 * later migrations may be missing: those read as empty.
 */
import type Database from 'better-sqlite3';

import type { Cell, ExportTable } from './types.js';

function tableExists(db: Database.Database, table: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
      .get(table) !== undefined
  );
}

function columnExists(db: Database.Database, table: string, column: string): boolean {
  const columns = db.pragma(`table_info(${table})`) as { name: string }[];
  return columns.some((info) => info.name === column);
}

/** Returns the column when the schema has it, else NULL under its name. */
function optionalColumn(db: Database.Database, table: string, column: string): string {
  return columnExists(db, table, column) ? `c.${column}` : `NULL AS ${column}`;
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

/**
 * Builds the change log: every dated change and baseline correction, in
 * force or reverted, and every revert (kind "revert", naming the record it
 * cancels in reverts_id), in recording order. An empty role_after means the
 * pair has no role after the record.
 */
export function changesTable(db: Database.Database): ExportTable {
  const changes = `
    SELECT c.id, c.kind, c.body_id, b.short_name, c.iso3, k.name_en, c.role_after,
           c.effective_date, c.announced_date,
           ${optionalColumn(db, 'membership_changes', 'correction_action')},
           NULL AS reverts_id, c.reverted_by, c.source, c.note, c.author,
           c.recorded_at, c.version,
           ${optionalColumn(db, 'membership_changes', 'edited_by')},
           ${optionalColumn(db, 'membership_changes', 'edited_at')},
           0 AS record_order, c.seq
    FROM membership_changes c
    JOIN bodies b ON b.id = c.body_id
    JOIN countries k ON k.iso3 = c.iso3`;

  const reverts = tableExists(db, 'membership_reverts')
    ? `
    UNION ALL
    SELECT r.id, 'revert', c.body_id, b.short_name, c.iso3, k.name_en, NULL,
           NULL, NULL, NULL, r.target_id, NULL, r.source, r.note, r.author,
           r.recorded_at, 1, NULL, NULL, 1 AS record_order, r.seq
    FROM membership_reverts r
    JOIN membership_changes c ON c.id = r.target_id
    JOIN bodies b ON b.id = c.body_id
    JOIN countries k ON k.iso3 = c.iso3`
    : '';

  const rows = db
    .prepare(`${changes} ${reverts} ORDER BY recorded_at, record_order, seq`)
    .raw()
    .all() as unknown[][];

  const width = CHANGE_HEADER.length;
  return {
    name: 'changes',
    header: CHANGE_HEADER,
    rows: toCells(rows.map((row) => row.slice(0, width))),
  };
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
