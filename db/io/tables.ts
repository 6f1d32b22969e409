import type Database from 'better-sqlite3';

import { ROLES } from '../../main/contract/index.js';
import type { BodySummary, Membership, Role } from '../../main/contract/types.js';
import { membershipsAsOf } from '../queries/as-of.js';
import { listBodies } from '../queries/bodies.js';
import { iscmCountsAsOf } from '../queries/map.js';
import { annotationsTable, changesTable } from './change-log.js';
import type { AsOfOptions, Cell, ExportTable } from './types.js';

const byName = new Intl.Collator('en', { sensitivity: 'base' }).compare;

interface CountryEntry {
  iso3: string;
  name: string;
  memberships: Membership[];
}

/** Groups memberships by country, ordered by country name. */
export function groupByCountry(memberships: Membership[]): CountryEntry[] {
  const countries = new Map<string, CountryEntry>();
  for (const membership of memberships) {
    const entry = countries.get(membership.iso3) ?? {
      iso3: membership.iso3,
      name: membership.countryName,
      memberships: [],
    };
    entry.memberships.push(membership);
    countries.set(membership.iso3, entry);
  }
  return [...countries.values()].sort((a, b) => byName(a.name, b.name));
}

/** ISCMs first, then IGOs, each by short name. */
function bodyColumns(db: Database.Database, asOf: string): BodySummary[] {
  return [...listBodies(db, asOf, 'iscm'), ...listBodies(db, asOf, 'igo')];
}

/**
 * Builds the pairs in force on the day: body_id, body (short name), kind,
 * iso3, country, role, since (empty for a baseline row), source, note.
 */
export function membershipsTable(memberships: Membership[]): ExportTable {
  return {
    name: 'memberships',
    header: ['body_id', 'body', 'kind', 'iso3', 'country', 'role', 'since', 'source', 'note'],
    rows: memberships.map((membership) => [
      membership.bodyId,
      membership.bodyShortName,
      membership.bodyKind,
      membership.iso3,
      membership.countryName,
      membership.role,
      membership.since ?? '',
      membership.source,
      membership.note,
    ]),
  };
}

/**
 * Builds one row per country taking part in any body on the day and one
 * column per body (ISCMs, then IGOs), holding the role or nothing.
 */
export function matrixTable(bodies: BodySummary[], memberships: Membership[]): ExportTable {
  const rows = groupByCountry(memberships).map((country) => {
    const roles = new Map(country.memberships.map((m) => [m.bodyId, m.role]));
    const cells: Cell[] = [country.iso3, country.name];
    for (const body of bodies) cells.push(roles.get(body.id) ?? '');
    return cells;
  });

  return {
    name: 'matrix',
    header: ['iso3', 'country', ...bodies.map((body) => body.shortName)],
    rows,
  };
}

/**
 * Builds one row per ISCM and theme, with 1 or 0 for each of the two
 * tables of IOM's 2020 page that list the pair.
 */
export function themesTable(db: Database.Database): ExportTable {
  const rows = db
    .prepare(
      `SELECT bt.body_id, t.name, bt.in_table_by_area, bt.in_table_by_iscm
       FROM body_themes bt
       JOIN themes t ON t.id = bt.theme_id
       JOIN bodies b ON b.id = bt.body_id
       ORDER BY b.short_name COLLATE NOCASE, t.name COLLATE NOCASE`,
    )
    .raw()
    .all() as Cell[][];

  return {
    name: 'themes',
    header: ['body_id', 'theme', 'in_table_by_area', 'in_table_by_iscm'],
    rows,
  };
}

/**
 * Builds one row per country taking part in any body on the day: its ISCM
 * count under the switches (the number the map shows), then for each role
 * the number of ISCMs in which it has that role. The global processes
 * are left out of the role columns too when the switches leave them out.
 */
export function countriesTable(
  memberships: Membership[],
  iscmCounts: Map<string, number>,
  options: AsOfOptions,
): ExportTable {
  const rows = groupByCountry(memberships).map((country) => {
    const byRole = new Map<Role, number>(ROLES.map((role) => [role, 0]));
    for (const membership of country.memberships) {
      if (membership.bodyKind !== 'iscm') continue;
      if (options.count.excludeGlobal && membership.bodyScope === 'global') continue;
      byRole.set(membership.role, byRole.get(membership.role)! + 1);
    }
    const roleCounts = ROLES.map((role) => byRole.get(role)!);
    return [country.iso3, country.name, iscmCounts.get(country.iso3) ?? 0, ...roleCounts];
  });

  return {
    name: 'countries',
    header: ['iso3', 'country', 'iscm_count', ...ROLES],
    rows,
  };
}

/**
 * Builds every table of an as-of export, in the order the files and sheets
 * take: memberships, matrix, themes, changes, annotations, countries.
 */
export function buildExportTables(db: Database.Database, options: AsOfOptions): ExportTable[] {
  const memberships = membershipsAsOf(db, options.asOf);
  const iscmCounts = iscmCountsAsOf(db, options.asOf, options.count);

  return [
    membershipsTable(memberships),
    matrixTable(bodyColumns(db, options.asOf), memberships),
    themesTable(db),
    changesTable(db),
    annotationsTable(db),
    countriesTable(memberships, iscmCounts, options),
  ];
}
