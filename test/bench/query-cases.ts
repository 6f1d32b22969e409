import {
  BASELINE_DATE,
  OPTIONAL_COUNT_ROLES,
  QUERY_NAMES,
  queries,
  type QueryInput,
  type QueryName,
  type QueryResults,
} from '../../main/contract/index.js';
import type { PairPool, SeedSummary } from './seed.js';

/** One query with its inputs, timed as a row of the latency table. */
export interface QueryCase {
  label: string;
  name: QueryName;
  /** Returns the input of one call; `call` counts warm-up and timed calls from 0. */
  input: (call: number) => unknown;
  /** Receives the value of each call, so that later write cases can use its id. */
  onResult?: (value: unknown) => void;
}

/** The kind the contract declares for a query: read, write or file. */
export type QueryKind = (typeof queries)[QueryName]['kind'];

export function queryKind(name: QueryName): QueryKind {
  return queries[name].kind;
}

/**
 * Returns the queries of kind "file" (exports, imports, backups). They read
 * or write whole files and run asynchronously, so this latency benchmark
 * leaves them out.
 */
export function fileQueries(): QueryName[] {
  return QUERY_NAMES.filter((name) => queryKind(name) === 'file');
}

function readCase<N extends QueryName>(
  label: string,
  name: N,
  input: QueryInput<N>,
): QueryCase {
  return { label, name, input: () => input };
}

function writeCase<N extends QueryName>(
  label: string,
  name: N,
  input: (call: number) => QueryInput<N>,
  onResult?: (value: QueryResults[N]) => void,
): QueryCase {
  return { label, name, input, onResult: onResult as QueryCase['onResult'] };
}

const ALL_COUNT_SWITCHES = {
  includeRoles: [...OPTIONAL_COUNT_ROLES],
  excludeGlobal: true,
};

/**
 * Reads with the inputs that make each query do the most work on the
 * 2020 baseline. GFMD and IDM are the bodies with the most members (195
 * and 181), and Spain has the most memberships. The theme
 * "migration-and-development" is listed by the most ISCMs.
 */
function createReadCases(seed: SeedSummary): QueryCase[] {
  const theme = { type: 'theme', id: 'migration-and-development' } as const;
  return [
    readCase('appInfo', 'appInfo', {}),
    readCase('getSettings', 'getSettings', {}),
    readCase('listCountries', 'listCountries', {}),
    readCase('listBodies', 'listBodies', {}),
    readCase('listBodies iscm', 'listBodies', { kind: 'iscm' }),
    readCase('listThemes', 'listThemes', {}),
    readCase('bodyProfile gfmd', 'bodyProfile', { id: 'gfmd' }),
    readCase('bodyProfile idm', 'bodyProfile', { id: 'idm' }),
    readCase('bodyProfile almaty', 'bodyProfile', { id: 'almaty' }),
    readCase('countryProfile ESP', 'countryProfile', { iso3: 'ESP' }),
    readCase('countryProfile MLI', 'countryProfile', { iso3: 'MLI' }),
    readCase('countryProfile USA', 'countryProfile', { iso3: 'USA' }),
    readCase('countryProfile ESP all switches', 'countryProfile', {
      iso3: 'ESP',
      count: ALL_COUNT_SWITCHES,
    }),
    readCase('mapSummary none', 'mapSummary', { filter: { type: 'none' } }),
    readCase('mapSummary none all switches', 'mapSummary', {
      filter: { type: 'none' },
      count: ALL_COUNT_SWITCHES,
    }),
    readCase('mapSummary none baseline day', 'mapSummary', {
      filter: { type: 'none' },
      asOf: BASELINE_DATE,
    }),
    readCase('mapSummary body gfmd', 'mapSummary', { filter: { type: 'body', id: 'gfmd' } }),
    readCase('mapSummary theme', 'mapSummary', { filter: theme }),
    readCase('mapSummary theme all switches', 'mapSummary', {
      filter: theme,
      count: ALL_COUNT_SWITCHES,
    }),
    readCase('themeTables', 'themeTables', {}),
    readCase('search "mal"', 'search', { text: 'mal' }),
    readCase('search "a" limit 100', 'search', { text: 'a', limit: 100 }),
    readCase('search "cote"', 'search', { text: 'cote' }),
    readCase('roleAt gfmd ESP', 'roleAt', { bodyId: 'gfmd', iso3: 'ESP', date: '2023-06-30' }),
    readCase('history', 'history', {}),
    readCase('history limit 1000', 'history', { limit: 1000 }),
    readCase('history gfmd', 'history', { bodyId: 'gfmd' }),
    readCase('timeline gfmd', 'timeline', { bodyId: 'gfmd' }),
    readCase('timeline ESP', 'timeline', { iso3: 'ESP' }),
    readCase('recordVersions', 'recordVersions', { id: seed.editedRecordId }),
    readCase('listAnnotations gfmd', 'listAnnotations', {
      target: { type: 'body', bodyId: 'gfmd' },
      includeMemberships: true,
    }),
    readCase('annotationVersions', 'annotationVersions', { id: seed.editedAnnotationId }),
    readCase('searchAnnotations', 'searchAnnotations', { text: 'meeting' }),
  ];
}

