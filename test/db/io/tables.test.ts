import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../../db/close.js';
import { buildExportTables } from '../../../db/io/tables.js';
import type { ExportTable, TableName } from '../../../db/io/types.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { listBodies } from '../../../db/queries/bodies.js';
import { iscmCountsAsOf } from '../../../db/queries/map.js';
import type { CountOptions } from '../../../main/contract/types.js';
import { ANNOTATION_TEXT, FORMULA_NOTE, openFixtureDatabase } from './fixture.js';

const DEFAULT_COUNT: CountOptions = { includeRoles: [], excludeGlobal: false };
const AS_OF = '2024-01-01';

let db: Database.Database;

beforeAll(() => {
  db = openFixtureDatabase();
});

afterAll(() => closeDatabase(db));

function tableOf(tables: ExportTable[], name: TableName): ExportTable {
  const table = tables.find((candidate) => candidate.name === name);
  if (!table) throw new Error(`no table ${name}`);
  return table;
}

function column(table: ExportTable, name: string): number {
  const index = table.header.indexOf(name);
  if (index < 0) throw new Error(`no column ${name} in ${table.name}`);
  return index;
}

describe('buildExportTables', () => {
  it('returns the six tables in file order', () => {
    const tables = buildExportTables(db, { asOf: AS_OF, count: DEFAULT_COUNT });

    expect(tables.map((table) => table.name)).toEqual([
      'memberships',
      'matrix',
      'themes',
      'changes',
      'annotations',
      'countries',
    ]);
  });

  it('lists memberships in force on the day', () => {
    const memberships = tableOf(
      buildExportTables(db, { asOf: AS_OF, count: DEFAULT_COUNT }),
      'memberships',
    );
    const expected = membershipsAsOf(db, AS_OF);

    expect(memberships.header).toEqual([
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
    expect(memberships.rows).toHaveLength(expected.length);
    expect(memberships.rows).toEqual(
      expected.map((m) => [
        m.bodyId,
        m.bodyShortName,
        m.bodyKind,
        m.iso3,
        m.countryName,
        m.role,
        m.since ?? '',
        m.source,
        m.note,
      ]),
    );
  });

  it('follows recorded changes by date', () => {
    const before = tableOf(
      buildExportTables(db, { asOf: '2021-06-30', count: DEFAULT_COUNT }),
      'memberships',
    );
    const after = tableOf(
      buildExportTables(db, { asOf: AS_OF, count: DEFAULT_COUNT }),
      'memberships',
    );
    const pair = (rows: ExportTable['rows'], bodyId: string, iso3: string) =>
      rows.find((row) => row[0] === bodyId && row[3] === iso3);

    expect(pair(before.rows, 'las', 'SYR')?.[5]).toBe('suspended');
    expect(pair(after.rows, 'las', 'SYR')?.slice(5)).toEqual([
      'member',
      '2023-05-07',
      'https://example.invalid/las-2023',
      FORMULA_NOTE,
    ]);
    expect(pair(before.rows, 'bali', 'AFG')).toBeDefined();
    expect(pair(after.rows, 'bali', 'AFG')).toBeUndefined();
    expect(pair(after.rows, 'bali', 'MDV')?.[5]).toBe('member');
    expect(pair(before.rows, 'midsa', 'FRA')?.slice(5, 8)).toEqual([
      'observer',
      '',
      'https://example.invalid/midsa',
    ]);
  });

  it('shapes the matrix as countries by bodies', () => {
    const matrix = tableOf(buildExportTables(db, { asOf: AS_OF, count: DEFAULT_COUNT }), 'matrix');
    const memberships = membershipsAsOf(db, AS_OF);
    const bodies = [...listBodies(db, AS_OF, 'iscm'), ...listBodies(db, AS_OF, 'igo')];
    const countries = new Set(memberships.map((m) => m.iso3));

    expect(matrix.header).toEqual(['iso3', 'country', ...bodies.map((b) => b.shortName)]);
    expect(bodies).toHaveLength(58);
    expect(matrix.rows).toHaveLength(countries.size);
    expect(new Set(matrix.rows.map((row) => row[0]))).toEqual(countries);
    for (const row of matrix.rows) expect(row).toHaveLength(2 + bodies.length);

    const filled = matrix.rows.flatMap((row) => row.slice(2)).filter((cell) => cell !== '');
    expect(filled).toHaveLength(memberships.length);
    const syria = matrix.rows.find((row) => row[0] === 'SYR')!;
    expect(syria[2 + bodies.findIndex((b) => b.id === 'las')]).toBe('member');
  });

  it('counts ISCMs per country as the map does', () => {
    const count: CountOptions = { includeRoles: ['observer', 'participant'], excludeGlobal: true };
    const countries = tableOf(buildExportTables(db, { asOf: AS_OF, count }), 'countries');
    const expected = iscmCountsAsOf(db, AS_OF, count);

    expect(countries.header).toEqual([
      'iso3',
      'country',
      'iscm_count',
      'member',
      'observer',
      'associate',
      'participant',
      'suspended',
    ]);
    for (const row of countries.rows) {
      const [iso3, , iscmCount, member, observer, , participant] = row;
      expect(iscmCount, String(iso3)).toBe(expected.get(String(iso3)) ?? 0);
      expect(iscmCount, String(iso3)).toBe(
        Number(member) + Number(observer) + Number(participant),
      );
    }
  });

  it('leaves global processes out of role columns when asked', () => {
    const withGlobal = tableOf(
      buildExportTables(db, { asOf: AS_OF, count: DEFAULT_COUNT }),
      'countries',
    );
    const withoutGlobal = tableOf(
      buildExportTables(db, { asOf: AS_OF, count: { includeRoles: [], excludeGlobal: true } }),
      'countries',
    );
    const france = (table: ExportTable) => table.rows.find((row) => row[0] === 'FRA')!;
    const member = column(withGlobal, 'member');

    // France is a member of both global processes, the GFMD and the IDM.
    expect(Number(france(withGlobal)[member]) - Number(france(withoutGlobal)[member])).toBe(2);
  });

  it('lists changes, corrections and reverts in recording order', () => {
    const tables = buildExportTables(db, { asOf: AS_OF, count: DEFAULT_COUNT });
    const changes = tableOf(tables, 'changes');
    const id = column(changes, 'id');
    const kind = column(changes, 'kind');

    expect(changes.rows.map((row) => [row[id], row[kind]])).toEqual([
      ['correction-midsa-fra', 'correction'],
      ['change-las-syr', 'reinstated'],
      ['change-bali-afg', 'left'],
      ['change-reverted', 'left'],
      ['revert-1', 'revert'],
    ]);
    const [correction, , departure, reverted, revert] = changes.rows;
    expect(correction[column(changes, 'correction_action')]).toBe('add');
    expect(correction[column(changes, 'effective_date')]).toBe('');
    expect(revert[column(changes, 'reverts_id')]).toBe('change-reverted');
    expect(revert[column(changes, 'iso3')]).toBe('MDV');
    expect(reverted[column(changes, 'reverted_by')]).toBe('revert-1');
    expect(departure[column(changes, 'effective_date')]).toBe('2022-03');
    expect(departure[column(changes, 'role_after')]).toBe('');
  });

  it('lists annotations that are not deleted', () => {
    const annotations = tableOf(
      buildExportTables(db, { asOf: AS_OF, count: DEFAULT_COUNT }),
      'annotations',
    );

    expect(annotations.rows).toHaveLength(1);
    expect(annotations.rows[0][column(annotations, 'id')]).toBe('annotation-civ');
    expect(annotations.rows[0][column(annotations, 'text')]).toBe(ANNOTATION_TEXT);
    expect(annotations.rows[0][column(annotations, 'body_id')]).toBe('');
  });

  it('lists every ISCM theme pair', () => {
    const themes = tableOf(buildExportTables(db, { asOf: AS_OF, count: DEFAULT_COUNT }), 'themes');

    expect(themes.header).toEqual(['body_id', 'theme', 'in_table_by_area', 'in_table_by_iscm']);
    expect(themes.rows).toHaveLength(345);
    expect(themes.rows.filter((row) => row[2] === 1 && row[3] === 1)).toHaveLength(230);
    expect(themes.rows.filter((row) => row[2] === 1 && row[3] === 0)).toHaveLength(35);
  });
});
