import { describe, expect, it } from 'vitest';

import type { QueryRequest, Result } from '../../main/contract/index.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { runQuery } from '../../main/handlers/dispatch.js';
import { openAtlasDatabase } from '../../db/open.js';
import { baselineIscmCounts, bodiesById, readBaselineCsv } from '../helpers/baseline-csv.js';

const context: HandlerContext = {
  db: openAtlasDatabase(':memory:'),
  databasePath: ':memory:',
  today: () => '2026-12-04',
};

function ok<T>(name: string, input: unknown = {}): T {
  const result = runQuery(context, { name, input } as QueryRequest);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
  return result.value as T;
}

function failure(name: string, input: unknown): Extract<Result<unknown>, { ok: false }>['error'] {
  const result = runQuery(context, { name, input });
  if (result.ok) throw new Error(`${name} should have failed`);
  return result.error;
}

const memberships = readBaselineCsv('memberships.csv');
const bodies = bodiesById();

describe('appInfo', () => {
  it('returns the baseline counts and date range', () => {
    const info = ok<{
      counts: Record<string, number>;
      maxAsOf: string;
      baselineDate: string;
    }>('appInfo');

    expect(info.counts.bodies).toBe(58);
    expect(info.counts.themes).toBe(48);
    expect(info.counts.bodyThemes).toBe(345);
    expect(info.counts.memberships).toBe(1714);
    expect(info.counts.organizations).toBe(17);
    expect(info.baselineDate).toBe('2020-12-31');
    expect(info.maxAsOf).toBe('2027-12-04');
  });

  it('rejects unexpected fields', () => {
    expect(failure('appInfo', { extra: 1 }).code).toBe('invalid_input');
  });
});

describe('listCountries', () => {
  it('marks the 219 countries of the dataset', () => {
    const countries = ok<{ iso3: string; inDataset: boolean; numeric: string | null }[]>(
      'listCountries',
    );
    const inData = new Set(memberships.map((row) => row.iso3));

    expect(countries.filter((c) => c.inDataset).map((c) => c.iso3).sort()).toEqual(
      [...inData].sort(),
    );
    expect(countries.find((c) => c.iso3 === 'BRA')?.numeric).toBe('076');
  });
});

describe('listBodies', () => {
  it('filters by kind', () => {
    expect(ok<unknown[]>('listBodies', { kind: 'iscm' })).toHaveLength(34);
    expect(ok<unknown[]>('listBodies', { kind: 'igo' })).toHaveLength(24);
    expect(ok<unknown[]>('listBodies', {})).toHaveLength(58);
  });

  it('counts members per body from the baseline', () => {
    const list = ok<{ id: string; memberCount: number; countryCount: number }[]>(
      'listBodies',
      { asOf: '2021-06-01' },
    );
    const bali = list.find((body) => body.id === 'bali')!;
    const baliRows = memberships.filter((row) => row.body_id === 'bali');

    expect(bali.countryCount).toBe(baliRows.length);
    expect(bali.memberCount).toBe(baliRows.filter((row) => row.role === 'member').length);
  });

  it('rejects an unknown kind', () => {
    const error = failure('listBodies', { kind: 'club' });

    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('kind');
  });
});

