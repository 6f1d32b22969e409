import type Database from 'better-sqlite3';

/**
 * Checkpoints the write-ahead log into the main file and closes the
 * database, so that a clean exit leaves no -wal file behind.
 */
export function closeDatabase(db: Database.Database): void {
  if (!db.open) return;
  if (!db.readonly && db.name !== ':memory:') {
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  db.close();
}
