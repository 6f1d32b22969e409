import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import {
  BACKUPS_KEPT,
  BackupDamagedError,
  backupDatabase,
  backupFolderOf,
  defaultBackupFolder,
  checkBackupFile,
  listBackups,
  restoreBackup,
} from '../../db/backup.js';
import { closeDatabase } from '../../db/close.js';
import { recordChange } from '../../db/domain/record.js';
import { migrate, readMigrations } from '../../db/migrate.js';
import { openAtlasDatabase } from '../../db/open.js';
import { TODAY, countRows, hashTables } from './io/import-helpers.js';

const SOURCE = 'https://example.org/test-source';

function newFolder(): string {
  return mkdtempSync(join(tmpdir(), 'atlas-backup-'));
}

function suspendMali(db: Database.Database): void {
  recordChange(
    db,
    { bodyId: 'au', iso3: 'MLI', kind: 'suspended', effectiveDate: '2021-06-01', source: SOURCE },
    { today: TODAY, author: 'Amina' },
  );
}

describe('backupDatabase', () => {
  it('writes a complete copy named by time', async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(join(folder, 'atlas.sqlite'));
    suspendMali(db);

    const backup = await backupDatabase(db, join(folder, 'backups'), {
      now: new Date('2026-12-04T10:20:30.456Z'),
    });

    expect(backup.fileName).toBe('atlas-backup-2026-12-04T10-20-30-456Z.sqlite');
    expect(checkBackupFile(backup.path)).toEqual([]);
    const copy = new Database(backup.path, { readonly: true });
    // The change is still in the write-ahead log of the live database.
    expect(hashTables(copy)).toBe(hashTables(db));
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    closeDatabase(db);
  });

  it(`keeps the newest ${BACKUPS_KEPT}`, async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(':memory:');
    const times = Array.from({ length: 12 }, (_, index) => new Date(Date.UTC(2026, 0, index + 1)));

    for (const now of times) await backupDatabase(db, folder, { now });

    const kept = listBackups(folder);
    expect(kept).toHaveLength(BACKUPS_KEPT);
    expect(kept.map((backup) => backup.createdAt)).toEqual(
      times.slice(2).reverse().map((time) => time.toISOString()),
    );
  });

  it('names backups of the same millisecond apart', async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(':memory:');
    const now = new Date('2026-12-04T10:00:00.000Z');

    const first = await backupDatabase(db, folder, { now });
    const second = await backupDatabase(db, folder, { now });

    expect(second.path).not.toBe(first.path);
    expect(listBackups(folder).map((backup) => backup.path)).toEqual([second.path, first.path]);
  });

  it('keeps each database in its own folder', () => {
    const folder = newFolder();
    const db = openAtlasDatabase(join(folder, 'atlas.sqlite'));

    expect(backupFolderOf(join(folder, 'atlas.sqlite'))).toBe(join(folder, 'atlas-backups'));
    expect(backupFolderOf(join(folder, 'test.db'))).toBe(join(folder, 'test-backups'));
    expect(defaultBackupFolder(db)).toBe(join(folder, 'atlas-backups'));
    expect(defaultBackupFolder(openAtlasDatabase(':memory:'))).toBeNull();
    closeDatabase(db);
  });

  it('lists nothing for a missing folder', () => {
    expect(listBackups(join(newFolder(), 'missing'))).toEqual([]);
  });
});

describe('restoreBackup', () => {
  it('restores into a database that is open', async () => {
    const folder = newFolder();
    const path = join(folder, 'atlas.sqlite');
    const live = openAtlasDatabase(path);
    const backup = await backupDatabase(live, join(folder, 'backups'));
    suspendMali(live);

    const result = await restoreBackup(path, backup.path, {
      now: new Date('2030-01-01T00:00:00.000Z'),
    });

    expect(countRows(live, 'membership_changes')).toBe(0);
    expect(result.previousBackup).not.toBeNull();
    const previous = new Database(result.previousBackup!.path, { readonly: true });
    expect(countRows(previous, 'membership_changes')).toBe(1);
    previous.close();
    expect(result.setAsidePath).toBeNull();
    closeDatabase(live);
  });

  it('rejects a damaged backup and leaves the database as it was', async () => {
    const folder = newFolder();
    const path = join(folder, 'atlas.sqlite');
    const db = openAtlasDatabase(path);
    suspendMali(db);
    closeDatabase(db);
    const backupsFolder = join(folder, 'backups');
    const good = await backupDatabase(openAtlasDatabase(':memory:'), backupsFolder);
    const damaged = join(folder, 'damaged.sqlite');
    const bytes = readFileSync(good.path);
    // Overwrite pages after the header: the file still opens, but is corrupt.
    bytes.fill(0xa5, 4096 * 2, 4096 * 6);
    writeFileSync(damaged, bytes);
    const before = readFileSync(path);

    const attempt = restoreBackup(path, damaged);

    await expect(attempt).rejects.toBeInstanceOf(BackupDamagedError);
    await expect(attempt).rejects.toThrow(
      /cannot be restored: SQLite's integrity check failed .*The current database was left as it was/,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(readdirSync(backupsFolder)).toEqual([good.fileName]);
  });

  it('rejects a file that is not a database', async () => {
    const folder = newFolder();
    const damaged = join(folder, 'notes.sqlite');
    writeFileSync(damaged, 'these are notes, not a database');

    const attempt = restoreBackup(join(folder, 'atlas.sqlite'), damaged);

    await expect(attempt).rejects.toThrow(/not a readable SQLite database/);
    expect(existsSync(join(folder, 'atlas.sqlite'))).toBe(false);
  });

  it('rejects a database without the atlas tables', async () => {
    const folder = newFolder();
    const other = join(folder, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE bodies (id TEXT)');
    db.close();

    expect(checkBackupFile(other)).toEqual([
      expect.stringContaining('missing tables: countries, themes'),
    ]);
    await expect(restoreBackup(join(folder, 'atlas.sqlite'), other)).rejects.toThrow(
      /missing tables/,
    );
  });

  it('migrates a backup made before the imports table', async () => {
    const folder = newFolder();
    const old = join(folder, 'old.sqlite');
    const oldDb = new Database(old);
    migrate(oldDb, readMigrations(), 3);
    oldDb.close();
    const path = join(folder, 'atlas.sqlite');

    await restoreBackup(path, old);

    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations().length);
    expect(countRows(db, 'imports')).toBe(0);
    db.close();
  });

  it('sets a damaged current database aside', async () => {
    const folder = newFolder();
    const path = join(folder, 'atlas.sqlite');
    writeFileSync(path, 'damaged beyond reading');
    const good = await backupDatabase(openAtlasDatabase(':memory:'), join(folder, 'backups'));

    const result = await restoreBackup(path, good.path);

    expect(result.previousBackup).toBeNull();
    expect(readFileSync(result.setAsidePath!, 'utf8')).toBe('damaged beyond reading');
    expect(checkBackupFile(path)).toEqual([]);
  });
});
