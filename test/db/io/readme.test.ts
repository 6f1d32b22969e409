import { describe, expect, it } from 'vitest';

import { recordChange } from '../../../db/domain/index.js';
import { readmeRows } from '../../../db/io/readme.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { TODAY } from './import-helpers.js';

const OPTIONS = { asOf: TODAY, count: { includeRoles: [], excludeGlobal: false } };

function changesLine(db: ReturnType<typeof openAtlasDatabase>): string | undefined {
  return readmeRows(db, OPTIONS, new Date())
    .map((row) => row.join(' | '))
    .find((line) => line.startsWith('Changes after the baseline'));
}

describe('readmeRows', () => {
  it('counts one change in the singular', () => {
    const db = openAtlasDatabase(':memory:');
    recordChange(
      db,
      { bodyId: 'au', iso3: 'MLI', kind: 'suspended', effectiveDate: '2021-06-01', source: 'https://example.org/a' },
      { today: TODAY, author: 'Amina Diallo' },
    );

    expect(changesLine(db)).toMatch(/^Changes after the baseline \| 1 change or correction recorded by staff/);
  });

  it('says when none is recorded', () => {
    expect(changesLine(openAtlasDatabase(':memory:'))).toBe(
      'Changes after the baseline | None recorded in this database.',
    );
  });
});
