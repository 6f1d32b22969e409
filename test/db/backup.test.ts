import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
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
  type BackupReason,
} from '../../db/backup.js';
import { closeDatabase } from '../../db/close.js';
import { recordChange } from '../../db/domain/record.js';
import { migrate, readMigrations } from '../../db/migrate.js';
import { openAtlasDatabase } from '../../db/open.js';
import { TODAY, countRows, hashTables } from './io/import-helpers.js';

const SOURCE = 'https://example.org/test-source';
const START: BackupReason = { kind: 'start' };
const IMPORT: BackupReason = { kind: 'import', fileName: 'changes 2026.json' };
const RESTORE: BackupReason = { kind: 'restore' };

function newFolder(): string {
  return mkdtempSync(join(tmpdir(), 'atlas-backup-'));
}

/** Returns the UTC midnight of 2026-01-<day>. */
function dayOf(day: number): Date {
  return new Date(Date.UTC(2026, 0, day));
}

/** Copies a backup to the name an earlier version, which recorded no reason, gave it. */
function copyAsEarlierVersion(backupPath: string, folder: string, now: Date): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const path = join(folder, `atlas-backup-${stamp}.sqlite`);
  mkdirSync(folder, { recursive: true });
  copyFileSync(backupPath, path);
  return path;
}

function suspendMali(db: Database.Database): void {
  recordChange(
    db,
    { bodyId: 'au', iso3: 'MLI', kind: 'suspended', effectiveDate: '2021-06-01', source: SOURCE },
    { today: TODAY, author: 'Amina' },
  );
}

