import { closeSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';

import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../db/close.js';
import { DatabaseDamagedError, openAtlasDatabase } from '../../db/open.js';
import { errorCodeOfSqlite } from '../../db/sqlite-errors.js';
import type { AtlasErrorValue } from '../../main/contract/index.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { runQuery } from '../../main/handlers/dispatch.js';
import {
  createBaselineDatabase,
  readSnapshot,
  tempDatabasePath,
} from '../helpers/database-snapshot.js';

const TODAY = '2026-12-04';
const PAGE_SIZE = 4096;

/** Connections a test opened, closed after it even when it fails. */
const openConnections: Database.Database[] = [];

afterEach(() => {
  for (const db of openConnections.splice(0)) {
    if (db.open) db.close();
  }
});

function track(db: Database.Database): Database.Database {
  openConnections.push(db);
  return db;
}

function contextFor(db: Database.Database, path: string): HandlerContext {
  return { db, databasePath: path, today: () => TODAY };
}

interface Pair {
  bodyId: string;
  iso3: string;
}

/** Returns a baseline member pair, for which "left" is a valid change. */
function memberPair(db: Database.Database): Pair {
  return db
    .prepare(
      `SELECT body_id AS bodyId, iso3 FROM baseline_memberships
       WHERE role = 'member' ORDER BY body_id, iso3 LIMIT 1`,
    )
    .get() as Pair;
}

/** Records "left" for a member pair, with a note long enough to need new pages. */
function recordLeft(context: HandlerContext, pair: Pair = memberPair(context.db)) {
  return runQuery(context, {
    name: 'recordChange',
    input: {
      ...pair,
      kind: 'left',
      effectiveDate: '2024-03-01',
      source: 'https://example.org/left-notice',
      note: 'n'.repeat(4000),
    },
  });
}

function errorOf(result: ReturnType<typeof runQuery>): AtlasErrorValue {
  if (result.ok) throw new Error('the query succeeded, but it should have failed');
  return result.error;
}

function changeCount(path: string): number {
  return readSnapshot(path).tables.membership_changes.length;
}

/** Bytes of a fixed pattern that is not a valid SQLite page. */
function garbage(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let index = 0; index < length; index++) bytes[index] = (index * 31 + 7) % 256;
  return bytes;
}

/** Overwrites whole pages of the file, counted from 1 as SQLite does. */
function overwritePages(path: string, pageNumbers: number[]): void {
  const file = openSync(path, 'r+');
  try {
    for (const pageNumber of pageNumbers) {
      writeSync(file, garbage(PAGE_SIZE), 0, PAGE_SIZE, (pageNumber - 1) * PAGE_SIZE);
    }
  } finally {
    closeSync(file);
  }
}

/** Returns the numbers of the pages of a table and its indexes, from the dbstat table. */
function pagesOfTable(path: string, table: string): number[] {
  const db = new Database(path, { readonly: true });
  try {
    expect(db.pragma('page_size', { simple: true })).toBe(PAGE_SIZE);
    return db
      .prepare(
        `SELECT pageno FROM dbstat
         WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name = ?)
         ORDER BY pageno`,
      )
      .pluck()
      .all(table) as number[];
  } finally {
    db.close();
  }
}

