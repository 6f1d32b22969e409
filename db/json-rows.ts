/**
 * Reading many rows at once as arrays. better-sqlite3 makes a JavaScript
 * object or array for each row, which took 0.3 to 0.6 s for 100,000
 * changes on a 2-core machine. Having SQLite write all rows as one JSON
 * text, parsed once, took about 0.2 s.
 */
import type Database from 'better-sqlite3';

/**
 * Returns the rows of `table` in `orderBy` order, each as an array of the
 * values of `columns`, which are SQL expressions over the table (NULL for
 * a column an older schema lacks). TEXT stays text, INTEGER a number and
 * NULL null; BLOB and REAL columns are not read this way.
 */
export function selectRowArrays(
  db: Database.Database,
  columns: readonly string[],
  table: string,
  orderBy: string,
): unknown[][] {
  const sql =
    `SELECT json_group_array(json_array(${columns.join(', ')}) ORDER BY ${orderBy}) ` +
    `FROM ${table}`;
  return JSON.parse(db.prepare(sql).pluck().get() as string) as unknown[][];
}

/**
 * Returns `columns` with NULL in place of those that `table` lacks, as in a
 * database opened read-only, which is not migrated.
 */
export function existingColumns(
  db: Database.Database,
  table: string,
  columns: readonly string[],
): string[] {
  const present = new Set(
    (db.pragma(`table_info(${table})`) as { name: string }[]).map((info) => info.name),
  );
  return columns.map((column) => (present.has(column) ? column : 'NULL'));
}
