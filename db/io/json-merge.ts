/**
 * Writing the records of an import file. New records go through the domain
 * functions (recordChange, recordCorrection, revertRecord, addAnnotation),
 * so they meet the same rules as records typed in, and keep their ids,
 * authors and recording times. Later versions are stored as the edit
 * functions store them: the version they replace moves to the versions table.
 */
import type Database from 'better-sqlite3';

import { recordChange } from '../domain/record.js';
import { recordCorrection } from '../domain/correction.js';
import { revertRecord } from '../domain/revert.js';
import { addAnnotation } from '../domain/annotations.js';
import type { AnnotationTarget } from '../domain/types.js';
import { AtlasError } from '../errors.js';
import type { ImportItem } from './json-classify.js';
import type {
  JsonAnnotation,
  JsonAnnotationVersion,
  JsonChange,
  JsonCorrection,
  JsonDocument,
  JsonRecordVersion,
  JsonRevert,
} from './json-format.js';

type Operation =
  | { type: 'change'; record: JsonChange }
  | { type: 'correction'; record: JsonCorrection }
  | { type: 'revert'; record: JsonRevert }
  | { type: 'annotation'; record: JsonAnnotation };

/**
 * Orders the new changes, corrections and reverts by recording time, as
 * they were first recorded, keeping the file's order within each list (the
 * order that decides between changes of one pair on one day). Annotations
 * depend on no record and come last.
 */
export function orderOperations(
  document: JsonDocument,
  isNew: (id: string) => boolean,
): Operation[] {
  const lists: Operation[][] = [
    document.changes.map((record) => ({ type: 'change' as const, record })),
    document.corrections.map((record) => ({ type: 'correction' as const, record })),
    document.reverts.map((record) => ({ type: 'revert' as const, record })),
  ].map((list) => list.filter((operation) => isNew(operation.record.id)));

  const ordered: Operation[] = [];
  const next = lists.map(() => 0);
  for (;;) {
    let earliest = -1;
    lists.forEach((list, index) => {
      const candidate = list[next[index]];
      if (candidate === undefined) return;
      const best = earliest === -1 ? undefined : lists[earliest][next[earliest]];
      if (best === undefined || recordedAtOf(candidate) < recordedAtOf(best)) {
        earliest = index;
      }
    });
    if (earliest === -1) break;
    ordered.push(lists[earliest][next[earliest]]);
    next[earliest] += 1;
  }

  for (const record of document.annotations) {
    if (isNew(record.id)) ordered.push({ type: 'annotation', record });
  }
  return ordered;
}

function recordedAtOf(operation: Operation): string {
  return operation.type === 'annotation'
    ? operation.record.created_at
    : operation.record.recorded_at;
}

interface CurrentRecord {
  version: number;
  source: string;
  note: string;
  author: string;
  recorded_at: string;
  edited_by: string | null;
  edited_at: string | null;
}

/**
 * Stores `later` versions of a change or correction: the current version
 * and every later one but the last move to membership_change_versions, and
 * the last becomes current.
 */
