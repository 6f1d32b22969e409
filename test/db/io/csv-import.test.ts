import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { findRuleProblems } from '../../../db/domain/timeline.js';
import { importChangesCsv } from '../../../db/io/csv-import.js';
import { ImportFileError } from '../../../db/io/import-file.js';
import { listImports } from '../../../db/io/import-log.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { FIXTURES, TODAY, countRows, hashTables } from './import-helpers.js';

const CASES = readFileSync(new URL('membership-changes.csv', FIXTURES));
const OPTIONS = { author: 'Amina Diallo', today: TODAY };

function roleAsOf(db: ReturnType<typeof openAtlasDatabase>, bodyId: string, iso3: string, day: string) {
  return membershipsAsOf(db, day, { bodyId, iso3 })[0]?.role ?? null;
}

describe('importChangesCsv', () => {
  it('records the cases but the UK row', async () => {
    const db = openAtlasDatabase(':memory:');

    const result = await importChangesCsv(db, CASES, 'membership-changes.csv', OPTIONS);

    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].line).toBe(2);
    expect(result.rejected[0].message).toContain('The effective date 2020-01-31 is before 2021-01-01');
    expect(result.accepted.map((row) => row.line)).toEqual([
      3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ]);
    expect(result.written).toBe(true);
    expect(countRows(db, 'membership_changes')).toBe(13);
    expect(findRuleProblems(db)).toEqual([]);
    expect(roleAsOf(db, 'au', 'GAB', '2025-04-30')).toBe('member');
    expect(roleAsOf(db, 'asean', 'TLS', '2023-01-01')).toBe('observer');
  });

  it('logs the import with its counts', async () => {
    const db = openAtlasDatabase(':memory:');

    const result = await importChangesCsv(db, CASES, 'membership-changes.csv', OPTIONS);

    const [entry] = listImports(db);
    expect(entry).toMatchObject({
      id: result.importId,
      format: 'csv',
      fileName: 'membership-changes.csv',
      author: 'Amina Diallo',
      added: 13,
      notImported: 1,
    });
    expect(db.prepare('SELECT DISTINCT author FROM membership_changes').pluck().all()).toEqual([
      'Amina Diallo',
    ]);
  });

  it('records nothing with allOrNothing', async () => {
    const db = openAtlasDatabase(':memory:');
    const before = hashTables(db);

    const result = await importChangesCsv(db, CASES, 'membership-changes.csv', {
      ...OPTIONS,
      allOrNothing: true,
    });

    expect(result.written).toBe(false);
    expect(result.rejected.map((row) => row.line)).toEqual([2]);
    expect(result.accepted).toHaveLength(13);
    expect(result.accepted.every((row) => row.id === null)).toBe(true);
    expect(hashTables(db)).toBe(before);
  });

  it('checks each row against the rows before it', async () => {
    const db = openAtlasDatabase(':memory:');
    const text = [
      'country,iso3,body_id,change,effective_date,source,note',
      'Mali,MLI,au,suspended,2021-06-01,https://example.org/a,first',
      'Mali,MLI,au,suspended,2021-07-01,https://example.org/b,again',
      'Mali,MLI,au,reinstated,2021-08-01,https://example.org/c,',
    ].join('\n');

    const result = await importChangesCsv(db, text, 'rows.csv', OPTIONS);

    expect(result.accepted.map((row) => row.line)).toEqual([2, 4]);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].line).toBe(3);
    expect(result.rejected[0].message).toContain('it had the role suspended then');
    expect(db.prepare("SELECT note FROM membership_changes ORDER BY seq").pluck().all()).toEqual([
      'first',
      '',
    ]);
  });

  it('skips rows that repeat stored changes', async () => {
    const db = openAtlasDatabase(':memory:');
    const header = 'body_id,iso3,change,effective_date,new_role,source';
    const first = await importChangesCsv(
      db,
      [header, 'au,MLI,suspended,2021-06-01,,https://example.org/a'].join('\n'),
      'first.csv',
      OPTIONS,
    );
    const text = [
      header,
      'au,MLI,suspended,2021-06-01,,https://example.org/other-source',
      'au,MLI,reinstated,2021-08-01,,https://example.org/c',
      'au,MLI,suspended,2021-09-01,,https://example.org/d',
    ].join('\n');

    const result = await importChangesCsv(db, text, 'again.csv', OPTIONS);

    expect(result.skipped).toEqual([
      {
        line: 2,
        id: first.accepted[0].id,
        message: expect.stringMatching(/^"Suspended" on 2021-06-01 is already recorded here/),
      },
    ]);
    expect(result.accepted.map((row) => row.line)).toEqual([3, 4]);
    expect(result.rejected).toEqual([]);
    expect(countRows(db, 'membership_changes')).toBe(3);
    expect(listImports(db)[0]).toMatchObject({ added: 2, skipped: 1 });
  });

  it('names kinds as labelled and as written', async () => {
    const db = openAtlasDatabase(':memory:');
    const text = [
      'body_id,iso3,change,effective_date,source',
      'au,MLI,joined,2021-06-01,https://example.org/a',
    ].join('\n');

    const result = await importChangesCsv(db, text, 'rows.csv', OPTIONS);

    expect(result.rejected).toHaveLength(1);
    const { message } = result.rejected[0];
    expect(message).toContain('"Joined" is allowed only from no role, observer or participant');
    expect(message).toContain('Use "Role changed" (role_changed) to move between roles');
  });

  it('numbers lines across quoted line breaks', async () => {
    const db = openAtlasDatabase(':memory:');
    const text =
      'body_id,iso3,change,effective_date,source,note\n' +
      'au,MLI,suspended,2021-06-01,https://example.org/a,"two\nlines"\n' +
      'au,MLI,left,2020-02-01,https://example.org/b,\n';

    const result = await importChangesCsv(db, text, 'rows.csv', OPTIONS);

    expect(result.rejected).toEqual([
      { line: 4, message: expect.stringContaining('2020-02-01 is before') },
    ]);
  });

  it('rejects a row with the wrong field count', async () => {
    const db = openAtlasDatabase(':memory:');
    const text =
      'body_id,iso3,change,effective_date,source\n' +
      'au,MLI,suspended,2021-06-01\n';

    const result = await importChangesCsv(db, text, 'rows.csv', OPTIONS);

    expect(result.rejected).toEqual([
      { line: 2, message: expect.stringContaining('has 4 fields, but the header has 5') },
    ]);
  });

  it('reads role_changed with new_role and optional columns', async () => {
    const db = openAtlasDatabase(':memory:');
    const text =
      'body_id,iso3,change,new_role,effective_date,announced_date,source\n' +
      'asean,TLS,role_changed,observer,2022-11,2022-11-11,https://example.org/a\n';

    const result = await importChangesCsv(db, text, 'rows.csv', OPTIONS);

    expect(result.rejected).toEqual([]);
    expect(roleAsOf(db, 'asean', 'TLS', '2022-11-01')).toBe('observer');
  });

  it('rejects a file without the required columns', async () => {
    const db = openAtlasDatabase(':memory:');
    const before = hashTables(db);

    const attempt = importChangesCsv(db, 'body_id,iso3,kind\nau,MLI,left\n', 'rows.csv', OPTIONS);

    await expect(attempt).rejects.toBeInstanceOf(ImportFileError);
    await expect(attempt).rejects.toThrow(
      /line 1: the header row lacks the columns change, effective_date, source/,
    );
    expect(hashTables(db)).toBe(before);
  });

  it('rejects a quote that is never closed', async () => {
    const db = openAtlasDatabase(':memory:');

    const attempt = importChangesCsv(
      db,
      'body_id,iso3,change,effective_date,source\nau,MLI,"left,2021-01-01,x\n',
      'rows.csv',
      OPTIONS,
    );

    await expect(attempt).rejects.toThrow(/rows\.csv cannot be imported.*not a valid CSV table/);
  });
});
