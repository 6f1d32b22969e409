import { describe, expect, it } from 'vitest';

import { editRecord, listRecordVersions } from '../../../db/domain/edit.js';
import { listHistory } from '../../../db/domain/history.js';
import { recordChange } from '../../../db/domain/record.js';
import { revertRecord } from '../../../db/domain/revert.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { CONTEXT, SOURCE, change, countRows, expectAtlasError } from './helpers.js';

function mali() {
  const db = openAtlasDatabase(':memory:');
  const record = recordChange(
    db,
    change('au', 'MLI', 'suspended', '2021-06-01', { note: 'first note' }),
    { ...CONTEXT, now: new Date('2021-06-02T00:00:00.000Z') },
  );
  return { db, record };
}

describe('editRecord', () => {
  it('stores a new version and keeps the earlier one', () => {
    const { db, record } = mali();

    const edited = editRecord(
      db,
      record.id,
      { source: 'https://example.org/better-source' },
      { author: 'Second Editor', now: new Date('2022-01-01T00:00:00.000Z') },
    );

    expect(edited.version).toBe(2);
    expect(edited.source).toBe('https://example.org/better-source');
    expect(edited.note).toBe('first note');
    expect(edited.author).toBe(CONTEXT.author);
    expect(edited.editedBy).toBe('Second Editor');
    expect(edited.editedAt).toBe('2022-01-01T00:00:00.000Z');
    expect(listRecordVersions(db, record.id)).toEqual([
      {
        version: 1,
        source: SOURCE,
        note: 'first note',
        author: CONTEXT.author,
        recordedAt: '2021-06-02T00:00:00.000Z',
      },
      {
        version: 2,
        source: 'https://example.org/better-source',
        note: 'first note',
        author: 'Second Editor',
        recordedAt: '2022-01-01T00:00:00.000Z',
      },
    ]);
  });

  it('numbers each edit', () => {
    const { db, record } = mali();

    editRecord(db, record.id, { note: 'second note' }, { author: 'A' });
    const third = editRecord(db, record.id, { note: '' }, { author: 'B' });

    expect(third.version).toBe(3);
    expect(third.note).toBe('');
    expect(listRecordVersions(db, record.id).map((version) => version.note)).toEqual([
      'first note',
      'second note',
      '',
    ]);
    expect(listHistory(db).entries[0].version).toBe(3);
  });

  it('changes neither the role nor the date', () => {
    const { db, record } = mali();

    const edited = editRecord(db, record.id, { note: 'other' }, { author: 'A' });

    expect(edited.roleAfter).toBe(record.roleAfter);
    expect(edited.effectiveDate).toBe(record.effectiveDate);
    expect(countRows(db, 'membership_changes')).toBe(1);
  });

  it('edits a reverted record', () => {
    const { db, record } = mali();
    revertRecord(db, record.id, { author: 'A' });

    const edited = editRecord(
      db,
      record.id,
      { note: 'reverted: source was wrong' },
      { author: 'A' },
    );

    expect(edited.version).toBe(2);
    expect(edited.revertedBy).not.toBeNull();
  });

  it('rejects an edit that changes nothing', () => {
    const { db, record } = mali();

    expectAtlasError(
      () =>
        editRecord(
          db,
          record.id,
          { source: ` ${SOURCE} `, note: 'first note' },
          { author: 'A' },
        ),
      'invalid_input',
      'source',
    );
    expect(countRows(db, 'membership_change_versions')).toBe(0);
  });

  it('rejects an empty source', () => {
    const { db, record } = mali();

    expectAtlasError(
      () => editRecord(db, record.id, { source: '' }, { author: 'A' }),
      'invalid_input',
      'source',
    );
  });

  it('rejects a revert id', () => {
    const { db, record } = mali();
    const revert = revertRecord(db, record.id, { author: 'A' });

    expectAtlasError(
      () => editRecord(db, revert.id, { note: 'x' }, { author: 'A' }),
      'rule_violation',
      'id',
    );
  });

  it('rejects an unknown id', () => {
    const { db } = mali();

    expectAtlasError(
      () => editRecord(db, 'nope', { note: 'x' }, { author: 'A' }),
      'not_found',
      'id',
    );
  });
});
