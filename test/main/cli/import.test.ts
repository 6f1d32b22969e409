import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import { editRecord } from '../../../db/domain/index.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { runCli } from '../../../main/cli/index.js';
import { FIXTURES, TODAY, hashTables, recordCases } from '../../db/io/import-helpers.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let folder: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-cli-import-'));
  copyFileSync(new URL('membership-changes.csv', FIXTURES), join(folder, 'changes.csv'));
});

async function run(...argv: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: folder,
    today: () => TODAY,
  });
  return { code, stdout, stderr };
}

/** Returns the hash of the database's tables, read with a connection of its own. */
function hashOf(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return hashTables(db);
  } finally {
    db.close();
  }
}

/** Creates source.sqlite with the real cases and exports it to atlas.json. */
async function exportCases(): Promise<void> {
  const db = openAtlasDatabase(join(folder, 'source.sqlite'));
  recordCases(db);
  closeDatabase(db);
  const result = await run(
    'export', '--db', 'source.sqlite', '--format', 'json', '--out', 'atlas.json',
  );
  expect(result.code, result.stderr).toBe(0);
}

describe('iscm-atlas export --format json', () => {
  it('writes the whole dataset', async () => {
    await exportCases();

    const document = JSON.parse(readFileSync(join(folder, 'atlas.json'), 'utf8'));

    expect(document.schema_version).toBe(1);
    expect(document.changes).toHaveLength(13);
  });

  it('rejects --as-of with json', async () => {
    const result = await run(
      'export', '--db', 'x.sqlite', '--format', 'json', '--out', 'a.json', '--as-of', '2024-01-01',
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as-of does not apply to --format json');
    expect(existsSync(join(folder, 'x.sqlite'))).toBe(false);
  });
});

describe('iscm-atlas import', () => {
  it('merges a file and logs who imported it', async () => {
    await exportCases();

    const result = await run('import', 'atlas.json', '--db', 'atlas.sqlite', '--author', 'Jonas');

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('atlas.json: 13 records: 13 new');
    expect(result.stdout).toContain('Imported 13 new records');
    expect(readdirSync(join(folder, 'atlas-backups'))).toHaveLength(1);
    const db = new Database(join(folder, 'atlas.sqlite'), { readonly: true });
    expect(db.prepare('SELECT author, file_name, added FROM imports').get()).toEqual({
      author: 'Jonas',
      file_name: 'atlas.json',
      added: 13,
    });
    db.close();
  });

  it('changes nothing the second time', async () => {
    await exportCases();
    await run('import', 'atlas.json', '--db', 'atlas.sqlite');
    const before = hashOf(join(folder, 'atlas.sqlite'));

    const result = await run('import', 'atlas.json', '--db', 'atlas.sqlite');

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Nothing was written: 13 records were already present');
    expect(hashOf(join(folder, 'atlas.sqlite'))).toBe(before);
  });

  it('writes nothing with --dry-run', async () => {
    await exportCases();
    await run('import', 'atlas.json', '--db', 'atlas.sqlite', '--dry-run');
    const before = hashOf(join(folder, 'atlas.sqlite'));

    const result = await run('import', 'atlas.json', '--db', 'atlas.sqlite', '--dry-run');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run, nothing was written. atlas.json: 13 records: 13 new');
    expect(hashOf(join(folder, 'atlas.sqlite'))).toBe(before);
    expect(existsSync(join(folder, 'atlas-backups'))).toBe(false);
  });

  it('lists conflicts and exits with 1', async () => {
    await exportCases();
    await run('import', 'atlas.json', '--db', 'atlas.sqlite');
    const db = openAtlasDatabase(join(folder, 'atlas.sqlite'));
    const id = db.prepare('SELECT id FROM membership_changes ORDER BY seq').pluck().get() as string;
    editRecord(db, id, { note: 'edited here' }, { author: 'Jonas' });
    closeDatabase(db);
    const source = openAtlasDatabase(join(folder, 'source.sqlite'));
    editRecord(source, id, { note: 'edited there' }, { author: 'Amina' });
    closeDatabase(source);
    await run('export', '--db', 'source.sqlite', '--format', 'json', '--out', 'atlas.json');

    const result = await run('import', 'atlas.json', '--db', 'atlas.sqlite');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`conflict at changes[0] (change ${id})`);
    expect(result.stderr).toContain('Both sides hold a different version 2');
    expect(result.stderr).toContain("To accept it, import the file in the app's Import dialog.");
    expect(result.stdout).toContain('1 conflicts');
  });

  it('rejects a bad file with its place', async () => {
    copyFileSync(
      new URL('bad-imports/impossible-date.json', FIXTURES),
      join(folder, 'bad.json'),
    );

    const result = await run('import', 'bad.json', '--db', 'atlas.sqlite');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'iscm-atlas import: bad.json cannot be imported, and nothing was written: ' +
        'changes[0].effective_date: "2022-02-30" is not a calendar day',
    );
    expect(result.stdout).toBe('');
  });

  it('reports a missing file', async () => {
    const result = await run('import', 'missing.json', '--db', 'atlas.sqlite');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot read');
    expect(result.stderr).toContain('no such file; check the path');
  });

  it('needs exactly one file', async () => {
    const result = await run('import', '--db', 'atlas.sqlite');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('import takes one FILE.json');
  });
});

