import { describe, expect, it } from 'vitest';

import { generateChanges } from '../../../db/domain/generate.js';
import { recordChange } from '../../../db/domain/record.js';
import { findRuleProblems } from '../../../db/domain/timeline.js';
import { openAtlasDatabase } from '../../../db/open.js';
import { membershipsAsOf } from '../../../db/queries/as-of.js';
import { CONTEXT, TODAY, change, countRows } from './helpers.js';

describe('generateChanges', () => {
  it('inserts N changes that all pass the rules', () => {
    const db = openAtlasDatabase(':memory:');

    const inserted = generateChanges(db, 5000, { today: TODAY });

    expect(inserted).toBe(5000);
    expect(countRows(db, 'membership_changes')).toBe(5000);
    expect(findRuleProblems(db)).toEqual([]);
  });

  it('dates every change within the allowed range', () => {
    const db = openAtlasDatabase(':memory:');

    generateChanges(db, 5000, { today: TODAY });
    const range = db
      .prepare(
        `SELECT min(effective_day) AS first, max(effective_day) AS last
         FROM membership_changes`,
      )
      .get() as { first: string; last: string };

    expect(range.first).toBe('2021-01-01');
    expect(range.last <= TODAY).toBe(true);
  });

  it('leaves pairs open to recordChange', () => {
    const db = openAtlasDatabase(':memory:');
    generateChanges(db, 3000, { today: TODAY });
    const pair = db
      .prepare(
        `SELECT body_id, iso3 FROM membership_changes
         ORDER BY effective_day DESC, seq DESC LIMIT 1`,
      )
      .get() as { body_id: string; iso3: string };
    const role = membershipsAsOf(db, TODAY, { bodyId: pair.body_id, iso3: pair.iso3 })[0]
      ?.role;
    const next = role === 'member' ? 'left' : 'joined';

    recordChange(db, change(pair.body_id, pair.iso3, next, TODAY), CONTEXT);

    expect(findRuleProblems(db)).toEqual([]);
  });

  it('skips pairs that already have records', () => {
    const db = openAtlasDatabase(':memory:');
    recordChange(db, change('au', 'MLI', 'suspended', '2021-06-01'), CONTEXT);

    generateChanges(db, 4000, { today: TODAY });

    expect(findRuleProblems(db)).toEqual([]);
    expect(countRows(db, 'membership_changes')).toBe(4001);
  });
});

describe('findRuleProblems', () => {
  it('reports a stored change that breaks the rules', () => {
    const db = openAtlasDatabase(':memory:');
    db.prepare(
      `INSERT INTO membership_changes
         (id, body_id, iso3, kind, role_after, effective_date, effective_day,
          source, author, recorded_at)
       VALUES ('bad', 'au', 'FRA', 'left', NULL, '2022-01-01', '2022-01-01',
               's', 'a', '2022-01-01T00:00:00.000Z')`,
    ).run();

    const problems = findRuleProblems(db);

    expect(problems).toHaveLength(1);
    expect(problems[0].recordId).toBe('bad');
  });
});
