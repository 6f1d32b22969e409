import { describe, expect, it } from 'vitest';

import { formatBackupName, parseBackupName, rotationOf } from '../../db/backup-names.js';

const NOW = new Date('2026-12-04T10:20:30.456Z');

function importedName(fileName: string): string {
  return formatBackupName(NOW, 0, { kind: 'import', fileName });
}

describe('formatBackupName', () => {
  it('adds the counter before the reason', () => {
    expect(formatBackupName(NOW, 0, { kind: 'start' })).toBe(
      'atlas-backup-2026-12-04T10-20-30-456Z-start.sqlite',
    );
    expect(formatBackupName(NOW, 3, { kind: 'restore' })).toBe(
      'atlas-backup-2026-12-04T10-20-30-456Z-3-restore.sqlite',
    );
  });

  it.each([
    ['changes 2026.json'],
    ['données à importer.csv'],
    ['a/b\\c:d*e?f"g<h>i|j.json'],
    ['100% done (final) ~ v2!.json'],
    ['map 🗺️.json'],
  ])('encodes %s so that it decodes back', (fileName) => {
    const name = importedName(fileName);

    expect(name).toMatch(/^[A-Za-z0-9%._~'()!-]+$/);
    expect(parseBackupName(name)?.reason).toEqual({ kind: 'import', fileName });
  });

  it('replaces a lone surrogate', () => {
    const name = importedName('broken\uD800.json');

    expect(parseBackupName(name)?.reason).toEqual({
      kind: 'import',
      fileName: 'broken\uFFFD.json',
    });
  });

  it('cuts a long file name between characters', () => {
    const fileName = 'é'.repeat(200) + '.json';

    const name = importedName(fileName);
    const reason = parseBackupName(name)?.reason;

    expect(name.length).toBeLessThanOrEqual(200);
    if (reason?.kind !== 'import') throw new Error(`not an import reason: ${name}`);
    expect(reason.fileName).toMatch(/^é+…$/);
    expect(fileName.startsWith(reason.fileName.slice(0, -1))).toBe(true);
  });
});

describe('parseBackupName', () => {
  it('reads the time and counter', () => {
    const parsed = parseBackupName('atlas-backup-2026-12-04T10-20-30-456Z-12-start.sqlite');

    expect(parsed).toEqual({
      createdAt: '2026-12-04T10:20:30.456Z',
      counter: 12,
      reason: { kind: 'start' },
    });
  });

  it('reads a name of an earlier version as reason unknown', () => {
    const parsed = parseBackupName('atlas-backup-2026-12-04T10-20-30-456Z-2.sqlite');

    expect(parsed).toEqual({
      createdAt: '2026-12-04T10:20:30.456Z',
      counter: 2,
      reason: { kind: 'unknown' },
    });
  });

  it.each([
    ['atlas.sqlite'],
    ['atlas-backup-2026-12-04T10-20-30-456Z-start.sqlite-wal'],
    ['atlas-backup-2026-12-04T10-20-30Z-start.sqlite'],
    ['atlas-backup-2026-12-04T10-20-30-456Z-export.sqlite'],
  ])('returns null for %s', (fileName) => {
    expect(parseBackupName(fileName)).toBeNull();
  });
});

describe('rotationOf', () => {
  it('counts backups of earlier versions as start backups', () => {
    expect(rotationOf({ kind: 'unknown' })).toBe('start');
    expect(rotationOf({ kind: 'start' })).toBe('start');
    expect(rotationOf({ kind: 'import', fileName: 'x.json' })).toBe('import');
    expect(rotationOf({ kind: 'restore' })).toBe('restore');
  });
});
