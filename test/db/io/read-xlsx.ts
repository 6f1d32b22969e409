/**
 * A minimal .xlsx reader built on yauzl and fast-xml-parser, so that tests
 * check the workbook writer's output with code that shares nothing with
 * it. It reads sheet names, cell text, the frozen pane and the autofilter
 * range.
 */
import { XMLParser } from 'fast-xml-parser';

import { readZip } from './read-zip.js';

export interface SheetContent {
  /** Rows of cell text; a missing cell reads as ''. */
  rows: string[][];
  /** Frozen rows and columns, or null when the sheet has no frozen pane. */
  frozen: { rows: number; columns: number } | null;
  /** The autofilter range, such as "A1:I1715", or null. */
  autoFilter: string | null;
}

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ['sheet', 'Relationship', 'si', 'r', 'row', 'c'].includes(name),
});

function parseXml(files: Map<string, Buffer>, path: string): XmlNode {
  const content = files.get(path);
  if (!content) throw new Error(`${path} is missing from the workbook`);
  return parser.parse(content.toString('utf8')) as XmlNode;
}

/** Text of a <t> element: a string, or an object when it has attributes. */
function textOf(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node;
  return String((node as XmlNode)['#text'] ?? '');
}

function sharedStrings(files: Map<string, Buffer>): string[] {
  if (!files.has('xl/sharedStrings.xml')) return [];
  const table = parseXml(files, 'xl/sharedStrings.xml').sst as XmlNode;
  return ((table.si as XmlNode[] | undefined) ?? []).map((item) => {
    if (item.t !== undefined) return textOf(item.t);
    return ((item.r as XmlNode[]) ?? []).map((run) => textOf(run.t)).join('');
  });
}

/** Zero-based column of a reference such as "AB12". */
function columnIndex(reference: string): number {
  const letters = /^[A-Z]+/.exec(reference)![0];
  return [...letters].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

function cellText(cell: XmlNode, strings: string[]): string {
  const type = cell['@_t'];
  if (type === 's') return strings[Number(textOf(cell.v))];
  if (type === 'inlineStr') return textOf((cell.is as XmlNode).t);
  return textOf(cell.v);
}

function readSheet(sheet: XmlNode, strings: string[]): SheetContent {
  const worksheet = sheet.worksheet as XmlNode;
  const rows: string[][] = [];

  // An empty <sheetData/> parses as an empty string.
  const sheetData = worksheet.sheetData;
  const sheetRows =
    typeof sheetData === 'object' && sheetData !== null
      ? (((sheetData as XmlNode).row as XmlNode[] | undefined) ?? [])
      : [];
  for (const row of sheetRows) {
    const index = Number(row['@_r']) - 1;
    const cells: string[] = [];
    for (const cell of (row.c as XmlNode[] | undefined) ?? []) {
      cells[columnIndex(String(cell['@_r']))] = cellText(cell, strings);
    }
    rows[index] = Array.from(cells, (text) => text ?? '');
  }

  const view = (worksheet.sheetViews as XmlNode | undefined)?.sheetView as XmlNode | undefined;
  const pane = view?.pane as XmlNode | undefined;
  const frozen =
    pane && pane['@_state'] === 'frozen'
      ? { rows: Number(pane['@_ySplit'] ?? 0), columns: Number(pane['@_xSplit'] ?? 0) }
      : null;
  const filter = worksheet.autoFilter as XmlNode | undefined;

  return {
    rows: Array.from(rows, (row) => row ?? []),
    frozen,
    autoFilter: filter ? String(filter['@_ref']) : null,
  };
}

/** Reads every sheet of an .xlsx file, in workbook order, by sheet name. */
export async function readXlsx(bytes: Buffer): Promise<Map<string, SheetContent>> {
  const files = await readZip(bytes);
  const strings = sharedStrings(files);

  const workbook = parseXml(files, 'xl/workbook.xml').workbook as XmlNode;
  const relations = (
    parseXml(files, 'xl/_rels/workbook.xml.rels').Relationships as XmlNode
  ).Relationship as XmlNode[];
  const targets = new Map(relations.map((rel) => [rel['@_Id'], String(rel['@_Target'])]));

  const sheets = new Map<string, SheetContent>();
  for (const sheet of (workbook.sheets as XmlNode).sheet as XmlNode[]) {
    const target = targets.get(sheet['@_r:id'])!.replace(/^\/?(xl\/)?/, '');
    sheets.set(String(sheet['@_name']), readSheet(parseXml(files, `xl/${target}`), strings));
  }
  return sheets;
}
