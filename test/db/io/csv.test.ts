import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import { OutputPathError } from '../../../db/io/atomic-write.js';
import { formatCsv, writeCsvFolder, writeCsvZip } from '../../../db/io/csv.js';
import { buildExportTables } from '../../../db/io/tables.js';
import type { ExportTable } from '../../../db/io/types.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { ACCENTED_NOTE, ANNOTATION_TEXT, FORMULA_NOTE, openFixtureDatabase } from './fixture.js';
import { readZip } from './read-zip.js';

const AS_OF = '2024-01-01';
const FILES = [
  'annotations.csv',
  'changes.csv',
  'countries.csv',
  'matrix.csv',
  'memberships.csv',
  'themes.csv',
];

let db: Database.Database;
let tables: ExportTable[];

beforeAll(() => {
  db = openFixtureDatabase();
  tables = buildExportTables(db, {
    asOf: AS_OF,
    count: { includeRoles: [], excludeGlobal: false },
  });
});

afterAll(() => closeDatabase(db));

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'atlas-csv-'));
}

function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, relax_column_count: false });
}

describe('formatCsv', () => {
  it('starts with a byte-order mark and ends lines with CRLF', () => {
    const text = formatCsv({ name: 'themes', header: ['a', 'b'], rows: [['x', 1]] });

    expect(text).toBe('\uFEFFa,b\r\nx,1\r\n');
  });

  it('quotes fields as RFC 4180 requires', () => {
    const text = formatCsv({
      name: 'themes',
      header: ['text'],
      rows: [['a,b'], ['say "hi"'], ['two\nlines'], ['plain']],
    });

    expect(text).toBe('\uFEFFtext\r\n"a,b"\r\n"say ""hi"""\r\n"two\nlines"\r\nplain\r\n');
  });

  it('neutralizes cells that look like formulas', () => {
    const text = formatCsv({ name: 'themes', header: ['=header'], rows: [['+1'], [-1]] });

    expect(text).toBe("\uFEFF'=header\r\n'+1\r\n-1\r\n");
  });
});

describe('writeCsvFolder', () => {
  it('writes the six files that read back to the tables', async () => {
    const folder = join(tempFolder(), 'export');

    await writeCsvFolder(folder, tables);

    expect(readdirSync(folder).sort()).toEqual(FILES);
    const bytes = readFileSync(join(folder, 'memberships.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'));
    const expected = membershipsAsOf(db, AS_OF);
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, index) => {
      expect(row.body_id).toBe(expected[index].bodyId);
      expect(row.iso3).toBe(expected[index].iso3);
      expect(row.country).toBe(expected[index].countryName);
      expect(row.role).toBe(expected[index].role);
      expect(row.since).toBe(expected[index].since ?? '');
    });
  });

  it('keeps accented text, quotes and commas intact', async () => {
    const folder = join(tempFolder(), 'export');

    await writeCsvFolder(folder, tables);

    const rows = parseCsv(readFileSync(join(folder, 'memberships.csv'), 'utf8'));
    const ivoryCoast = rows.find((row) => row.body_id === 'rabat' && row.iso3 === 'CIV')!;
    expect(ivoryCoast.note).toBe(ACCENTED_NOTE);
    expect(rows.find((row) => row.iso3 === 'REU')?.country).toBe('Réunion');
    expect(rows.find((row) => row.iso3 === 'STP')?.country).toBe('São Tomé and Príncipe');
  });

  it('neutralizes a note that looks like a formula', async () => {
    const folder = join(tempFolder(), 'export');

    await writeCsvFolder(folder, tables);

    const memberships = parseCsv(readFileSync(join(folder, 'memberships.csv'), 'utf8'));
    const syria = memberships.find((row) => row.body_id === 'las' && row.iso3 === 'SYR')!;
    expect(syria.note).toBe(`'${FORMULA_NOTE}`);
    const annotations = parseCsv(readFileSync(join(folder, 'annotations.csv'), 'utf8'));
    expect(annotations[0].text).toBe(`'${ANNOTATION_TEXT}`);
    const changes = parseCsv(readFileSync(join(folder, 'changes.csv'), 'utf8'));
    expect(changes.find((row) => row.id === 'revert-1')?.note).toBe("'-wrong pair");
  });

  it('writes a matrix of countries by bodies', async () => {
    const folder = join(tempFolder(), 'export');

    await writeCsvFolder(folder, tables);

    const rows: string[][] = parse(readFileSync(join(folder, 'matrix.csv'), 'utf8'), {
      bom: true,
    });
    const countries = new Set(membershipsAsOf(db, AS_OF).map((m) => m.iso3));
    expect(rows).toHaveLength(1 + countries.size);
    expect(rows[0]).toHaveLength(2 + 58);
    expect(rows[0].slice(0, 2)).toEqual(['iso3', 'country']);
  });

  it('replaces an earlier export in the same folder', async () => {
    const folder = join(tempFolder(), 'export');
    mkdirSync(folder);
    writeFileSync(join(folder, 'memberships.csv'), 'old');

    await writeCsvFolder(folder, tables);

    expect(readdirSync(folder).sort()).toEqual(FILES);
    expect(readFileSync(join(folder, 'memberships.csv'), 'utf8')).not.toBe('old');
  });

  it('rejects a folder with other files', async () => {
    const parent = tempFolder();
    const folder = join(parent, 'export');
    mkdirSync(folder);
    writeFileSync(join(folder, 'thesis.docx'), 'keep me');

    await expect(writeCsvFolder(folder, tables)).rejects.toThrow(OutputPathError);

    expect(readdirSync(folder)).toEqual(['thesis.docx']);
    expect(readdirSync(parent)).toEqual(['export']);
  });
});

describe('writeCsvZip', () => {
  it('writes one zip file holding the six CSV files', async () => {
    const folder = tempFolder();
    const path = join(folder, 'export.zip');

    await writeCsvZip(path, tables);

    const files = await readZip(readFileSync(path));
    expect([...files.keys()].sort()).toEqual(FILES);
    for (const table of tables) {
      expect(files.get(`${table.name}.csv`)!.toString('utf8')).toBe(formatCsv(table));
    }
    expect(readdirSync(folder)).toEqual(['export.zip']);
  });
});