describe('iscm-atlas import-changes', () => {
  it('records the accepted rows and lists the refused one', async () => {
    const result = await run('import-changes', 'changes.csv', '--db', 'atlas.sqlite');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('changes.csv line 2: rejected: The effective date 2020-01-31');
    expect(result.stdout).toContain('Recorded 13 of 14 changes from changes.csv');
    const db = new Database(join(folder, 'atlas.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) FROM membership_changes').pluck().get()).toBe(13);
    db.close();
  });

  it('records nothing with --all-or-nothing', async () => {
    closeDatabase(openAtlasDatabase(join(folder, 'atlas.sqlite')));
    const before = hashOf(join(folder, 'atlas.sqlite'));

    const result = await run(
      'import-changes', 'changes.csv', '--db', 'atlas.sqlite', '--all-or-nothing',
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('line 2: rejected');
    expect(result.stderr).toContain('Nothing was recorded: 1 of 14 rows were rejected (--all-or-nothing)');
    expect(hashOf(join(folder, 'atlas.sqlite'))).toBe(before);
  });

  it('skips rows recorded by an earlier run', async () => {
    const rows = readFileSync(join(folder, 'changes.csv'), 'utf8').split('\n');
    writeFileSync(join(folder, 'good.csv'), [rows[0], ...rows.slice(2)].join('\n'));
    await run('import-changes', 'good.csv', '--db', 'atlas.sqlite');
    const before = hashOf(join(folder, 'atlas.sqlite'));

    const again = await run('import-changes', 'good.csv', '--db', 'atlas.sqlite');

    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain(
      'good.csv line 2: skipped: "Suspended" on 2021-06-01 is already recorded here (id ',
    );
    expect(again.stdout.match(/: skipped: /g)).toHaveLength(13);
    expect(again.stdout).toContain('Nothing was recorded: all 13 rows of good.csv were already recorded.');
    expect(hashOf(join(folder, 'atlas.sqlite'))).toBe(before);
  });

  it('exits with 0 when every row is accepted', async () => {
    const rows = readFileSync(join(folder, 'changes.csv'), 'utf8').split('\n');
    writeFileSync(join(folder, 'good.csv'), [rows[0], ...rows.slice(2)].join('\n'));

    const result = await run(
      'import-changes', 'good.csv', '--db', 'atlas.sqlite', '--author', 'Amina Diallo',
    );

    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const db = new Database(join(folder, 'atlas.sqlite'), { readonly: true });
    expect(db.prepare('SELECT DISTINCT author FROM membership_changes').pluck().all()).toEqual([
      'Amina Diallo',
    ]);
    db.close();
  });
});
