/**
 * The file queries (exports, imports, backups) through the dispatcher, on
 * real database files in temporary folders.
 */
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';
import {
  IMPORT_ITEMS_LISTED,
  type AtlasErrorValue,
  type BackupEntry,
  type DownloadedFile,
  type ImportApplied,
  type ImportPreviewResult,
  type QueryName,
  type RestoredBackup,
} from '../../main/contract/index.js';
import { backUpAtStart } from '../../main/handlers/backups.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { isFileQuery, runFileQuery, runQuery } from '../../main/handlers/dispatch.js';
import type { FileQueryOptions } from '../../main/handlers/files.js';
import { PREVIEWS_KEPT } from '../../main/handlers/import-previews.js';
import { tempDatabasePath } from '../helpers/database-snapshot.js';
import { readXlsx } from '../db/io/read-xlsx.js';
import { readZip } from '../db/io/read-zip.js';

const TODAY = '2026-12-04';
const contexts: HandlerContext[] = [];

/** Opens a new database file created from the baseline, in a folder of its own. */
function openContext(prefix = 'atlas-files-'): HandlerContext {
  const databasePath = tempDatabasePath(prefix);
  const context = { db: openAtlasDatabase(databasePath), databasePath, today: () => TODAY };
  contexts.push(context);
  return context;
}

afterEach(() => {
  for (const context of contexts.splice(0)) {
    closeDatabase(context.db);
    rmSync(dirname(context.databasePath), { recursive: true, force: true });
  }
});

async function ok<T>(
  context: HandlerContext,
  name: QueryName,
  input: unknown = {},
  options: FileQueryOptions = {},
): Promise<T> {
  const result = await runFileQuery(context, { name, input }, options);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
  return result.value as T;
}

async function failure(
  context: HandlerContext,
  name: QueryName,
  input: unknown,
  options: FileQueryOptions = {},
): Promise<AtlasErrorValue> {
  const result = await runFileQuery(context, { name, input }, options);
  if (result.ok) throw new Error(`${name} should have failed`);
  return result.error;
}

function bytesOf(file: DownloadedFile): Buffer {
  return Buffer.from(file.dataBase64, 'base64');
}

/** Records Mali's suspension in the AU and returns the new record's id. */
function recordMaliSuspension(context: HandlerContext, source = 'https://au.int/x'): string {
  const result = runQuery(context, {
    name: 'recordChange',
    input: { bodyId: 'au', iso3: 'MLI', kind: 'suspended', effectiveDate: '2021-06-01', source },
  });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { id: string }).id;
}

function historyIds(context: HandlerContext): string[] {
  const result = runQuery(context, { name: 'history', input: { limit: 1000 } });
  if (!result.ok) throw new Error(result.error.message);
  return (result.value as { entries: { id: string }[] }).entries.map((entry) => entry.id);
}

async function exportJson(context: HandlerContext): Promise<DownloadedFile> {
  return ok<DownloadedFile>(context, 'exportFile', { format: 'json' });
}

