import { describe, expect, it } from 'vitest';

import { revertRecord } from '../../../db/domain/index.js';
import { ImportFileError } from '../../../db/io/import-file.js';
import { buildJsonDocument, jsonDocumentText } from '../../../db/io/json-export.js';
import { previewImport } from '../../../db/io/json-import.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { TODAY, recordCases } from './import-helpers.js';

type Fields = Record<string, unknown>;

/** Exports the real cases with one change reverted, as parsed JSON. */
function exportWithRevert() {
  const db = openAtlasDatabase(':memory:');
  const records = recordCases(db);
  revertRecord(db, records[2].id, { author: 'Bo Chen', note: 'entered twice' });
  const document = JSON.parse(jsonDocumentText(buildJsonDocument(db))) as {
    changes: Fields[];
    reverts: Fields[];
  };
  const index = document.changes.findIndex((change) => change.id === records[2].id);
  return { document, index };
}

function problemsOf(document: unknown): { where: string; message: string }[] {
  const fresh = openAtlasDatabase(':memory:');
  try {
    previewImport(fresh, JSON.stringify(document), 'reverts.json', { today: TODAY });
  } catch (error) {
    expect(error).toBeInstanceOf(ImportFileError);
    return (error as ImportFileError).problems;
  }
  throw new Error('expected an ImportFileError');
}

describe('reverts in an import file', () => {
  it('accept a matching reverted_by', () => {
    const { document } = exportWithRevert();
    const fresh = openAtlasDatabase(':memory:');

    const preview = previewImport(fresh, JSON.stringify(document), 'reverts.json', { today: TODAY });

    expect(preview.summary.conflict).toBe(0);
    expect(preview.summary.new).toBe(preview.summary.total);
  });

  it('reject a target without reverted_by', () => {
    const { document, index } = exportWithRevert();
    document.changes[index].reverted_by = null;

    expect(problemsOf(document)).toEqual([
      {
        where: `changes[${index}].reverted_by`,
        message: `is null, but reverts[0] (id ${document.reverts[0].id as string}) reverts this record`,
      },
    ]);
  });

  it('reject reverted_by without its revert', () => {
    const { document, index } = exportWithRevert();
    document.reverts = [];

    expect(problemsOf(document)).toEqual([
      {
        where: `changes[${index}].reverted_by`,
        message: expect.stringMatching(/^names the revert [0-9a-f-]{36}, but the file's reverts/),
      },
    ]);
  });
});

describe('version fields in an import file', () => {
  it('report a negative version once', () => {
    const { document } = exportWithRevert();
    document.changes[0].version = -3;

    expect(problemsOf(document)).toEqual([
      { where: 'changes[0].version', message: 'is the number -3, less than the minimum of 1' },
    ]);
  });

  it('explain a schema version written as text', () => {
    const { document } = exportWithRevert();
    (document as Record<string, unknown>).schema_version = '1';

    expect(problemsOf(document)).toEqual([
      {
        where: 'schema_version',
        message: 'is the text "1"; write it as the number 1, without quotes, as the app exports it.',
      },
    ]);
  });
});

describe('times in an import file', () => {
  it('reject a recording time in the future', () => {
    const { document } = exportWithRevert();
    document.changes[1].recorded_at = '2099-01-01T00:00:00.000Z';

    expect(problemsOf(document)).toEqual([
      {
        where: 'changes[1].recorded_at',
        message: expect.stringMatching(
          /^is 2099-01-01T00:00:00.000Z, later than now \(.*\): a record cannot be made in the future\./,
        ),
      },
    ]);
  });

  it('accept a clock a few hours ahead', () => {
    const { document } = exportWithRevert();
    document.changes[1].recorded_at = new Date(Date.now() + 3 * 3600_000).toISOString();
    const fresh = openAtlasDatabase(':memory:');

    expect(() =>
      previewImport(fresh, JSON.stringify(document), 'ahead.json', { today: TODAY }),
    ).not.toThrow();
  });
});