describe('runQuery on SQLite failures', () => {
  it('returns disk_full and saves nothing', () => {
    const path = createBaselineDatabase(tempDatabasePath('atlas-full-'));
    const before = readSnapshot(path);
    const db = track(openAtlasDatabase(path));
    // Migrations that drop tables leave free pages; without them, a write
    // must grow the file.
    db.exec('VACUUM');
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    // SQLite returns SQLITE_FULL when a write needs more pages than this.
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);

    const error = errorOf(recordLeft(contextFor(db, path)));
    closeDatabase(db);

    expect(error.code).toBe('disk_full');
    expect(error.message).toContain('The disk is full, so nothing was saved.');
    expect(error.message).toContain(`Free some space on the disk that holds the database ${path}`);
    expect(error.message).toContain('SQLITE_FULL');
    const after = readSnapshot(path);
    expect(after.integrity).toBe('ok');
    expect(after.tables).toEqual(before.tables);
  });

  it('saves on retry after disk_full', () => {
    const path = createBaselineDatabase(tempDatabasePath('atlas-full-'));
    const db = track(openAtlasDatabase(path));
    db.exec('VACUUM');
    const pageCount = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pageCount}`);
    expect(errorOf(recordLeft(contextFor(db, path))).code).toBe('disk_full');

    db.pragma(`max_page_count = ${pageCount + 100}`);
    const retry = recordLeft(contextFor(db, path));
    closeDatabase(db);

    expect(retry.ok).toBe(true);
    expect(changeCount(path)).toBe(1);
  });

  it('returns database_busy under a write lock', () => {
    const path = createBaselineDatabase(tempDatabasePath('atlas-busy-'));
    const before = readSnapshot(path);
    const db = track(openAtlasDatabase(path));
    // The app waits 5 s for a lock, and this test only 100 ms.
    db.pragma('busy_timeout = 100');
    const other = track(new Database(path));
    other.exec('BEGIN IMMEDIATE');
    other.prepare("UPDATE bodies SET short_name = 'Held' WHERE id = 'bali'").run();

    const started = Date.now();
    const error = errorOf(recordLeft(contextFor(db, path)));
    const waited = Date.now() - started;
    other.exec('ROLLBACK');
    other.close();
    closeDatabase(db);

    expect(error.code).toBe('database_busy');
    expect(error.message).toContain(`Another program has locked the database ${path}`);
    expect(error.message).toContain('then retry');
    expect(error.message).toMatch(/SQLITE_BUSY/);
    expect(waited).toBeLessThan(4000);
    const after = readSnapshot(path);
    expect(after.integrity).toBe('ok');
    expect(after.tables).toEqual(before.tables);
  });

  it('saves on retry after the lock ends', () => {
    const path = createBaselineDatabase(tempDatabasePath('atlas-busy-'));
    const db = track(openAtlasDatabase(path));
    db.pragma('busy_timeout = 100');
    const other = track(new Database(path));
    other.exec('BEGIN IMMEDIATE');
    expect(errorOf(recordLeft(contextFor(db, path))).code).toBe('database_busy');

    other.exec('ROLLBACK');
    const retry = recordLeft(contextFor(db, path));
    other.close();
    closeDatabase(db);

    expect(retry.ok).toBe(true);
    expect(changeCount(path)).toBe(1);
  });

  it('returns database_read_only on read-only writes', () => {
    const path = createBaselineDatabase(tempDatabasePath('atlas-readonly-'));
    const before = readSnapshot(path);
    const db = track(openAtlasDatabase(path, { readonly: true }));
    const context = contextFor(db, path);

    const change = errorOf(recordLeft(context));
    const author = errorOf(runQuery(context, { name: 'setAuthorName', input: { name: 'A' } }));
    const read = runQuery(context, { name: 'listBodies', input: {} });
    closeDatabase(db);

    expect(change.code).toBe('database_read_only');
    expect(change.message).toContain(`the database ${path} is open read-only`);
    expect(change.message).toContain('SQLITE_READONLY');
    expect(author.code).toBe('database_read_only');
    expect(read.ok).toBe(true);
    const after = readSnapshot(path);
    expect(after.integrity).toBe('ok');
    expect(after.tables).toEqual(before.tables);
  });

  it('returns database_corrupt for damaged pages', () => {
    const path = createBaselineDatabase(tempDatabasePath('atlas-corrupt-'));
    const pages = pagesOfTable(path, 'baseline_memberships');
    const db = track(openAtlasDatabase(path));
    const context = contextFor(db, path);
    const pair = memberPair(db);
    overwritePages(path, pages);
    const damaged = readFileSync(path);
    // The open ran a quick check that left every page in the cache, so the
    // cache is dropped to make the queries read the damaged pages.
    db.pragma('shrink_memory');

    const write = errorOf(recordLeft(context, pair));
    const read = errorOf(runQuery(context, { name: 'listBodies', input: {} }));
    closeDatabase(db);

    expect(write.code).toBe('database_corrupt');
    expect(write.message).toContain(`The file of the database ${path} is damaged`);
    expect(write.message).toContain('The file is kept as it is.');
    expect(write.message).toContain('Restore a backup, or start from the 2020 baseline');
    expect(write.message).toContain('SQLITE_CORRUPT');
    expect(read.code).toBe('database_corrupt');
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });
});

describe('openAtlasDatabase on a damaged file', () => {
  const damages: [string, (path: string) => void][] = [
    [
      'garbage over pages in the middle',
      (path) => {
        const pages = pagesOfTable(path, 'baseline_memberships');
        const middle = Math.floor(pages.length / 2);
        overwritePages(path, pages.slice(middle - 2, middle + 2));
      },
    ],
    [
      'a file truncated to half',
      (path) => {
        const halfPages = Math.floor(readFileSync(path).length / PAGE_SIZE / 2);
        truncateSync(path, halfPages * PAGE_SIZE);
      },
    ],
  ];

  it.each(damages)('rejects %s and keeps the file', (_name, damage) => {
    const path = createBaselineDatabase(tempDatabasePath('atlas-damaged-'));
    damage(path);
    const damaged = readFileSync(path);

    let caught: unknown;
    try {
      track(openAtlasDatabase(path));
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(DatabaseDamagedError);
    expect((caught as Error).message).toContain('restore a backup');
    expect(readFileSync(path).equals(damaged)).toBe(true);
  });
});

describe('errorCodeOfSqlite', () => {
  it.each([
    ['SQLITE_FULL', 'disk_full'],
    ['SQLITE_READONLY', 'database_read_only'],
    ['SQLITE_READONLY_DBMOVED', 'database_read_only'],
    ['SQLITE_BUSY', 'database_busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'database_busy'],
    ['SQLITE_LOCKED', 'database_busy'],
    ['SQLITE_LOCKED_SHAREDCACHE', 'database_busy'],
    ['SQLITE_CORRUPT', 'database_corrupt'],
    ['SQLITE_CORRUPT_INDEX', 'database_corrupt'],
    ['SQLITE_NOTADB', 'database_corrupt'],
    ['SQLITE_IOERR_WRITE', 'database_error'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'database_error'],
    ['SQLITE_FULLNESS', 'database_error'],
  ])('maps %s to %s', (sqliteCode, code) => {
    expect(errorCodeOfSqlite(sqliteCode)).toBe(code);
  });
});
