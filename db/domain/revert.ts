import type Database from 'better-sqlite3';

import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import {
  MAX_NOTE_LENGTH,
  MAX_SOURCE_LENGTH,
  checkAuthor,
  checkIdUnused,
  checkRecordId,
  checkRecordedAt,
  optionalText,
} from './fields.js';
import {
  baselineRole,
  checkHistory,
  describePair,
  describeRecord,
  findChange,
  findPair,
  recordsInForce,
  saveRoleUpdates,
} from './pair.js';
import type { RevertRecord } from './types.js';

const log = createLogger('db/domain/revert');

export interface RevertInput {
  /** Optional: why the record is cancelled, as a URL or reference. */
  source?: string | null;
  note?: string | null;
  author: string;
  now?: Date;
  /** The revert's UUID when an import brings one. */
  id?: string | null;
  recordedAt?: string | null;
}

interface RevertRow {
  seq: number;
  id: string;
  target_id: string;
  source: string;
  note: string;
  author: string;
  recorded_at: string;
}

function toRevertRecord(row: RevertRow): RevertRecord {
  return {
    seq: row.seq,
    id: row.id,
    targetId: row.target_id,
    source: row.source,
    note: row.note,
    author: row.author,
    recordedAt: row.recorded_at,
  };
}

/** Returns the revert with this id, or undefined. */
export function findRevert(db: Database.Database, id: string): RevertRecord | undefined {
  const row = db.prepare('SELECT * FROM membership_reverts WHERE id = ?').get(id) as
    RevertRow | undefined;
  return row && toRevertRecord(row);
}

/**
 * Reverts a change or correction in one transaction: stores a revert record
 * and marks the target as reverted by it; nothing is deleted. Rejects a
 * revert of a revert (record the change again instead), a record already
 * reverted, and a revert after which a later change of the pair would
 * break the table of kinds.
 */
export function revertRecord(
  db: Database.Database,
  targetId: string,
  input: RevertInput,
): RevertRecord {
  return db.transaction(() => {
    const id = typeof targetId === 'string' ? targetId.trim().toLowerCase() : '';
    const target = findChange(db, id);
    if (target === undefined) {
      if (findRevert(db, id)) {
        throw new AtlasError(
          'rule_violation',
          `Record ${id} is a revert, and a revert cannot be reverted. To ` +
            'bring back the record it cancelled, record that change or ' +
            'correction again.',
          'id',
        );
      }
      throw new AtlasError(
        'not_found',
        `No change or correction has the id ${JSON.stringify(targetId)}.`,
        'id',
      );
    }
    if (target.revertedBy !== null) {
      throw new AtlasError(
        'conflict',
        `Record ${id} is already reverted by ${target.revertedBy}; a record ` +
          'can be reverted once.',
        'id',
      );
    }

    const revert: RevertRecord = {
      seq: 0,
      id: checkRecordId(input.id),
      targetId: id,
      source: optionalText(input.source, 'source', 'source', MAX_SOURCE_LENGTH),
      note: optionalText(input.note, 'note', 'note', MAX_NOTE_LENGTH),
      author: checkAuthor(input.author),
      recordedAt: checkRecordedAt(input.recordedAt, input.now),
    };
    checkIdUnused(db, revert.id);

    const pair = findPair(db, target.bodyId, target.iso3);
    const records = recordsInForce(db, pair).filter((other) => other.id !== id);
    const updates = checkHistory({
      pair,
      baselineRole: baselineRole(db, pair),
      records,
      action: `revert ${describeRecord(target)} of ${describePair(pair)}`,
      field: 'id',
    });

    db.prepare(
      `INSERT INTO membership_reverts (id, target_id, source, note, author, recorded_at)
       VALUES (@id, @targetId, @source, @note, @author, @recordedAt)`,
    ).run(revert);
    db.prepare('UPDATE membership_changes SET reverted_by = ? WHERE id = ?').run(
      revert.id,
      id,
    );
    saveRoleUpdates(db, updates);
    log.debug(
      `reverted ${id} by ${revert.id}, ${updates.length} reinstatements recomputed`,
    );
    return findRevert(db, revert.id)!;
  })();
}