describe('bodyProfile', () => {
  it('returns members, themes, organizations and provenance', () => {
    const profile = ok<{
      body: { shortName: string; confidence: string; membershipNote: string };
      memberships: { iso3: string; role: string; source: string; since: string | null }[];
      themes: { id: string; listing: string }[];
      organizations: { name: string }[];
    }>('bodyProfile', { id: 'khartoum' });
    const expectedCountries = memberships
      .filter((row) => row.body_id === 'khartoum')
      .map((row) => row.iso3)
      .sort();

    expect(profile.memberships.map((m) => m.iso3).sort()).toEqual(expectedCountries);
    expect(profile.memberships.every((m) => m.source.startsWith('http'))).toBe(true);
    expect(profile.memberships.every((m) => m.since === null)).toBe(true);
    expect(profile.organizations.map((o) => o.name)).toContain('European Union');
    expect(profile.themes.length).toBe(
      readBaselineCsv('body_themes.csv').filter((row) => row.body_id === 'khartoum').length,
    );
  });

  it('returns not_found for an unknown id', () => {
    const error = failure('bodyProfile', { id: 'no-such-body' });

    expect(error.code).toBe('not_found');
    expect(error.message).toContain('no-such-body');
  });

  it('rejects an as-of date before the baseline', () => {
    const error = failure('bodyProfile', { id: 'bali', asOf: '2020-12-30' });

    expect(error.code).toBe('date_out_of_range');
    expect(error.message).toContain('2020-12-31');
  });

  it('rejects an as-of date over a year ahead', () => {
    expect(failure('bodyProfile', { id: 'bali', asOf: '2027-12-05' }).code).toBe(
      'date_out_of_range',
    );
    expect(ok<{ asOf: string }>('bodyProfile', { id: 'bali', asOf: '2027-12-04' }).asOf).toBe(
      '2027-12-04',
    );
  });

  it('rejects an impossible calendar day', () => {
    const error = failure('bodyProfile', { id: 'bali', asOf: '2023-02-29' });

    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('asOf');
  });
});

describe('countryProfile', () => {
  it("lists Mali's ISCMs and IGOs by the baseline", () => {
    const profile = ok<{
      iscmCount: number;
      iscms: { bodyId: string }[];
      igos: { bodyId: string }[];
      themes: { id: string; viaBodies: string[] }[];
    }>('countryProfile', { iso3: 'mli' });
    const maliRows = memberships.filter((row) => row.iso3 === 'MLI');
    const kindOf = (id: string) => bodies.get(id)!.kind;

    expect(profile.iscms.map((m) => m.bodyId).sort()).toEqual(
      maliRows.filter((r) => kindOf(r.body_id) === 'iscm').map((r) => r.body_id).sort(),
    );
    expect(profile.igos.map((m) => m.bodyId).sort()).toEqual(['au', 'ecowas', 'oacps']);
    expect(profile.iscmCount).toBe(baselineIscmCounts().get('MLI'));
    expect(profile.themes.length).toBeGreaterThan(0);
  });

  it('counts fewer ISCMs without the global processes', () => {
    const all = ok<{ iscmCount: number }>('countryProfile', { iso3: 'MLI' });
    const regional = ok<{ iscmCount: number }>('countryProfile', {
      iso3: 'MLI',
      count: { excludeGlobal: true },
    });

    expect(all.iscmCount - regional.iscmCount).toBe(2);
  });

  it('finds Kosovo as XKX', () => {
    const profile = ok<{ country: { name: string } }>('countryProfile', { iso3: 'XKX' });

    expect(profile.country.name).toBe('Kosovo');
  });

  it('rejects a malformed code and an unknown one', () => {
    expect(failure('countryProfile', { iso3: 'ML' }).code).toBe('invalid_input');
    expect(failure('countryProfile', { iso3: 'QQQ' }).code).toBe('not_found');
  });
});

