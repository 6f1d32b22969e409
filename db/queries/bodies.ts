import type Database from 'better-sqlite3';

import type {
  BodyDetail,
  BodyKind,
  BodySummary,
  BodyTheme,
  Organization,
} from '../../main/contract/types.js';
import { PAIRS_AS_OF, pairsParameters } from './as-of.js';
import { listingOf } from './themes.js';

interface BodyRow {
  id: string;
  kind: BodyKind;
  short_name: string;
  name: string;
  scope: BodySummary['scope'];
  region: string;
  established: string;
  secretariat: string;
  website: string;
  source_url: string;
  membership_confidence: BodySummary['confidence'];
  membership_note: string;
  member_count: number;
  country_count: number;
}

const BODY_SELECT = `
  ${PAIRS_AS_OF},
  counts AS (
    SELECT body_id,
           sum(role = 'member') AS member_count,
           count(*) AS country_count
    FROM pairs GROUP BY body_id
  )
  SELECT b.*, coalesce(n.member_count, 0) AS member_count,
         coalesce(n.country_count, 0) AS country_count
  FROM bodies b LEFT JOIN counts n ON n.body_id = b.id`;

function toDetail(row: BodyRow): BodyDetail {
  return {
    id: row.id,
    kind: row.kind,
    shortName: row.short_name,
    name: row.name,
    scope: row.scope,
    region: row.region,
    confidence: row.membership_confidence,
    memberCount: row.member_count,
    countryCount: row.country_count,
    established: row.established,
    secretariat: row.secretariat,
    website: row.website,
    sourceUrl: row.source_url,
    membershipNote: row.membership_note,
  };
}

function toSummary(row: BodyRow): BodySummary {
  const { established, secretariat, website, sourceUrl, membershipNote, ...summary } =
    toDetail(row);
  return summary;
}

/** Lists bodies, of one kind when given, by short name. */
export function listBodies(
  db: Database.Database,
  asOf: string,
  kind?: BodyKind,
): BodySummary[] {
  const rows = db
    .prepare(
      `${BODY_SELECT}
       WHERE @kind IS NULL OR b.kind = @kind
       ORDER BY b.short_name COLLATE NOCASE`,
    )
    .all({ ...pairsParameters(asOf), kind: kind ?? null }) as BodyRow[];
  return rows.map(toSummary);
}

/** Returns one body's details with its counts as of `asOf`, or undefined. */
export function findBody(
  db: Database.Database,
  asOf: string,
  id: string,
): BodyDetail | undefined {
  const row = db
    .prepare(`${BODY_SELECT} WHERE b.id = @id`)
    .get({ ...pairsParameters(asOf, { bodyId: id }), id }) as BodyRow | undefined;
  return row && toDetail(row);
}

/** Lists the themes of one ISCM with the tables that list each pair. */
export function bodyThemes(db: Database.Database, bodyId: string): BodyTheme[] {
  const rows = db
    .prepare(
      `SELECT t.id, t.name, bt.in_table_by_area, bt.in_table_by_iscm
       FROM body_themes bt JOIN themes t ON t.id = bt.theme_id
       WHERE bt.body_id = ?
       ORDER BY t.name COLLATE NOCASE`,
    )
    .all(bodyId) as {
    id: string;
    name: string;
    in_table_by_area: number;
    in_table_by_iscm: number;
  }[];

  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    listing: listingOf(row.in_table_by_area, row.in_table_by_iscm),
  }));
}

/** Lists the organizations (EU, IOM, …) that take part in one body. */
export function bodyOrganizations(
  db: Database.Database,
  bodyId: string,
): Organization[] {
  return db
    .prepare(
      `SELECT name, role, source_url AS sourceUrl, source_quote AS sourceQuote
       FROM organizations WHERE body_id = ? ORDER BY name COLLATE NOCASE`,
    )
    .all(bodyId) as Organization[];
}
