import { DatabaseDamagedError } from '../../db/open.js';
import { OutputPathError } from '../../db/io/atomic-write.js';
import { isSqliteError, sqliteErrorValue } from '../../db/sqlite-errors.js';

/** Advice for file-system error codes that the user can act on. */
const FILE_ERROR_ADVICE: Record<string, string> = {
  EACCES: 'Check the permissions of the folder, or choose another path.',
  EPERM: 'Check the permissions of the folder, or choose another path.',
  EROFS: 'The file system is read-only; choose another path.',
  ENOSPC: 'The disk is full; free some space or choose another disk.',
  ENOTDIR: 'A part of the path is a file, not a folder; check the path.',
  EISDIR: 'The path is a folder; give a file name.',
};

function isSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}

/** Describes why a command failed, in words the user can act on. */
export function describeFailure(error: unknown): string {
  if (error instanceof DatabaseDamagedError || error instanceof OutputPathError) {
    return error.message;
  }
  if (isSqliteError(error)) return sqliteErrorValue(error).message;
  if (isSystemError(error) && error.code && FILE_ERROR_ADVICE[error.code]) {
    return `${error.message}. ${FILE_ERROR_ADVICE[error.code]}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `failed unexpectedly: ${message}. Please report this message.`;
}
