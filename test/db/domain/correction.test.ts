import { describe, expect, it } from 'vitest';

import { recordCorrection } from '../../../db/domain/correction.js';
import { roleAt } from '../../../db/domain/history.js';
import { findChange } from '../../../db/domain/pair.js';
import { recordChange } from '../../../db/domain/record.js';
import { revertRecord } from '../../../db/domain/revert.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import {
  AUTHOR,
  CONTEXT,
  SOURCE,
  change,
  countRows,
  expectAtlasError,
} from './helpers.js';

const WRITER = { author: AUTHOR };

describe('recordCorrection', () => {
  it('adds a row missing from the 2020 list', () => {
    const db = openAtlasDatabase(':memory:');

    const record = recordCorrection(
      db,
      { bodyId: 'oacps', iso3: 'MDV', action: 'add', role: 'observer', source: SOURCE },
      WRITER,
    );

    expect(record.kind).toBe('correction');
    expect(record.correctionAction).toBe('add');
    expect(record.effectiveDate).toBeNull();
    expect(record.effectiveDay).toBe('2020-12-31');
    expect(
      membershipsAsOf(db, '2020-12-31', { bodyId: 'oacps', iso3: 'MDV' })[0].role,
    ).toBe('observer');
  });

  it('changes and removes a baseline row', () => {
    const db = openAtlasDatabase(':memory:');

    recordCorrection(
      db,
      {
        bodyId: 'au',
        iso3: 'MLI',
        action: 'change_role',
        role: 'observer',
        source: SOURCE,
      },
      WRITER,
    );
    recordCorrection(
      db,
      { bodyId: 'au', iso3: 'NER', action: 'remove', source: SOURCE },
      WRITER,
    );

    expect(roleAt(db, 'au', 'MLI', '2020-12-31')).toBe('observer');
    expect(roleAt(db, 'au', 'NER', '2020-12-31')).toBeNull();
    expect(membershipsAsOf(db, '2021-01-01', { bodyId: 'au', iso3: 'NER' })).toHaveLength(
      0,
    );
  });

  it('rejects removing suspended Mali from AU', () => {
    const db = openAtlasDatabase(':memory:');
    const suspension = recordChange(
      db,
      change('au', 'MLI', 'suspended', '2021-06-01'),
      CONTEXT,
    );
    const rows = countRows(db, 'membership_changes');

    const error = expectAtlasError(
      () =>
        recordCorrection(
          db,
          { bodyId: 'au', iso3: 'MLI', action: 'remove', source: SOURCE },
          WRITER,
        ),
      'rule_violation',
      'action',
    );

    expect(error.message).toContain('Mali (MLI) in AU');
    expect(error.message).toContain('the change "Suspended" dated 2021-06-01');
    expect(error.message).toContain('2021-06-01');
    expect(error.message).toContain(suspension.id);
    expect(countRows(db, 'membership_changes')).toBe(rows);
  });

  it('removes Mali once the suspension is reverted', () => {
    const db = openAtlasDatabase(':memory:');
    const suspension = recordChange(
      db,
      change('au', 'MLI', 'suspended', '2021-06-01'),
      CONTEXT,
    );
    revertRecord(db, suspension.id, WRITER);

    recordCorrection(
      db,
      { bodyId: 'au', iso3: 'MLI', action: 'remove', source: SOURCE },
      WRITER,
    );

    expect(roleAt(db, 'au', 'MLI', '2022-01-01')).toBeNull();
  });

  it('recomputes a later reinstatement', () => {
    const db = openAtlasDatabase(':memory:');
    recordChange(db, change('au', 'GAB', 'suspended', '2023-08-31'), CONTEXT);
    const reinstated = recordChange(
      db,
      change('au', 'GAB', 'reinstated', '2025-04-30'),
      CONTEXT,
    );

    recordCorrection(
      db,
      {
        bodyId: 'au',
        iso3: 'GAB',
        action: 'change_role',
        role: 'associate',
        source: SOURCE,
      },
      WRITER,
    );

    expect(findChange(db, reinstated.id)?.roleAfter).toBe('associate');
    expect(roleAt(db, 'au', 'GAB', '2025-04-30')).toBe('associate');
  });

  it('applies on top of earlier corrections', () => {
    const db = openAtlasDatabase(':memory:');
    recordCorrection(
      db,
      { bodyId: 'au', iso3: 'MLI', action: 'remove', source: SOURCE },
      WRITER,
    );

    recordCorrection(
      db,
      { bodyId: 'au', iso3: 'MLI', action: 'add', role: 'member', source: SOURCE },
      WRITER,
    );

    expect(roleAt(db, 'au', 'MLI', '2020-12-31')).toBe('member');
  });

  it.each([
    [
      'add on an existing row',
      { bodyId: 'au', iso3: 'MLI', action: 'add', role: 'observer' },
    ],
    [
      'change_role to the same role',
      { bodyId: 'au', iso3: 'MLI', action: 'change_role', role: 'member' },
    ],
    ['remove a missing row', { bodyId: 'au', iso3: 'FRA', action: 'remove' }],
    [
      'change_role of a missing row',
      { bodyId: 'au', iso3: 'FRA', action: 'change_role', role: 'observer' },
    ],
  ])('rejects %s', (_name, input) => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(
      () => recordCorrection(db, { ...input, source: SOURCE }, WRITER),
      'rule_violation',
      'action',
    );
    expect(countRows(db, 'membership_changes')).toBe(0);
  });

  it.each([
    ['an unknown action', { action: 'delete', role: null }, 'action'],
    ['add without a role', { action: 'add', role: null }, 'role'],
    ['remove with a role', { action: 'remove', role: 'member' }, 'role'],
    ['an unknown role', { action: 'change_role', role: 'chair' }, 'role'],
  ])('rejects %s as invalid input', (_name, extra, field) => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(
      () =>
        recordCorrection(
          db,
          { bodyId: 'au', iso3: 'MLI', source: SOURCE, ...extra },
          WRITER,
        ),
      'invalid_input',
      field,
    );
  });

  it('requires a source', () => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(
      () =>
        recordCorrection(
          db,
          { bodyId: 'au', iso3: 'MLI', action: 'remove', source: '' },
          WRITER,
        ),
      'invalid_input',
      'source',
    );
  });

  it('rejects breaking a later left', () => {
    const db = openAtlasDatabase(':memory:');
    const left = recordChange(db, change('ecowas', 'NER', 'left', '2025-01-29'), CONTEXT);

    const error = expectAtlasError(
      () =>
        recordCorrection(
          db,
          { bodyId: 'ecowas', iso3: 'NER', action: 'remove', source: SOURCE },
          WRITER,
        ),
      'rule_violation',
      'action',
    );

    expect(error.message).toContain(left.id);
  });
});
