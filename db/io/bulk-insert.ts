/**
 * Inserting many rows at once. Each inserted row goes into every index of
 * its table at a place of its own, while building an index sorts all rows
 * in one pass. So for 100,000 imported changes, dropping the two plain
 * indexes of membership_changes and building them again after the inserts
 * saved about 0.2 s of 0.85 s (2-core machine).
 */
import type Database from 'better-sqlite3';

/**
 * The minimum of new rows for a rebuild. The new rows must also outnumber
 * the rows already stored.
 */
export const MIN_BULK_ROWS = 10_000;

/**
 * Runs `insert`, which adds `newRows` rows to `table`, inside the caller's
 * transaction. For a bulk insert, it first drops the table's indexes that
 * have SQL of their own (not those of UNIQUE or PRIMARY KEY constraints)
 * and creates them again from the same SQL afterwards. If `insert` throws,
 * the caller's transaction rolls the drops back with everything else.
 */
export function insertInBulk(
  db: Database.Database,
  table: 'membership_changes' | 'annotations',
  newRows: number,
  insert: () => void,
): void {
  if (!db.inTransaction) throw new Error('insertInBulk must run inside a transaction');
  const stored = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  if (newRows < MIN_BULK_ROWS || newRows <= stored) {
    insert();
    return;
  }

  const indexes = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL ORDER BY name`,
    )
    .all(table) as { name: string; sql: string }[];
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
  insert();
  for (const { sql } of indexes) db.exec(sql);
}
