/**
 * Reading an import file with bounded memory: the size is checked before
 * the bytes are read, and the bytes must be UTF-8 text.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';

/** The largest import file accepted, in bytes (50 MiB). */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** One problem in an import file, with its place: a JSON path or a line. */
export interface ImportProblem {
  /** Such as "changes[3].effective_date", "line 4, column 12" or "line 7". */
  where: string;
  message: string;
}

/** The problems shown in an error message; the error keeps them all. */
const PROBLEMS_IN_MESSAGE = 10;

/**
 * An import file that cannot be imported as a whole: too big, not UTF-8,
 * not JSON, or not in the expected format. Nothing was written.
 */
export class ImportFileError extends Error {
  constructor(
    readonly fileName: string,
    readonly problems: ImportProblem[],
  ) {
    const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map(describeProblem);
    const more = problems.length - shown.length;
    const list =
      shown.join('; ') + (more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '');
    super(
      `${fileName} cannot be imported, and nothing was written: ${list}` +
        (/[.!?]$/.test(list) ? '' : '.'),
    );
    this.name = 'ImportFileError';
  }
}

function describeProblem(problem: ImportProblem): string {
  return problem.where === '' ? problem.message : `${problem.where}: ${problem.message}`;
}

/** The bytes of an import file and what identifies them in the imports log. */
export interface ImportFileText {
  fileName: string;
  text: string;
  sha256: string;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function tooBig(fileName: string, size: number, maxBytes: number): ImportFileError {
  return new ImportFileError(fileName, [
    {
      where: '',
      message:
        `the file has ${formatMegabytes(size)}, more than the maximum of ` +
        `${formatMegabytes(maxBytes)}. Check that this is the right file: the ` +
        'JSON export of 100,000 changes has about 35 MiB, and a table of changes far less.',
    },
  ]);
}

/**
 * Returns the offset of the first byte that is not part of valid UTF-8,
 * or -1. It follows the rules TextDecoder applies: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const first = bytes[index];
    if (first < 0x80) {
      index += 1;
      continue;
    }

    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (first >= 0xc2 && first <= 0xdf) length = 2;
    else if (first >= 0xe0 && first <= 0xef) {
      length = 3;
      if (first === 0xe0) low = 0xa0;
      if (first === 0xed) high = 0x9f;
    } else if (first >= 0xf0 && first <= 0xf4) {
      length = 4;
      if (first === 0xf0) low = 0x90;
      if (first === 0xf4) high = 0x8f;
    } else {
      return index;
    }

    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      const min = next === 1 ? low : 0x80;
      const max = next === 1 ? high : 0xbf;
      if (byte === undefined || byte < min || byte > max) return index;
    }
    index += length;
  }
  return -1;
}

/** Returns the 1-based line and byte column of `offset` in `bytes`. */
function lineAndColumnOfByte(bytes: Uint8Array, offset: number) {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset; index++) {
    if (bytes[index] === 0x0a) {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * Decodes the bytes of an import file as UTF-8, dropping a byte-order mark.
 * Throws ImportFileError when there are more than `maxBytes` bytes, when
 * they are not valid UTF-8 (naming the line and byte), or when the text is
 * empty or only white space.
 */
export function decodeImportFile(
  content: Uint8Array | string,
  fileName: string,
  maxBytes = MAX_IMPORT_BYTES,
): ImportFileText {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  if (bytes.length > maxBytes) throw tooBig(fileName, bytes.length, maxBytes);

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const offset = Math.max(findInvalidUtf8(bytes), 0);
    const { line, column } = lineAndColumnOfByte(bytes, offset);
    const hex = bytes[offset]?.toString(16).padStart(2, '0').toUpperCase() ?? '??';
    throw new ImportFileError(fileName, [
      {
        where: `line ${line}, column ${column}`,
        message:
          `the file is not valid UTF-8 text: byte 0x${hex} (at byte ${offset}) ` +
          'is not part of a UTF-8 character. Save the file as UTF-8 and try again.',
      },
    ]);
  }

  if (text.trim() === '') {
    throw new ImportFileError(fileName, [
      {
        where: '',
        message:
          bytes.length === 0
            ? 'the file is empty.'
            : 'the file is empty: it contains only white space.',
      },
    ]);
  }

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { fileName, text, sha256 };
}

/**
 * Reads and decodes an import file from disk. The size is checked before
 * any byte is read, so an oversized file is rejected without loading it.
 */
export async function readImportFile(
  path: string,
  maxBytes = MAX_IMPORT_BYTES,
): Promise<{ fileName: string; bytes: Buffer }> {
  const fileName = basename(path);
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) throw tooBig(fileName, size, maxBytes);

    // Reading at most one byte beyond the limit catches a file that grew.
    const buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooBig(fileName, length, maxBytes);
    return { fileName, bytes: buffer.subarray(0, length) };
  } finally {
    await handle.close();
  }
}
