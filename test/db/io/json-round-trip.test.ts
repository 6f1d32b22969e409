import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  addAnnotation,
  deleteAnnotation,
  editAnnotation,
  editRecord,
  listAnnotationVersions,
  listHistory,
  listRecordVersions,
  recordCorrection,
  revertRecord,
} from '../../../db/domain/index.js';
import { findRuleProblems } from '../../../db/domain/timeline.js';
import { listImports } from '../../../db/io/import-log.js';
import { buildJsonDocument, exportJson } from '../../../db/io/json-export.js';
import { applyImport, previewImport } from '../../../db/io/json-import.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { TODAY, countRows, hashTables, recordCases } from './import-helpers.js';

/** Text that a browser would run if it were inserted as HTML; it must stay text. */
const SCRIPT_TEXT = '<script>alert("imported")</script><img src=x onerror="alert(1)">';
/** Text that a spreadsheet would run as a formula; JSON keeps it as typed. */
const FORMULA_TEXT = '=HYPERLINK("http://example.invalid","click")';

const AS_OF_DAYS = ['2020-12-31', '2021-06-01', '2023-05-07', '2025-01-29', '2026-12-04'];

function at(minute: number): Date {
  return new Date(Date.UTC(2025, 5, 1, 12, minute));
}

/** Records the real cases, a correction, a revert, edits and annotations. */
function buildDataset(db: Database.Database) {
  const records = recordCases(db);
  const author = 'Jonas Berg';

  recordCorrection(
    db,
    {
      bodyId: 'midsa',
      iso3: 'FRA',
      action: 'add',
      role: 'observer',
      source: 'https://example.org/midsa-observers',
      note: 'France attends as an observer',
    },
    { author, now: at(1) },
  );
  const timorObserver = records.find(
    (record) => record.bodyId === 'asean' && record.kind === 'role_changed',
  )!;
  revertRecord(db, timorObserver.id, {
    author,
    note: 'observer status came from a press report only',
    now: at(2),
  });

  const maliSuspension = records.find(
    (record) => record.bodyId === 'au' && record.iso3 === 'MLI',
  )!;
  editRecord(db, maliSuspension.id, { note: SCRIPT_TEXT }, { author, now: at(3) });
  editRecord(
    db,
    maliSuspension.id,
    { source: 'https://example.org/au-communique', note: FORMULA_TEXT },
    { author: 'Amina Diallo', now: at(4) },
  );

  addAnnotation(
    db,
    { target: { type: 'membership', bodyId: 'au', iso3: 'MLI' }, text: SCRIPT_TEXT },
    { author, now: at(5) },
  );
  const gabon = addAnnotation(
    db,
    { target: { type: 'country', iso3: 'GAB' }, text: 'check the 2025 communiqué' },
    { author, now: at(6) },
  );
  editAnnotation(db, gabon.id, { text: 'checked: reinstated on 30 April 2025' }, { author, now: at(7) });
  const ecowas = addAnnotation(
    db,
    { target: { type: 'body', bodyId: 'ecowas' }, text: 'three members left in 2025' },
    { author, now: at(8) },
  );
  deleteAnnotation(db, ecowas.id, { author, now: at(9) });

  return { maliSuspension, gabonNote: gabon, ecowasNote: ecowas };
}

const EXPORTED_AT = new Date('2026-12-04T10:00:00.000Z');

