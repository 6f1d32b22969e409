import { describe, expect, it } from 'vitest';

import type { QueryRequest, Result } from '../../main/contract/index.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { runQuery } from '../../main/handlers/dispatch.js';
import { operatingSystemUser } from '../../main/handlers/records.js';
import { openAtlasDatabase } from '../../db/open.js';

function freshContext(): HandlerContext {
  return {
    db: openAtlasDatabase(':memory:'),
    databasePath: ':memory:',
    today: () => '2026-12-04',
  };
}

function call(context: HandlerContext, name: string, input: unknown): Result<any> {
  return runQuery(context, { name, input } as QueryRequest);
}

function value(context: HandlerContext, name: string, input: unknown): any {
  const result = call(context, name, input);
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

function errorOf(context: HandlerContext, name: string, input: unknown) {
  const result = call(context, name, input);
  if (result.ok) throw new Error(`${name} should have failed`);
  return result.error;
}

const maliSuspension = {
  bodyId: 'au',
  iso3: 'MLI',
  kind: 'suspended',
  effectiveDate: '2021-06-01',
  source: 'https://au.int/en/pressreleases/20210601',
};

function highlightOf(context: HandlerContext, asOf: string, iso3: string) {
  const summary = value(context, 'mapSummary', {
    asOf,
    filter: { type: 'body', id: 'au' },
  });
  return summary.countries.find((c: { iso3: string }) => c.iso3 === iso3)?.highlight;
}

describe('recordChange query', () => {
  it('changes the map from the effective date on', () => {
    const context = freshContext();

    const record = value(context, 'recordChange', maliSuspension);

    expect(record.roleAfter).toBe('suspended');
    expect(highlightOf(context, '2021-05-31', 'MLI')).toBe('member');
    expect(highlightOf(context, '2021-06-01', 'MLI')).toBe('suspended');
  });

  it('records the settings author, else the system user', () => {
    const context = freshContext();

    const first = value(context, 'recordChange', maliSuspension);
    value(context, 'setAuthorName', { name: 'Amina Diallo' });
    const second = value(context, 'recordChange', {
      ...maliSuspension,
      kind: 'reinstated',
      effectiveDate: '2022-01',
    });

    expect(first.author).toBe(operatingSystemUser());
    expect(second.author).toBe('Amina Diallo');
    expect(value(context, 'getSettings', {}).authorName).toBe('Amina Diallo');
  });

  it('rejects an unknown body before a bad date', () => {
    const context = freshContext();

    const error = errorOf(context, 'recordChange', {
      ...maliSuspension,
      bodyId: 'no-such-body',
      effectiveDate: '2021-02-30',
    });

    expect(error.code).toBe('not_found');
    expect(error.field).toBe('bodyId');
  });

  it('rejects an empty source and over-long text', () => {
    const context = freshContext();

    expect(errorOf(context, 'recordChange', { ...maliSuspension, source: '  ' }).code).toBe(
      'invalid_input',
    );
    expect(
      errorOf(context, 'recordChange', { ...maliSuspension, note: 'x'.repeat(4001) }).code,
    ).toBe('invalid_input');
    expect(
      errorOf(context, 'recordChange', { ...maliSuspension, source: 'x'.repeat(2001) }).code,
    ).toBe('invalid_input');
  });

  it('rejects a change before the baseline', () => {
    const context = freshContext();

    const error = errorOf(context, 'recordChange', {
      bodyId: 'eu',
      iso3: 'GBR',
      kind: 'left',
      effectiveDate: '2020-01-31',
      source: 'https://example.org/brexit',
    });

    expect(error.code).toBe('date_out_of_range');
    expect(error.message).toMatch(/correction/i);
    expect(value(context, 'history', {}).total).toBe(0);
  });

  it('rejects a kind the role does not allow', () => {
    const context = freshContext();

    const error = errorOf(context, 'recordChange', { ...maliSuspension, kind: 'reinstated' });

    expect(error.code).toBe('rule_violation');
    expect(error.message).toContain('Mali');
  });
});

describe('revert and history queries', () => {
  it('revert restores the earlier role and keeps both records', () => {
    const context = freshContext();
    const record = value(context, 'recordChange', maliSuspension);

    const revert = value(context, 'revertRecord', { id: record.id });
    const history = value(context, 'history', { bodyId: 'au' });

    expect(revert.targetId).toBe(record.id);
    expect(highlightOf(context, '2021-06-01', 'MLI')).toBe('member');
    expect(history.total).toBe(2);
    expect(history.entries.map((e: { type: string }) => e.type).sort()).toEqual([
      'change',
      'revert',
    ]);
  });

  it('edit keeps the earlier version', () => {
    const context = freshContext();
    const record = value(context, 'recordChange', maliSuspension);

    const edited = value(context, 'editRecord', { id: record.id, note: 'Coup of May 2021' });
    const versions = value(context, 'recordVersions', { id: record.id });

    expect(edited.version).toBe(2);
    expect(versions).toHaveLength(2);
    expect(versions[0].note).toBe('');
  });

  it('roleAt returns the role on a day', () => {
    const context = freshContext();
    value(context, 'recordChange', maliSuspension);

    const before = value(context, 'roleAt', { bodyId: 'au', iso3: 'MLI', date: '2021-05-31' });
    const after = value(context, 'roleAt', { bodyId: 'au', iso3: 'MLI', date: '2021-06-01' });

    expect(before.role).toBe('member');
    expect(after.role).toBe('suspended');
  });

  it('rejects an unknown record id', () => {
    expect(errorOf(freshContext(), 'revertRecord', { id: 'nope' }).code).toBe('not_found');
  });
});

describe('annotation queries', () => {
  it('add, edit, search and soft delete', () => {
    const context = freshContext();
    const target = { type: 'membership', bodyId: 'au', iso3: 'MLI' };

    const added = value(context, 'addAnnotation', { target, text: 'Check the AU PSC communiqué' });
    value(context, 'editAnnotation', { id: added.id, text: 'Checked the AU PSC communiqué' });
    const found = value(context, 'searchAnnotations', { text: 'communique' });
    value(context, 'deleteAnnotation', { id: added.id });
    const shown = value(context, 'listAnnotations', { target });
    const all = value(context, 'listAnnotations', { target, includeDeleted: true });

    expect(found.map((a: { id: string }) => a.id)).toEqual([added.id]);
    expect(shown).toHaveLength(0);
    expect(all).toHaveLength(1);
    expect(all[0].version).toBe(3);
  });

  it('rejects an annotation on an unknown country', () => {
    const error = errorOf(freshContext(), 'addAnnotation', {
      target: { type: 'country', iso3: 'QQQ' },
      text: 'x',
    });

    expect(error.code).toBe('not_found');
  });
});
