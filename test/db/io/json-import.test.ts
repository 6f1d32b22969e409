import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import {
  addAnnotation,
  deleteAnnotation,
  editAnnotation,
  editRecord,
  listAnnotationVersions,
  listRecordVersions,
  recordChange,
  revertRecord,
} from '../../../db/domain/index.js';
import { AtlasError } from '../../../db/errors.js';
import { listImports } from '../../../db/io/import-log.js';
import { buildJsonDocument, jsonDocumentText } from '../../../db/io/json-export.js';
import type { JsonDocument } from '../../../db/io/json-format.js';
import {
  type ImportItem,
  type ImportPreview,
  applyImport,
  previewImport,
} from '../../../db/io/json-import.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { TODAY, countRows, hashTables, recordCases } from './import-helpers.js';

const SOURCE = 'https://example.org/test-source';

function at(minute: number): Date {
  return new Date(Date.UTC(2026, 0, 5, 9, minute));
}

function exportText(db: Database.Database): string {
  return jsonDocumentText(buildJsonDocument(db, at(59)));
}

function preview(db: Database.Database, text: string): ImportPreview {
  return previewImport(db, text, 'colleague.json', { today: TODAY });
}

function itemOf(result: ImportPreview, id: string): ImportItem {
  const item = result.items.find((candidate) => candidate.id === id);
  if (item === undefined) throw new Error(`no item ${id} in the preview`);
  return item;
}

/** Two databases holding the same real cases, as after a first import. */
function twoCopies() {
  const mine = openAtlasDatabase(':memory:');
  const records = recordCases(mine);
  const theirs = openAtlasDatabase(':memory:');
  const first = preview(theirs, exportText(mine));
  return { mine, theirs, records, first };
}

