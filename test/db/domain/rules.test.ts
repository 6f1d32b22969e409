import { describe, expect, it } from 'vitest';

import { recordCorrection } from '../../../db/domain/correction.js';
import { roleAt } from '../../../db/domain/history.js';
import { recordChange } from '../../../db/domain/record.js';
import type { Role } from '../../../db/domain/types.js';
import { openAtlasDatabase } from '../../../db/open.js';
import {
  AUTHOR,
  CONTEXT,
  SOURCE,
  change,
  countRows,
  expectAtlasError,
} from './helpers.js';

type RoleOrNone = Role | null;

const ROLES_BEFORE: RoleOrNone[] = [
  null,
  'member',
  'observer',
  'associate',
  'participant',
  'suspended',
];

/**
 * The table of kinds, written out independently of the code under test:
 * the roles each kind is allowed from, the role it leaves, and the label
 * the record form shows, which rejections quote.
 */
const KINDS: {
  kind: string;
  newRole?: Role;
  allowedFrom: RoleOrNone[];
  roleAfter: RoleOrNone;
  label: string;
}[] = [
  {
    kind: 'joined',
    allowedFrom: [null, 'observer', 'participant'],
    roleAfter: 'member',
    label: 'Joined',
  },
  {
    kind: 'left',
    allowedFrom: ['member', 'observer', 'associate', 'participant', 'suspended'],
    roleAfter: null,
    label: 'Left',
  },
  {
    kind: 'suspended',
    allowedFrom: ['member', 'associate'],
    roleAfter: 'suspended',
    label: 'Suspended',
  },
  // A suspension in the baseline (here, a corrected baseline) ends in membership.
  {
    kind: 'reinstated',
    allowedFrom: ['suspended'],
    roleAfter: 'member',
    label: 'Reinstated',
  },
  ...(['member', 'observer', 'associate', 'participant'] as const).map((newRole) => ({
    kind: 'role_changed',
    label: 'Role changed',
    newRole,
    allowedFrom: [null, 'member', 'observer', 'associate', 'participant'].filter(
      (role) => role !== newRole,
    ) as RoleOrNone[],
    roleAfter: newRole,
  })),
  {
    kind: 'observer_granted',
    allowedFrom: [null, 'member', 'associate', 'participant'],
    roleAfter: 'observer',
    label: 'Role changed',
  },
  {
    kind: 'associate_granted',
    allowedFrom: [null, 'member', 'observer', 'participant'],
    roleAfter: 'associate',
    label: 'Role changed',
  },
];

const CASES = KINDS.flatMap((spec) =>
  ROLES_BEFORE.map((before) => ({
    ...spec,
    before,
    allowed: spec.allowedFrom.includes(before),
  })),
);

const DAY = '2022-05-10';

describe('table of kinds', () => {
  const db = openAtlasDatabase(':memory:');
  // Countries with no AU row, so that a correction can set any role first.
  const countries = db
    .prepare(
      `SELECT iso3 FROM countries WHERE iso3 NOT IN
         (SELECT iso3 FROM baseline_memberships WHERE body_id = 'au')
       ORDER BY iso3`,
    )
    .pluck()
    .all() as string[];

  it('has a country for every case', () => {
    expect(countries.length).toBeGreaterThanOrEqual(CASES.length);
  });

  it.each(CASES.map((row, index) => ({ ...row, iso3: countries[index] })))(
    '$kind $newRole from $before: allowed $allowed',
    ({ kind, newRole, before, allowed, roleAfter, label, iso3 }) => {
      if (before !== null) {
        recordCorrection(
          db,
          { bodyId: 'au', iso3, action: 'add', role: before, source: SOURCE },
          { author: AUTHOR },
        );
      }
      const rowsBefore = countRows(db, 'membership_changes');
      const input = change('au', iso3, kind, DAY, { newRole });

      if (allowed) {
        const record = recordChange(db, input, CONTEXT);

        expect(record.roleAfter).toBe(roleAfter);
        expect(roleAt(db, 'au', iso3, '2022-05-09')).toBe(before);
        expect(roleAt(db, 'au', iso3, DAY)).toBe(roleAfter);
        expect(countRows(db, 'membership_changes')).toBe(rowsBefore + 1);
      } else {
        const error = expectAtlasError(
          () => recordChange(db, input, CONTEXT),
          'rule_violation',
          'kind',
        );

        expect(error.message).toContain(`(${iso3}) in AU`);
        expect(error.message).toContain(DAY);
        expect(error.message).toContain(
          before === null ? 'no role' : `the role ${before}`,
        );
        expect(error.message).toContain(`"${label}"`);
        expect(countRows(db, 'membership_changes')).toBe(rowsBefore);
        expect(roleAt(db, 'au', iso3, DAY)).toBe(before);
      }
    },
  );
});

