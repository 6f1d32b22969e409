import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import { readmeRows, UN_DISCLAIMER } from '../../../db/io/readme.js';
import { buildExportTables } from '../../../db/io/tables.js';
import { buildWorkbook } from '../../../db/io/xlsx.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { FORMULA_NOTE, openFixtureDatabase } from './fixture.js';
import { readXlsx, type SheetContent } from './read-xlsx.js';

const AS_OF = '2024-01-01';
const OPTIONS = {
  asOf: AS_OF,
  count: { includeRoles: ['observer' as const], excludeGlobal: true },
};

let db: Database.Database;
let sheets: Map<string, SheetContent>;

beforeAll(async () => {
  db = openFixtureDatabase();
  const tables = buildExportTables(db, OPTIONS);
  const readme = readmeRows(db, OPTIONS, new Date('2024-02-03T04:05:06Z'));
  sheets = await readXlsx(await buildWorkbook(tables, readme));
});

afterAll(() => closeDatabase(db));

function sheet(name: string): SheetContent {
  const content = sheets.get(name);
  if (!content) throw new Error(`no sheet ${name}`);
  return content;
}

/** Column letters of a 1-based column number: 1 → A, 27 → AA. */
function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

describe('buildWorkbook', () => {
  it('has a README sheet and one sheet per table', () => {
    expect([...sheets.keys()]).toEqual([
      'README',
      'memberships',
      'matrix',
      'themes',
      'changes',
      'annotations',
      'countries',
    ]);
  });

  it('matches membershipsAsOf cell by cell', () => {
    const { rows } = sheet('memberships');
    const expected = membershipsAsOf(db, AS_OF);

    expect(rows[0]).toEqual([
      'body_id',
      'body',
      'kind',
      'iso3',
      'country',
      'role',
      'since',
      'source',
      'note',
    ]);
    expect(rows).toHaveLength(expected.length + 1);
    expected.forEach((m, index) => {
      const note = m.note === FORMULA_NOTE ? `'${FORMULA_NOTE}` : m.note;
      const cells = [
        m.bodyId,
        m.bodyShortName,
        m.bodyKind,
        m.iso3,
        m.countryName,
        m.role,
        m.since ?? '',
        m.source,
        note,
      ];
      const row = rows[index + 1];
      cells.forEach((cell, column) => {
        expect(row[column] ?? '', `row ${index + 2}, column ${column + 1}`).toBe(cell);
      });
    });
  });

  it('neutralizes a note that looks like a formula', () => {
    const { rows } = sheet('memberships');

    const syria = rows.find((row) => row[0] === 'las' && row[3] === 'SYR')!;
    expect(syria[8]).toBe(`'${FORMULA_NOTE}`);
  });

  it('freezes the header row and filters every table', () => {
    for (const name of ['memberships', 'matrix', 'themes', 'changes', 'annotations', 'countries']) {
      const content = sheet(name);
      const width = content.rows[0].length;
      const height = Math.max(2, content.rows.length);

      expect(content.frozen?.rows, name).toBe(1);
      expect(content.autoFilter, name).toBe(`A1:${columnLetters(width)}${height}`);
    }
    expect(sheet('matrix').frozen?.columns).toBe(2);
  });

  it('writes counts as numbers the reader sees', () => {
    const { rows } = sheet('countries');

    expect(rows[0].slice(0, 3)).toEqual(['iso3', 'country', 'iscm_count']);
    const france = rows.find((row) => row[0] === 'FRA')!;
    expect(Number(france[2])).toBeGreaterThan(0);
  });

  it('states the day, switches, sources and disclaimer in README', () => {
    const text = sheet('README').rows.map((row) => row.join(' | '));

    expect(text).toContain(`As of | ${AS_OF}`);
    expect(text).toContain('Exported at (UTC) | 2024-02-03T04:05:06.000Z');
    expect(text).toContain(
      'ISCM count | Counts the ISCMs in which a country is a member or observer, ' +
        'leaving out the global processes (GFMD, IDM).',
    );
    expect(text).toContain(`Disclaimer | ${UN_DISCLAIMER}`);
    expect(UN_DISCLAIMER).toBe(
      'The boundaries and names shown and the designations used do not imply ' +
        'official endorsement or acceptance by the United Nations.',
    );
    const iomPage = "Overlaps in ISCMs' thematic and geographic focus";
    expect(text.some((line) => line.includes(iomPage))).toBe(true);
    expect(text.some((line) => line.startsWith('Licence | '))).toBe(true);
    expect(text.some((line) => line.startsWith('Changes after the baseline | 4 changes'))).toBe(
      true,
    );
    const bodySources = text.filter((line) => /^[a-z0-9-]+ \| .* \| (iscm|igo) \| http/.test(line));
    expect(bodySources).toHaveLength(58);
  });
});
