import { resolve } from 'node:path';

import { AtlasError } from '../../db/errors.js';
import { ImportFileError, readImportFile } from '../../db/io/import-file.js';
import type { CliContext } from './command.js';

/** Reading errors of an input file, with what the user can do. */
const READ_ADVICE: Record<string, string> = {
  ENOENT: 'no such file; check the path',
  EACCES: 'permission denied; check the file\'s permissions',
  EPERM: 'permission denied; check the file\'s permissions',
  EISDIR: 'it is a folder; give a file',
};

/**
 * Reads an import file given on the command line, relative to the working
 * folder. Throws ImportFileError when it cannot be read or is too big.
 */
export async function readInputFile(
  path: string,
  context: CliContext,
): Promise<{ fileName: string; bytes: Buffer }> {
  const absolute = resolve(context.cwd, path);
  try {
    return await readImportFile(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== undefined && READ_ADVICE[code] !== undefined) {
      throw new ImportFileError(path, [
        { where: '', message: `cannot read ${absolute}: ${READ_ADVICE[code]}.` },
      ]);
    }
    throw error;
  }
}

/**
 * Writes the message of an import failure the user can act on (a file that
 * cannot be imported, or a rejected request) to stderr and returns exit
 * code 1. Rethrows any other error.
 */
export function reportImportFailure(
  error: unknown,
  command: string,
  context: CliContext,
): number {
  if (error instanceof ImportFileError || error instanceof AtlasError) {
    context.stderr.write(`iscm-atlas ${command}: ${error.message}\n`);
    return 1;
  }
  throw error;
}
