import type Database from 'better-sqlite3';

import type { CountOptions, MapCountry, Role } from '../../main/contract/types.js';
import { countedRoles, PAIRS_AS_OF, pairsParameters } from './as-of.js';

/** Order in which one country's roles over several bodies are reduced to one. */
const ROLE_PRECEDENCE: Role[] = [
  'member',
  'associate',
  'observer',
  'participant',
  'suspended',
];

/** Returns the highest role by ROLE_PRECEDENCE. */
export function strongestRole(roles: Iterable<Role>): Role | null {
  let best: Role | null = null;
  for (const role of roles) {
    if (best === null || ROLE_PRECEDENCE.indexOf(role) < ROLE_PRECEDENCE.indexOf(best)) {
      best = role;
    }
  }
  return best;
}

/** Counts, for each country, the ISCMs it takes part in under `options`. */
export function iscmCountsAsOf(
  db: Database.Database,
  asOf: string,
  options: CountOptions,
): Map<string, number> {
  const rows = db
    .prepare(
      `${PAIRS_AS_OF}
       SELECT p.iso3, count(*) AS iscm_count
       FROM pairs p
       JOIN bodies b ON b.id = p.body_id
       WHERE b.kind = 'iscm'
         AND p.role IN (SELECT value FROM json_each(@roles))
         AND (@excludeGlobal = 0 OR b.scope <> 'global')
       GROUP BY p.iso3`,
    )
    .all({
      ...pairsParameters(asOf),
      roles: JSON.stringify(countedRoles(options.includeRoles)),
      excludeGlobal: options.excludeGlobal ? 1 : 0,
    }) as { iso3: string; iscm_count: number }[];

  return new Map(rows.map((row) => [row.iso3, row.iscm_count]));
}

/**
 * Returns each country's role in the body, or for a theme the strongest
 * role over the ISCMs that list the theme in either of IOM's tables.
 */
export function highlightedRolesAsOf(
  db: Database.Database,
  asOf: string,
  filter: { type: 'body' | 'theme'; id: string },
): Map<string, Role> {
  const bodyCondition =
    filter.type === 'body'
      ? 'p.body_id = @id'
      : 'p.body_id IN (SELECT body_id FROM body_themes WHERE theme_id = @id)';

  const rows = db
    .prepare(
      `${PAIRS_AS_OF}
       SELECT p.iso3, p.role FROM pairs p WHERE ${bodyCondition}`,
    )
    .all({
      ...pairsParameters(asOf, { bodyId: filter.type === 'body' ? filter.id : null }),
      id: filter.id,
    }) as { iso3: string; role: Role }[];

  const rolesByCountry = new Map<string, Role[]>();
  for (const row of rows) {
    const roles = rolesByCountry.get(row.iso3) ?? [];
    roles.push(row.role);
    rolesByCountry.set(row.iso3, roles);
  }

  const highlighted = new Map<string, Role>();
  for (const [iso3, roles] of rolesByCountry) {
    highlighted.set(iso3, strongestRole(roles)!);
  }
  return highlighted;
}

/** Merges counts and highlights into the rows the map draws. */
export function mapCountries(
  counts: Map<string, number>,
  highlighted: Map<string, Role>,
): MapCountry[] {
  const codes = new Set([...counts.keys(), ...highlighted.keys()]);
  return [...codes].sort().map((iso3) => ({
    iso3,
    iscmCount: counts.get(iso3) ?? 0,
    highlight: highlighted.get(iso3) ?? null,
  }));
}
