import type Database from 'better-sqlite3';

import { isCalendarDay } from '../../main/contract/dates.js';
import { AtlasError } from '../errors.js';
import { findBodyName, findCountryName, findPair } from './pair.js';
import {
  CHANGE_KINDS,
  type CorrectionAction,
  type RecordKind,
  type Role,
} from './types.js';
import type { HistoryEntry, HistoryEntryType } from '../../main/contract/records.js';

const HISTORY_KINDS: readonly string[] = [...CHANGE_KINDS, 'correction', 'revert'];

export const DEFAULT_HISTORY_LIMIT = 100;
export const MAX_HISTORY_LIMIT = 1000;

function checkDay(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isCalendarDay(value)) {
    throw new AtlasError(
      'invalid_input',
      `The ${field} ${JSON.stringify(value ?? '')} is not a calendar day; ` +
        'write it as YYYY-MM-DD.',
      field,
    );
  }
  return value;
}

/**
 * Returns a pair's role on `day` (YYYY-MM-DD), or null when it has none.
 * The last record in force on that day by (effective_day, seq) sets it,
 * and the baseline row does when there is no such record.
 */
export function roleAt(
  db: Database.Database,
  bodyId: string,
  iso3: string,
  day: string,
): Role | null {
  const pair = findPair(db, bodyId, iso3);
  checkDay(day, 'day');

  const last = db
    .prepare(
      `SELECT role_after FROM membership_changes
       WHERE body_id = ? AND iso3 = ? AND reverted_by IS NULL AND effective_day <= ?
       ORDER BY effective_day DESC, seq DESC LIMIT 1`,
    )
    .get(pair.bodyId, pair.iso3, day) as { role_after: Role | null } | undefined;
  if (last !== undefined) return last.role_after;

  const baseline = db
    .prepare('SELECT role FROM baseline_memberships WHERE body_id = ? AND iso3 = ?')
    .pluck()
    .get(pair.bodyId, pair.iso3) as Role | undefined;
  return baseline ?? null;
}

export interface HistoryFilter {
  bodyId?: string;
  iso3?: string;
  kind?: RecordKind | 'revert';
  /** First and last effective day, inclusive; a revert counts on its target's day. */
  from?: string;
  to?: string;
  author?: string;
  limit?: number;
  offset?: number;
}

const HISTORY_ENTRIES = `
  WITH entries AS (
    SELECT c.id,
           CASE c.kind WHEN 'correction' THEN 'correction' ELSE 'change' END AS type,
           c.kind, c.body_id, c.iso3, c.role_after, c.correction_action,
           c.effective_date, c.effective_day, c.announced_date, c.source, c.note,
           c.author, c.recorded_at, c.version, c.reverted_by,
           r.recorded_at AS reverted_at, NULL AS reverts_id, c.seq, 0 AS is_revert
    FROM membership_changes c
    LEFT JOIN membership_reverts r ON r.id = c.reverted_by
    UNION ALL
    SELECT r.id, 'revert', 'revert', c.body_id, c.iso3, NULL, NULL,
           c.effective_date, c.effective_day, NULL, r.source, r.note,
           r.author, r.recorded_at, 1, NULL, NULL, r.target_id, r.seq, 1
    FROM membership_reverts r
    JOIN membership_changes c ON c.id = r.target_id
  )
  SELECT e.*, b.short_name AS body_name, co.name_en AS country_name
  FROM entries e
  JOIN bodies b ON b.id = e.body_id
  JOIN countries co ON co.iso3 = e.iso3
  WHERE (@bodyId IS NULL OR e.body_id = @bodyId)
    AND (@iso3 IS NULL OR e.iso3 = @iso3)
    AND (@kind IS NULL OR e.kind = @kind)
    AND (@from IS NULL OR e.effective_day >= @from)
    AND (@to IS NULL OR e.effective_day <= @to)
    AND (@author IS NULL OR e.author = @author COLLATE NOCASE)`;

interface HistoryRow {
  id: string;
  type: HistoryEntryType;
  kind: RecordKind | 'revert';
  body_id: string;
  body_name: string;
  iso3: string;
  country_name: string;
  role_after: Role | null;
  correction_action: CorrectionAction | null;
  effective_date: string | null;
  effective_day: string;
  announced_date: string | null;
  source: string;
  note: string;
  author: string;
  recorded_at: string;
  version: number;
  reverted_by: string | null;
  reverted_at: string | null;
  reverts_id: string | null;
}

function toHistoryEntry(row: HistoryRow): HistoryEntry {
  return {
    id: row.id,
    type: row.type,
    kind: row.kind,
    bodyId: row.body_id,
    bodyName: row.body_name,
    iso3: row.iso3,
    countryName: row.country_name,
    roleAfter: row.role_after,
    correctionAction: row.correction_action,
    effectiveDate: row.effective_date,
    effectiveDay: row.effective_day,
    announcedDate: row.announced_date,
    source: row.source,
    note: row.note,
    author: row.author,
    recordedAt: row.recorded_at,
    version: row.version,
    revertedBy: row.reverted_by,
    revertedAt: row.reverted_at,
    revertsId: row.reverts_id,
  };
}

function checkPage(
  value: number | undefined,
  field: string,
  fallback: number,
  max: number,
) {
  const page = value ?? fallback;
  if (!Number.isInteger(page) || page < 0 || page > max) {
    throw new AtlasError(
      'invalid_input',
      `The ${field} ${String(value)} must be a whole number from 0 to ${max}.`,
      field,
    );
  }
  return page;
}

/**
 * Lists the change log of changes, corrections and reverts, newest effective
 * day first, with each revert next to the record it cancels. Also returns
 * the total count matching the filter, for paging.
 */
export function listHistory(
  db: Database.Database,
  filter: HistoryFilter = {},
): { total: number; entries: HistoryEntry[] } {
  const limit = checkPage(
    filter.limit,
    'limit',
    DEFAULT_HISTORY_LIMIT,
    MAX_HISTORY_LIMIT,
  );
  const offset = checkPage(filter.offset, 'offset', 0, Number.MAX_SAFE_INTEGER);
  if (filter.bodyId !== undefined) findBodyName(db, filter.bodyId);
  if (filter.iso3 !== undefined) findCountryName(db, filter.iso3);
  if (filter.kind !== undefined && !HISTORY_KINDS.includes(filter.kind)) {
    throw new AtlasError(
      'invalid_input',
      `The kind ${JSON.stringify(filter.kind)} is unknown; use one of ` +
        `${HISTORY_KINDS.join(', ')}.`,
      'kind',
    );
  }

  const parameters = {
    bodyId: filter.bodyId?.trim() ?? null,
    iso3: filter.iso3?.trim().toUpperCase() ?? null,
    kind: filter.kind ?? null,
    from: filter.from === undefined ? null : checkDay(filter.from, 'from'),
    to: filter.to === undefined ? null : checkDay(filter.to, 'to'),
    author: filter.author?.trim() || null,
  };

  const total = db
    .prepare(`SELECT count(*) FROM (${HISTORY_ENTRIES})`)
    .pluck()
    .get(parameters) as number;
  const rows = db
    .prepare(
      `${HISTORY_ENTRIES}
       ORDER BY e.effective_day DESC, e.recorded_at DESC, e.is_revert DESC, e.seq DESC
       LIMIT @limit OFFSET @offset`,
    )
    .all({ ...parameters, limit, offset }) as HistoryRow[];
  return { total, entries: rows.map(toHistoryEntry) };
}
