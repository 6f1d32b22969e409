import { describe, expect, it } from 'vitest';

import { roleAt } from '../../../db/domain/history.js';
import { recordChange } from '../../../db/domain/record.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { CONTEXT, change, countRows, expectAtlasError } from './helpers.js';

function roleAsOf(
  db: ReturnType<typeof openAtlasDatabase>,
  bodyId: string,
  iso3: string,
  day: string,
) {
  const rows = membershipsAsOf(db, day, { bodyId, iso3 });
  return rows.length === 0 ? null : rows[0].role;
}

describe('effective date range', () => {
  const db = openAtlasDatabase(':memory:');

  it.each([
    ['2020-12-31', 'the baseline day'],
    ['2020-12', 'the baseline month'],
    ['2019-05-01', 'an earlier day'],
  ])('rejects %s, %s, as out of range', (effectiveDate) => {
    const error = expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'suspended', effectiveDate), CONTEXT),
      'date_out_of_range',
      'effectiveDate',
    );

    expect(error.message).toContain(effectiveDate);
    expect(error.message).toContain('baseline correction');
    expect(countRows(db, 'membership_changes')).toBe(0);
  });

  it.each([
    '2021-02-29',
    '2021-13',
    '2021-1-05',
    '21-01-05',
    '2021-04-31',
    '',
    'yesterday',
  ])('rejects %j as not a day or month', (effectiveDate) => {
    expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'suspended', effectiveDate), CONTEXT),
      'invalid_input',
      'effectiveDate',
    );
  });

  it('rejects a day beyond one year', () => {
    const error = expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'suspended', '2027-12-05'), CONTEXT),
      'date_out_of_range',
      'effectiveDate',
    );

    expect(error.message).toContain('2027-12-04');
  });

  it('rejects a month beyond one year', () => {
    expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'suspended', '2028-01'), CONTEXT),
      'date_out_of_range',
      'effectiveDate',
    );
  });

  it('accepts the first and last days of the range', () => {
    recordChange(db, change('au', 'MLI', 'suspended', '2021-01-01'), CONTEXT);
    recordChange(db, change('au', 'MLI', 'reinstated', '2027-12-04'), CONTEXT);

    expect(roleAt(db, 'au', 'MLI', '2021-01-01')).toBe('suspended');
    expect(roleAt(db, 'au', 'MLI', '2027-12-04')).toBe('member');
  });

  it('accepts the last month of the range', () => {
    const record = recordChange(db, change('au', 'NER', 'suspended', '2027-12'), CONTEXT);

    expect(record.effectiveDay).toBe('2027-12-01');
  });

  it('rejects an invalid announced date', () => {
    expectAtlasError(
      () =>
        recordChange(
          db,
          change('au', 'GAB', 'suspended', '2023-08-31', { announcedDate: '2023-02-30' }),
          CONTEXT,
        ),
      'invalid_input',
      'announcedDate',
    );
  });

  it('accepts an announced date before the baseline', () => {
    const record = recordChange(
      db,
      change('au', 'GAB', 'suspended', '2023-08-31', { announcedDate: '2017-03' }),
      CONTEXT,
    );

    expect(record.announcedDate).toBe('2017-03');
  });

  it('rejects a today that is not a calendar day', () => {
    expect(() =>
      recordChange(db, change('au', 'BEN', 'suspended', '2023-08-31'), {
        ...CONTEXT,
        today: '2026-13-01',
      }),
    ).toThrow(/today/);
  });
});

describe('as-of boundaries', () => {
  it('puts a day change in force on its day', () => {
    const db = openAtlasDatabase(':memory:');

    recordChange(db, change('au', 'MLI', 'suspended', '2021-06-01'), CONTEXT);

    expect(roleAsOf(db, 'au', 'MLI', '2021-05-31')).toBe('member');
    expect(roleAsOf(db, 'au', 'MLI', '2021-06-01')).toBe('suspended');
  });

  it('starts a month change on its first day', () => {
    const db = openAtlasDatabase(':memory:');

    const record = recordChange(
      db,
      change('ecowas', 'GIN', 'suspended', '2021-09'),
      CONTEXT,
    );

    expect(record.effectiveDate).toBe('2021-09');
    expect(record.effectiveDay).toBe('2021-09-01');
    expect(roleAsOf(db, 'ecowas', 'GIN', '2021-08-31')).toBe('member');
    expect(roleAsOf(db, 'ecowas', 'GIN', '2021-09-01')).toBe('suspended');
    expect(
      membershipsAsOf(db, '2021-09-01', { bodyId: 'ecowas', iso3: 'GIN' })[0].since,
    ).toBe('2021-09');
  });

  it('ends a membership on the day it is left', () => {
    const db = openAtlasDatabase(':memory:');

    recordChange(db, change('ecowas', 'NER', 'left', '2025-01-29'), CONTEXT);

    expect(roleAsOf(db, 'ecowas', 'NER', '2025-01-28')).toBe('member');
    expect(roleAsOf(db, 'ecowas', 'NER', '2025-01-29')).toBeNull();
  });

  it('sorts a month before its days', () => {
    const db = openAtlasDatabase(':memory:');
    recordChange(db, change('au', 'MLI', 'suspended', '2022-03-15'), CONTEXT);

    recordChange(
      db,
      change('au', 'MLI', 'role_changed', '2022-03', { newRole: 'associate' }),
      CONTEXT,
    );

    expect(roleAsOf(db, 'au', 'MLI', '2022-02-28')).toBe('member');
    expect(roleAsOf(db, 'au', 'MLI', '2022-03-01')).toBe('associate');
    expect(roleAsOf(db, 'au', 'MLI', '2022-03-14')).toBe('associate');
    expect(roleAsOf(db, 'au', 'MLI', '2022-03-15')).toBe('suspended');
  });

  it('orders changes of the same day by recording', () => {
    const db = openAtlasDatabase(':memory:');
    recordChange(db, change('au', 'MLI', 'left', '2022-04-01'), CONTEXT);

    recordChange(db, change('au', 'MLI', 'joined', '2022-04-01'), CONTEXT);

    expect(roleAsOf(db, 'au', 'MLI', '2022-03-31')).toBe('member');
    expect(roleAsOf(db, 'au', 'MLI', '2022-04-01')).toBe('member');
    expect(roleAt(db, 'au', 'MLI', '2022-04-01')).toBe('member');
  });

  it('puts a month after first-day changes', () => {
    const db = openAtlasDatabase(':memory:');
    recordChange(db, change('au', 'MLI', 'suspended', '2022-04-01'), CONTEXT);

    recordChange(db, change('au', 'MLI', 'reinstated', '2022-04'), CONTEXT);

    expect(roleAsOf(db, 'au', 'MLI', '2022-04-01')).toBe('member');
  });

  it('rejects a same-day conflict', () => {
    const db = openAtlasDatabase(':memory:');
    recordChange(db, change('au', 'MLI', 'suspended', '2022-04-01'), CONTEXT);

    const error = expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'joined', '2022-04-01'), CONTEXT),
      'rule_violation',
      'kind',
    );

    expect(error.message).toContain('the role suspended');
  });
});