/** Returns the id written by call `call` of an earlier case, or throws. */
function idOf(ids: readonly string[], call: number, source: string): string {
  const id = ids[call];
  if (id === undefined) {
    throw new Error(`${source} wrote no record for call ${call}; give every write case as many calls.`);
  }
  return id;
}

/**
 * Writes, in the order they must run: each later case edits, reverts or
 * deletes what an earlier case wrote in the call with the same number, so
 * every write case needs the same number of calls. Joins and corrections
 * take pairs without a role from `pool`, so the rules always allow them.
 */
function createWriteCases(pool: PairPool): QueryCase[] {
  const changeIds: string[] = [];
  const correctionIds: string[] = [];
  const annotationIds: string[] = [];
  const source = 'https://example.org/atlas-benchmark/write';

  return [
    writeCase('setAuthorName', 'setAuthorName', () => ({ name: 'Benchmark' })),
    writeCase(
      'recordChange joined',
      'recordChange',
      () => ({ ...pool.take(), kind: 'joined', effectiveDate: '2025-03-01', source }),
      (record) => changeIds.push(record.id),
    ),
    writeCase(
      'recordCorrection add',
      'recordCorrection',
      () => ({ ...pool.take(), action: 'add', role: 'observer', source }),
      (record) => correctionIds.push(record.id),
    ),
    writeCase('editRecord', 'editRecord', (call) => ({
      id: idOf(correctionIds, call, 'recordCorrection'),
      note: `Checked against the source, call ${call}.`,
    })),
    writeCase('revertRecord', 'revertRecord', (call) => ({
      id: idOf(changeIds, call, 'recordChange'),
      source,
    })),
    writeCase(
      'addAnnotation',
      'addAnnotation',
      (call) => ({
        target: { type: 'membership', bodyId: 'gfmd', iso3: 'ESP' },
        text: `Benchmark annotation written by call ${call}.`,
      }),
      (annotation) => annotationIds.push(annotation.id),
    ),
    writeCase('editAnnotation', 'editAnnotation', (call) => ({
      id: idOf(annotationIds, call, 'addAnnotation'),
      text: `Benchmark annotation edited by call ${call}.`,
    })),
    writeCase('deleteAnnotation', 'deleteAnnotation', (call) => ({
      id: idOf(annotationIds, call, 'addAnnotation'),
    })),
  ];
}

/**
 * Creates the cases for one database. Write cases keep the ids they wrote,
 * so each database needs cases of its own.
 */
export function createQueryCases(seed: SeedSummary, pool: PairPool): {
  reads: QueryCase[];
  writes: QueryCase[];
} {
  return { reads: createReadCases(seed), writes: createWriteCases(pool) };
}

/** Returns the read and write queries that no case covers, so that new ones get a row. */
export function uncoveredQueries(cases: readonly QueryCase[]): QueryName[] {
  const covered = new Set(cases.map((queryCase) => queryCase.name));
  return QUERY_NAMES.filter((name) => queryKind(name) !== 'file' && !covered.has(name));
}
