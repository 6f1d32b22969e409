import { describe, expect, it } from 'vitest';

import { recordCorrection } from '../../../db/domain/correction.js';
import { listHistory, roleAt } from '../../../db/domain/history.js';
import { findChange } from '../../../db/domain/pair.js';
import { recordChange } from '../../../db/domain/record.js';
import { findRevert, revertRecord } from '../../../db/domain/revert.js';
import { openAtlasDatabase } from '../../../db/open.js';
import {
  AUTHOR,
  CONTEXT,
  SOURCE,
  change,
  countRows,
  expectAtlasError,
} from './helpers.js';

const WRITER = { author: AUTHOR };

function timorLesteInAsean() {
  const db = openAtlasDatabase(':memory:');
  const observer = recordChange(
    db,
    change('asean', 'TLS', 'observer_granted', '2022-11-11'),
    CONTEXT,
  );
  const joined = recordChange(
    db,
    change('asean', 'TLS', 'joined', '2025-10-26'),
    CONTEXT,
  );
  return { db, observer, joined };
}

describe('revertRecord', () => {
  it("reverts Timor-Leste's observer status in ASEAN", () => {
    const { db, observer } = timorLesteInAsean();

    const revert = revertRecord(db, observer.id, { ...WRITER, note: 'wrong source' });

    expect(revert.targetId).toBe(observer.id);
    expect(revert.note).toBe('wrong source');
    expect(findChange(db, observer.id)?.revertedBy).toBe(revert.id);
    expect(roleAt(db, 'asean', 'TLS', '2023-06-01')).toBeNull();
    expect(roleAt(db, 'asean', 'TLS', '2026-01-01')).toBe('member');
  });

  it('keeps the reverted record', () => {
    const { db, observer } = timorLesteInAsean();

    revertRecord(db, observer.id, WRITER);

    expect(countRows(db, 'membership_changes')).toBe(2);
    expect(countRows(db, 'membership_reverts')).toBe(1);
    expect(findChange(db, observer.id)?.source).toBe(SOURCE);
  });

  it('rejects a revert that breaks a later change', () => {
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

    const error = expectAtlasError(
      () => revertRecord(db, suspended.id, WRITER),
      'rule_violation',
      'id',
    );

    expect(error.message).toContain('the change "Reinstated" dated 2025-04-30');
    expect(error.message).toContain(reinstated.id);
    expect(findChange(db, suspended.id)?.revertedBy).toBeNull();
    expect(countRows(db, 'membership_reverts')).toBe(0);
  });

  it('allows reverting the last change first, then the earlier one', () => {
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

    revertRecord(db, reinstated.id, WRITER);
    revertRecord(db, suspended.id, WRITER);

    expect(roleAt(db, 'au', 'GAB', '2024-01-01')).toBe('member');
  });

  it('recomputes a later reinstatement', () => {
    const db = openAtlasDatabase(':memory:');
    const associate = recordChange(
      db,
      change('au', 'GAB', 'role_changed', '2022-01-01', { newRole: 'associate' }),
      CONTEXT,
    );
    recordChange(db, change('au', 'GAB', 'suspended', '2023-08-31'), CONTEXT);
    const reinstated = recordChange(
      db,
      change('au', 'GAB', 'reinstated', '2025-04-30'),
      CONTEXT,
    );
    expect(reinstated.roleAfter).toBe('associate');

    revertRecord(db, associate.id, WRITER);

    expect(findChange(db, reinstated.id)?.roleAfter).toBe('member');
    expect(roleAt(db, 'au', 'GAB', '2025-04-30')).toBe('member');
  });

  it('reverts a correction', () => {
    const db = openAtlasDatabase(':memory:');
    const correction = recordCorrection(
      db,
      { bodyId: 'au', iso3: 'MLI', action: 'remove', source: SOURCE },
      WRITER,
    );

    revertRecord(db, correction.id, WRITER);

    expect(roleAt(db, 'au', 'MLI', '2020-12-31')).toBe('member');
  });

  it('rejects reverting a revert', () => {
    const { db, observer } = timorLesteInAsean();
    const revert = revertRecord(db, observer.id, WRITER);

    const error = expectAtlasError(
      () => revertRecord(db, revert.id, WRITER),
      'rule_violation',
      'id',
    );

    expect(error.message).toContain('record that change or correction again');
    expect(countRows(db, 'membership_reverts')).toBe(1);
  });

  it('rejects reverting a record twice', () => {
    const { db, observer } = timorLesteInAsean();
    const revert = revertRecord(db, observer.id, WRITER);

    const error = expectAtlasError(
      () => revertRecord(db, observer.id, WRITER),
      'conflict',
      'id',
    );

    expect(error.message).toContain(revert.id);
  });

  it('rejects an unknown id', () => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(
      () => revertRecord(db, '0b9f1c52-8a4e-4c1d-9d7a-2f3b5e6a7c8d', WRITER),
      'not_found',
      'id',
    );
  });

  it('lets a new record in place of a reverted one', () => {
    const { db, observer } = timorLesteInAsean();
    revertRecord(db, observer.id, WRITER);

    recordChange(db, change('asean', 'TLS', 'observer_granted', '2022-12-01'), CONTEXT);

    expect(roleAt(db, 'asean', 'TLS', '2023-01-01')).toBe('observer');
  });

  it('stores a source, an imported id and time', () => {
    const { db, observer } = timorLesteInAsean();
    const id = '6f1d3a9e-2b4c-4d5e-8f70-1a2b3c4d5e6f';

    revertRecord(db, observer.id, {
      ...WRITER,
      id,
      source: 'https://example.org/retraction',
      recordedAt: '2024-01-02T03:04:05.000Z',
    });

    const revert = findRevert(db, id);
    expect(revert?.source).toBe('https://example.org/retraction');
    expect(revert?.recordedAt).toBe('2024-01-02T03:04:05.000Z');
    expect(revert?.author).toBe(AUTHOR);
  });

  it('shows in the change log next to its target', () => {
    const { db, observer } = timorLesteInAsean();
    const revert = revertRecord(db, observer.id, WRITER);

    const { entries } = listHistory(db, { bodyId: 'asean', iso3: 'TLS' });

    expect(entries.map((entry) => entry.type)).toEqual(['change', 'revert', 'change']);
    expect(entries[1].id).toBe(revert.id);
    expect(entries[1].revertsId).toBe(observer.id);
    expect(entries[2].revertedBy).toBe(revert.id);
    expect(entries[2].revertedAt).toBe(revert.recordedAt);
  });
});
