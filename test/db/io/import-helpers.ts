/** Helpers shared by the import, export and backup tests. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';

import { recordChange } from '../../../db/domain/record.js';
import type { ChangeRecord } from '../../../db/domain/types.js';

/** The day the tests treat as today: effective dates run to 2027-12-04. */
export const TODAY = '2026-12-04';

export const FIXTURES = new URL('../../fixtures/', import.meta.url);

/** Rows of membership-changes.csv: real changes after 2020, and the UK leaving the EU in January 2020. */
export interface CaseRow {
  body_id: string;
  iso3: string;
  country: string;
  change: string;
  effective_date: string;
  announced_date: string;
  source: string;
}

export function readCases(): CaseRow[] {
  return parse(readFileSync(new URL('membership-changes.csv', FIXTURES), 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
}

/**
 * Records every case dated after the baseline through recordChange, in
 * date order, each at its own time; returns the records.
 */
export function recordCases(db: Database.Database, author = 'Amina Diallo'): ChangeRecord[] {
  const rows = readCases()
    .filter((row) => row.effective_date >= '2021-01-01')
    .sort((a, b) => a.effective_date.localeCompare(b.effective_date));
  return rows.map((row, index) =>
    recordChange(
      db,
      {
        bodyId: row.body_id,
        iso3: row.iso3,
        kind: row.change,
        effectiveDate: row.effective_date,
        announcedDate: row.announced_date,
        source: row.source,
      },
      { today: TODAY, author, now: new Date(Date.UTC(2025, 0, 1, 9, index)) },
    ),
  );
}

/**
 * Returns a SHA-256 over the schema, user_version and every row of every
 * table in rowid order: equal hashes mean the database content is equal.
 */
export function hashTables(db: Database.Database): string {
  const hash = createHash('sha256');
  hash.update(String(db.pragma('user_version', { simple: true })));
  const tables = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string; sql: string }[];
  for (const { name, sql } of tables) {
    hash.update(sql);
    const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
    hash.update(JSON.stringify(rows));
  }
  return hash.digest('hex');
}

/** Counts the rows of a table. */
export function countRows(db: Database.Database, table: string): number {
  return db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
}
