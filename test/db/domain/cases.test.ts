import { readFileSync } from 'node:fs';

import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';

import { recordChange } from '../../../db/domain/record.js';
import { findRuleProblems } from '../../../db/domain/timeline.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { CONTEXT, countRows, expectAtlasError } from './helpers.js';

/** Real changes after 2020, each with a source; the first predates the baseline. */
interface CaseRow {
  body_id: string;
  iso3: string;
  country: string;
  change: string;
  effective_date: string;
  announced_date: string;
  source: string;
}

const CASES: CaseRow[] = parse(
  readFileSync(new URL('../../fixtures/membership-changes.csv', import.meta.url), 'utf8'),
  { columns: true, bom: true, skip_empty_lines: true },
);

function toInput(row: CaseRow) {
  return {
    bodyId: row.body_id,
    iso3: row.iso3,
    kind: row.change,
    effectiveDate: row.effective_date,
    announcedDate: row.announced_date,
    source: row.source,
  };
}

describe('real membership changes', () => {
  const db = openAtlasDatabase(':memory:');
  const inDateOrder = [...CASES].sort((a, b) =>
    a.effective_date.localeCompare(b.effective_date),
  );
  const [ukLeavingEu, ...afterBaseline] = inDateOrder;

  const roleAsOf = (bodyId: string, iso3: string, day: string) =>
    membershipsAsOf(db, day, { bodyId, iso3 })[0]?.role ?? null;

  beforeAll(() => {
    for (const row of afterBaseline) recordChange(db, toInput(row), CONTEXT);
  });

  it('reads 14 rows, UK first', () => {
    expect(CASES).toHaveLength(14);
    expect([ukLeavingEu.body_id, ukLeavingEu.iso3, ukLeavingEu.effective_date]).toEqual([
      'eu',
      'GBR',
      '2020-01-31',
    ]);
  });

  it('records every row after the baseline', () => {
    expect(countRows(db, 'membership_changes')).toBe(13);
    expect(findRuleProblems(db)).toEqual([]);
  });

  it('rejects the UK leaving the EU in January 2020', () => {
    const rows = countRows(db, 'membership_changes');

    const error = expectAtlasError(
      () => recordChange(db, toInput(ukLeavingEu), CONTEXT),
      'date_out_of_range',
      'effectiveDate',
    );

    expect(error.message).toContain('2020-01-31');
    expect(countRows(db, 'membership_changes')).toBe(rows);
  });

  it('rejects a later UK exit too', () => {
    const rows = countRows(db, 'membership_changes');

    const error = expectAtlasError(
      () =>
        recordChange(
          db,
          { ...toInput(ukLeavingEu), effectiveDate: '2021-01-31' },
          CONTEXT,
        ),
      'rule_violation',
      'kind',
    );

    expect(error.message).toContain('United Kingdom (GBR) in EU');
    expect(error.message).toContain('no role');
    expect(countRows(db, 'membership_changes')).toBe(rows);
  });

  it('suspends Mali in the AU on 2021-06-01', () => {
    expect(roleAsOf('au', 'MLI', '2021-05-31')).toBe('member');
    expect(roleAsOf('au', 'MLI', '2021-06-01')).toBe('suspended');
  });

  it.each(['BFA', 'MLI', 'NER'])('removes %s from ECOWAS on 2025-01-29', (iso3) => {
    expect(roleAsOf('ecowas', iso3, '2025-01-28')).toBe('member');
    expect(roleAsOf('ecowas', iso3, '2025-01-29')).toBeNull();
  });

  it('moves Timor-Leste from observer to member', () => {
    expect(roleAsOf('asean', 'TLS', '2022-11-10')).toBeNull();
    expect(roleAsOf('asean', 'TLS', '2022-11-11')).toBe('observer');
    expect(roleAsOf('asean', 'TLS', '2023-06-30')).toBe('observer');
    expect(roleAsOf('asean', 'TLS', '2025-10-25')).toBe('observer');
    expect(roleAsOf('asean', 'TLS', '2025-10-26')).toBe('member');
    expect(roleAsOf('asean', 'TLS', '2026-06-30')).toBe('member');
  });

  it('reinstates Syria in the LAS on 2023-05-07', () => {
    expect(roleAsOf('las', 'SYR', '2023-05-06')).toBe('suspended');
    expect(roleAsOf('las', 'SYR', '2023-05-07')).toBe('member');
  });

  it('admits the DRC to the EAC on 2022-07-11', () => {
    expect(roleAsOf('eac', 'COD', '2022-07-10')).toBeNull();
    expect(roleAsOf('eac', 'COD', '2022-07-11')).toBe('member');
  });

  it('suspends Gabon in the AU, then reinstates it', () => {
    expect(roleAsOf('au', 'GAB', '2023-08-30')).toBe('member');
    expect(roleAsOf('au', 'GAB', '2023-08-31')).toBe('suspended');
    expect(roleAsOf('au', 'GAB', '2025-04-29')).toBe('suspended');
    expect(roleAsOf('au', 'GAB', '2025-04-30')).toBe('member');
  });

  it('records the OAS, OACPS and EaP changes', () => {
    expect(roleAsOf('oas', 'NIC', '2023-11-18')).toBe('member');
    expect(roleAsOf('oas', 'NIC', '2023-11-19')).toBeNull();
    expect(roleAsOf('oacps', 'MDV', '2022-12-08')).toBeNull();
    expect(roleAsOf('oacps', 'MDV', '2022-12-09')).toBe('member');
    expect(roleAsOf('eap', 'BLR', '2021-06-27')).toBe('member');
    expect(roleAsOf('eap', 'BLR', '2021-06-28')).toBe('suspended');
  });

  it('keeps the announced date and the source', () => {
    const since = membershipsAsOf(db, '2022-07-11', { bodyId: 'eac', iso3: 'COD' })[0];
    const announced = db
      .prepare(
        `SELECT announced_date FROM membership_changes
         WHERE body_id = 'eac' AND iso3 = 'COD'`,
      )
      .pluck()
      .get();

    expect(since.since).toBe('2022-07-11');
    expect(since.source).toContain('newtimes.co.rw');
    expect(announced).toBe('2022-03-29');
  });
});
