import { describe, expect, it } from 'vitest';

import { recordCorrection } from '../../../db/domain/correction.js';
import { listHistory, roleAt } from '../../../db/domain/history.js';
import { recordChange } from '../../../db/domain/record.js';
import { revertRecord } from '../../../db/domain/revert.js';
import { timeline } from '../../../db/domain/timeline.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { AUTHOR, CONTEXT, SOURCE, change, expectAtlasError } from './helpers.js';

function sample() {
  const db = openAtlasDatabase(':memory:');
  const correction = recordCorrection(
    db,
    {
      bodyId: 'au',
      iso3: 'NER',
      action: 'change_role',
      role: 'observer',
      source: SOURCE,
    },
    { author: 'Other Author' },
  );
  const mali = recordChange(db, change('au', 'MLI', 'suspended', '2021-06-01'), CONTEXT);
  const gabon = recordChange(db, change('au', 'GAB', 'suspended', '2023-08-31'), CONTEXT);
  const gabonBack = recordChange(
    db,
    change('au', 'GAB', 'reinstated', '2025-04'),
    CONTEXT,
  );
  const niger = recordChange(db, change('ecowas', 'NER', 'left', '2025-01-29'), CONTEXT);
  const revert = revertRecord(db, gabonBack.id, { author: AUTHOR });
  return { db, correction, mali, gabon, gabonBack, niger, revert };
}

describe('roleAt', () => {
  it('returns the baseline role without records', () => {
    const db = openAtlasDatabase(':memory:');

    expect(roleAt(db, 'las', 'SYR', '2022-01-01')).toBe('suspended');
    expect(roleAt(db, 'au', 'FRA', '2022-01-01')).toBeNull();
  });

  it('rejects a day that is not YYYY-MM-DD', () => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(() => roleAt(db, 'au', 'MLI', '2022-01'), 'invalid_input', 'day');
  });
});

describe('listHistory', () => {
  it('lists changes, corrections and reverts newest first', () => {
    const { db, correction, mali, gabon, gabonBack, niger, revert } = sample();

    const { total, entries } = listHistory(db);

    expect(total).toBe(6);
    expect(entries.map((entry) => entry.id)).toEqual([
      revert.id,
      gabonBack.id,
      niger.id,
      gabon.id,
      mali.id,
      correction.id,
    ]);
    expect(entries.map((entry) => entry.type)).toEqual([
      'revert',
      'change',
      'change',
      'change',
      'change',
      'correction',
    ]);
    expect(entries[0].effectiveDate).toBe('2025-04');
    expect(entries[1].revertedBy).toBe(revert.id);
    expect(entries[5].correctionAction).toBe('change_role');
    expect(entries[4].countryName).toBe('Mali');
    expect(entries[4].bodyName).toBe('AU');
  });

  it('filters by body, country, kind, dates and author', () => {
    const { db, correction, mali, gabon, niger } = sample();
    const ids = (filter: Parameters<typeof listHistory>[1]) =>
      listHistory(db, filter).entries.map((entry) => entry.id);

    expect(ids({ bodyId: 'ecowas' })).toEqual([niger.id]);
    expect(ids({ iso3: 'ner' })).toEqual([niger.id, correction.id]);
    expect(ids({ kind: 'correction' })).toEqual([correction.id]);
    expect(ids({ kind: 'suspended' })).toEqual([gabon.id, mali.id]);
    expect(ids({ from: '2021-01-01', to: '2023-12-31' })).toEqual([gabon.id, mali.id]);
    expect(ids({ author: 'other author' })).toEqual([correction.id]);
  });

  it('pages with limit and offset', () => {
    const { db, niger, gabon } = sample();

    const page = listHistory(db, { limit: 2, offset: 2 });

    expect(page.total).toBe(6);
    expect(page.entries.map((entry) => entry.id)).toEqual([niger.id, gabon.id]);
  });

  it('rejects a bad filter', () => {
    const { db } = sample();

    expectAtlasError(() => listHistory(db, { limit: 0.5 }), 'invalid_input', 'limit');
    expectAtlasError(() => listHistory(db, { limit: 5000 }), 'invalid_input', 'limit');
    expectAtlasError(() => listHistory(db, { from: '2021' }), 'invalid_input', 'from');
    expectAtlasError(
      () => listHistory(db, { kind: 'expelled' as 'left' }),
      'invalid_input',
      'kind',
    );
    expectAtlasError(() => listHistory(db, { bodyId: 'nowhere' }), 'not_found', 'bodyId');
  });
});

describe('timeline', () => {
  it("lists a body's records in force with roles before and after", () => {
    const { db, correction, mali, gabon } = sample();

    const steps = timeline(db, { bodyId: 'au' });

    expect(steps.map((step) => [step.id, step.roleBefore, step.roleAfter])).toEqual([
      [correction.id, 'member', 'observer'],
      [mali.id, 'member', 'suspended'],
      [gabon.id, 'member', 'suspended'],
    ]);
  });

  it("lists a country's records across bodies", () => {
    const { db, correction, niger } = sample();

    const steps = timeline(db, { iso3: 'NER' });

    expect(steps.map((step) => [step.bodyId, step.id, step.roleAfter])).toEqual([
      ['au', correction.id, 'observer'],
      ['ecowas', niger.id, null],
    ]);
    expect(steps[1].effectiveDate).toBe('2025-01-29');
  });

  it('rejects an unknown body', () => {
    const db = openAtlasDatabase(':memory:');

    expectAtlasError(() => timeline(db, { bodyId: 'nowhere' }), 'not_found', 'bodyId');
  });
});