export function storeLaterRecordVersions(
  db: Database.Database,
  id: string,
  later: JsonRecordVersion[],
): void {
  if (later.length === 0) return;
  const current = db
    .prepare(
      `SELECT version, source, note, author, recorded_at, edited_by, edited_at
       FROM membership_changes WHERE id = ?`,
    )
    .get(id) as CurrentRecord;

  const keep = db.prepare(
    `INSERT INTO membership_change_versions
       (change_id, version, source, note, author, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  keep.run(
    id,
    current.version,
    current.source,
    current.note,
    current.edited_by ?? current.author,
    current.edited_at ?? current.recorded_at,
  );
  for (const entry of later.slice(0, -1)) {
    keep.run(id, entry.version, entry.source, entry.note, entry.author, entry.recorded_at);
  }

  const last = later[later.length - 1];
  db.prepare(
    `UPDATE membership_changes
     SET source = ?, note = ?, version = ?, edited_by = ?, edited_at = ?
     WHERE id = ?`,
  ).run(last.source, last.note, last.version, last.author, last.recorded_at, id);
}

interface CurrentAnnotation {
  version: number;
  text: string;
  deleted_at: string | null;
  updated_by: string;
  updated_at: string;
}

/** Stores `later` versions of an annotation, as storeLaterRecordVersions does. */
export function storeLaterAnnotationVersions(
  db: Database.Database,
  id: string,
  later: JsonAnnotationVersion[],
): void {
  if (later.length === 0) return;
  const current = db
    .prepare(
      'SELECT version, text, deleted_at, updated_by, updated_at FROM annotations WHERE id = ?',
    )
    .get(id) as CurrentAnnotation;

  const keep = db.prepare(
    `INSERT INTO annotation_versions
       (annotation_id, version, text, deleted_at, author, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  keep.run(
    id,
    current.version,
    current.text,
    current.deleted_at,
    current.updated_by,
    current.updated_at,
  );
  for (const entry of later.slice(0, -1)) {
    keep.run(id, entry.version, entry.text, entry.deleted_at, entry.author, entry.recorded_at);
  }

  const last = later[later.length - 1];
  db.prepare(
    `UPDATE annotations
     SET text = ?, deleted_at = ?, version = ?, updated_by = ?, updated_at = ?
     WHERE id = ?`,
  ).run(last.text, last.deleted_at, last.version, last.author, last.recorded_at, id);
}

/** Every version of a file's change or correction, oldest first. */
export function recordVersionsOf(record: JsonChange | JsonCorrection): JsonRecordVersion[] {
  return [
    ...record.earlier_versions,
    {
      version: record.version,
      source: record.source,
      note: record.note,
      author: record.edited_by ?? record.author,
      recorded_at: record.edited_at ?? record.recorded_at,
    },
  ];
}

/** Every version of a file's annotation, oldest first. */
export function annotationVersionsOf(annotation: JsonAnnotation): JsonAnnotationVersion[] {
  return [
    ...annotation.earlier_versions,
    {
      version: annotation.version,
      text: annotation.text,
      deleted_at: annotation.deleted_at,
      author: annotation.updated_by,
      recorded_at: annotation.updated_at,
    },
  ];
}

function annotationTarget(annotation: JsonAnnotation): AnnotationTarget {
  switch (annotation.target) {
    case 'membership':
      return { type: 'membership', bodyId: annotation.body_id!, iso3: annotation.iso3! };
    case 'country':
      return { type: 'country', iso3: annotation.iso3! };
    case 'body':
      return { type: 'body', bodyId: annotation.body_id! };
  }
}

/** Adds one new record, with its later versions, in one savepoint. */
function insertOperation(db: Database.Database, operation: Operation, today: string): void {
  db.transaction(() => {
    switch (operation.type) {
      case 'change': {
        const change = operation.record;
        const [first, ...later] = recordVersionsOf(change);
        recordChange(
          db,
          {
            id: change.id,
            bodyId: change.body_id,
            iso3: change.iso3,
            kind: change.kind,
            newRole: change.new_role,
            effectiveDate: change.effective_date,
            announcedDate: change.announced_date,
            source: first.source,
            note: first.note,
            recordedAt: change.recorded_at,
          },
          { today, author: change.author },
        );
        storeLaterRecordVersions(db, change.id, later);
        break;
      }
      case 'correction': {
        const correction = operation.record;
        const [first, ...later] = recordVersionsOf(correction);
        recordCorrection(
          db,
          {
            id: correction.id,
            bodyId: correction.body_id,
            iso3: correction.iso3,
            action: correction.action,
            role: correction.role,
            source: first.source,
            note: first.note,
            recordedAt: correction.recorded_at,
          },
          { author: correction.author },
        );
        storeLaterRecordVersions(db, correction.id, later);
        break;
      }
      case 'revert': {
        const revert = operation.record;
        revertRecord(db, revert.target_id, {
          id: revert.id,
          source: revert.source,
          note: revert.note,
          author: revert.author,
          recordedAt: revert.recorded_at,
        });
        break;
      }
      case 'annotation': {
        const annotation = operation.record;
        const [first, ...later] = annotationVersionsOf(annotation);
        addAnnotation(
          db,
          {
            id: annotation.id,
            target: annotationTarget(annotation),
            text: first.text,
            createdAt: annotation.created_at,
          },
          { author: annotation.author },
        );
        storeLaterAnnotationVersions(db, annotation.id, later);
        break;
      }
    }
  })();
}

/**
 * Adds the new records in order, each in its own savepoint. A record that
 * the rules reject is tried again after the others, in case it depends on
 * a record recorded later, until a round adds nothing. Returns the records
 * that could not be added, with why. Throws any error that is not an
 * AtlasError.
 */
export function insertNewRecords(
  db: Database.Database,
  operations: Operation[],
  today: string,
): Map<string, AtlasError> {
  const failures = new Map<string, AtlasError>();
  let pending = operations;

  for (;;) {
    const failed: Operation[] = [];
    for (const operation of pending) {
      try {
        insertOperation(db, operation, today);
        failures.delete(operation.record.id);
      } catch (error) {
        if (!(error instanceof AtlasError)) throw error;
        failures.set(operation.record.id, error);
        failed.push(operation);
      }
    }
    if (failed.length === 0 || failed.length === pending.length) return failures;
    pending = failed;
  }
}

/**
 * Stores the file's later versions of records classified as updates, and
 * for accepted conflicts, the file's current version as a new version here.
 */
export function storeVersions(
  db: Database.Database,
  document: JsonDocument,
  items: ImportItem[],
  accepted: Set<string>,
): void {
  const byId = new Map(items.map((item) => [item.id, item]));
  const write = (id: string) => {
    const item = byId.get(id);
    if (item === undefined) return null;
    if (item.classification === 'update') return { item, mode: 'update' as const };
    if (item.classification === 'conflict' && accepted.has(id)) {
      return { item, mode: 'accept' as const };
    }
    return null;
  };

  for (const record of [...document.changes, ...document.corrections]) {
    const plan = write(record.id);
    if (plan === null) continue;
    const versions = recordVersionsOf(record);
    const localVersion = plan.item.local!.version;
    if (plan.mode === 'update') {
      storeLaterRecordVersions(
        db,
        record.id,
        versions.filter((entry) => entry.version > localVersion),
      );
    } else {
      const current = versions[versions.length - 1];
      storeLaterRecordVersions(db, record.id, [{ ...current, version: localVersion + 1 }]);
    }
  }

  for (const annotation of document.annotations) {
    const plan = write(annotation.id);
    if (plan === null) continue;
    const versions = annotationVersionsOf(annotation);
    const localVersion = plan.item.local!.version;
    if (plan.mode === 'update') {
      storeLaterAnnotationVersions(
        db,
        annotation.id,
        versions.filter((entry) => entry.version > localVersion),
      );
    } else {
      const current = versions[versions.length - 1];
      storeLaterAnnotationVersions(db, annotation.id, [
        { ...current, version: localVersion + 1 },
      ]);
    }
  }
}
