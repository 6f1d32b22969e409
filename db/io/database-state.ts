import type Database from 'better-sqlite3';

import { cachedStatement } from '../domain/statements.js';

/**
 * Returns a fingerprint of the records stored: counts, highest sequence
 * numbers and version sums of the record tables, and the baseline's row
 * count. Every write of the domain functions changes it, because they
 * only add rows, add versions and set columns alongside those. Imports
 * compare it to tell whether a plan made earlier still holds.
 */
export function databaseState(db: Database.Database): string {
  return cachedStatement(
    db,
    `SELECT (SELECT count(*) || ':' || coalesce(max(seq), 0) || ':' ||
                    coalesce(sum(version), 0) FROM membership_changes)
         || '|' || (SELECT count(*) || ':' || coalesce(max(seq), 0)
                    FROM membership_reverts)
         || '|' || (SELECT count(*) || ':' || coalesce(max(seq), 0) || ':' ||
                    coalesce(sum(version), 0) FROM annotations)
         || '|' || (SELECT count(*) FROM baseline_memberships)`,
    'pluck',
  ).get() as string;
}