describe('backupDatabase', () => {
  it('writes a complete copy named by time and reason', async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(join(folder, 'atlas.sqlite'));
    suspendMali(db);

    const backup = await backupDatabase(db, join(folder, 'backups'), START, {
      now: new Date('2026-12-04T10:20:30.456Z'),
    });

    expect(backup.fileName).toBe('atlas-backup-2026-12-04T10-20-30-456Z-start.sqlite');
    expect(backup.reason).toEqual(START);
    expect(checkBackupFile(backup.path)).toEqual([]);
    const copy = new Database(backup.path, { readonly: true });
    // The change is still in the write-ahead log of the live database.
    expect(hashTables(copy)).toBe(hashTables(db));
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    copy.close();
    closeDatabase(db);
  });

  it('names an import backup after the imported file', async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(':memory:');

    const backup = await backupDatabase(db, folder, IMPORT, {
      now: new Date('2026-12-04T10:20:30.456Z'),
    });

    expect(backup.fileName).toBe(
      'atlas-backup-2026-12-04T10-20-30-456Z-import-changes%202026.json.sqlite',
    );
    expect(listBackups(folder)[0].reason).toEqual(IMPORT);
  });

  it(`keeps the newest ${BACKUPS_KEPT} start backups`, async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(':memory:');
    const times = Array.from({ length: 12 }, (_, index) => dayOf(index + 1));

    for (const now of times) await backupDatabase(db, folder, START, { now });

    const remaining = listBackups(folder);
    expect(remaining).toHaveLength(BACKUPS_KEPT);
    expect(remaining.map((backup) => backup.createdAt)).toEqual(
      times.slice(2).reverse().map((time) => time.toISOString()),
    );
  });

  it('keeps an import backup through 12 starts', async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(':memory:');
    const imported = await backupDatabase(db, folder, IMPORT, { now: dayOf(1) });

    for (let day = 2; day <= 13; day++) {
      await backupDatabase(db, folder, START, { now: dayOf(day) });
    }

    const remaining = listBackups(folder);
    expect(remaining).toHaveLength(BACKUPS_KEPT + 1);
    expect(remaining.at(-1)?.fileName).toBe(imported.fileName);
    expect(remaining.at(-1)?.reason).toEqual(IMPORT);
    expect(remaining.filter((backup) => backup.reason.kind === 'start')).toHaveLength(BACKUPS_KEPT);
  });

  it(`keeps the newest ${BACKUPS_KEPT} of each reason`, async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(':memory:');
    const reasons = [START, IMPORT, RESTORE];

    for (let day = 1; day <= 12; day++) {
      for (const [hour, reason] of reasons.entries()) {
        const now = new Date(Date.UTC(2026, 0, day, hour));
        await backupDatabase(db, folder, reason, { now });
      }
    }

    const remaining = listBackups(folder);
    for (const [hour, reason] of reasons.entries()) {
      const ofReason = remaining.filter((backup) => backup.reason.kind === reason.kind);
      const days = Array.from({ length: BACKUPS_KEPT }, (_, index) => 12 - index);
      expect(ofReason.map((backup) => backup.createdAt)).toEqual(
        days.map((day) => new Date(Date.UTC(2026, 0, day, hour)).toISOString()),
      );
    }
    expect(remaining).toHaveLength(3 * BACKUPS_KEPT);
  });

  it('counts backups of earlier versions as start backups', async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(':memory:');
    const template = await backupDatabase(db, newFolder(), START);
    const earlier = [1, 2, 3, 4, 5].map((day) =>
      copyAsEarlierVersion(template.path, folder, dayOf(day)),
    );
    const imported = await backupDatabase(db, folder, IMPORT, { now: dayOf(6) });

    for (let day = 7; day <= 14; day++) {
      await backupDatabase(db, folder, START, { now: dayOf(day) });
    }

    const remaining = listBackups(folder);
    expect(remaining.map((backup) => backup.path)).toEqual(expect.arrayContaining([imported.path]));
    expect(remaining.filter((backup) => backup.reason.kind === 'start')).toHaveLength(8);
    const unknown = remaining.filter((backup) => backup.reason.kind === 'unknown');
    expect(unknown.map((backup) => backup.path)).toEqual([earlier[4], earlier[3]]);
    expect(existsSync(earlier[2])).toBe(false);
    expect(remaining).toHaveLength(BACKUPS_KEPT + 1);
  });

  it('names backups of the same millisecond apart', async () => {
    const folder = newFolder();
    const db = openAtlasDatabase(':memory:');
    const now = new Date('2026-12-04T10:00:00.000Z');

    const first = await backupDatabase(db, folder, START, { now });
    const second = await backupDatabase(db, folder, START, { now });
    const third = await backupDatabase(db, folder, IMPORT, { now });

    expect(second.path).not.toBe(first.path);
    expect(third.fileName).toMatch(/-2-import-/);
    expect(listBackups(folder).map((backup) => backup.path)).toEqual([
      third.path,
      second.path,
      first.path,
    ]);
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

describe('listBackups', () => {
  it.each([
    ['atlas-backup-2026-01-02T03-04-05-006Z.sqlite', { kind: 'unknown' }],
    ['atlas-backup-2026-01-02T03-04-05-006Z-1.sqlite', { kind: 'unknown' }],
    ['atlas-backup-2026-01-02T03-04-05-006Z-start.sqlite', { kind: 'start' }],
    ['atlas-backup-2026-01-02T03-04-05-006Z-2-restore.sqlite', { kind: 'restore' }],
    [
      'atlas-backup-2026-01-02T03-04-05-006Z-import-donn%C3%A9es.csv.sqlite',
      { kind: 'import', fileName: 'données.csv' },
    ],
    [
      'atlas-backup-2026-01-02T03-04-05-006Z-import-100%-done.json.sqlite',
      { kind: 'import', fileName: '100%-done.json' },
    ],
  ])('reads the reason of %s', (fileName, reason) => {
    const folder = newFolder();
    writeFileSync(join(folder, fileName), '');

    const [backup] = listBackups(folder);

    expect(backup.fileName).toBe(fileName);
    expect(backup.createdAt).toBe('2026-01-02T03:04:05.006Z');
    expect(backup.reason).toEqual(reason);
  });

  it('skips files that are not backups', () => {
    const folder = newFolder();
    writeFileSync(join(folder, 'atlas.sqlite'), '');
    writeFileSync(join(folder, 'atlas-backup-2026-01-02T03-04-05-006Z-later.sqlite'), '');
    writeFileSync(join(folder, '.atlas-backup-2026-01-02T03-04-05-006Z-start.sqlite.1a2b.tmp'), '');

    expect(listBackups(folder)).toEqual([]);
  });
});

describe('restoreBackup', () => {
  it('restores into a database that is open', async () => {
    const folder = newFolder();
    const path = join(folder, 'atlas.sqlite');
    const live = openAtlasDatabase(path);
    const backup = await backupDatabase(live, join(folder, 'backups'), START);
    suspendMali(live);

    const result = await restoreBackup(path, backup.path, {
      now: new Date('2030-01-01T00:00:00.000Z'),
    });

    expect(countRows(live, 'membership_changes')).toBe(0);
    expect(result.previousBackup).not.toBeNull();
    const previous = new Database(result.previousBackup!.path, { readonly: true });
    expect(countRows(previous, 'membership_changes')).toBe(1);
    previous.close();
    expect(result.previousBackup!.reason).toEqual(RESTORE);
    expect(result.previousBackup!.fileName).toBe(
      'atlas-backup-2030-01-01T00-00-00-000Z-restore.sqlite',
    );
    expect(result.setAsidePath).toBeNull();
    closeDatabase(live);
  });

  it('restores a backup of an earlier version', async () => {
    const folder = newFolder();
    const path = join(folder, 'atlas.sqlite');
    const backupsFolder = join(folder, 'backups');
    const live = openAtlasDatabase(path);
    const made = await backupDatabase(live, newFolder(), START);
    const earlier = copyAsEarlierVersion(made.path, backupsFolder, dayOf(1));
    suspendMali(live);

    await restoreBackup(path, earlier, { backupFolder: backupsFolder });

    expect(countRows(live, 'membership_changes')).toBe(0);
    expect(listBackups(backupsFolder).map((backup) => backup.reason.kind)).toEqual([
      'restore',
      'unknown',
    ]);
    closeDatabase(live);
  });

  it('rejects a damaged backup and leaves the database as it was', async () => {
    const folder = newFolder();
    const path = join(folder, 'atlas.sqlite');
    const db = openAtlasDatabase(path);
    suspendMali(db);
    closeDatabase(db);
    const backupsFolder = join(folder, 'backups');
    const good = await backupDatabase(openAtlasDatabase(':memory:'), backupsFolder, START);
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
    const good = await backupDatabase(
      openAtlasDatabase(':memory:'),
      join(folder, 'backups'),
      START,
    );

    const result = await restoreBackup(path, good.path);

    expect(result.previousBackup).toBeNull();
    expect(readFileSync(result.setAsidePath!, 'utf8')).toBe('damaged beyond reading');
    expect(checkBackupFile(path)).toEqual([]);
  });
});
