import type Database from 'better-sqlite3';

const AUTHOR_KEY = 'author_name';

/** Returns the author name set in this database, or null. */
export function readAuthorName(db: Database.Database): string | null {
  const value = db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(AUTHOR_KEY);
  return (value as string | undefined) ?? null;
}

/** Stores the author name recorded with later changes. */
export function writeAuthorName(db: Database.Database, name: string): void {
  db.prepare(
    `INSERT INTO settings (key, value) VALUES (?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(AUTHOR_KEY, name);
}
