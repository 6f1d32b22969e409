import { closeSync, mkdtempSync, openSync, readFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { ImportFileError, MAX_IMPORT_BYTES, readImportFile } from '../../../db/io/import-file.js';
import { applyImport, previewImport } from '../../../db/io/json-import.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { FIXTURES, TODAY, hashTables, recordCases } from './import-helpers.js';

const BAD_IMPORTS = new URL('bad-imports/', FIXTURES);

function readBadFile(name: string): Buffer {
  return readFileSync(new URL(name, BAD_IMPORTS));
}

/** Runs `action` and returns the ImportFileError it throws. */
function catchImportError(action: () => unknown): ImportFileError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return error as ImportFileError;
  }
  throw new Error('expected an ImportFileError, but nothing was thrown');
}

/**
 * Files rejected as a whole: the file, where the first problem is, and
 * words its message must contain.
 */
const REJECTED_FILES: [file: string, where: string, words: string[]][] = [
  // Files a colleague might send by mistake, in a format of their own.
  ['empty.json', '', ['the file is empty']],
  ['not-json.json', 'line 1, column 1', ['not valid JSON', 'found "b"']],
  ['truncated.json', 'line 1, column 66', ['not valid JSON', 'truncated']],
  ['bad-date.json', 'schema_version', ['is missing', 'not an ISCM Atlas export']],
  ['unknown-body.json', 'schema_version', ['is missing', 'not an ISCM Atlas export']],
  // The app's own format with one defect each.
  ['whitespace-only.json', '', ['empty', 'white space']],
  ['csv-text.json', 'line 1, column 1', ['not valid JSON', 'found "b"']],
  ['truncated-record.json', 'line 6, column 193', ['ends inside a string', 'truncated']],
  ['missing-comma.json', 'line 5, column 3', ['not valid JSON', 'expected "," or "}"']],
  ['invalid-utf8.json', 'line 6, column 232', ['not valid UTF-8', '0xFF']],
  ['bom-garbage.json', 'line 1, column 1', ['not valid JSON', 'found "g"']],
  ['top-level-array.json', '', ['a list at the top level', 'not an object']],
  ['schema-version-2.json', 'schema_version', ['the number 2', 'schema version 1 only']],
  ['schema-version-missing.json', 'schema_version', ['is missing']],
  ['unknown-body-id.json', 'changes[0].body_id', ['no body has the id "atlantis-union"']],
  ['unknown-country.json', 'changes[0].iso3', ['"ZZZ"', 'ISO 3166-1 alpha-3']],
  ['impossible-date.json', 'changes[0].effective_date', ['"2022-02-30"', 'not a calendar day']],
  [
    'impossible-recording-time.json',
    'changes[0].recorded_at',
    ['"2024-02-30T10:00:00.000Z"', 'not a UTC time'],
  ],
  [
    'date-before-baseline.json',
    'changes[0].effective_date',
    ['2020-06-01 is before 2021-01-01', 'baseline'],
  ],
  ['unknown-kind.json', 'changes[0].kind', ['"expelled"', 'not allowed', '"reinstated"']],
  ['missing-source.json', 'changes[0].source', ['is missing']],
  ['note-too-long.json', 'changes[0].note', ['4001 characters', 'maximum of 4000']],
  ['deeply-nested.json', 'line 6, column 257', ['more than 32 levels']],
  ['duplicate-ids.json', 'changes[1].id', ['also the id of changes[0]']],
  [
    'revert-missing-target.json',
    'reverts[0].target_id',
    ['no change or correction has the id 00000000-0000-4000-8000-000000000000'],
  ],
  ['wrong-type.json', 'changes[0].effective_date', ['must be text', 'the number 20210601']],
  ['version-without-history.json', 'changes[0].earlier_versions', ['holds 0 versions', 'version 3']],
  [
    'annotation-target-mismatch.json',
    'annotations[0].body_id',
    ['must be null for an annotation on a country'],
  ],
];

describe('bad import files', () => {
  const db = openAtlasDatabase(':memory:');
  let before: string;

  beforeAll(() => {
    recordCases(db);
    before = hashTables(db);
  });

  it('covers at least twenty defects in the app format', () => {
    expect(REJECTED_FILES.length - 5).toBeGreaterThanOrEqual(20);
  });

  it.each(REJECTED_FILES)('rejects %s', (file, where, words) => {
    const content = readBadFile(file);

    const error = catchImportError(() => previewImport(db, content, file, { today: TODAY }));

    expect(error.fileName).toBe(file);
    expect(error.problems[0].where).toBe(where);
    expect(error.message).toContain(`${file} cannot be imported, and nothing was written`);
    if (where !== '') expect(error.message).toContain(`${where}: `);
    for (const word of words) expect(error.message).toContain(word);
    expect(hashTables(db)).toBe(before);
  });

  it('rejects a file over the size limit', () => {
    const content = Buffer.alloc(MAX_IMPORT_BYTES + 1, 0x20);

    const error = catchImportError(() => previewImport(db, content, 'huge.json'));

    expect(error.message).toContain('50.0 MiB, more than the maximum of 50.0 MiB');
    expect(hashTables(db)).toBe(before);
  });

  it('rejects an oversized file before reading it', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'atlas-huge-')), 'huge.json');
    const descriptor = openSync(path, 'w');
    // A sparse file: its size exceeds the limit without writing any byte.
    ftruncateSync(descriptor, MAX_IMPORT_BYTES + 1024 * 1024);
    closeSync(descriptor);

    await expect(readImportFile(path)).rejects.toThrow(
      /huge\.json cannot be imported.*51\.0 MiB, more than the maximum/,
    );
  });

  it('rejects a record that breaks the table of kinds', async () => {
    const content = readBadFile('reinstated-without-suspension.json');

    const preview = previewImport(db, content, 'reinstated.json', { today: TODAY });
    const result = await applyImport(db, preview, { acceptConflicts: [] }, 'Importer');

    const [item] = preview.items;
    expect(item.path).toBe('changes[0]');
    expect(item.classification).toBe('conflict');
    expect(item.acceptable).toBe(false);
    expect(item.reason).toContain('Cannot record "Reinstated" for Gabon (GAB) in AU on 2022-01-01');
    expect(item.reason).toContain('"Reinstated" is allowed only from suspended');
    expect(result.written).toBe(false);
    expect(result.notImported).toBe(1);
    expect(hashTables(db)).toBe(before);
  });

  it('lists every problem of a file', () => {
    const document = JSON.parse(readBadFile('impossible-date.json').toString('utf8'));
    document.changes[0].kind = 'expelled';
    document.changes[0].source = 42;

    const error = catchImportError(() =>
      previewImport(db, JSON.stringify(document), 'several.json', { today: TODAY }),
    );

    expect(error.problems.map((problem) => problem.where)).toEqual([
      'changes[0].source',
      'changes[0].kind',
      'changes[0].effective_date',
    ]);
  });
});
