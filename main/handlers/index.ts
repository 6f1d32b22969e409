import type Database from 'better-sqlite3';

import {
  asOfProblem,
  oneYearAfter,
  type CountOptions,
  type FileQueryName,
  type ParsedInput,
  type QueryName,
  type QueryResults,
} from '../contract/index.js';
import { membershipsAsOf, countsTowardsIscms } from '../../db/queries/as-of.js';
import {
  bodyOrganizations,
  bodyThemes,
  findBody,
  listBodies,
} from '../../db/queries/bodies.js';
import {
  findCountry,
  listCountries,
  themesThrough,
} from '../../db/queries/countries.js';
import {
  highlightedRolesAsOf,
  iscmCountsAsOf,
  mapCountries,
} from '../../db/queries/map.js';
import { search } from '../../db/queries/search.js';
import { findThemeName, listThemes, themeTables } from '../../db/queries/themes.js';
import { AtlasError, type HandlerContext } from './context.js';
import { recordHandlers } from './records.js';

export { AtlasError, type HandlerContext } from './context.js';

/** The queries whose handlers run synchronously: all but the file queries. */
export type SyncQueryName = Exclude<QueryName, FileQueryName>;

/** A handler: takes validated input, returns the result or throws AtlasError. */
export type Handlers = {
  [N in SyncQueryName]: (context: HandlerContext, input: ParsedInput<N>) => QueryResults[N];
};

export const DEFAULT_COUNT: CountOptions = { includeRoles: [], excludeGlobal: false };

/** Resolves an optional as-of day to a checked one; today by default. */
export function resolveAsOf(context: HandlerContext, asOf: string | undefined): string {
  const today = context.today();
  const day = asOf ?? today;
  const problem = asOfProblem(day, today);
  if (problem) throw new AtlasError('date_out_of_range', problem, 'asOf');
  return day;
}

function countRows(db: Database.Database, table: string): number {
  return db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

export const handlers: Handlers = {
  appInfo(context) {
    const today = context.today();
    const { db } = context;
    return {
      baselineDate: '2020-12-31',
      today,
      maxAsOf: oneYearAfter(today),
      databasePath: context.databasePath,
      counts: {
        countries: countRows(db, 'countries'),
        bodies: countRows(db, 'bodies'),
        themes: countRows(db, 'themes'),
        bodyThemes: countRows(db, 'body_themes'),
        memberships: countRows(db, 'baseline_memberships'),
        organizations: countRows(db, 'organizations'),
      },
    };
  },

  listCountries(context) {
    return listCountries(context.db);
  },

  listBodies(context, input) {
    return listBodies(context.db, resolveAsOf(context, input.asOf), input.kind);
  },

  listThemes(context) {
    return listThemes(context.db);
  },

  bodyProfile(context, input) {
    const asOf = resolveAsOf(context, input.asOf);
    const body = findBody(context.db, asOf, input.id);
    if (!body) {
      throw new AtlasError(
        'not_found',
        `No body has the id "${input.id}". Use an id from the list of bodies.`,
        'id',
      );
    }

    return {
      asOf,
      body,
      memberships: membershipsAsOf(context.db, asOf, { bodyId: body.id }),
      themes: bodyThemes(context.db, body.id),
      organizations: bodyOrganizations(context.db, body.id),
    };
  },

  countryProfile(context, input) {
    const asOf = resolveAsOf(context, input.asOf);
    const country = findCountry(context.db, input.iso3);
    if (!country) {
      throw new AtlasError(
        'not_found',
        `No country or territory has the code "${input.iso3}". ` +
          'Use an ISO 3166-1 alpha-3 code (Kosovo is XKX).',
        'iso3',
      );
    }

    const count = input.count ?? DEFAULT_COUNT;
    const memberships = membershipsAsOf(context.db, asOf, { iso3: country.iso3 });
    const iscms = memberships.filter((m) => m.bodyKind === 'iscm');
    const counted = iscms.filter((m) => countsTowardsIscms(m, count));

    return {
      asOf,
      country,
      count,
      iscmCount: counted.length,
      iscms,
      igos: memberships.filter((m) => m.bodyKind === 'igo'),
      themes: themesThrough(context.db, counted),
    };
  },

  mapSummary(context, input) {
    const asOf = resolveAsOf(context, input.asOf);
    const count = input.count ?? DEFAULT_COUNT;
    const counts = iscmCountsAsOf(context.db, asOf, count);
    const { filter } = input;

    if (filter.type === 'none') {
      const countries = mapCountries(counts, new Map());
      return { asOf, count, filter, maxCount: maxOf(counts), countries };
    }

    const label =
      filter.type === 'body'
        ? findBody(context.db, asOf, filter.id)?.shortName
        : findThemeName(context.db, filter.id);
    if (label === undefined) {
      throw new AtlasError(
        'not_found',
        `No ${filter.type} has the id "${filter.id}". Choose one from the list.`,
        'filter.id',
      );
    }

    const highlighted = highlightedRolesAsOf(context.db, asOf, filter);
    return {
      asOf,
      count,
      filter: { ...filter, label },
      maxCount: maxOf(counts),
      countries: mapCountries(counts, highlighted),
    };
  },

  themeTables(context) {
    return themeTables(context.db);
  },

  search(context, input) {
    return { text: input.text, hits: search(context.db, input.text, input.limit) };
  },

  ...recordHandlers,
};

function maxOf(counts: Map<string, number>): number {
  let max = 0;
  for (const value of counts.values()) max = Math.max(max, value);
  return max;
}
