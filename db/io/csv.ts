import type { Readable } from 'node:stream';

import yazl from 'yazl';

import { writeFileAtomic, writeFolderAtomic } from './atomic-write.js';
import { neutralizeFormula } from './formula.js';
import type { Cell, ExportTable } from './types.js';

const BYTE_ORDER_MARK = '\uFEFF';
const LINE_END = '\r\n';

/** Quotes a field that contains a comma, a double quote or a line break (RFC 4180). */
function quoteField(cell: Cell): string {
  const text = String(neutralizeFormula(cell));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Formats a table as CSV text: a UTF-8 byte-order mark, the header row,
 * RFC 4180 quoting, CRLF line ends, and cells that a spreadsheet would read
 * as formulas neutralized.
 */
export function formatCsv(table: ExportTable): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(quoteField).join(','));
  return BYTE_ORDER_MARK + lines.map((line) => line + LINE_END).join('');
}

/** File name of a table in a CSV folder or zip: memberships.csv, … */
export function csvFileName(table: ExportTable): string {
  return `${table.name}.csv`;
}

/** Writes one CSV file per table into the folder `path`, replacing it whole. */
export async function writeCsvFolder(path: string, tables: ExportTable[]): Promise<string[]> {
  const files = tables.map((table) => ({ name: csvFileName(table), content: formatCsv(table) }));
  await writeFolderAtomic(path, files);
  return files.map((file) => file.name);
}

/**
 * Streams a zip archive holding the files, each at the path its name
 * gives. `compressionLevel` is zlib's, from 1 (fastest) to 9 (smallest);
 * yazl's default is 6.
 */
export function zipFiles(
  files: { name: string; content: string | Buffer }[],
  options: { compressionLevel?: number } = {},
): Readable {
  const zip = new yazl.ZipFile();
  const mtime = new Date();
  for (const file of files) {
    const bytes = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    zip.addBuffer(bytes, file.name, { mtime, compressionLevel: options.compressionLevel });
  }
  zip.end();

  const output = zip.outputStream as Readable;
  zip.on('error', (error: Error) => output.destroy(error));
  return output;
}

/** Writes one .zip file at `path` holding one CSV file per table. */
export async function writeCsvZip(path: string, tables: ExportTable[]): Promise<string[]> {
  const files = tables.map((table) => ({ name: csvFileName(table), content: formatCsv(table) }));
  await writeFileAtomic(path, zipFiles(files));
  return files.map((file) => file.name);
}