describe('dispatch', () => {
  it('marks only the file queries as asynchronous', () => {
    expect(isFileQuery('exportFile')).toBe(true);
    expect(isFileQuery('restoreBackup')).toBe(true);
    expect(isFileQuery('appInfo')).toBe(false);
    expect(isFileQuery('dropTables')).toBe(false);
  });

  it('keeps file queries out of runQuery', () => {
    const context = openContext();

    const result = runQuery(context, { name: 'listBackups', input: {} });

    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('runs other queries through runFileQuery too', async () => {
    const context = openContext();

    const info = await ok<{ today: string }>(context, 'appInfo');

    expect(info.today).toBe(TODAY);
  });
});

describe('exportFile', () => {
  it('returns an Excel workbook with the README and table sheets', async () => {
    const context = openContext();

    const file = await ok<DownloadedFile>(context, 'exportFile', {
      format: 'xlsx',
      asOf: '2024-06-30',
    });
    const bytes = bytesOf(file);
    const sheets = await readXlsx(bytes);

    expect(file.fileName).toBe('iscm-atlas-memberships-2024-06-30.xlsx');
    expect(file.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect([...sheets.keys()]).toEqual([
      'README',
      'memberships',
      'matrix',
      'themes',
      'changes',
      'annotations',
      'countries',
    ]);
    expect(sheets.get('README')!.rows.find((row) => row[0] === 'As of')?.[1]).toBe('2024-06-30');
  });

  it('returns the CSV files in a zip', async () => {
    const context = openContext();

    const file = await ok<DownloadedFile>(context, 'exportFile', { format: 'csv' });
    const entries = await readZip(bytesOf(file));

    expect(file.fileName).toBe(`iscm-atlas-memberships-${TODAY}.zip`);
    expect(file.mediaType).toBe('application/zip');
    expect([...entries.keys()].sort()).toEqual([
      'annotations.csv',
      'changes.csv',
      'countries.csv',
      'matrix.csv',
      'memberships.csv',
      'themes.csv',
    ]);
    expect(entries.get('memberships.csv')!.toString('utf8')).toMatch(
      /^\uFEFFbody_id,body,kind,iso3,country,role,since,source,note\r\n/,
    );
  });

  it('returns the whole dataset as JSON with its schema version', async () => {
    const context = openContext();
    const id = recordMaliSuspension(context);

    const file = await exportJson(context);
    const document = JSON.parse(bytesOf(file).toString('utf8'));

    expect(file.fileName).toBe(`iscm-atlas-dataset-${TODAY}.json`);
    expect(file.mediaType).toBe('application/json');
    expect(document.schema_version).toBe(1);
    expect(document.baseline.memberships).toHaveLength(1714);
    expect(document.changes.map((change: { id: string }) => change.id)).toEqual([id]);
  });

  it('returns a GeoJSON FeatureCollection for the as-of day and switches', async () => {
    const context = openContext();

    const file = await ok<DownloadedFile>(context, 'exportFile', {
      format: 'geojson',
      asOf: '2021-01-01',
      count: { includeRoles: ['observer'], excludeGlobal: true },
    });
    const collection = JSON.parse(bytesOf(file).toString('utf8'));

    expect(file.fileName).toBe('iscm-atlas-countries-2021-01-01.geojson');
    expect(file.mediaType).toBe('application/geo+json');
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.as_of).toBe('2021-01-01');
    expect(collection.count).toEqual({ include_roles: ['observer'], exclude_global: true });
    expect(collection.features.length).toBeGreaterThan(150);
    expect(collection.features[0].properties).toHaveProperty('iscm_count');
  });

  it('rejects an as-of day before the baseline', async () => {
    const context = openContext();

    const error = await failure(context, 'exportFile', { format: 'xlsx', asOf: '2020-12-30' });

    expect(error.code).toBe('date_out_of_range');
    expect(error.field).toBe('asOf');
  });

  it('rejects an unknown format', async () => {
    const context = openContext();

    const error = await failure(context, 'exportFile', { format: 'pdf' });

    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('format');
  });

  it('hands the bytes to the adapter that saves files', async () => {
    const context = openContext();
    const saved: { fileName: string; mediaType: string; bytes: Uint8Array }[] = [];
    const saveFile: FileQueryOptions['saveFile'] = async (file) => {
      saved.push(file);
      return { savedPath: `/chosen/${file.fileName}` };
    };

    const result = await ok(context, 'exportFile', { format: 'geojson' }, { saveFile });

    expect(result).toEqual({ savedPath: `/chosen/iscm-atlas-countries-${TODAY}.geojson` });
    expect(saved).toHaveLength(1);
    expect(JSON.parse(Buffer.from(saved[0].bytes).toString('utf8')).type).toBe(
      'FeatureCollection',
    );
  });
});

describe('saveFile', () => {
  it('is unsupported without a save dialog', async () => {
    const context = openContext();

    const error = await failure(context, 'saveFile', {
      fileName: 'map.svg',
      mediaType: 'image/svg+xml',
      dataBase64: Buffer.from('<svg/>').toString('base64'),
    });

    expect(error.code).toBe('unsupported');
  });

  it('passes only a file name without folders to the adapter', async () => {
    const context = openContext();
    const names: string[] = [];
    const saveFile: FileQueryOptions['saveFile'] = async (file) => {
      names.push(file.fileName);
      return { cancelled: true };
    };

    const result = await ok(
      context,
      'saveFile',
      {
        fileName: '../../etc/map.png',
        mediaType: 'image/png',
        dataBase64: Buffer.from([0x89, 0x50]).toString('base64'),
      },
      { saveFile },
    );

    expect(result).toEqual({ cancelled: true });
    expect(names).toEqual(['map.png']);
  });

  it('rejects data that is not base64', async () => {
    const context = openContext();

    const error = await failure(context, 'saveFile', {
      fileName: 'map.png',
      mediaType: 'image/png',
      dataBase64: 'not base64!',
    });

    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('dataBase64');
  });
});

describe('previewImport and applyImport', () => {
  it('imports a change recorded in another database', async () => {
    const source = openContext('atlas-files-source-');
    const target = openContext('atlas-files-target-');
    const id = recordMaliSuspension(source);
    const file = await exportJson(source);

    const preview = await ok<ImportPreviewResult>(target, 'previewImport', {
      fileName: file.fileName,
      dataBase64: file.dataBase64,
    });
    if (preview.status !== 'ready') throw new Error(preview.message);
    const applied = await ok<ImportApplied>(target, 'applyImport', {
      previewId: preview.previewId,
      acceptConflicts: [],
    });
    const backups = await ok<BackupEntry[]>(target, 'listBackups');

    expect(preview.summary).toMatchObject({ total: 1, new: 1, conflict: 0, identical: 0 });
    expect(preview.items).toEqual([
      expect.objectContaining({ id, type: 'change', classification: 'new', local: null }),
    ]);
    expect(preview.items[0]).not.toHaveProperty('document');
    expect(applied).toMatchObject({ written: true, added: 1, updated: 0, notImported: 0 });
    expect(historyIds(target)).toEqual([id]);
    expect(backups.map((backup) => backup.fileName)).toEqual([applied.backupFileName]);
    expect(backups[0].reason).toEqual({ kind: 'import', fileName: file.fileName });
  });

  it('finds nothing new when the same file comes again', async () => {
    const source = openContext('atlas-files-source-');
    const target = openContext('atlas-files-target-');
    recordMaliSuspension(source);
    const file = await exportJson(source);
    const text = Buffer.from(file.dataBase64, 'base64').toString('utf8');
    const first = await ok<ImportPreviewResult>(target, 'previewImport', {
      fileName: file.fileName,
      text,
    });
    if (first.status !== 'ready') throw new Error(first.message);
    await ok(target, 'applyImport', { previewId: first.previewId });

    const second = await ok<ImportPreviewResult>(target, 'previewImport', {
      fileName: file.fileName,
      text,
    });
    if (second.status !== 'ready') throw new Error(second.message);
    const applied = await ok<ImportApplied>(target, 'applyImport', {
      previewId: second.previewId,
    });

    expect(second.summary).toMatchObject({ new: 0, identical: 1 });
    expect(applied.written).toBe(false);
    expect(applied.backupFileName).toBeNull();
  });

  it('returns the problems of a broken file with their places', async () => {
    const source = openContext('atlas-files-source-');
    const target = openContext('atlas-files-target-');
    recordMaliSuspension(source);
    const file = await exportJson(source);
    const broken = Buffer.from(file.dataBase64, 'base64')
      .toString('utf8')
      .replace('"effective_date":"2021-06-01"', '"effective_date":"2021-02-30"');

    const preview = await ok<ImportPreviewResult>(target, 'previewImport', {
      fileName: 'broken.json',
      text: broken,
    });

    expect(broken).toContain('2021-02-30');
    expect(preview.status).toBe('rejected');
    if (preview.status !== 'rejected') return;
    expect(preview.fileName).toBe('broken.json');
    expect(preview.problems.map((problem) => problem.where)).toContain(
      'changes[0].effective_date',
    );
    expect(historyIds(target)).toEqual([]);
  });

  it('rejects text that is not JSON, naming the line', async () => {
    const context = openContext();

    const preview = await ok<ImportPreviewResult>(context, 'previewImport', {
      fileName: 'notes.json',
      text: '{\n  "schema_version": 1,\n  oops\n}',
    });

    expect(preview.status).toBe('rejected');
    if (preview.status !== 'rejected') return;
    expect(preview.problems[0].where).toMatch(/^line 3/);
  });

  it('takes the file as either text or base64', async () => {
    const context = openContext();

    const both = await failure(context, 'previewImport', {
      fileName: 'a.json',
      text: '{}',
      dataBase64: 'e30=',
    });
    const neither = await failure(context, 'previewImport', { fileName: 'a.json' });

    expect(both.code).toBe('invalid_input');
    expect(neither.code).toBe('invalid_input');
  });

  it('rejects accepting a record that is not a conflict', async () => {
    const source = openContext('atlas-files-source-');
    const target = openContext('atlas-files-target-');
    const id = recordMaliSuspension(source);
    const file = await exportJson(source);
    const preview = await ok<ImportPreviewResult>(target, 'previewImport', {
      fileName: file.fileName,
      dataBase64: file.dataBase64,
    });
    if (preview.status !== 'ready') throw new Error(preview.message);

    const error = await failure(target, 'applyImport', {
      previewId: preview.previewId,
      acceptConflicts: [id],
    });

    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('acceptConflicts');
    expect(historyIds(target)).toEqual([]);
  });

  it('applies a preview only once', async () => {
    const source = openContext('atlas-files-source-');
    const target = openContext('atlas-files-target-');
    recordMaliSuspension(source);
    const file = await exportJson(source);
    const preview = await ok<ImportPreviewResult>(target, 'previewImport', {
      fileName: file.fileName,
      dataBase64: file.dataBase64,
    });
    if (preview.status !== 'ready') throw new Error(preview.message);
    await ok(target, 'applyImport', { previewId: preview.previewId });

    const again = await failure(target, 'applyImport', { previewId: preview.previewId });

    expect(again.code).toBe('not_found');
    expect(again.field).toBe('previewId');
  });

  it(`keeps at most ${PREVIEWS_KEPT} previews`, async () => {
    const source = openContext('atlas-files-source-');
    const target = openContext('atlas-files-target-');
    recordMaliSuspension(source);
    const file = await exportJson(source);
    const ids: string[] = [];
    for (let index = 0; index <= PREVIEWS_KEPT; index++) {
      const preview = await ok<ImportPreviewResult>(target, 'previewImport', {
        fileName: file.fileName,
        dataBase64: file.dataBase64,
      });
      if (preview.status !== 'ready') throw new Error(preview.message);
      ids.push(preview.previewId);
    }

    const oldest = await failure(target, 'applyImport', { previewId: ids[0] });
    const newest = await ok<ImportApplied>(target, 'applyImport', { previewId: ids.at(-1) });

    expect(new Set(ids).size).toBe(PREVIEWS_KEPT + 1);
    expect(oldest.code).toBe('not_found');
    expect(newest.added).toBe(1);
  });

  it(`lists at most ${IMPORT_ITEMS_LISTED} records of a class`, async () => {
    const source = openContext('atlas-files-source-');
    const target = openContext('atlas-files-target-');
    const total = IMPORT_ITEMS_LISTED + 5;
    for (let index = 0; index < total; index++) {
      const day = new Date(Date.UTC(2021, 0, 1 + index)).toISOString().slice(0, 10);
      const recorded = runQuery(source, {
        name: 'recordChange',
        input: {
          bodyId: 'ecowas',
          iso3: 'TGO',
          kind: index % 2 === 0 ? 'suspended' : 'reinstated',
          effectiveDate: day,
          source: 'ECOWAS communiqué',
        },
      });
      if (!recorded.ok) throw new Error(recorded.error.message);
    }
    const file = await exportJson(source);

    const preview = await ok<ImportPreviewResult>(target, 'previewImport', {
      fileName: file.fileName,
      dataBase64: file.dataBase64,
    });
    if (preview.status !== 'ready') throw new Error(preview.message);

    expect(historyIds(source)).toHaveLength(total);
    expect(preview.summary.new).toBe(total);
    expect(preview.items).toHaveLength(IMPORT_ITEMS_LISTED);
  });
});

describe('backups', () => {
  it('lists the backup made at start', async () => {
    const context = openContext();

    const made = await backUpAtStart(context.db, context.databasePath);
    const backups = await ok<BackupEntry[]>(context, 'listBackups');

    expect(made).not.toBeNull();
    expect(backups).toHaveLength(1);
    expect(backups[0].fileName).toBe(made!.fileName);
    expect(backups[0].fileName).toMatch(/^atlas-backup-.*\.sqlite$/);
    expect(backups[0].bytes).toBeGreaterThan(0);
    expect(Date.parse(backups[0].createdAt)).not.toBeNaN();
    expect(backups[0].reason).toEqual({ kind: 'start' });
  });

  it('keeps the import backup through 12 starts', async () => {
    const source = openContext('atlas-files-source-');
    const context = openContext();
    recordMaliSuspension(source);
    const file = await exportJson(source);
    const preview = await ok<ImportPreviewResult>(context, 'previewImport', {
      fileName: 'shared by Lomé.json',
      dataBase64: file.dataBase64,
    });
    if (preview.status !== 'ready') throw new Error(preview.message);
    const applied = await ok<ImportApplied>(context, 'applyImport', {
      previewId: preview.previewId,
    });

    for (let start = 0; start < 12; start++) {
      await backUpAtStart(context.db, context.databasePath);
    }
    const backups = await ok<BackupEntry[]>(context, 'listBackups');

    const imported = backups.filter((backup) => backup.reason.kind === 'import');
    expect(imported).toEqual([
      expect.objectContaining({
        fileName: applied.backupFileName,
        reason: { kind: 'import', fileName: 'shared by Lomé.json' },
      }),
    ]);
    expect(backups.filter((backup) => backup.reason.kind === 'start')).toHaveLength(10);
    expect(backups).toHaveLength(11);
  });

  it('lists and restores a backup of an earlier version', async () => {
    const context = openContext();
    const made = await backUpAtStart(context.db, context.databasePath);
    const earlierName = 'atlas-backup-2020-01-01T00-00-00-000Z.sqlite';
    copyFileSync(made!.path, join(dirname(made!.path), earlierName));
    const id = recordMaliSuspension(context);

    const listed = await ok<BackupEntry[]>(context, 'listBackups');
    const restored = await ok<RestoredBackup>(context, 'restoreBackup', {
      fileName: earlierName,
    });
    const backups = await ok<BackupEntry[]>(context, 'listBackups');

    expect(listed.at(-1)).toMatchObject({ fileName: earlierName, reason: { kind: 'unknown' } });
    expect(restored.restoredFrom).toBe(earlierName);
    expect(historyIds(context)).not.toContain(id);
    expect(backups.map((backup) => backup.reason.kind)).toEqual(['restore', 'start', 'unknown']);
  });

  it('makes no backup of a database in memory', async () => {
    const db: Database.Database = openAtlasDatabase(':memory:');
    const context = { db, databasePath: ':memory:', today: () => TODAY };

    const made = await backUpAtStart(db, ':memory:');
    const backups = await ok<BackupEntry[]>(context, 'listBackups');
    closeDatabase(db);

    expect(made).toBeNull();
    expect(backups).toEqual([]);
  });

  it('restores a backup, dropping a change recorded after it', async () => {
    const context = openContext();
    const made = await backUpAtStart(context.db, context.databasePath);
    const id = recordMaliSuspension(context);

    const restored = await ok<RestoredBackup>(context, 'restoreBackup', {
      fileName: made!.fileName,
    });
    const backups = await ok<BackupEntry[]>(context, 'listBackups');

    expect(restored.restoredFrom).toBe(made!.fileName);
    expect(restored.previousBackup).not.toBeNull();
    expect(backups.map((backup) => backup.fileName)).toContain(restored.previousBackup);
    expect(backups[0]).toMatchObject({
      fileName: restored.previousBackup,
      reason: { kind: 'restore' },
    });
    expect(historyIds(context)).not.toContain(id);
    expect(historyIds(context)).toEqual([]);
  });

  it.each([
    ['an unknown name', 'atlas-backup-2020-01-01T00-00-00-000Z.sqlite'],
    ['an unknown name with a reason', 'atlas-backup-2020-01-01T00-00-00-000Z-start.sqlite'],
    ['a relative path', '../x'],
    ['a path into the backups folder', 'atlas-backups/../atlas.sqlite'],
    ['an absolute path', '/etc/passwd'],
  ])('refuses %s', async (_case, fileName) => {
    const context = openContext();
    await backUpAtStart(context.db, context.databasePath);
    const id = recordMaliSuspension(context);

    const error = await failure(context, 'restoreBackup', { fileName });

    expect(error.code).toBe('not_found');
    expect(error.field).toBe('fileName');
    expect(historyIds(context)).toEqual([id]);
    expect(existsSync(join(dirname(context.databasePath), 'x'))).toBe(false);
  });
});
