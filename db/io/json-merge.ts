/**
 * Writing the records of an import file. New records are checked by the
 * domain's planning functions (planChange, planCorrection, planRevert,
 * planAnnotation) in one batch, so they meet the same rules as records
 * typed in, and keep their ids, authors and recording times. Later
 * versions are stored as the edit functions store them: the version they
 * replace moves to the versions table.
 */
import type Database from 'better-sqlite3';

import { planAnnotation } from '../domain/annotations.js';
import { type PlannedWrite, RecordBatch, writePlanned } from '../domain/batch.js';
import { planCorrection } from '../domain/correction.js';
import { findRecordedChange, planChange } from '../domain/record.js';
import { planRevert } from '../domain/revert.js';
import { cachedStatement } from '../domain/statements.js';
import type { AnnotationTarget, ChangeRecord } from '../domain/types.js';
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
    let best: Operation | undefined;
    for (let index = 0; index < lists.length; index++) {
      const candidate = lists[index][next[index]];
      if (candidate === undefined) continue;
      if (best === undefined || recordedAtOf(candidate) < recordedAtOf(best)) {
        earliest = index;
        best = candidate;
      }
    }
    if (best === undefined) break;
    ordered.push(best);
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

/** The current version of a change or correction, as stored. */
interface CurrentRecord {
  version: number;
  source: string;
  note: string;
  author: string;
  recorded_at: string;
  edited_by: string | null;
  edited_at: string | null;
}

const KEEP_RECORD_VERSION = `
  INSERT INTO membership_change_versions
    (change_id, version, source, note, author, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?)`;

const SET_RECORD_VERSION = `
  UPDATE membership_changes
  SET source = ?, note = ?, version = ?, edited_by = ?, edited_at = ?
  WHERE id = ?`;

/**
 * Returns the writes that store `later` versions of a change or correction
 * whose current version is `current`: the current version and every later
 * one but the last move to membership_change_versions, and the last
 * becomes current.
 */
function laterRecordVersionWrites(
  id: string,
  current: CurrentRecord,
  later: JsonRecordVersion[],
): PlannedWrite[] {
  if (later.length === 0) return [];

  const writes: PlannedWrite[] = [
    {
      sql: KEEP_RECORD_VERSION,
      parameters: [
        id,
        current.version,
        current.source,
        current.note,
        current.edited_by ?? current.author,
        current.edited_at ?? current.recorded_at,
      ],
    },
  ];
  for (const entry of later.slice(0, -1)) {
    writes.push({
      sql: KEEP_RECORD_VERSION,
      parameters: [id, entry.version, entry.source, entry.note, entry.author, entry.recorded_at],
    });
  }

  const last = later[later.length - 1];
  writes.push({
    sql: SET_RECORD_VERSION,
    parameters: [last.source, last.note, last.version, last.author, last.recorded_at, id],
  });
  return writes;
}

/** Stores `later` versions of a stored change or correction. */
export function storeLaterRecordVersions(
  db: Database.Database,
  id: string,
  later: JsonRecordVersion[],
): void {
  if (later.length === 0) return;
  const current = cachedStatement(
    db,
    `SELECT version, source, note, author, recorded_at, edited_by, edited_at
     FROM membership_changes WHERE id = ?`,
  ).get(id) as CurrentRecord;
  writePlanned(db, laterRecordVersionWrites(id, current, later));
}

/** The current version of an annotation, as stored. */
interface CurrentAnnotation {
  version: number;
  text: string;
  deleted_at: string | null;
  updated_by: string;
  updated_at: string;
}

const KEEP_ANNOTATION_VERSION = `
  INSERT INTO annotation_versions
    (annotation_id, version, text, deleted_at, author, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?)`;

const SET_ANNOTATION_VERSION = `
  UPDATE annotations
  SET text = ?, deleted_at = ?, version = ?, updated_by = ?, updated_at = ?
  WHERE id = ?`;

/** Returns the writes that store `later` versions of an annotation. */
function laterAnnotationVersionWrites(
  id: string,
  current: CurrentAnnotation,
  later: JsonAnnotationVersion[],
): PlannedWrite[] {
  if (later.length === 0) return [];

  const writes: PlannedWrite[] = [
    {
      sql: KEEP_ANNOTATION_VERSION,
      parameters: [
        id,
        current.version,
        current.text,
        current.deleted_at,
        current.updated_by,
        current.updated_at,
      ],
    },
  ];
  for (const entry of later.slice(0, -1)) {
    writes.push({
      sql: KEEP_ANNOTATION_VERSION,
      parameters: [id, entry.version, entry.text, entry.deleted_at, entry.author, entry.recorded_at],
    });
  }

  const last = later[later.length - 1];
  writes.push({
    sql: SET_ANNOTATION_VERSION,
    parameters: [last.text, last.deleted_at, last.version, last.author, last.recorded_at, id],
  });
  return writes;
}

/** Stores `later` versions of a stored annotation, as storeLaterRecordVersions does. */
export function storeLaterAnnotationVersions(
  db: Database.Database,
  id: string,
  later: JsonAnnotationVersion[],
): void {
  if (later.length === 0) return;
  const current = cachedStatement(
    db,
    'SELECT version, text, deleted_at, updated_by, updated_at FROM annotations WHERE id = ?',
  ).get(id) as CurrentAnnotation;
  writePlanned(db, laterAnnotationVersionWrites(id, current, later));
}

