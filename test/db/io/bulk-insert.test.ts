import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import { generateChanges } from '../../../db/domain/generate.js';
import { MIN_BULK_ROWS, insertInBulk } from '../../../db/io/bulk-insert.js';
import { buildJsonDocument, jsonDocumentText } from '../../../db/io/json-export.js';
import { applyImport, previewImport } from '../../../db/io/json-import.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { TODAY } from './import-helpers.js';

function indexesOf(db: Database.Database, table: string) {
  return db
    .prepare(
      `SELECT name, sql FROM sqlite_schema
       WHERE type = 'index' AND tbl_name = ? ORDER BY name`,
    )
    .all(table);
}

function indexCount(db: Database.Database): number {
  return indexesOf(db, 'membership_changes').length;
}

describe('insertInBulk', () => {
  it('keeps indexes for a few rows', () => {
    const db = openAtlasDatabase(':memory:');
    const before = indexCount(db);
    let during = -1;

    db.transaction(() => insertInBulk(db, 'membership_changes', MIN_BULK_ROWS - 1, () => {
      during = indexCount(db);
    }))();

    expect(during).toBe(before);
    closeDatabase(db);
  });

  it('rebuilds plain indexes for many rows', () => {
    const db = openAtlasDatabase(':memory:');
    const before = indexesOf(db, 'membership_changes');
    let during: unknown[] = [];

    db.transaction(() => insertInBulk(db, 'membership_changes', MIN_BULK_ROWS, () => {
      during = indexesOf(db, 'membership_changes');
    }))();

    expect(before.length).toBeGreaterThan(1);
    expect(during).toEqual(before.filter((index) => (index as { sql: string | null }).sql === null));
    expect(indexesOf(db, 'membership_changes')).toEqual(before);
    closeDatabase(db);
  });

  it('keeps indexes when stored rows outnumber new ones', () => {
    const db = openAtlasDatabase(':memory:');
    generateChanges(db, 300, { today: TODAY });
    const before = indexCount(db);
    let during = -1;

    db.transaction(() => insertInBulk(db, 'membership_changes', 299, () => {
      during = indexCount(db);
    }))();

    expect(during).toBe(before);
    closeDatabase(db);
  });

  it('rolls the drops back when the insert fails', () => {
    const db = openAtlasDatabase(':memory:');
    const before = indexesOf(db, 'membership_changes');

    expect(() =>
      db.transaction(() => insertInBulk(db, 'membership_changes', MIN_BULK_ROWS, () => {
        throw new Error('disk full');
      }))(),
    ).toThrow('disk full');

    expect(indexesOf(db, 'membership_changes')).toEqual(before);
    closeDatabase(db);
  });

  it('runs only inside a transaction', () => {
    const db = openAtlasDatabase(':memory:');

    expect(() => insertInBulk(db, 'annotations', 1, () => {})).toThrow(/inside a transaction/);
    closeDatabase(db);
  });
});

describe('a bulk JSON import', () => {
  it('gives the same memberships and indexes as the source', async () => {
    const source = openAtlasDatabase(':memory:');
    generateChanges(source, MIN_BULK_ROWS + 500, { today: TODAY });
    const target = openAtlasDatabase(':memory:');
    const preview = previewImport(target, jsonDocumentText(buildJsonDocument(source)), 'bulk.json', {
      today: TODAY,
    });

    const result = await applyImport(target, preview, { backupFolder: null }, 'Bo Chen');

    expect(result.added).toBe(MIN_BULK_ROWS + 500);
    expect(indexesOf(target, 'membership_changes')).toEqual(indexesOf(source, 'membership_changes'));
    expect(target.pragma('integrity_check', { simple: true })).toBe('ok');
    for (const day of ['2021-06-30', '2024-01-01', TODAY]) {
      expect(membershipsAsOf(target, day), day).toEqual(membershipsAsOf(source, day));
    }
    closeDatabase(source);
    closeDatabase(target);
  });
});
