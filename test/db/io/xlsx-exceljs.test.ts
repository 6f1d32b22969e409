/**
 * Reads the Excel export back with ExcelJS, a library that shares no code
 * with the workbook writer, and compares it cell by cell with the tables.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';

import { readmeRows } from '../../../db/io/readme.js';
import { buildExportTables } from '../../../db/io/tables.js';
import type { Cell, ExportTable } from '../../../db/io/types.js';
import { buildWorkbook } from '../../../db/io/xlsx.js';
import { FORMULA_NOTE, openFixtureDatabase } from './fixture.js';

const OPTIONS = { asOf: '2026-12-04', count: { includeRoles: [], excludeGlobal: false } };

let tables: ExportTable[];
let workbook: ExcelJS.Workbook;

beforeAll(async () => {
  const db = openFixtureDatabase();
  tables = buildExportTables(db, OPTIONS);
  const bytes = await buildWorkbook(tables, readmeRows(db, OPTIONS, new Date()));
  workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
});

/** The value a spreadsheet should show: text that would run as a formula gets an apostrophe. */
function shown(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function sheetOf(name: string): ExcelJS.Worksheet {
  const sheet = workbook.getWorksheet(name);
  if (sheet === undefined) throw new Error(`ExcelJS finds no sheet ${name}`);
  return sheet;
}

describe('the Excel export read by ExcelJS', () => {
  it('has the README first, then one sheet per table', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'README',
      ...tables.map((table) => table.name),
    ]);
  });

  it('holds every cell of every table', () => {
    const differences: string[] = [];
    for (const table of tables) {
      const sheet = sheetOf(table.name);
      [table.header, ...table.rows].forEach((cells, rowIndex) => {
        const row = sheet.getRow(rowIndex + 1);
        cells.forEach((cell, columnIndex) => {
          const value = row.getCell(columnIndex + 1).value ?? '';
          if (value !== shown(cell)) {
            differences.push(`${table.name} ${row.getCell(columnIndex + 1).address}: ${String(value)}`);
          }
        });
      });
      expect(sheet.actualRowCount, table.name).toBe(table.rows.length + 1);
    }

    expect(differences).toEqual([]);
  });

  it('keeps a formula-like note as text', () => {
    const memberships = sheetOf('memberships');
    const cells: ExcelJS.Cell[] = [];
    memberships.eachRow((row) => row.eachCell((cell) => cells.push(cell)));

    const note = cells.find((cell) => cell.value === `'${FORMULA_NOTE}`);
    expect(note).toBeDefined();
    expect(note!.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula)).toBe(false);
  });

  it('shows accented names as written', () => {
    const countries = sheetOf('countries');
    const names: unknown[] = [];
    countries.eachRow((row) => names.push(row.getCell(2).value));

    expect(names).toContain("Côte d'Ivoire");
    expect(names).toContain('Türkiye');
  });

  it('freezes the header row and filters each table', () => {
    for (const table of tables) {
      const sheet = sheetOf(table.name);
      expect(sheet.views[0], table.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, table.name).toBeTruthy();
    }
  });
});
