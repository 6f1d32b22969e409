import { AtlasError } from './context.js';

/** Advice to the user for each file-system error code: the cause and the next step. */
const ADVICE: Record<string, string> = {
  EACCES: 'permission was denied. Choose a folder you may write to.',
  EPERM: 'the operation is not permitted. Choose a folder you may write to.',
  EROFS: 'the drive is read-only. Choose another drive.',
  ENOSPC: 'the disk is full. Free some space, or choose another drive.',
  EDQUOT: 'the disk quota is used up. Free some space, or choose another drive.',
  ENOENT: 'the folder does not exist. Choose an existing folder.',
  ENOTDIR: 'a part of the path is a file, not a folder. Choose another folder.',
  EISDIR: 'the path is a folder. Choose a file name.',
  EEXIST: 'a file is in the place of a folder on the path. Choose another folder.',
  EBUSY: 'another program is using the file. Close it and retry.',
};

/**
 * Turns a Node file-system error into AtlasError file_error, whose message
 * names what failed, the cause and the next step. `action` names what failed, such
 * as "Saving /home/ana/atlas.xlsx". Other errors are returned unchanged.
 */
export function fileErrorOf(error: unknown, action: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!(error instanceof Error) || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) {
    return error;
  }
  const advice = ADVICE[code] ?? `${error.message}.`;
  return new AtlasError('file_error', `${action} failed (${code}): ${advice}`);
}
