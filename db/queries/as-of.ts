import type Database from 'better-sqlite3';

import type { BodyKind, Membership, Role, Scope } from '../../main/contract/types.js';

/**
 * SQL for every pair (body, country) with a role on the day @asOf: the
 * baseline row unless a record in force replaces it, plus pairs that only
 * records created. A record is in force when it is not reverted and its
 * effective day is on or before @asOf; the last one by (effective_day, seq)
 * decides. Columns: body_id, iso3, role, since, source, source_quote,
 * listed_as_of, note.
 */
export const PAIRS_AS_OF = `
  WITH ranked AS (
    SELECT body_id, iso3, kind, role_after, effective_date, source, note,
           ROW_NUMBER() OVER (
             PARTITION BY body_id, iso3 ORDER BY effective_day DESC, seq DESC
           ) AS rank
    FROM membership_changes
    WHERE reverted_by IS NULL AND effective_day <= @asOf
  ),
  in_force AS (SELECT * FROM ranked WHERE rank = 1),
  pairs AS (
    SELECT m.body_id, m.iso3, m.role, NULL AS since, m.source_url AS source,
           m.source_quote, m.listed_as_of, m.note
    FROM baseline_memberships m
    WHERE NOT EXISTS (
      SELECT 1 FROM in_force f WHERE f.body_id = m.body_id AND f.iso3 = m.iso3
    )
    UNION ALL
    SELECT f.body_id, f.iso3, f.role_after AS role,
           CASE WHEN f.kind = 'correction' THEN NULL ELSE f.effective_date END,
           f.source, '', '', f.note
    FROM in_force f
    WHERE f.role_after IS NOT NULL
  )`;

interface MembershipRow {
  body_id: string;
  short_name: string;
  kind: BodyKind;
  scope: Scope;
  iso3: string;
  country_name: string;
  role: Role;
  since: string | null;
  source: string;
  source_quote: string;
  listed_as_of: string;
  note: string;
}

const MEMBERSHIP_COLUMNS = `
  p.body_id, b.short_name, b.kind, b.scope, p.iso3, c.name_en AS country_name,
  p.role, p.since, p.source, p.source_quote, p.listed_as_of, p.note`;

function toMembership(row: MembershipRow): Membership {
  return {
    bodyId: row.body_id,
    bodyShortName: row.short_name,
    bodyKind: row.kind,
    bodyScope: row.scope,
    iso3: row.iso3,
    countryName: row.country_name,
    role: row.role,
    since: row.since,
    source: row.source,
    sourceQuote: row.source_quote,
    listedAsOf: row.listed_as_of,
    note: row.note,
  };
}

/**
 * Lists the memberships in force on `asOf`, narrowed to one body or one
 * country when given, ordered by body short name then country name.
 */
export function membershipsAsOf(
  db: Database.Database,
  asOf: string,
  where: { bodyId?: string; iso3?: string } = {},
): Membership[] {
  const rows = db
    .prepare(
      `${PAIRS_AS_OF}
       SELECT ${MEMBERSHIP_COLUMNS}
       FROM pairs p
       JOIN bodies b ON b.id = p.body_id
       JOIN countries c ON c.iso3 = p.iso3
       WHERE (@bodyId IS NULL OR p.body_id = @bodyId)
         AND (@iso3 IS NULL OR p.iso3 = @iso3)
       ORDER BY b.short_name COLLATE NOCASE, c.name_en COLLATE NOCASE`,
    )
    .all({
      asOf,
      bodyId: where.bodyId ?? null,
      iso3: where.iso3 ?? null,
    }) as MembershipRow[];

  return rows.map(toMembership);
}

/** The roles that count towards "ISCMs of a country". */
export function countedRoles(includeRoles: readonly Role[]): Role[] {
  return ['member', ...includeRoles.filter((role) => role !== 'member')];
}

/** Returns true if `membership` counts towards the country's ISCM count. */
export function countsTowardsIscms(
  membership: Pick<Membership, 'bodyKind' | 'bodyScope' | 'role'>,
  options: { includeRoles: readonly Role[]; excludeGlobal: boolean },
): boolean {
  if (membership.bodyKind !== 'iscm') return false;
  if (options.excludeGlobal && membership.bodyScope === 'global') return false;
  return countedRoles(options.includeRoles).includes(membership.role);
}
