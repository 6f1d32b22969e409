import type Database from 'better-sqlite3';

import { AtlasError } from '../errors.js';
import {
  MAX_NOTE_LENGTH,
  checkAuthor,
  checkRecordedAt,
  checkSource,
  optionalText,
} from './fields.js';
import { findChange } from './pair.js';
import { findRevert } from './revert.js';
import type { ChangeRecord } from './types.js';
import type { RecordVersion } from '../../main/contract/records.js';


/**
 * Edits the source or note of a change or correction in one transaction:
 * keeps the current version in membership_change_versions and stores the
 * new one as version + 1. Rejects an edit that changes nothing.
 */
export function editRecord(
  db: Database.Database,
  id: string,
  changes: { source?: string | null; note?: string | null },
  context: { author: string; now?: Date },
): ChangeRecord {
  return db.transaction(() => {
    const key = typeof id === 'string' ? id.trim().toLowerCase() : '';
    const record = findChange(db, key);
    if (record === undefined) {
      const isRevert = findRevert(db, key) !== undefined;
      throw new AtlasError(
        isRevert ? 'rule_violation' : 'not_found',
        isRevert
          ? `Record ${key} is a revert; only changes and corrections can be edited.`
          : `No change or correction has the id ${JSON.stringify(id)}.`,
        'id',
      );
    }

    const author = checkAuthor(context.author);
    const source =
      changes.source === undefined || changes.source === null
        ? record.source
        : checkSource(changes.source);
    const note =
      changes.note === undefined || changes.note === null
        ? record.note
        : optionalText(changes.note, 'note', 'note', MAX_NOTE_LENGTH);
    if (source === record.source && note === record.note) {
      throw new AtlasError(
        'invalid_input',
        `The source and note are the same as in version ${record.version} of ` +
          `record ${key}; change at least one of them to save a new version.`,
        'source',
      );
    }

    db.prepare(
      `INSERT INTO membership_change_versions
         (change_id, version, source, note, author, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      key,
      record.version,
      record.source,
      record.note,
      record.editedBy ?? record.author,
      record.editedAt ?? record.recordedAt,
    );
    db.prepare(
      `UPDATE membership_changes
       SET source = ?, note = ?, version = version + 1, edited_by = ?, edited_at = ?
       WHERE id = ?`,
    ).run(source, note, author, checkRecordedAt(undefined, context.now), key);

    return findChange(db, key)!;
  })();
}

/** Lists every version of a change or correction, oldest first. */
export function listRecordVersions(db: Database.Database, id: string): RecordVersion[] {
  const key = id.trim().toLowerCase();
  const record = findChange(db, key);
  if (record === undefined) {
    throw new AtlasError(
      'not_found',
      `No change or correction has the id ${JSON.stringify(id)}.`,
      'id',
    );
  }

  const earlier = db
    .prepare(
      `SELECT version, source, note, author, recorded_at AS recordedAt
       FROM membership_change_versions WHERE change_id = ? ORDER BY version`,
    )
    .all(key) as RecordVersion[];
  const current: RecordVersion = {
    version: record.version,
    source: record.source,
    note: record.note,
    author: record.editedBy ?? record.author,
    recordedAt: record.editedAt ?? record.recordedAt,
  };
  return [...earlier, current];
}
