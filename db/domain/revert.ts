import type Database from 'better-sqlite3';

import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { RecordBatch } from './batch.js';
import {
  MAX_NOTE_LENGTH,
  MAX_SOURCE_LENGTH,
  checkAuthor,
  checkRecordId,
  checkRecordedAt,
  optionalText,
} from './fields.js';
import { describePair, describeRecord } from './pair.js';
import { cachedStatement } from './statements.js';
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
  const row = cachedStatement(db, 'SELECT * FROM membership_reverts WHERE id = ?').get(id) as
    RevertRow | undefined;
  return row && toRevertRecord(row);
}

const INSERT_REVERT = `
  INSERT INTO membership_reverts (id, target_id, source, note, author, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?)`;

/**
 * Checks a revert of a change or correction against the batch and plans
 * it: a revert record, and the target marked as reverted by it; nothing
 * is deleted. Rejects a revert of a revert (record the change again
 * instead), a record already reverted, and a revert after which a later
 * change of the pair would break the table of kinds. A failed check
 * throws an AtlasError and changes nothing.
 */
export function planRevert(
  batch: RecordBatch,
  targetId: string,
  input: RevertInput,
): RevertRecord {
  const id = typeof targetId === 'string' ? targetId.trim().toLowerCase() : '';
  const target = batch.findRecord(id);
  if (target === undefined) {
    if (batch.isRevert(id)) {
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
  batch.checkIdUnused(revert.id);

  const pair = batch.findPair(target.bodyId, target.iso3);
  const history = batch.history(pair);
  const records = history.records.filter((other) => other.id !== id);
  const updates = batch.replaceHistory(history, records, {
    action: () => `revert ${describeRecord(target)} of ${describePair(pair)}`,
    field: 'id',
  });

  batch.plan(INSERT_REVERT, [
    revert.id,
    revert.targetId,
    revert.source,
    revert.note,
    revert.author,
    revert.recordedAt,
  ]);
  batch.plan('UPDATE membership_changes SET reverted_by = ? WHERE id = ?', [revert.id, id]);
  batch.markReverted(target, revert.id);
  batch.planRoleUpdates(updates);
  return revert;
}

/**
 * Reverts a change or correction in one transaction and returns the
 * revert record. The checks are those of planRevert.
 */
export function revertRecord(
  db: Database.Database,
  targetId: string,
  input: RevertInput,
): RevertRecord {
  return db.transaction(() => {
    const batch = new RecordBatch(db);
    const revert = planRevert(batch, targetId, input);
    batch.write();
    log.debug(`reverted ${revert.targetId} by ${revert.id}`);
    return findRevert(db, revert.id)!;
  })();
}
