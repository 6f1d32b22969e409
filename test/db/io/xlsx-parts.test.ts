import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';

import { readmeRows } from '../../../db/io/readme.js';
import { buildExportTables } from '../../../db/io/tables.js';
import { buildWorkbook } from '../../../db/io/xlsx.js';
import { SharedStrings, columnLetters, escapeXml } from '../../../db/io/xlsx-parts.js';
import { openFixtureDatabase } from './fixture.js';
import { readZip } from './read-zip.js';

const OPTIONS = { asOf: '2024-01-01', count: { includeRoles: [], excludeGlobal: false } };

describe('escapeXml', () => {
  it('escapes markup and keeps carriage returns', () => {
    expect(escapeXml('a < b & "c" > d\r\n')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d&#13;\n');
  });

  it('drops characters XML cannot contain', () => {
    expect(escapeXml('bell\u0007 tab\t form\u000C end\uFFFF')).toBe('bell tab\t form end');
  });
});

describe('columnLetters', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [60, 'BH'],
    [703, 'AAA'],
  ])('writes column %i as %s', (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
  });
});

describe('SharedStrings', () => {
  it('stores each text once and counts references', () => {
    const strings = new SharedStrings();

    const indexes = ['AU', ' padded ', 'AU', 'x < y'].map((text) => strings.indexOf(text));

    expect(indexes).toEqual([0, 1, 0, 2]);
    expect(strings.toXml()).toContain('count="4" uniqueCount="3"');
    expect(strings.toXml()).toContain('<si><t xml:space="preserve"> padded </t></si>');
    expect(strings.toXml()).toContain('<si><t>x &lt; y</t></si>');
  });
});

describe('buildWorkbook styles', () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });

  async function workbookParts(): Promise<Map<string, Buffer>> {
    const db = openFixtureDatabase();
    const tables = buildExportTables(db, OPTIONS);
    const readme = readmeRows(db, OPTIONS, new Date('2024-02-03T04:05:06Z'));
    return readZip(await buildWorkbook(tables, readme));
  }

  it('sets bold header cells and fitted column widths', async () => {
    const parts = await workbookParts();

    // Sheet 2 is memberships: the first sheet after README.
    const sheet = parser.parse(parts.get('xl/worksheets/sheet2.xml')!.toString()).worksheet;
    const header = sheet.sheetData.row[0].c;
    const columns = sheet.cols.col;

    expect(header.every((cell: { s?: string }) => cell.s === '1')).toBe(true);
    expect(columns).toHaveLength(9);
    for (const column of columns) {
      expect(Number(column.width)).toBeGreaterThanOrEqual(8);
      expect(Number(column.width)).toBeLessThanOrEqual(60);
    }
  });

  it('declares bold fonts and wraps the README text column', async () => {
    const parts = await workbookParts();

    const styles = parts.get('xl/styles.xml')!.toString();
    const readme = parser.parse(parts.get('xl/worksheets/sheet1.xml')!.toString()).worksheet;

    expect(styles).toContain('<font><b/><sz val="11"/>');
    expect(styles).toContain('<font><b/><sz val="14"/>');
    expect(readme.cols.col[1]).toMatchObject({ width: '90', style: '3' });
    expect(readme.sheetData.row[0].c.s ?? readme.sheetData.row[0].c[0].s).toBe('2');
  });
});