describe('JSON export and import round trip', () => {
  const source = openAtlasDatabase(':memory:');
  const target = openAtlasDatabase(':memory:');
  let dataset: ReturnType<typeof buildDataset>;
  let fileText: string;

  beforeAll(async () => {
    dataset = buildDataset(source);
    const folder = mkdtempSync(join(tmpdir(), 'atlas-round-trip-'));
    const path = join(folder, 'atlas.json');
    await exportJson(source, path, { now: EXPORTED_AT });
    fileText = readFileSync(path, 'utf8');
  });

  it('builds a dataset that follows the rules', () => {
    expect(countRows(source, 'membership_changes')).toBe(14);
    expect(countRows(source, 'membership_reverts')).toBe(1);
    expect(findRuleProblems(source)).toEqual([]);
  });

  it('previews every record as new', () => {
    const preview = previewImport(target, fileText, 'atlas.json', { today: TODAY });

    expect(preview.summary).toEqual({
      total: 18,
      new: 18,
      identical: 0,
      update: 0,
      older: 0,
      conflict: 0,
      acceptableConflicts: 0,
    });
    expect(preview.notes).toEqual([]);
    expect(countRows(target, 'membership_changes')).toBe(0);
  });

  it('describes each record and its place', () => {
    const preview = previewImport(target, fileText, 'atlas.json', { today: TODAY });
    const byType = (type: string) => preview.items.filter((item) => item.type === type);

    const mali = preview.items.find((item) => item.id === dataset.maliSuspension.id)!;
    expect(mali.path).toMatch(/^changes\[\d+\]$/);
    expect(mali.description).toBe('suspended: Mali (MLI) in AU on 2021-06-01');
    expect(byType('correction').map((item) => [item.path, item.description])).toEqual([
      ['corrections[0]', 'correction (add observer): France (FRA) in MIDSA in the 2020 list'],
    ]);
    expect(byType('revert').map((item) => [item.path, item.description])).toEqual([
      ['reverts[0]', expect.stringMatching(/^revert of role_changed to observer: .* in ASEAN on /)],
    ]);
    expect(byType('annotation').map((item) => item.description)).toEqual([
      `annotation on Mali (MLI) in AU: ${JSON.stringify(SCRIPT_TEXT.slice(0, 60) + '…')}`,
      'annotation on Gabon (GAB): "checked: reinstated on 30 April 2025"',
      'annotation on ECOWAS: "three members left in 2025"',
    ]);
  });

  it('imports everything into a fresh database', async () => {
    const preview = previewImport(target, fileText, 'atlas.json', { today: TODAY });

    const result = await applyImport(target, preview, { acceptConflicts: [] }, 'Importer');

    expect(result).toMatchObject({ written: true, added: 18, updated: 0, notImported: 0 });
    expect(result.backupPath).toBeNull();
    expect(findRuleProblems(target)).toEqual([]);
  });

  it.each(AS_OF_DAYS)('gives the same memberships as of %s', (day) => {
    const expected = membershipsAsOf(source, day);

    const actual = membershipsAsOf(target, day);

    expect(actual).toEqual(expected);
  });

  it('keeps the history, authors and recording times', () => {
    const expected = listHistory(source, { limit: 1000 });

    const actual = listHistory(target, { limit: 1000 });

    expect(actual.total).toBe(expected.total);
    expect(actual.entries).toEqual(expected.entries);
  });

  it('keeps every version of an edited record', () => {
    const versions = listRecordVersions(target, dataset.maliSuspension.id);

    expect(versions).toEqual(listRecordVersions(source, dataset.maliSuspension.id));
    expect(versions.map((version) => version.note)).toEqual(['', SCRIPT_TEXT, FORMULA_TEXT]);
    expect(versions.map((version) => version.author)).toEqual([
      'Amina Diallo',
      'Jonas Berg',
      'Amina Diallo',
    ]);
  });

  it('keeps annotation versions and deletions', () => {
    for (const note of [dataset.gabonNote, dataset.ecowasNote]) {
      expect(listAnnotationVersions(target, note.id)).toEqual(
        listAnnotationVersions(source, note.id),
      );
    }
    const deleted = listAnnotationVersions(target, dataset.ecowasNote.id);
    expect(deleted.at(-1)!.deletedAt).toBe(at(9).toISOString());
  });

  it('stores script-like text unchanged', () => {
    const stored = target
      .prepare("SELECT text FROM annotations WHERE target = 'membership'")
      .pluck()
      .get();

    expect(stored).toBe(SCRIPT_TEXT);
    expect(fileText).toContain(JSON.stringify(SCRIPT_TEXT).slice(1, -1));
    expect(fileText).toContain(JSON.stringify(FORMULA_TEXT).slice(1, -1));
  });

  it('exports the same document from both databases', () => {
    const expected = buildJsonDocument(source, EXPORTED_AT);

    const actual = buildJsonDocument(target, EXPORTED_AT);

    expect(actual).toEqual(expected);
  });

  it('logs the import once', () => {
    const imports = listImports(target);

    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({
      format: 'json',
      fileName: 'atlas.json',
      author: 'Importer',
      added: 18,
      skipped: 0,
    });
  });

  it('changes nothing on a second import', async () => {
    const before = hashTables(target);

    const preview = previewImport(target, fileText, 'atlas.json', { today: TODAY });
    const result = await applyImport(target, preview, { acceptConflicts: [] }, 'Importer');

    expect(preview.summary.identical).toBe(18);
    expect(result.written).toBe(false);
    expect(result.skipped).toBe(18);
    expect(hashTables(target)).toBe(before);
  });

  it('finds everything identical in the source', () => {
    const preview = previewImport(source, fileText, 'atlas.json', { today: TODAY });

    expect(preview.summary.identical).toBe(18);
  });
});