describe('previewImport and applyImport', () => {
  it('stores a later version as an update', async () => {
    const { mine, theirs, records, first } = twoCopies();
    await applyImport(theirs, first, {}, 'Importer');
    const mali = records[0];
    editRecord(mine, mali.id, { note: 'communiqué of 1 June 2021' }, { author: 'Amina', now: at(1) });
    editRecord(mine, mali.id, { source: 'https://au.int/communique' }, { author: 'Jonas', now: at(2) });

    const result = preview(theirs, exportText(mine));
    const applied = await applyImport(theirs, result, {}, 'Importer');

    expect(itemOf(result, mali.id).classification).toBe('update');
    expect(itemOf(result, mali.id).local!.version).toBe(1);
    expect(itemOf(result, mali.id).file.version).toBe(3);
    expect(result.summary).toMatchObject({ update: 1, identical: 12, conflict: 0 });
    expect(applied).toMatchObject({ written: true, added: 0, updated: 1, skipped: 12 });
    expect(listRecordVersions(theirs, mali.id)).toEqual(listRecordVersions(mine, mali.id));
  });

  it('skips an earlier version as older', async () => {
    const { mine, records } = twoCopies();
    const fileText = exportText(mine);
    editRecord(mine, records[0].id, { note: 'later note' }, { author: 'Amina', now: at(1) });
    const before = hashTables(mine);

    const result = preview(mine, fileText);
    const applied = await applyImport(mine, result, {}, 'Importer');

    expect(itemOf(result, records[0].id).classification).toBe('older');
    expect(itemOf(result, records[0].id).reason).toContain('holds version 2, later than');
    expect(applied.written).toBe(false);
    expect(hashTables(mine)).toBe(before);
  });

  it('lists edits of the same version as a conflict', async () => {
    const { mine, theirs, records, first } = twoCopies();
    await applyImport(theirs, first, {}, 'Importer');
    const mali = records[0];
    editRecord(mine, mali.id, { note: 'suspended after the coup' }, { author: 'Amina', now: at(1) });
    editRecord(theirs, mali.id, { note: 'suspension of 1 June' }, { author: 'Jonas', now: at(2) });
    const before = hashTables(theirs);

    const result = preview(theirs, exportText(mine));
    const applied = await applyImport(theirs, result, { acceptConflicts: [] }, 'Importer');

    const item = itemOf(result, mali.id);
    expect(item.classification).toBe('conflict');
    expect(item.acceptable).toBe(true);
    expect(item.reason).toContain('Both sides hold a different version 2');
    expect(item.reason).toContain(`here by Jonas at ${at(2).toISOString()}`);
    expect(item.reason).toContain(`in the file by Amina at ${at(1).toISOString()}`);
    expect(item.local).toEqual({ version: 2, author: 'Jonas', recordedAt: at(2).toISOString() });
    expect(item.file).toEqual({ version: 2, author: 'Amina', recordedAt: at(1).toISOString() });
    expect(applied).toMatchObject({ written: false, notImported: 1 });
    expect(hashTables(theirs)).toBe(before);
  });

  it('stores an accepted conflict as a new version', async () => {
    const { mine, theirs, records, first } = twoCopies();
    await applyImport(theirs, first, {}, 'Importer');
    const mali = records[0];
    editRecord(mine, mali.id, { note: 'suspended after the coup' }, { author: 'Amina', now: at(1) });
    editRecord(theirs, mali.id, { note: 'suspension of 1 June' }, { author: 'Jonas', now: at(2) });
    const fileText = exportText(mine);

    const result = preview(theirs, fileText);
    const applied = await applyImport(
      theirs,
      result,
      { acceptConflicts: [mali.id.toUpperCase()] },
      'Importer',
    );

    expect(applied).toMatchObject({ written: true, conflictsAccepted: 1, notImported: 0 });
    const versions = listRecordVersions(theirs, mali.id);
    expect(versions.map((version) => [version.version, version.note, version.author])).toEqual([
      [1, '', 'Amina Diallo'],
      [2, 'suspension of 1 June', 'Jonas'],
      [3, 'suspended after the coup', 'Amina'],
    ]);
    expect(preview(theirs, fileText).summary.identical).toBe(13);
  });

  it('rejects accepting a conflict it cannot resolve', async () => {
    const { mine, theirs, records } = twoCopies();
    const document: JsonDocument = buildJsonDocument(mine, at(59));
    recordChange(
      theirs,
      { id: records[0].id, bodyId: 'au', iso3: 'GAB', kind: 'suspended', effectiveDate: '2021-02-01', source: SOURCE },
      { today: TODAY, author: 'Jonas' },
    );

    const result = preview(theirs, jsonDocumentText(document));
    const item = itemOf(result, records[0].id);

    expect(item.classification).toBe('conflict');
    expect(item.acceptable).toBe(false);
    expect(item.reason).toContain('a different record with the same id');
    expect(item.reason).toContain('suspended: Gabon (GAB) in AU on 2021-02-01');
    await expect(
      applyImport(theirs, result, { acceptConflicts: [records[0].id] }, 'Importer'),
    ).rejects.toThrow(/cannot be accepted/);
    await expect(
      applyImport(theirs, result, { acceptConflicts: ['not-in-the-file'] }, 'Importer'),
    ).rejects.toThrow(/is not the id of a conflict/);
  });

  it('merges what does not conflict', async () => {
    const { mine, theirs, records } = twoCopies();
    recordChange(
      theirs,
      { id: records[0].id, bodyId: 'au', iso3: 'MLI', kind: 'suspended', effectiveDate: '2021-06-01', source: SOURCE },
      { today: TODAY, author: 'Jonas' },
    );
    editRecord(theirs, records[0].id, { note: 'never imported' }, { author: 'Jonas' });
    const result = preview(theirs, exportText(mine));

    const applied = await applyImport(theirs, result, {}, 'Importer');

    expect(result.summary).toMatchObject({ new: 12, conflict: 1 });
    expect(applied).toMatchObject({ written: true, added: 12, notImported: 1 });
    expect(countRows(theirs, 'membership_changes')).toBe(13);
    expect(listImports(theirs)[0]).toMatchObject({ added: 12, notImported: 1, author: 'Importer' });
  });

  it('skips changes recorded here under other ids', async () => {
    const mine = openAtlasDatabase(':memory:');
    recordCases(mine);
    const theirs = openAtlasDatabase(':memory:');
    const theirRecords = recordCases(theirs, 'Bo Chen');
    const before = hashTables(theirs);

    const result = preview(theirs, exportText(mine));

    expect(result.summary).toMatchObject({ new: 0, identical: theirRecords.length, conflict: 0 });
    const mali = theirRecords.find((record) => record.iso3 === 'MLI')!;
    const repeated = result.items.find((item) => item.local?.author === 'Bo Chen' && item.description.includes('Mali'))!;
    expect(repeated.reason).toBe(
      `"Suspended" on 2021-06-01 is already recorded here (id ${mali.id}, by Bo Chen at ${mali.recordedAt}), so it is skipped.`,
    );
    expect((await applyImport(theirs, result, { backupFolder: null }, 'Bo Chen')).written).toBe(false);
    expect(hashTables(theirs)).toBe(before);
  });

  it('lists a second revert of a record as a conflict', async () => {
    const { mine, theirs, records, first } = twoCopies();
    await applyImport(theirs, first, {}, 'Importer');
    const nicaragua = records.find((record) => record.iso3 === 'NIC')!;
    const mineRevert = revertRecord(mine, nicaragua.id, { author: 'Amina', now: at(1) });
    const theirRevert = revertRecord(theirs, nicaragua.id, { author: 'Jonas', now: at(2) });

    const result = preview(theirs, exportText(mine));

    const item = itemOf(result, mineRevert.id);
    expect(item.classification).toBe('conflict');
    expect(item.acceptable).toBe(false);
    expect(item.reason).toContain(`already reverted here, by revert ${theirRevert.id}`);
    expect(itemOf(result, nicaragua.id).classification).toBe('identical');
  });

  it('imports annotation edits and deletions', async () => {
    const { mine, theirs, first } = twoCopies();
    await applyImport(theirs, first, {}, 'Importer');
    const kept = addAnnotation(
      mine,
      { target: { type: 'body', bodyId: 'au' }, text: 'first text' },
      { author: 'Amina', now: at(1) },
    );
    const removed = addAnnotation(
      mine,
      { target: { type: 'membership', bodyId: 'au', iso3: 'MLI' }, text: 'to delete' },
      { author: 'Amina', now: at(2) },
    );
    await applyImport(theirs, preview(theirs, exportText(mine)), {}, 'Importer');
    editAnnotation(mine, kept.id, { text: 'second text' }, { author: 'Jonas', now: at(3) });
    deleteAnnotation(mine, removed.id, { author: 'Jonas', now: at(4) });

    const result = preview(theirs, exportText(mine));
    await applyImport(theirs, result, {}, 'Importer');

    expect(itemOf(result, kept.id).classification).toBe('update');
    expect(itemOf(result, removed.id).classification).toBe('update');
    for (const id of [kept.id, removed.id]) {
      expect(listAnnotationVersions(theirs, id)).toEqual(listAnnotationVersions(mine, id));
    }
  });

  it('applies a revert before the change that needs it', () => {
    const mine = openAtlasDatabase(':memory:');
    const context = { today: TODAY, author: 'Amina' };
    const left = recordChange(
      mine,
      { bodyId: 'ecowas', iso3: 'GIN', kind: 'left', effectiveDate: '2022-01-01', source: SOURCE },
      { ...context, now: at(1) },
    );
    revertRecord(mine, left.id, { author: 'Amina', now: at(2) });
    // Allowed only once the departure is reverted: Guinea is a member again.
    recordChange(
      mine,
      { bodyId: 'ecowas', iso3: 'GIN', kind: 'suspended', effectiveDate: '2022-03-01', source: SOURCE },
      { ...context, now: at(3) },
    );
    const theirs = openAtlasDatabase(':memory:');

    const result = preview(theirs, exportText(mine));

    expect(result.summary).toMatchObject({ new: 3, conflict: 0 });
  });

  it('stores ids in lower case', async () => {
    const mine = openAtlasDatabase(':memory:');
    const [record] = recordCases(mine);
    const text = exportText(mine).replace(record.id, record.id.toUpperCase());
    const theirs = openAtlasDatabase(':memory:');

    await applyImport(theirs, preview(theirs, text), {}, 'Importer');

    expect(preview(theirs, text).summary.identical).toBe(13);
    expect(theirs.prepare('SELECT count(*) FROM membership_changes WHERE id = ?').pluck().get(record.id)).toBe(1);
  });

  it('refuses to apply after the database changed', async () => {
    const { theirs, first } = twoCopies();
    recordChange(
      theirs,
      { bodyId: 'au', iso3: 'GAB', kind: 'suspended', effectiveDate: '2021-02-01', source: SOURCE },
      { today: TODAY, author: 'Jonas' },
    );
    const before = hashTables(theirs);

    const attempt = applyImport(theirs, first, {}, 'Importer');

    await expect(attempt).rejects.toBeInstanceOf(AtlasError);
    await expect(attempt).rejects.toThrow(/changed after colleague\.json was previewed/);
    expect(hashTables(theirs)).toBe(before);
  });

  it('backs up before writing, not when nothing is written', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atlas-import-'));
    const mine = openAtlasDatabase(':memory:');
    recordCases(mine);
    const text = exportText(mine);
    const theirs = openAtlasDatabase(join(folder, 'atlas.sqlite'));

    const written = await applyImport(theirs, preview(theirs, text), {}, 'Importer');
    const unchanged = await applyImport(theirs, preview(theirs, text), {}, 'Importer');

    expect(written.backupPath).toMatch(/atlas-backups[\\/]atlas-backup-.*\.sqlite$/);
    expect(existsSync(written.backupPath!)).toBe(true);
    expect(unchanged.backupPath).toBeNull();
    expect(readdirSync(join(folder, 'atlas-backups'))).toHaveLength(1);
    closeDatabase(theirs);
  });
});
