/**
 * Writes files and folders so that the chosen path contains either what was
 * there before or the complete new output, never a half-written one. The
 * output goes to a temporary sibling first, then is renamed into place.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Content of a file: text (written as UTF-8), bytes, or a stream of chunks. */
export type FileContent = string | Uint8Array | AsyncIterable<Uint8Array | string>;

/** An output path that cannot be used as it is; the message explains why and what to do. */
export class OutputPathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutputPathError';
  }
}

/** Returns a hidden name next to `path`, unique to this process and call. */
function siblingName(path: string, suffix: string): string {
  const unique = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return join(dirname(path), `.${basename(path)}.${unique}.${suffix}`);
}

async function writeContent(path: string, content: FileContent): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    if (typeof content === 'string' || content instanceof Uint8Array) {
      await handle.writeFile(content);
    } else {
      // writeFile on a handle appends at the current position, in full.
      for await (const chunk of content) await handle.writeFile(chunk);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `content` to a temporary file in the folder of `path`, then
 * renames it to `path`, replacing an existing file. When anything fails,
 * the temporary file is removed and `path` is left as it was. Creates
 * missing parent folders.
 */
export async function writeFileAtomic(path: string, content: FileContent): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = siblingName(path, 'tmp');

  try {
    await writeContent(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Returns false when `path` is missing and true when it is a folder that
 * contains only files named in `names` (an earlier export of the same
 * kind), so that replacing it loses nothing else. Throws OutputPathError
 * otherwise.
 */
async function checkReplaceableFolder(path: string, names: Set<string>): Promise<boolean> {
  if (!existsSync(path)) return false;

  if (!(await stat(path)).isDirectory()) {
    throw new OutputPathError(
      `${path} is a file, not a folder. Choose a new folder name for the CSV files, ` +
        'or add --zip to write one .zip file.',
    );
  }
  const others = (await readdir(path)).filter((entry) => !names.has(entry));
  if (others.length > 0) {
    throw new OutputPathError(
      `The folder ${path} already contains other files (${others.slice(0, 3).join(', ')}` +
        `${others.length > 3 ? ', …' : ''}), which replacing it would delete. ` +
        'Choose a new or empty folder.',
    );
  }
  return true;
}

/**
 * Writes the files into a temporary sibling folder, then renames it to
 * `path`. An existing folder at `path` is replaced only when every file in
 * it has the name of a new file. That folder is moved aside first, and
 * restored if the new one cannot be moved into place.
 */
export async function writeFolderAtomic(
  path: string,
  files: { name: string; content: FileContent }[],
): Promise<void> {
  const names = new Set(files.map((file) => file.name));
  const replacing = await checkReplaceableFolder(path, names);
  await mkdir(dirname(path), { recursive: true });
  const temporary = siblingName(path, 'tmp');

  try {
    await mkdir(temporary);
    for (const file of files) {
      await writeContent(join(temporary, file.name), file.content);
    }
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }

  if (!replacing) {
    await rename(temporary, path).catch(async (error: unknown) => {
      await rm(temporary, { recursive: true, force: true });
      throw error;
    });
    return;
  }

  const previous = siblingName(path, 'old');
  await rename(path, previous);
  try {
    await rename(temporary, path);
  } catch (error) {
    await rename(previous, path);
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}
