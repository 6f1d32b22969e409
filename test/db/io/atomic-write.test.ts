import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { writeFileAtomic, writeFolderAtomic } from '../../../db/io/atomic-write.js';

function tempFolder(): string {
  return mkdtempSync(join(tmpdir(), 'atlas-atomic-'));
}

/** Yields one chunk, then fails as a disk or a renderer could midway. */
async function* failingMidway(): AsyncGenerator<string> {
  yield 'first half of the file';
  throw new Error('simulated failure midway');
}

describe('writeFileAtomic', () => {
  it('writes text, bytes and chunked content', async () => {
    const folder = tempFolder();

    await writeFileAtomic(join(folder, 'text.txt'), 'Côte d\'Ivoire');
    await writeFileAtomic(join(folder, 'bytes.bin'), Uint8Array.from([1, 2, 3]));
    await writeFileAtomic(join(folder, 'chunks.txt'), (async function* () {
      yield 'a';
      yield Buffer.from('b');
    })());

    expect(readFileSync(join(folder, 'text.txt'), 'utf8')).toBe('Côte d\'Ivoire');
    expect([...readFileSync(join(folder, 'bytes.bin'))]).toEqual([1, 2, 3]);
    expect(readFileSync(join(folder, 'chunks.txt'), 'utf8')).toBe('ab');
    expect(readdirSync(folder).sort()).toEqual(['bytes.bin', 'chunks.txt', 'text.txt']);
  });

  it('leaves no file when writing fails midway', async () => {
    const folder = tempFolder();
    const path = join(folder, 'map.svg');

    await expect(writeFileAtomic(path, failingMidway())).rejects.toThrow('simulated failure');

    expect(existsSync(path)).toBe(false);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('keeps the earlier file when writing fails midway', async () => {
    const folder = tempFolder();
    const path = join(folder, 'map.svg');
    writeFileSync(path, 'earlier export');

    await expect(writeFileAtomic(path, failingMidway())).rejects.toThrow('simulated failure');

    expect(readFileSync(path, 'utf8')).toBe('earlier export');
    expect(readdirSync(folder)).toEqual(['map.svg']);
  });

  it('creates missing parent folders', async () => {
    const path = join(tempFolder(), 'a', 'b', 'atlas.xlsx');

    await writeFileAtomic(path, 'content');

    expect(readFileSync(path, 'utf8')).toBe('content');
  });
});

describe('writeFolderAtomic', () => {
  it('leaves no folder when a file fails midway', async () => {
    const parent = tempFolder();
    const path = join(parent, 'csv');

    await expect(
      writeFolderAtomic(path, [
        { name: 'memberships.csv', content: 'complete' },
        { name: 'matrix.csv', content: failingMidway() },
      ]),
    ).rejects.toThrow('simulated failure');

    expect(existsSync(path)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('keeps the earlier folder when a file fails midway', async () => {
    const parent = tempFolder();
    const path = join(parent, 'csv');
    mkdirSync(path);
    writeFileSync(join(path, 'matrix.csv'), 'earlier export');

    await expect(
      writeFolderAtomic(path, [{ name: 'matrix.csv', content: failingMidway() }]),
    ).rejects.toThrow('simulated failure');

    expect(readdirSync(path)).toEqual(['matrix.csv']);
    expect(readFileSync(join(path, 'matrix.csv'), 'utf8')).toBe('earlier export');
    expect(readdirSync(parent)).toEqual(['csv']);
  });

  it('replaces an earlier export and removes the set-aside copy', async () => {
    const parent = tempFolder();
    const path = join(parent, 'csv');
    mkdirSync(path);
    writeFileSync(join(path, 'matrix.csv'), 'earlier export');

    await writeFolderAtomic(path, [
      { name: 'matrix.csv', content: 'new' },
      { name: 'themes.csv', content: 'new too' },
    ]);

    expect(readFileSync(join(path, 'matrix.csv'), 'utf8')).toBe('new');
    expect(readdirSync(path).sort()).toEqual(['matrix.csv', 'themes.csv']);
    expect(readdirSync(parent)).toEqual(['csv']);
  });

  it('rejects a path that is a file', async () => {
    const path = join(tempFolder(), 'csv');
    writeFileSync(path, 'a file');

    await expect(writeFolderAtomic(path, [{ name: 'a.csv', content: '' }])).rejects.toThrow(
      /is a file, not a folder/,
    );
    expect(readFileSync(path, 'utf8')).toBe('a file');
  });
});
