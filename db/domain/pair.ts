import type Database from 'better-sqlite3';

import { describeKind } from '../../main/contract/kinds.js';
import { AtlasError } from '../errors.js';
import { type PairState, describeRole, replay } from './rules.js';
import { cachedStatement } from './statements.js';
import type { ChangeRecord, CorrectionAction, RecordKind, Role } from './types.js';

/** A body and a country, with the names messages show. */
export interface Pair {
  bodyId: string;
  iso3: string;
  bodyName: string;
  countryName: string;
}

/** Writes a pair as messages show it: "Mali (MLI) in AU". */
export function describePair(pair: Pair): string {
  return `${pair.countryName} (${pair.iso3}) in ${pair.bodyName}`;
}

/** Returns a body's short name; throws not_found when the id is unknown. */
export function findBodyName(db: Database.Database, bodyId: unknown): string {
  const body = typeof bodyId === 'string' ? bodyId.trim() : '';
  const sql = 'SELECT short_name FROM bodies WHERE id = ?';
  const name = cachedStatement(db, sql, 'pluck').get(body) as string | undefined;
  if (name === undefined) {
    throw new AtlasError(
      'not_found',
      `No body has the id ${JSON.stringify(bodyId ?? '')}; use an id from ` +
        'the list of bodies, such as "au" or "ecowas".',
      'bodyId',
    );
  }
  return name;
}

/**
 * Returns a country's English name; throws not_found when the code is
 * unknown. The code is trimmed and upper-cased first.
 */
export function findCountryName(db: Database.Database, iso3: unknown): string {
  const code = normaliseIso3(iso3);
  const sql = 'SELECT name_en FROM countries WHERE iso3 = ?';
  const name = cachedStatement(db, sql, 'pluck').get(code) as string | undefined;
  if (name === undefined) {
    throw new AtlasError(
      'not_found',
      `No country has the ISO 3166-1 alpha-3 code ${JSON.stringify(iso3 ?? '')}; ` +
        'use a code such as "MLI" (Kosovo is "XKX").',
      'iso3',
    );
  }
  return name;
}

function normaliseIso3(iso3: unknown): string {
  return typeof iso3 === 'string' ? iso3.trim().toUpperCase() : '';
}

/**
 * Looks up a body and a country; throws not_found naming the body when
 * both are unknown.
 */
export function findPair(db: Database.Database, bodyId: unknown, iso3: unknown): Pair {
  const bodyName = findBodyName(db, bodyId);
  const countryName = findCountryName(db, iso3);
  return {
    bodyId: (bodyId as string).trim(),
    iso3: normaliseIso3(iso3),
    bodyName,
    countryName,
  };
}

/** Returns the pair's role in the 2020 baseline, or null when it has none. */
export function baselineRole(db: Database.Database, pair: Pair): Role | null {
  const role = cachedStatement(
    db,
    'SELECT role FROM baseline_memberships WHERE body_id = ? AND iso3 = ?',
    'pluck',
  ).get(pair.bodyId, pair.iso3) as Role | undefined;
  return role ?? null;
}

interface ChangeRow {
  seq: number;
  id: string;
  body_id: string;
  iso3: string;
  kind: RecordKind;
  role_after: Role | null;
  effective_date: string | null;
  effective_day: string;
  announced_date: string | null;
  correction_action: CorrectionAction | null;
  source: string;
  note: string;
  author: string;
  recorded_at: string;
  version: number;
  edited_by: string | null;
  edited_at: string | null;
  reverted_by: string | null;
}

/** Converts a membership_changes row to a ChangeRecord. */
export function toChangeRecord(row: ChangeRow): ChangeRecord {
  return {
    seq: row.seq,
    id: row.id,
    bodyId: row.body_id,
    iso3: row.iso3,
    kind: row.kind,
    roleAfter: row.role_after,
    effectiveDate: row.effective_date,
    effectiveDay: row.effective_day,
    announcedDate: row.announced_date,
    correctionAction: row.correction_action,
    source: row.source,
    note: row.note,
    author: row.author,
    recordedAt: row.recorded_at,
    version: row.version,
    editedBy: row.edited_by,
    editedAt: row.edited_at,
    revertedBy: row.reverted_by,
  };
}

/** Returns the record with this id, or undefined. */
export function findChange(db: Database.Database, id: string): ChangeRecord | undefined {
  const row = cachedStatement(db, 'SELECT * FROM membership_changes WHERE id = ?').get(id) as
    ChangeRow | undefined;
  return row && toChangeRecord(row);
}

/** Returns the pair's records in force, ordered by (effective_day, seq). */
export function recordsInForce(db: Database.Database, pair: Pair): ChangeRecord[] {
  const rows = cachedStatement(
    db,
    `SELECT * FROM membership_changes
     WHERE body_id = ? AND iso3 = ? AND reverted_by IS NULL
     ORDER BY effective_day, seq`,
  ).all(pair.bodyId, pair.iso3) as ChangeRow[];
  return rows.map(toChangeRecord);
}

/** Writes a record as messages show it: its kind, date and id. */
export function describeRecord(record: ChangeRecord): string {
  const when =
    record.kind === 'correction'
      ? 'the baseline correction'
      : `the change ${describeKind(record.kind)} dated ${record.effectiveDate}`;
  return `${when} (id ${record.id})`;
}

/** A record whose role_after a replay computed differently from the stored one. */
export interface RoleUpdate {
  id: string;
  roleAfter: Role | null;
}

/** Reports a violation at the record being written, with its own message. */
export type RejectCandidate = (
  roleBefore: Role | null,
  reason: string,
  alternative: string,
) => never;

/** The pair and the write of a history check, which its messages name. */
export interface HistoryCheck {
  pair: Pair;
  baselineRole: Role | null;
  candidate?: ChangeRecord;
  rejectCandidate?: RejectCandidate;
  /** Describes the write for a message; called only when one is needed. */
  action: () => string;
  field: string;
}

/**
 * Replays `records` (the pair's records in force, with any new record in
 * its place) and throws rule_violation when one breaks the table of kinds.
 * `rejectCandidate` reports a violation at `candidate`. Any other violation
 * is at a later record that the write would break, and the message names
 * the write with `action`, such as "revert the change …". With `start`,
 * `records` continue a history that replays cleanly and ends in that
 * state. Returns the reinstated records whose role_after changes, and the
 * state after the last record.
 */
export function checkHistory(
  options: HistoryCheck & { records: readonly ChangeRecord[]; start?: PairState },
): { updates: RoleUpdate[]; final: PairState } {
  const { pair, records } = options;
  const result = replay(options.baselineRole, records, options.start);

  const violation = result.violation;
  if (violation) {
    const record = records[violation.index];
    if (record === options.candidate && options.rejectCandidate) {
      options.rejectCandidate(
        violation.roleBefore,
        violation.reason,
        violation.alternative,
      );
    }
    throw new AtlasError(
      'rule_violation',
      `Cannot ${options.action()}: afterwards ${describePair(pair)} would have ` +
        `${describeRole(violation.roleBefore)} before ${describeRecord(record)}, ` +
        `and ${violation.reason}. Revert or correct that later change first.`,
      options.field,
    );
  }

  const updates: RoleUpdate[] = [];
  records.forEach((record, index) => {
    const roleAfter = result.roles[index].after;
    if (record.kind === 'reinstated' && record.roleAfter !== roleAfter) {
      updates.push({ id: record.id, roleAfter });
    }
  });
  return { updates, final: result.final };
}