describe('mapSummary', () => {
  type Summary = {
    countries: { iso3: string; iscmCount: number; highlight: string | null }[];
    maxCount: number;
    filter: { label?: string };
  };

  it('matches the baseline ISCM counts for each switch setting', () => {
    const settings: [string[], boolean][] = [
      [[], false],
      [['observer', 'participant'], false],
      [[], true],
      [['observer', 'associate', 'participant', 'suspended'], true],
    ];
    for (const [includeRoles, excludeGlobal] of settings) {
      const summary = ok<Summary>('mapSummary', {
        asOf: '2020-12-31',
        count: { includeRoles, excludeGlobal },
      });
      const expected = baselineIscmCounts(['member', ...includeRoles], excludeGlobal);
      const actual = new Map(
        summary.countries.filter((c) => c.iscmCount > 0).map((c) => [c.iso3, c.iscmCount]),
      );

      expect(actual).toEqual(expected);
      expect(summary.maxCount).toBe(Math.max(...expected.values()));
    }
  });

  it('highlights exactly the members of one body with their roles', () => {
    const summary = ok<Summary>('mapSummary', { filter: { type: 'body', id: 'bali' } });
    const highlighted = summary.countries
      .filter((c) => c.highlight !== null)
      .map((c) => `${c.iso3}:${c.highlight}`)
      .sort();
    const expected = memberships
      .filter((row) => row.body_id === 'bali')
      .map((row) => `${row.iso3}:${row.role}`)
      .sort();

    expect(highlighted).toEqual(expected);
    expect(summary.filter.label).toBe('Bali Process');
  });

  it('highlights the countries of a theme through its ISCMs', () => {
    const summary = ok<Summary>('mapSummary', {
      filter: { type: 'theme', id: 'labour-migration' },
    });
    const themeBodies = new Set(
      readBaselineCsv('body_themes.csv')
        .filter((row) => row.theme === 'Labour migration')
        .map((row) => row.body_id),
    );
    const expected = new Set(
      memberships.filter((row) => themeBodies.has(row.body_id)).map((row) => row.iso3),
    );

    expect(themeBodies.size).toBeGreaterThan(0);
    expect(new Set(summary.countries.filter((c) => c.highlight).map((c) => c.iso3))).toEqual(
      expected,
    );
  });

  it('rejects an unknown filter id and an unknown filter type', () => {
    expect(failure('mapSummary', { filter: { type: 'body', id: 'nope' } }).code).toBe(
      'not_found',
    );
    expect(failure('mapSummary', { filter: { type: 'region', id: 'x' } }).code).toBe(
      'invalid_input',
    );
  });

  it('rejects an unknown count role', () => {
    const error = failure('mapSummary', { count: { includeRoles: ['member', 'king'] } });

    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('count.includeRoles.0');
  });
});

describe('themeTables', () => {
  it('returns 48 themes, 34 ISCMs and 345 pairs with listing marks', () => {
    const tables = ok<{
      themes: unknown[];
      iscms: unknown[];
      pairs: { listing: string }[];
    }>('themeTables');
    const countListing = (listing: string) =>
      tables.pairs.filter((pair) => pair.listing === listing).length;

    expect(tables.themes).toHaveLength(48);
    expect(tables.iscms).toHaveLength(34);
    expect(tables.pairs).toHaveLength(345);
    expect(countListing('both')).toBe(230);
    expect(countListing('area_only')).toBe(35);
    expect(countListing('iscm_only')).toBe(80);
  });
});

describe('search', () => {
  type Hits = { hits: { type: string; id: string; matched: string }[] };

  it('finds a country by name, code and French name', () => {
    expect(ok<Hits>('search', { text: 'Mali' }).hits[0].id).toBe('MLI');
    expect(ok<Hits>('search', { text: 'mli' }).hits[0].id).toBe('MLI');
    expect(ok<Hits>('search', { text: 'Allemagne' }).hits[0].id).toBe('DEU');
  });

  it('ignores accents', () => {
    const spaced = ok<Hits>('search', { text: 'cote d ivoire' }).hits;
    const accentless = ok<Hits>('search', { text: 'Cote' }).hits;

    expect(accentless.map((hit) => hit.id)).toContain('CIV');
    expect(spaced[0].id).toBe('CIV');
  });

  it('finds bodies and themes', () => {
    const bodiesFound = ok<Hits>('search', { text: 'Bali' }).hits;
    const themesFound = ok<Hits>('search', { text: 'labour' }).hits;

    expect(bodiesFound.some((hit) => hit.type === 'body' && hit.id === 'bali')).toBe(true);
    expect(themesFound.some((hit) => hit.type === 'theme' && hit.id === 'labour-migration')).toBe(
      true,
    );
  });

  it('rejects empty and over-long text', () => {
    expect(failure('search', { text: '   ' }).code).toBe('invalid_input');
    expect(failure('search', { text: 'x'.repeat(101) }).code).toBe('invalid_input');
  });
});

describe('runQuery', () => {
  it('returns unknown_query for a name not in the contract', () => {
    expect(failure('dropTables', {}).code).toBe('unknown_query');
    expect(failure('__proto__', {}).code).toBe('unknown_query');
  });

  it('rejects input that is not an object', () => {
    expect(failure('bodyProfile', 'bali').code).toBe('invalid_input');
    expect(failure('bodyProfile', null).code).toBe('invalid_input');
  });
});