describe('rejection messages', () => {
  const db = openAtlasDatabase(':memory:');

  it('states the rule with the form label', () => {
    const error = expectAtlasError(
      () => recordChange(db, change('au', 'SEN', 'reinstated', DAY), CONTEXT),
      'rule_violation',
      'kind',
    );

    expect(error.message).toContain('"Reinstated" is allowed only from suspended.');
  });

  it('lists roles and names the kind to use', () => {
    const error = expectAtlasError(
      () => recordChange(db, change('au', 'SEN', 'joined', DAY), CONTEXT),
      'rule_violation',
      'kind',
    );

    expect(error.message).toContain(
      '"Joined" is allowed only from no role, observer or participant.',
    );
    expect(error.message).toContain(
      'Use "Role changed" (role_changed) to move between roles',
    );
  });

  it('names reinstated for a suspended pair', () => {
    const error = expectAtlasError(
      () =>
        recordChange(
          db,
          change('las', 'SYR', 'role_changed', DAY, { newRole: 'observer' }),
          CONTEXT,
        ),
      'rule_violation',
      'kind',
    );

    expect(error.message).toContain('"Role changed" is allowed only from no role');
    expect(error.message).toContain(
      'A suspended country needs "Reinstated" (reinstated) before its role can change',
    );
  });

  it('rejects role_changed to the role held', () => {
    const error = expectAtlasError(
      () =>
        recordChange(
          db,
          change('au', 'SEN', 'role_changed', DAY, { newRole: 'member' }),
          CONTEXT,
        ),
      'rule_violation',
      'kind',
    );

    expect(error.message).toContain(
      '"Role changed" must set a role other than the one held.',
    );
  });
});

describe('reinstated', () => {
  it('returns to the role held before the suspension', () => {
    const db = openAtlasDatabase(':memory:');
    recordChange(
      db,
      change('au', 'GAB', 'role_changed', '2022-01-01', { newRole: 'associate' }),
      CONTEXT,
    );
    recordChange(db, change('au', 'GAB', 'suspended', '2023-08-31'), CONTEXT);

    const record = recordChange(
      db,
      change('au', 'GAB', 'reinstated', '2025-04-30'),
      CONTEXT,
    );

    expect(record.roleAfter).toBe('associate');
    expect(roleAt(db, 'au', 'GAB', '2025-04-30')).toBe('associate');
  });

  it('returns to member after a baseline suspension', () => {
    const db = openAtlasDatabase(':memory:');

    const record = recordChange(
      db,
      change('las', 'SYR', 'reinstated', '2023-05-07'),
      CONTEXT,
    );

    expect(record.roleAfter).toBe('member');
  });
});

describe('kind and new role input', () => {
  const db = openAtlasDatabase(':memory:');

  it('rejects an unknown kind', () => {
    const error = expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'expelled', '2022-01-01'), CONTEXT),
      'invalid_input',
      'kind',
    );

    expect(error.message).toContain('"expelled"');
  });

  it('rejects an inherited property name', () => {
    expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'toString', '2022-01-01'), CONTEXT),
      'invalid_input',
      'kind',
    );
  });

  it('rejects role_changed without a new role', () => {
    expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'role_changed', '2022-01-01'), CONTEXT),
      'invalid_input',
      'newRole',
    );
  });

  it('rejects role_changed to suspended', () => {
    expectAtlasError(
      () =>
        recordChange(
          db,
          change('au', 'MLI', 'role_changed', '2022-01-01', { newRole: 'suspended' }),
          CONTEXT,
        ),
      'invalid_input',
      'newRole',
    );
  });

  it('rejects an alias with a different new role', () => {
    expectAtlasError(
      () =>
        recordChange(
          db,
          change('au', 'MLI', 'observer_granted', '2022-01-01', { newRole: 'member' }),
          CONTEXT,
        ),
      'invalid_input',
      'newRole',
    );
  });

  it('rejects a new role on left', () => {
    expectAtlasError(
      () =>
        recordChange(
          db,
          change('au', 'MLI', 'left', '2022-01-01', { newRole: 'observer' }),
          CONTEXT,
        ),
      'invalid_input',
      'newRole',
    );
  });

  it('stores an alias as role_changed', () => {
    const record = recordChange(
      db,
      change('asean', 'TLS', 'observer_granted', '2022-11-11'),
      CONTEXT,
    );

    expect(record.kind).toBe('role_changed');
    expect(record.roleAfter).toBe('observer');
  });
});

describe('check order', () => {
  const db = openAtlasDatabase(':memory:');

  it('reports an unknown body before a bad date', () => {
    expectAtlasError(
      () => recordChange(db, change('nowhere', 'MLI', 'left', '2019-01-01'), CONTEXT),
      'not_found',
      'bodyId',
    );
  });

  it('reports an unknown country before a bad date', () => {
    expectAtlasError(
      () => recordChange(db, change('au', 'ZZZ', 'left', 'soon'), CONTEXT),
      'not_found',
      'iso3',
    );
  });

  it('reports a bad date before an unknown kind', () => {
    expectAtlasError(
      () => recordChange(db, change('au', 'MLI', 'expelled', '2020-06-01'), CONTEXT),
      'date_out_of_range',
      'effectiveDate',
    );
  });

  it('reports an unknown kind before a missing source', () => {
    expectAtlasError(
      () =>
        recordChange(
          db,
          change('au', 'MLI', 'expelled', '2022-01-01', { source: '' }),
          CONTEXT,
        ),
      'invalid_input',
      'kind',
    );
  });

  it('reports a missing source before a rule violation', () => {
    expectAtlasError(
      () =>
        recordChange(
          db,
          change('au', 'MLI', 'joined', '2022-01-01', { source: '  ' }),
          CONTEXT,
        ),
      'invalid_input',
      'source',
    );
  });
});
