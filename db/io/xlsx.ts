import ExcelJS from 'exceljs';

import { writeFileAtomic } from './atomic-write.js';
import { neutralizeFormula } from './formula.js';
import type { Cell, ExportTable } from './types.js';

/** Column widths in Excel's units (about one character each). */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Row labels of the README sheet that start a section; shown in bold. */
const README_HEADINGS = new Set(['Sources', 'Sheets', 'Source of each body list', 'body_id']);

/** Leaves empty text as an empty cell; neutralizes text that looks like a formula. */
function toExcelValue(cell: Cell): Cell | null {
  return cell === '' ? null : neutralizeFormula(cell);
}

function columnWidths(table: ExportTable): number[] {
  return table.header.map((title, column) => {
    let widest = title.length;
    for (const row of table.rows) {
      widest = Math.max(widest, String(row[column] ?? '').length);
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
  });
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ExportTable): void {
  // The matrix also keeps its iso3 and country columns in view.
  const frozenColumns = table.name === 'matrix' ? 2 : 0;
  const sheet = workbook.addWorksheet(table.name, {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: 1 }],
  });

  sheet.addRow(table.header.map(toExcelValue)).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map(toExcelValue));

  sheet.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: table.rows.length + 1, column: table.header.length },
  };
  columnWidths(table).forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
}

function addReadmeSheet(workbook: ExcelJS.Workbook, rows: Cell[][]): void {
  const sheet = workbook.addWorksheet('README');
  for (const row of rows) {
    const added = sheet.addRow(row.map(toExcelValue));
    if (typeof row[0] === 'string' && README_HEADINGS.has(row[0])) {
      added.font = { bold: true };
    }
  }
  sheet.getRow(1).font = { bold: true, size: 14 };

  const widths = [28, 90, 8, 60, 22];
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = width;
  });
  sheet.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
}

/**
 * Builds an Excel workbook: the README sheet first, then one sheet per
 * table with a bold, frozen header row, an autofilter over the table and
 * column widths fitted to the content.
 */
export async function buildWorkbook(
  tables: ExportTable[],
  readme: Cell[][],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'ISCM Atlas';
  workbook.created = new Date();

  addReadmeSheet(workbook, readme);
  for (const table of tables) addTableSheet(workbook, table);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Writes the workbook to `path` atomically. */
export async function writeXlsx(
  path: string,
  tables: ExportTable[],
  readme: Cell[][],
): Promise<void> {
  await writeFileAtomic(path, await buildWorkbook(tables, readme));
}
