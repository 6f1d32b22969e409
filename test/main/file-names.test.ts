import { describe, expect, it } from 'vitest';

import { EXPORT_FORMATS } from '../../main/contract/index.js';
import {
  exportFileName,
  extensionOf,
  MEDIA_TYPES,
  sanitizeFileName,
} from '../../main/handlers/file-names.js';

describe('exportFileName', () => {
  it('names each format with its day and extension', () => {
    const names = EXPORT_FORMATS.map((format) => exportFileName(format, '2026-12-04'));

    expect(names).toEqual([
      'iscm-atlas-memberships-2026-12-04.xlsx',
      'iscm-atlas-memberships-2026-12-04.zip',
      'iscm-atlas-dataset-2026-12-04.json',
      'iscm-atlas-countries-2026-12-04.geojson',
    ]);
    for (const name of names) expect(MEDIA_TYPES[extensionOf(name)]).toBeDefined();
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['iscm-atlas-map-2026-12-04.svg', 'iscm-atlas-map-2026-12-04.svg'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\ana\\map.png', 'map.png'],
    ['map<1>:"?*.png', 'map-1-----.png'],
    ['tab\there.svg', 'tab-here.svg'],
    ['..hidden.json', 'hidden.json'],
    ['name. ', 'name'],
    ['CON.png', 'iscm-atlas-CON.png'],
    ['nul', 'iscm-atlas-nul'],
  ])('turns %j into %j', (name, expected) => {
    expect(sanitizeFileName(name, 'fallback.bin')).toBe(expected);
  });

  it('falls back when nothing usable is left', () => {
    expect(sanitizeFileName('../..', 'fallback.bin')).toBe('fallback.bin');
    expect(sanitizeFileName('dir/', 'fallback.bin')).toBe('fallback.bin');
    expect(sanitizeFileName(' . ', 'fallback.bin')).toBe('fallback.bin');
  });

  it('shortens long names and keeps the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(300)}.geojson`, 'fallback.bin');

    expect(name).toHaveLength(120);
    expect(name.endsWith('.geojson')).toBe(true);
  });
});
