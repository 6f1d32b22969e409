import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { runCli } from '../../../main/cli/index.js';
import { readXlsx } from '../../db/io/read-xlsx.js';
import { readZip } from '../../db/io/read-zip.js';

const TODAY = '2024-06-30';

/** The files of a CSV export, sorted. */
const CSV_FILES = [
  'annotations.csv',
  'changes.csv',
  'countries.csv',
  'matrix.csv',
  'memberships.csv',
  'themes.csv',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let folder: string;
let databasePath: string;

beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
  databasePath = join(folder, 'atlas.sqlite');
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

describe('runCli', () => {
  it('prints help listing the commands', async () => {
    const result = await run('--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage: iscm-atlas <command>');
    expect(result.stdout).toMatch(/^\s+export\s+write the data/m);
    expect(result.stderr).toBe('');
  });

  it('prints help to stderr without a command', async () => {
    const result = await run();

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: iscm-atlas <command>');
  });

  it('rejects an unknown command', async () => {
    const result = await run('exprot', '--format', 'csv');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "exprot"');
    expect(result.stderr).toContain('Commands: export');
  });

  it('rejects options before the command', async () => {
    const result = await run('--db', 'atlas.sqlite', 'export');

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('the command comes first, before "--db"');
  });

  it('prints the export command help', async () => {
    const result = await run('export', '--help');

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--include-roles LIST');
    expect(result.stdout).toContain('--exclude-global');
    expect(result.stdout).toContain('named PATH.zip when PATH has no');
  });
});

describe('export usage errors', () => {
  it.each([
    [['--out', 'x.xlsx'], '--format is required'],
    [['--format', 'pdf', '--out', 'x.pdf'], 'unknown --format "pdf"'],
    [['--format', 'xlsx'], '--out is required'],
    [['--format', 'xlsx', '--out', 'x.xlsx', '--zip'], '--zip applies to --format csv only'],
    [
      ['--format', 'csv', '--out', 'x', '--include-roles', 'observer,chair'],
      'unknown role "chair"',
    ],
    [['--format', 'csv', '--out', 'x', '--as-of', '2020-12-30'], 'before the 2020 baseline'],
    [['--format', 'csv', '--out', 'x', '--as-of', '2024-02-30'], 'is not a calendar day'],
    [['--format', 'csv', '--out', 'x', '--as-of', '2025-07-01'], 'more than one year ahead'],
    [['--format', 'csv', '--out', 'x', '--colour'], "Unknown option '--colour'"],
    [['--format', 'csv', '--out', 'x', 'extra'], 'Unexpected argument'],
    [['--format', 'csv', '--out', 'x', '--db', ''], '--db must name a file'],
    [['--format', 'csv', '--out', 'zips/', '--zip'], 'ends with a path separator'],
  ])('rejects %j with exit code 2', async (args, message) => {
    const result = await run('export', '--db', databasePath, ...args);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Run "iscm-atlas export --help"');
    expect(result.stdout).toBe('');
  });

  it('rejects count switches with json', async () => {
    const unused = join(folder, 'never-created.sqlite');

    const result = await run(
      'export', '--db', unused, '--format', 'json', '--out', 'a.json', '--exclude-global',
    );

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--exclude-global does not apply to --format json');
    expect(existsSync(unused)).toBe(false);
  });
});

describe('export', () => {
  it('creates the database and writes a CSV folder', async () => {
    const result = await run('export', '--db', databasePath, '--format', 'csv', '--out', 'csv');

    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(databasePath)).toBe(true);
    expect(readdirSync(join(folder, 'csv')).sort()).toEqual(CSV_FILES);
    expect(result.stdout).toContain(`as of ${TODAY}`);
  });

  it('applies the count switches', async () => {
    const result = await run(
      'export',
      '--db',
      databasePath,
      '--format',
      'csv',
      '--out',
      'switched.zip',
      '--zip',
      '--as-of',
      '2020-12-31',
      '--include-roles',
      'participant, observer',
      '--exclude-global',
    );

    expect(result.code, result.stderr).toBe(0);
    const files = await readZip(readFileSync(join(folder, 'switched.zip')));
    const countries: Record<string, string>[] = parse(files.get('countries.csv')!, {
      columns: true,
      bom: true,
    });
    const db = openAtlasDatabase(databasePath);
    const expected = db
      .prepare(
        `SELECT m.iso3, count(*) AS iscms
         FROM baseline_memberships m JOIN bodies b ON b.id = m.body_id
         WHERE b.kind = 'iscm' AND b.scope <> 'global'
           AND m.role IN ('member', 'observer', 'participant')
         GROUP BY m.iso3`,
      )
      .all() as { iso3: string; iscms: number }[];
    closeDatabase(db);
    const exported = new Map(countries.map((row) => [row.iso3, Number(row.iscm_count)]));
    for (const { iso3, iscms } of expected) expect(exported.get(iso3), iso3).toBe(iscms);
    const afghanistan = countries.find((row) => row.iso3 === 'AFG')!;
    expect(Number(afghanistan.iscm_count)).toBeGreaterThan(Number(afghanistan.member));
  });

  it('adds .zip to a zip name without extension', async () => {
    const result = await run(
      'export', '--db', databasePath, '--format', 'csv', '--out', 'csv-2023', '--zip',
    );

    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(folder, 'csv-2023'))).toBe(false);
    expect(result.stdout).toContain(`the zip file ${join(folder, 'csv-2023.zip')}`);
    const files = await readZip(readFileSync(join(folder, 'csv-2023.zip')));
    expect([...files.keys()].sort()).toEqual(CSV_FILES);
  });

  it('keeps the extension of a zip name', async () => {
    const result = await run(
      'export', '--db', databasePath, '--format', 'csv', '--out', 'tables.archive', '--zip',
    );

    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(join(folder, 'tables.archive'))).toBe(true);
    expect(existsSync(join(folder, 'tables.archive.zip'))).toBe(false);
  });

  it('writes an Excel file for the day', async () => {
    const result = await run(
      'export',
      '--db',
      databasePath,
      '--format',
      'xlsx',
      '--as-of',
      '2022-01-15',
      '--out',
      join('nested', 'atlas.xlsx'),
    );

    expect(result.code, result.stderr).toBe(0);
    const sheets = await readXlsx(readFileSync(join(folder, 'nested', 'atlas.xlsx')));
    const readme = sheets.get('README')!.rows.map((row) => row.join(' | '));
    expect(readme).toContain('As of | 2022-01-15');
  });

  it('writes SVG, PNG and GeoJSON files', async () => {
    for (const format of ['svg', 'png', 'geojson']) {
      const out = `map.${format}`;

      const result = await run('export', '--db', databasePath, '--format', format, '--out', out);

      expect(result.code, result.stderr).toBe(0);
      expect(existsSync(join(folder, `map.${format}`))).toBe(true);
    }
  });

  it('leaves a damaged database untouched', async () => {
    const damaged = join(folder, 'damaged.sqlite');
    writeFileSync(damaged, 'not a database');

    const result = await run('export', '--db', damaged, '--format', 'csv', '--out', 'never');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('cannot be used');
    expect(readFileSync(damaged, 'utf8')).toBe('not a database');
    expect(existsSync(join(folder, 'never'))).toBe(false);
  });

  it('fails on a folder with other files', async () => {
    mkdirSync(join(folder, 'documents'));
    writeFileSync(join(folder, 'documents', 'letter.txt'), 'keep');

    const result = await run(
      'export',
      '--db',
      databasePath,
      '--format',
      'csv',
      '--out',
      'documents',
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already contains other files (letter.txt)');
    expect(readdirSync(join(folder, 'documents'))).toEqual(['letter.txt']);
  });

  it('fails when a file format is given a folder', async () => {
    mkdirSync(join(folder, 'maps'));

    const result = await run('export', '--db', databasePath, '--format', 'png', '--out', 'maps');

    expect(result.code).toBe(1);
    expect(result.stderr).toContain('is a folder. Give a file name');
  });
});
