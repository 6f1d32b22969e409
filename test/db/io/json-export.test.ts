import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  addAnnotation,
  deleteAnnotation,
  editRecord,
  recordCorrection,
  revertRecord,
} from '../../../db/domain/index.js';
import { buildJsonDocument, exportJson, jsonDocumentText } from '../../../db/io/json-export.js';
import { documentSchema } from '../../../db/io/json-format.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { countRows, recordCases } from './import-helpers.js';

const NOW = new Date('2026-12-04T10:00:00.000Z');
const FORMULA_NOTE = '=1+2';

function databaseWithHistory() {
  const db = openAtlasDatabase(':memory:');
  const records = recordCases(db);
  editRecord(db, records[0].id, { note: FORMULA_NOTE }, { author: 'Jonas' });
  revertRecord(db, records[1].id, { author: 'Jonas', note: 'wrong pair' });
  recordCorrection(
    db,
    { bodyId: 'midsa', iso3: 'FRA', action: 'add', role: 'observer', source: 'https://example.org/m' },
    { author: 'Jonas' },
  );
  const note = addAnnotation(
    db,
    { target: { type: 'country', iso3: 'MLI' }, text: '+ check' },
    { author: 'Jonas' },
  );
  deleteAnnotation(db, note.id, { author: 'Jonas' });
  return { db, records };
}

describe('buildJsonDocument', () => {
  it('holds the baseline and every record', () => {
    const { db } = databaseWithHistory();

    const document = buildJsonDocument(db, NOW);

    expect(document.schema_version).toBe(1);
    expect(document.app).toBe('ISCM Atlas');
    expect(document.exported_at).toBe(NOW.toISOString());
    expect(document.baseline!.bodies).toHaveLength(countRows(db, 'bodies'));
    expect(document.baseline!.themes).toHaveLength(countRows(db, 'themes'));
    expect(document.baseline!.body_themes).toHaveLength(countRows(db, 'body_themes'));
    expect(document.baseline!.memberships).toHaveLength(countRows(db, 'baseline_memberships'));
    expect(document.baseline!.organizations).toHaveLength(countRows(db, 'organizations'));
    expect(document.changes).toHaveLength(13);
    expect(document.corrections).toHaveLength(1);
    expect(document.reverts).toHaveLength(1);
    expect(document.annotations).toHaveLength(1);
  });

  it('keeps versions, reverts and deletions', () => {
    const { db, records } = databaseWithHistory();

    const document = buildJsonDocument(db, NOW);

    const edited = document.changes.find((change) => change.id === records[0].id)!;
    expect(edited.version).toBe(2);
    expect(edited.note).toBe(FORMULA_NOTE);
    expect(edited.edited_by).toBe('Jonas');
    expect(edited.earlier_versions).toEqual([
      expect.objectContaining({ version: 1, note: '', author: 'Amina Diallo' }),
    ]);
    const reverted = document.changes.find((change) => change.id === records[1].id)!;
    expect(reverted.reverted_by).toBe(document.reverts[0].id);
    expect(document.annotations[0].deleted_at).not.toBeNull();
    expect(document.annotations[0].earlier_versions).toHaveLength(1);
  });

  it('writes booleans for the theme tables', () => {
    const db = openAtlasDatabase(':memory:');

    const [row] = buildJsonDocument(db, NOW).baseline!.body_themes;

    expect(typeof row.in_table_by_area).toBe('boolean');
    expect(typeof row.in_table_by_iscm).toBe('boolean');
  });

  it('passes its own schema', () => {
    const { db } = databaseWithHistory();

    const text = jsonDocumentText(buildJsonDocument(db, NOW));

    expect(documentSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });
});

describe('exportJson', () => {
  it('writes one record per line and text as stored', async () => {
    const { db } = databaseWithHistory();
    const path = join(mkdtempSync(join(tmpdir(), 'atlas-json-')), 'atlas.json');

    const result = await exportJson(db, path, { now: NOW });

    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe('{');
    expect(lines[1]).toBe('  "schema_version": 1,');
    expect(lines.filter((line) => line.startsWith('    {"id":'))).toHaveLength(16);
    expect(text).toContain(`"note":"${FORMULA_NOTE}"`);
    expect(text).toContain('"text":"+ check"');
    expect(result.summary).toContain('13 changes, 1 corrections, 1 reverts and 1 annotations');
  });

  it('leaves an existing file when writing fails', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atlas-json-'));
    const { db } = databaseWithHistory();
    const blocker = join(folder, 'not-a-folder');
    writeFileSync(blocker, 'keep');

    await expect(exportJson(db, join(blocker, 'atlas.json'))).rejects.toThrow();

    expect(readFileSync(blocker, 'utf8')).toBe('keep');
    expect(readdirSync(folder)).toEqual(['not-a-folder']);
  });
});