/**
 * Splits a file's change or correction into its first version and the
 * later ones. Most records have one version, and making no arrays for
 * them saved time on imports of 100,000 changes.
 */
function splitVersions(record: JsonChange | JsonCorrection): {
  first: { source: string; note: string };
  later: JsonRecordVersion[];
} {
  if (record.earlier_versions.length === 0) return { first: record, later: [] };
  const [first, ...later] = recordVersionsOf(record);
  return { first, later };
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

function planWrites(batch: RecordBatch, writes: PlannedWrite[]): void {
  for (const { sql, parameters } of writes) batch.plan(sql, parameters);
}

/**
 * Plans one new record with its later versions. A record the rules reject
 * throws an AtlasError and leaves the batch unchanged.
 */
function planOperation(batch: RecordBatch, operation: Operation, today: string): void {
  switch (operation.type) {
    case 'change': {
      const change = operation.record;
      const { first, later } = splitVersions(change);
      const record = planChange(
        batch,
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
      if (later.length > 0) {
        planWrites(batch, laterRecordVersionWrites(record.id, firstVersionOf(record), later));
      }
      break;
    }
    case 'correction': {
      const correction = operation.record;
      const { first, later } = splitVersions(correction);
      const record = planCorrection(
        batch,
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
      planWrites(batch, laterRecordVersionWrites(record.id, firstVersionOf(record), later));
      break;
    }
    case 'revert': {
      const revert = operation.record;
      planRevert(batch, revert.target_id, {
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
      const added = planAnnotation(
        batch,
        {
          id: annotation.id,
          target: annotationTarget(annotation),
          text: first.text,
          createdAt: annotation.created_at,
        },
        { author: annotation.author },
      );
      const current: CurrentAnnotation = {
        version: added.version,
        text: added.text,
        deleted_at: added.deletedAt,
        updated_by: added.updatedBy,
        updated_at: added.updatedAt,
      };
      planWrites(batch, laterAnnotationVersionWrites(added.id, current, later));
      break;
    }
  }
}

/** The stored version of a record just planned: its first version. */
function firstVersionOf(record: {
  version: number;
  source: string;
  note: string;
  author: string;
  recordedAt: string;
}): CurrentRecord {
  return {
    version: record.version,
    source: record.source,
    note: record.note,
    author: record.author,
    recorded_at: record.recordedAt,
    edited_by: null,
    edited_at: null,
  };
}

/** The writes that add an import's new records, and the records rejected. */
export interface NewRecordsPlan {
  writes: PlannedWrite[];
  /** Records that cannot be added, by id, with why. */
  failures: Map<string, AtlasError>;
  /**
   * New changes that repeat a stored change under another id (the same
   * pair, kind and date), by id, with the stored change; they are skipped.
   */
  repeats: Map<string, ChangeRecord>;
}

/** Returns the stored change that a file's change repeats under another id, if any. */
function recordedChangeOf(batch: RecordBatch, change: JsonChange): ChangeRecord | undefined {
  return findRecordedChange(batch, {
    bodyId: change.body_id,
    iso3: change.iso3,
    kind: change.kind,
    newRole: change.new_role,
    effectiveDate: change.effective_date,
    source: change.source,
  });
}

/**
 * Checks the new records in order and plans their writes, without writing.
 * A record that the rules reject is tried again after the others, in case
 * it depends on a record recorded later, until a round adds nothing.
 * Throws any error that is not an AtlasError. The plan holds only while
 * the stored records stay as they are.
 */
export function planNewRecords(
  db: Database.Database,
  operations: Operation[],
  today: string,
): NewRecordsPlan {
  const batch = new RecordBatch(db);
  batch.readStoredIds();
  const failures = new Map<string, AtlasError>();
  const repeats = new Map<string, ChangeRecord>();
  let pending = operations;

  for (;;) {
    const failed: Operation[] = [];
    for (const operation of pending) {
      const recorded =
        operation.type === 'change' ? recordedChangeOf(batch, operation.record) : undefined;
      if (recorded !== undefined) {
        repeats.set(operation.record.id, recorded);
        failures.delete(operation.record.id);
        continue;
      }
      try {
        planOperation(batch, operation, today);
        failures.delete(operation.record.id);
      } catch (error) {
        if (!(error instanceof AtlasError)) throw error;
        failures.set(operation.record.id, error);
        failed.push(operation);
      }
    }
    if (failed.length === 0 || failed.length === pending.length) {
      return { writes: batch.takeWrites(), failures, repeats };
    }
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
  // Only updates and accepted conflicts store versions; most imports have none.
  const chosen = new Map<string, { item: ImportItem; mode: 'update' | 'accept' }>();
  for (const item of items) {
    if (item.classification === 'update') chosen.set(item.id, { item, mode: 'update' });
    else if (item.classification === 'conflict' && accepted.has(item.id)) {
      chosen.set(item.id, { item, mode: 'accept' });
    }
  }
  if (chosen.size === 0) return;
  const write = (id: string) => chosen.get(id) ?? null;

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
