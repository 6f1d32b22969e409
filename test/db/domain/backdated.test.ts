import { describe, expect, it } from 'vitest';

import { findChange } from '../../../db/domain/pair.js';
import { roleAt } from '../../../db/domain/history.js';
import { recordChange } from '../../../db/domain/record.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { CONTEXT, change, countRows, expectAtlasError } from './helpers.js';

function gabonSuspendedAndReinstated() {
  const db = openAtlasDatabase(':memory:');
  const suspended = recordChange(
    db,
    change('au', 'GAB', 'suspended', '2023-08-31'),
    CONTEXT,
  );
  const reinstated = recordChange(
    db,
    change('au', 'GAB', 'reinstated', '2025-04-30'),
    CONTEXT,
  );
  return { db, suspended, reinstated };
}

describe('back-dated changes', () => {
  it('accepts when later changes stay valid', () => {
    const { db } = gabonSuspendedAndReinstated();

    recordChange(
      db,
      change('au', 'GAB', 'role_changed', '2022-01-01', { newRole: 'associate' }),
      CONTEXT,
    );

    expect(roleAt(db, 'au', 'GAB', '2022-01-01')).toBe('associate');
    expect(roleAt(db, 'au', 'GAB', '2023-08-31')).toBe('suspended');
  });

  it('recomputes a later reinstatement', () => {
    const { db, reinstated } = gabonSuspendedAndReinstated();
    expect(findChange(db, reinstated.id)?.roleAfter).toBe('member');

    recordChange(
      db,
      change('au', 'GAB', 'role_changed', '2022-01-01', { newRole: 'associate' }),
      CONTEXT,
    );

    expect(findChange(db, reinstated.id)?.roleAfter).toBe('associate');
    expect(roleAt(db, 'au', 'GAB', '2025-04-30')).toBe('associate');
  });

  it('rejects and names a broken change', () => {
    const { db, suspended } = gabonSuspendedAndReinstated();
    const rows = countRows(db, 'membership_changes');

    const error = expectAtlasError(
      () => recordChange(db, change('au', 'GAB', 'left', '2022-01-01'), CONTEXT),
      'rule_violation',
      'effectiveDate',
    );

    expect(error.message).toContain('the change "Suspended" dated 2023-08-31');
    expect(error.message).toContain('2023-08-31');
    expect(error.message).toContain(suspended.id);
    expect(error.message).toContain('no role');
    expect(countRows(db, 'membership_changes')).toBe(rows);
  });

  it('rejects making a later role_changed void', () => {
    const db = openAtlasDatabase(':memory:');
    const later = recordChange(
      db,
      change('asean', 'TLS', 'observer_granted', '2022-11-11'),
      CONTEXT,
    );

    const error = expectAtlasError(
      () =>
        recordChange(
          db,
          change('asean', 'TLS', 'role_changed', '2022-06', { newRole: 'observer' }),
          CONTEXT,
        ),
      'rule_violation',
      'effectiveDate',
    );

    expect(error.message).toContain(later.id);
  });

  it('rejects a left inside a suspension', () => {
    const { db, reinstated } = gabonSuspendedAndReinstated();

    const error = expectAtlasError(
      () => recordChange(db, change('au', 'GAB', 'left', '2024-01-01'), CONTEXT),
      'rule_violation',
      'effectiveDate',
    );

    expect(error.message).toContain(reinstated.id);
  });

  it('keeps roles after a rejection', () => {
    const { db } = gabonSuspendedAndReinstated();

    expectAtlasError(
      () => recordChange(db, change('au', 'GAB', 'left', '2022-01-01'), CONTEXT),
      'rule_violation',
    );

    expect(roleAt(db, 'au', 'GAB', '2022-06-01')).toBe('member');
    expect(roleAt(db, 'au', 'GAB', '2025-04-30')).toBe('member');
  });
});

describe('record fields', () => {
  it('stores the author, a UUID and a UTC time', () => {
    const db = openAtlasDatabase(':memory:');
    const now = new Date('2026-12-04T10:11:12.345Z');

    const record = recordChange(
      db,
      change('au', 'mli', 'suspended', '2021-06-01', { note: '  coup  ' }),
      {
        ...CONTEXT,
        now,
      },
    );

    expect(record.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(record.iso3).toBe('MLI');
    expect(record.recordedAt).toBe('2026-12-04T10:11:12.345Z');
    expect(record.author).toBe('Test Author');
    expect(record.note).toBe('coup');
    expect(record.version).toBe(1);
  });

  it('keeps an imported id and recording time', () => {
    const db = openAtlasDatabase(':memory:');
    const id = '0B9F1C52-8A4E-4C1D-9D7A-2F3B5E6A7C8D';

    const record = recordChange(
      db,
      change('au', 'MLI', 'suspended', '2021-06-01', {
        id,
        recordedAt: '2021-06-02T08:00:00Z',
      }),
      CONTEXT,
    );

    expect(record.id).toBe(id.toLowerCase());
    expect(record.recordedAt).toBe('2021-06-02T08:00:00.000Z');
  });

  it('rejects an id already used', () => {
    const db = openAtlasDatabase(':memory:');
    const first = recordChange(
      db,
      change('au', 'MLI', 'suspended', '2021-06-01'),
      CONTEXT,
    );
    const rows = countRows(db, 'membership_changes');

    expectAtlasError(
      () =>
        recordChange(
          db,
          change('au', 'GAB', 'suspended', '2023-08-31', { id: first.id }),
          CONTEXT,
        ),
      'conflict',
      'id',
    );
    expect(countRows(db, 'membership_changes')).toBe(rows);
  });

  it.each([
    ['id', { id: 'not-a-uuid' }],
    ['recordedAt', { recordedAt: '2021-06-02 08:00' }],
    ['note', { note: 'n'.repeat(4001) }],
    ['source', { source: 's'.repeat(2001) }],
  ])('rejects an invalid %s', (field, extra) => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(
      () =>
        recordChange(db, change('au', 'MLI', 'suspended', '2021-06-01', extra), CONTEXT),
      'invalid_input',
      field,
    );
  });

  it('rejects a missing author', () => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(
      () =>
        recordChange(db, change('au', 'MLI', 'suspended', '2021-06-01'), {
          ...CONTEXT,
          author: ' ',
        }),
      'invalid_input',
      'author',
    );
  });
});
