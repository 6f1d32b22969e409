import type Database from 'better-sqlite3';

import { describeKind } from '../../main/contract/kinds.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { findBodyName, findCountryName } from './pair.js';
import { describeRole, replay } from './rules.js';
import type { RecordKind, Role } from './types.js';
import type { TimelineStep } from '../../main/contract/records.js';

const log = createLogger('db/domain/timeline');

interface StepRow {
  seq: number;
  id: string;
  kind: RecordKind;
  body_id: string;
  body_name: string;
  iso3: string;
  country_name: string;
  effective_date: string | null;
  effective_day: string;
  role_after: Role | null;
  source: string;
  baseline_role: Role | null;
}

/** Reads records in force, grouped by pair and ordered within each pair. */
function readPairs(
  db: Database.Database,
  where: { bodyId: string | null; iso3: string | null },
): StepRow[][] {
  const rows = db
    .prepare(
      `SELECT c.seq, c.id, c.kind, c.body_id, b.short_name AS body_name, c.iso3,
              co.name_en AS country_name, c.effective_date, c.effective_day,
              c.role_after, c.source, m.role AS baseline_role
       FROM membership_changes c
       JOIN bodies b ON b.id = c.body_id
       JOIN countries co ON co.iso3 = c.iso3
       LEFT JOIN baseline_memberships m ON m.body_id = c.body_id AND m.iso3 = c.iso3
       WHERE c.reverted_by IS NULL
         AND (@bodyId IS NULL OR c.body_id = @bodyId)
         AND (@iso3 IS NULL OR c.iso3 = @iso3)
       ORDER BY c.body_id, c.iso3, c.effective_day, c.seq`,
    )
    .all(where) as StepRow[];

  const pairs: StepRow[][] = [];
  for (const row of rows) {
    const current = pairs.at(-1);
    if (current && current[0].body_id === row.body_id && current[0].iso3 === row.iso3) {
      current.push(row);
    } else {
      pairs.push([row]);
    }
  }
  return pairs;
}

function toSteps(rows: StepRow[]) {
  return rows.map((row) => ({ kind: row.kind, roleAfter: row.role_after }));
}

/**
 * Lists the records in force of one body or one country, ordered by
 * effective day then recording order, with each pair's role before and
 * after every record.
 */
export function timeline(
  db: Database.Database,
  target: { bodyId: string; iso3?: undefined } | { iso3: string; bodyId?: undefined },
): TimelineStep[] {
  if (target.bodyId === undefined && target.iso3 === undefined) {
    throw new AtlasError('invalid_input', 'Give a body id or a country code.', 'bodyId');
  }
  if (target.bodyId !== undefined) findBodyName(db, target.bodyId);
  if (target.iso3 !== undefined) findCountryName(db, target.iso3);

  const where = {
    bodyId: target.bodyId?.trim() ?? null,
    iso3: target.iso3?.trim().toUpperCase() ?? null,
  };
  const steps: (TimelineStep & { seq: number })[] = [];
  for (const rows of readPairs(db, where)) {
    const result = replay(rows[0].baseline_role, toSteps(rows));
    if (result.violation) {
      log.warn(
        `${rows[0].body_id}/${rows[0].iso3}: record ` +
          `${rows[result.violation.index].id} breaks the table of kinds`,
      );
    }

    result.roles.forEach((roles, index) => {
      const row = rows[index];
      steps.push({
        seq: row.seq,
        id: row.id,
        kind: row.kind,
        bodyId: row.body_id,
        bodyName: row.body_name,
        iso3: row.iso3,
        countryName: row.country_name,
        effectiveDate: row.effective_date,
        effectiveDay: row.effective_day,
        roleBefore: roles.before,
        roleAfter: roles.after,
        source: row.source,
      });
    });
  }

  steps.sort((a, b) => a.effectiveDay.localeCompare(b.effectiveDay) || a.seq - b.seq);
  return steps.map(({ seq: _seq, ...step }) => step);
}

/** A stored record that the table of kinds rejects, or whose role is stale. */
export interface RuleProblem {
  bodyId: string;
  iso3: string;
  recordId: string;
  message: string;
}

/**
 * Replays every pair with records in force and lists the records that
 * break the table of kinds, and reinstated records whose stored role_after
 * differs from the one replay computes. Empty when the log is consistent.
 */
export function findRuleProblems(db: Database.Database): RuleProblem[] {
  const problems: RuleProblem[] = [];
  for (const rows of readPairs(db, { bodyId: null, iso3: null })) {
    const { body_id: bodyId, iso3 } = rows[0];
    const result = replay(rows[0].baseline_role, toSteps(rows));

    if (result.violation) {
      const { index, roleBefore, reason } = result.violation;
      const kind = describeKind(rows[index].kind);
      problems.push({
        bodyId,
        iso3,
        recordId: rows[index].id,
        message: `${kind} from ${describeRole(roleBefore)}: ${reason}`,
      });
    }
    result.roles.forEach((roles, index) => {
      if (rows[index].role_after !== roles.after) {
        problems.push({
          bodyId,
          iso3,
          recordId: rows[index].id,
          message:
            `stored role_after ${rows[index].role_after} differs from ` +
            `the computed ${roles.after}`,
        });
      }
    });
  }
  return problems;
}
