import type Database from 'better-sqlite3';

import type { BodyKind, Membership, Role, Scope } from '../../main/contract/types.js';

/**
 * SQL for every pair (body, country) with a role on the day @asOf. @bodyId
 * and @iso3 narrow it to one body or one country unless they are NULL. A
 * pair's row is its baseline row unless a record in force replaces it, and
 * pairs that only records created are included. A record is in force when
 * it is not reverted and its effective day is on or before @asOf. The last
 * record in force by (effective_day, seq) decides. Columns: body_id, iso3, role, since, source, source_quote,
 * listed_as_of, note. Bind the parameters with pairsParameters().
 */
export const PAIRS_AS_OF = `
  WITH touched AS (
    SELECT body_id, iso3 FROM baseline_memberships
    WHERE (@bodyId IS NULL OR body_id = @bodyId) AND (@iso3 IS NULL OR iso3 = @iso3)
    UNION
    SELECT DISTINCT body_id, iso3 FROM membership_changes
    WHERE (@bodyId IS NULL OR body_id = @bodyId) AND (@iso3 IS NULL OR iso3 = @iso3)
  ),
  latest AS (
    SELECT t.body_id, t.iso3,
           (SELECT c.seq FROM membership_changes c
            WHERE c.body_id = t.body_id AND c.iso3 = t.iso3
              AND c.reverted_by IS NULL AND c.effective_day <= @asOf
            ORDER BY c.effective_day DESC, c.seq DESC
            LIMIT 1) AS seq
    FROM touched t
  ),
  pairs AS (
    SELECT m.body_id, m.iso3, m.role, NULL AS since, m.source_url AS source,
           m.source_quote, m.listed_as_of, m.note
    FROM latest l
    JOIN baseline_memberships m ON m.body_id = l.body_id AND m.iso3 = l.iso3
    WHERE l.seq IS NULL
    UNION ALL
    SELECT c.body_id, c.iso3, c.role_after AS role,
           CASE WHEN c.kind = 'correction' THEN NULL ELSE c.effective_date END,
           c.source, '', '', c.note
    FROM latest l
    JOIN membership_changes c ON c.seq = l.seq
    WHERE c.role_after IS NOT NULL
  )`;

/** Builds the named parameters of PAIRS_AS_OF; null leaves a filter off. */
export function pairsParameters(
  asOf: string,
  where: { bodyId?: string | null; iso3?: string | null } = {},
): { asOf: string; bodyId: string | null; iso3: string | null } {
  return { asOf, bodyId: where.bodyId ?? null, iso3: where.iso3 ?? null };
}

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
       ORDER BY b.short_name COLLATE NOCASE, c.name_en COLLATE NOCASE`,
    )
    .all(pairsParameters(asOf, where)) as MembershipRow[];

  return rows.map(toMembership);
}

/** Lists the roles that count towards "ISCMs of a country". */
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
