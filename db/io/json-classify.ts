/**
 * Classification of the records of an import file against the database:
 * new, identical, a later version (update), an earlier version (older),
 * or a conflict. Reads only.
 */
import type Database from 'better-sqlite3';

import type {
  JsonAnnotation,
  JsonChange,
  JsonCorrection,
  JsonDocument,
  JsonRevert,
} from './json-format.js';
import {
  type StoredAnnotationRow,
  type StoredChangeRow,
  type StoredRevertRow,
  readStoredChanges,
} from './stored-rows.js';

export type ImportRecordType = 'change' | 'correction' | 'revert' | 'annotation';

/**
 * new: not in this database. identical: the same id, content and version,
 * or a change that repeats a stored one (pair, kind, date) under another id.
 * update: a later version of a stored record. older: an earlier version of
 * a stored record. conflict: both sides hold different content at the
 * same version, or the record cannot be added here.
 */
export type ImportClassification = 'new' | 'identical' | 'update' | 'older' | 'conflict';

/** The version of a record on one side, with who wrote it and when (UTC). */
export interface ImportSide {
  version: number;
  author: string;
  recordedAt: string;
}

/** One record of an import file and what importing it would do. */
export interface ImportItem {
  id: string;
  type: ImportRecordType;
  /** Place of the record in the file, such as "changes[3]". */
  readonly path: string;
  /** The record in words, such as "suspended: Mali (MLI) in AU on 2021-06-01". */
  readonly description: string;
  classification: ImportClassification;
  /** The reason for a conflict or an older version; null otherwise. */
  reason: string | null;
  /**
   * For a conflict: whether accepting it can store the file's version as a
   * new version here. Conflicts over a record's identity, over reverts and
   * with the rules of changes cannot be accepted.
   */
  acceptable: boolean;
  file: ImportSide;
  /** The stored version, when this database has a record with this id. */
  local: ImportSide | null;
}

/** One version of a record's editable content, compared as `content`. */
export interface VersionEntry {
  version: number;
  content: string;
  author: string;
  recordedAt: string;
}

/** The stored records that an import file's ids refer to, and names for messages. */
export interface StoredState {
  records: Map<string, StoredChangeRow>;
  recordVersions: Map<string, VersionEntry[]>;
  reverts: Map<string, StoredRevertRow>;
  annotations: Map<string, StoredAnnotationRow>;
  annotationVersions: Map<string, VersionEntry[]>;
  bodyNames: Map<string, string>;
  countryNames: Map<string, string>;
}

export function recordContent(source: string, note: string): string {
  return JSON.stringify([source, note]);
}

/** Annotation content: the text, and whether it is deleted (not when). */
export function annotationContent(text: string, deletedAt: string | null): string {
  return JSON.stringify([text, deletedAt !== null]);
}

function groupVersions<T extends { version: number; author: string; recorded_at: string }>(
  rows: T[],
  ownerOf: (row: T) => string,
  contentOf: (row: T) => string,
): Map<string, VersionEntry[]> {
  const groups = new Map<string, VersionEntry[]>();
  for (const row of rows) {
    const entry = {
      version: row.version,
      content: contentOf(row),
      author: row.author,
      recordedAt: row.recorded_at,
    };
    const group = groups.get(ownerOf(row));
    if (group) group.push(entry);
    else groups.set(ownerOf(row), [entry]);
  }
  return groups;
}

interface VersionRow {
  version: number;
  author: string;
  recorded_at: string;
}

/** Reads every stored record, revert and annotation, keyed by id. */
export function readStoredState(db: Database.Database): StoredState {
  const byId = <T extends { id: string }>(rows: T[]) =>
    new Map(rows.map((row) => [row.id, row]));
  const names = (sql: string) =>
    new Map(db.prepare(sql).raw().all() as [string, string][]);

  const recordVersionRows = db
    .prepare('SELECT * FROM membership_change_versions ORDER BY change_id, version')
    .all() as (VersionRow & { change_id: string; source: string; note: string })[];
  const annotationVersionRows = db
    .prepare('SELECT * FROM annotation_versions ORDER BY annotation_id, version')
    .all() as (VersionRow & {
    annotation_id: string;
    text: string;
    deleted_at: string | null;
  })[];

  return {
    records: byId(readStoredChanges(db)),
    recordVersions: groupVersions(
      recordVersionRows,
      (row) => row.change_id,
      (row) => recordContent(row.source, row.note),
    ),
    reverts: byId(db.prepare('SELECT * FROM membership_reverts').all() as StoredRevertRow[]),
    annotations: byId(db.prepare('SELECT * FROM annotations').all() as StoredAnnotationRow[]),
    annotationVersions: groupVersions(
      annotationVersionRows,
      (row) => row.annotation_id,
      (row) => annotationContent(row.text, row.deleted_at),
    ),
    bodyNames: names('SELECT id, short_name FROM bodies'),
    countryNames: names('SELECT iso3, name_en FROM countries'),
  };
}

/** Versions of a file's change or correction, oldest first, the current last. */
export function fileRecordVersions(record: JsonChange | JsonCorrection): VersionEntry[] {
  return [
    ...record.earlier_versions.map((entry) => ({
      version: entry.version,
      content: recordContent(entry.source, entry.note),
      author: entry.author,
      recordedAt: entry.recorded_at,
    })),
    {
      version: record.version,
      content: recordContent(record.source, record.note),
      author: record.edited_by ?? record.author,
      recordedAt: record.edited_at ?? record.recorded_at,
    },
  ];
}

export function fileAnnotationVersions(annotation: JsonAnnotation): VersionEntry[] {
  return [
    ...annotation.earlier_versions.map((entry) => ({
      version: entry.version,
      content: annotationContent(entry.text, entry.deleted_at),
      author: entry.author,
      recordedAt: entry.recorded_at,
    })),
    {
      version: annotation.version,
      content: annotationContent(annotation.text, annotation.deleted_at),
      author: annotation.updated_by,
      recordedAt: annotation.updated_at,
    },
  ];
}

function storedRecordVersions(state: StoredState, record: StoredChangeRow): VersionEntry[] {
  return [
    ...(state.recordVersions.get(record.id) ?? []),
    {
      version: record.version,
      content: recordContent(record.source, record.note),
      author: record.edited_by ?? record.author,
      recordedAt: record.edited_at ?? record.recorded_at,
    },
  ];
}

function storedAnnotationVersions(
  state: StoredState,
  annotation: StoredAnnotationRow,
): VersionEntry[] {
  return [
    ...(state.annotationVersions.get(annotation.id) ?? []),
    {
      version: annotation.version,
      content: annotationContent(annotation.text, annotation.deleted_at),
      author: annotation.updated_by,
      recordedAt: annotation.updated_at,
    },
  ];
}

/** The file's current version of a change or correction, as fileRecordVersions ends. */
function fileRecordSide(record: JsonChange | JsonCorrection): ImportSide {
  return {
    version: record.version,
    author: record.edited_by ?? record.author,
    recordedAt: record.edited_at ?? record.recorded_at,
  };
}

/** The file's current version of an annotation, as fileAnnotationVersions ends. */
function fileAnnotationSide(annotation: JsonAnnotation): ImportSide {
  return {
    version: annotation.version,
    author: annotation.updated_by,
    recordedAt: annotation.updated_at,
  };
}

function sideOf(versions: VersionEntry[]): ImportSide {
  const { version, author, recordedAt } = versions[versions.length - 1];
  return { version, author, recordedAt };
}

type Comparison = Pick<ImportItem, 'classification' | 'reason' | 'acceptable'>;

/**
 * Compares the version histories of one record on both sides. The same
 * content at the same current version is identical. When one history
 * extends the other, the file's version is an update or older. Histories
 * that part at some version are a conflict, unless both sides now have
 * the same content.
 */
export function compareHistories(
  stored: VersionEntry[],
  file: VersionEntry[],
): Comparison {
  const here = stored[stored.length - 1];
  const there = file[file.length - 1];
  if (here.version === there.version && here.content === there.content) {
    return { classification: 'identical', reason: null, acceptable: false };
  }

  const common = Math.min(here.version, there.version);
  const storedByVersion = new Map(stored.map((entry) => [entry.version, entry]));
  const fileByVersion = new Map(file.map((entry) => [entry.version, entry]));
  let parted: number | null = null;
  for (let version = 1; version <= common; version++) {
    if (storedByVersion.get(version)?.content !== fileByVersion.get(version)?.content) {
      parted = version;
      break;
    }
  }

  if (parted === null) {
    return there.version > here.version
      ? { classification: 'update', reason: null, acceptable: false }
      : {
          classification: 'older',
          reason:
            `This database holds version ${here.version}, later than the ` +
            `file's version ${there.version}, which is skipped.`,
          acceptable: false,
        };
  }
  if (here.content === there.content) {
    return { classification: 'identical', reason: null, acceptable: false };
  }

  const storedEntry = storedByVersion.get(parted)!;
  const fileEntry = fileByVersion.get(parted)!;
  return {
    classification: 'conflict',
    reason:
      `Both sides hold a different version ${parted}: here by ` +
      `${storedEntry.author} at ${storedEntry.recordedAt}, in the file by ` +
      `${fileEntry.author} at ${fileEntry.recordedAt}. Accepting stores the ` +
      "file's current version as a new version here and keeps this one in the history.",
    acceptable: true,
  };
}

function identityConflict(description: string): Comparison {
  return {
    classification: 'conflict',
    reason:
      `This database has a different record with the same id: ${description}. ` +
      'The two cannot be merged; check where the file comes from.',
    acceptable: false,
  };
}

/** Names a pair as messages do: "Mali (MLI) in AU". */
function describePair(state: StoredState, bodyId: string, iso3: string): string {
  const country = state.countryNames.get(iso3) ?? iso3;
  return `${country} (${iso3}) in ${state.bodyNames.get(bodyId) ?? bodyId}`;
}

function describeChange(
  state: StoredState,
  change: { kind: string; body_id: string; iso3: string; effective_date: string | null },
  role: string | null,
): string {
  const what = change.kind === 'role_changed' ? `role_changed to ${role}` : change.kind;
  const pair = describePair(state, change.body_id, change.iso3);
  return `${what}: ${pair} on ${change.effective_date}`;
}

function describeCorrection(
  state: StoredState,
  correction: { body_id: string; iso3: string },
  action: string | null,
  role: string | null,
): string {
  const pair = describePair(state, correction.body_id, correction.iso3);
  return `correction (${action}${role === null ? '' : ` ${role}`}): ${pair} in the 2020 list`;
}

function describeStored(state: StoredState, record: StoredChangeRow): string {
  return record.kind === 'correction'
    ? describeCorrection(state, record, record.correction_action, record.role_after)
    : describeChange(state, record, record.role_after);
}

function describeAnnotationTarget(
  state: StoredState,
  annotation: { target: string; body_id: string | null; iso3: string | null },
): string {
  if (annotation.target === 'membership') {
    return describePair(state, annotation.body_id!, annotation.iso3!);
  }
  if (annotation.target === 'country') {
    const iso3 = annotation.iso3!;
    return `${state.countryNames.get(iso3) ?? iso3} (${iso3})`;
  }
  return state.bodyNames.get(annotation.body_id!) ?? annotation.body_id!;
}

function describeAnnotation(state: StoredState, annotation: JsonAnnotation): string {
  const text = annotation.text.length > 60 ? `${annotation.text.slice(0, 60)}…` : annotation.text;
  return `annotation on ${describeAnnotationTarget(state, annotation)}: ${JSON.stringify(text)}`;
}

/** Names the kind of stored record that uses `id`, when it is not `type`. */
function otherOwner(state: StoredState, id: string, type: ImportRecordType): string | null {
  if (type !== 'change' && type !== 'correction' && state.records.has(id)) {
    return state.records.get(id)!.kind === 'correction' ? 'a correction' : 'a change';
  }
  if (type !== 'revert' && state.reverts.has(id)) return 'a revert';
  if (type !== 'annotation' && state.annotations.has(id)) return 'an annotation';
  return null;
}

function idTaken(owner: string): Comparison {
  return {
    classification: 'conflict',
    reason: `The id belongs to ${owner} in this database, so this record cannot be added.`,
    acceptable: false,
  };
}

const NEW: Comparison = { classification: 'new', reason: null, acceptable: false };

function sameChange(stored: StoredChangeRow, change: JsonChange): boolean {
  return (
    stored.kind === change.kind &&
    stored.body_id === change.body_id &&
    stored.iso3 === change.iso3 &&
    stored.effective_date === change.effective_date &&
    stored.announced_date === change.announced_date &&
    (change.kind !== 'role_changed' || stored.role_after === change.new_role)
  );
}

function sameCorrection(stored: StoredChangeRow, correction: JsonCorrection): boolean {
  return (
    stored.kind === 'correction' &&
    stored.correction_action === correction.action &&
    stored.body_id === correction.body_id &&
    stored.iso3 === correction.iso3 &&
    stored.role_after === correction.role
  );
}

/** A comparison with the stored side it was made against. */
type Classified = Pick<ImportItem, 'classification' | 'reason' | 'acceptable' | 'local'>;

/**
 * Adds the stored side to a comparison. A literal rather than a spread,
 * because spreading objects was most of the classification's time for
 * 100,000 records.
 */
function withLocal(comparison: Comparison, local: ImportSide | null): Classified {
  return {
    classification: comparison.classification,
    reason: comparison.reason,
    acceptable: comparison.acceptable,
    local,
  };
}

function classifyRecord(
  state: StoredState,
  record: JsonChange | JsonCorrection,
  type: 'change' | 'correction',
): Classified {
  const owner = otherOwner(state, record.id, type);
  if (owner !== null) return withLocal(idTaken(owner), null);

  const stored = state.records.get(record.id);
  if (stored === undefined) return withLocal(NEW, null);

  const storedVersions = storedRecordVersions(state, stored);
  const local = sideOf(storedVersions);
  const same =
    type === 'change'
      ? sameChange(stored, record as JsonChange)
      : sameCorrection(stored, record as JsonCorrection);
  if (!same) return withLocal(identityConflict(describeStored(state, stored)), local);

  return withLocal(compareHistories(storedVersions, fileRecordVersions(record)), local);
}

function classifyRevert(
  state: StoredState,
  revert: JsonRevert,
  identityConflicts: Set<string>,
): Classified {
  const owner = otherOwner(state, revert.id, 'revert');
  if (owner !== null) return withLocal(idTaken(owner), null);

  const stored = state.reverts.get(revert.id);
  if (stored !== undefined) {
    const local = { version: 1, author: stored.author, recordedAt: stored.recorded_at };
    const same =
      stored.target_id === revert.target_id &&
      stored.source === revert.source &&
      stored.note === revert.note;
    if (same) return { classification: 'identical', reason: null, acceptable: false, local };
    return {
      classification: 'conflict',
      reason:
        `This database has a different revert with the same id (by ${stored.author} ` +
        `at ${stored.recorded_at}); reverts cannot be edited, so it is kept.`,
      acceptable: false,
      local,
    };
  }

  if (identityConflicts.has(revert.target_id)) {
    return {
      classification: 'conflict',
      reason:
        'It cancels a record whose id belongs to a different record in this ' +
        'database, so it is not added.',
      acceptable: false,
      local: null,
    };
  }

  const target = state.records.get(revert.target_id);
  const otherRevert =
    target?.reverted_by != null ? state.reverts.get(target.reverted_by) : undefined;
  if (otherRevert !== undefined) {
    return {
      classification: 'conflict',
      reason:
        `The record it cancels is already reverted here, by revert ` +
        `${otherRevert.id} (${otherRevert.author} at ${otherRevert.recorded_at}); ` +
        'a record can be reverted once.',
      acceptable: false,
      local: { version: 1, author: otherRevert.author, recordedAt: otherRevert.recorded_at },
    };
  }
  return withLocal(NEW, null);
}

function classifyAnnotation(
  state: StoredState,
  annotation: JsonAnnotation,
): Classified {
  const owner = otherOwner(state, annotation.id, 'annotation');
  if (owner !== null) return withLocal(idTaken(owner), null);

  const stored = state.annotations.get(annotation.id);
  if (stored === undefined) return withLocal(NEW, null);

  const storedVersions = storedAnnotationVersions(state, stored);
  const local = sideOf(storedVersions);
  const sameTarget =
    stored.target === annotation.target &&
    stored.body_id === annotation.body_id &&
    stored.iso3 === annotation.iso3;
  if (!sameTarget) {
    const target = describeAnnotationTarget(state, stored);
    return withLocal(identityConflict(`an annotation on ${target}`), local);
  }
  return withLocal(compareHistories(storedVersions, fileAnnotationVersions(annotation)), local);
}

type FileRecord = JsonChange | JsonCorrection | JsonRevert | JsonAnnotation;

const LIST_OF_TYPE: Record<ImportRecordType, string> = {
  change: 'changes',
  correction: 'corrections',
  revert: 'reverts',
  annotation: 'annotations',
};

/**
 * Writes the records of one file in words, for the items a preview lists.
 * Items ask only when read, because building the words for each of
 * 100,000 records made strings that the garbage collector then copied.
 */
class RecordWords {
  private fileRecords: Map<string, JsonChange | JsonCorrection> | null = null;

  constructor(
    private readonly state: StoredState,
    private readonly document: JsonDocument,
  ) {}

  describe(type: ImportRecordType, record: FileRecord): string {
    switch (type) {
      case 'change': {
        const change = record as JsonChange;
        return describeChange(this.state, change, change.new_role);
      }
      case 'correction': {
        const correction = record as JsonCorrection;
        return describeCorrection(this.state, correction, correction.action, correction.role);
      }
      case 'revert':
        return `revert of ${this.describeTarget((record as JsonRevert).target_id)}`;
      case 'annotation':
        return describeAnnotation(this.state, record as JsonAnnotation);
    }
  }

  /** Describes the record a revert cancels: the file's, else the stored one. */
  private describeTarget(id: string): string {
    this.fileRecords ??= new Map(
      [...this.document.changes, ...this.document.corrections].map((record) => [record.id, record]),
    );
    const inFile = this.fileRecords.get(id);
    if (inFile !== undefined) {
      return this.describe('action' in inFile ? 'correction' : 'change', inFile);
    }
    const stored = this.state.records.get(id);
    return stored === undefined ? id : describeStored(this.state, stored);
  }
}

/** An item whose place and words are made when read. */
class FileItem implements ImportItem {
  classification: ImportClassification;
  reason: string | null;
  acceptable: boolean;
  local: ImportSide | null;

  constructor(
    readonly type: ImportRecordType,
    private readonly index: number,
    private readonly record: FileRecord,
    private readonly words: RecordWords,
    readonly file: ImportSide,
    result: Classified,
  ) {
    this.classification = result.classification;
    this.reason = result.reason;
    this.acceptable = result.acceptable;
    this.local = result.local;
  }

  get id(): string {
    return this.record.id;
  }

  get path(): string {
    return `${LIST_OF_TYPE[this.type]}[${this.index}]`;
  }

  get description(): string {
    return this.words.describe(this.type, this.record);
  }
}

/** Classifies every record of a validated document, in file order. */
export function classifyDocument(state: StoredState, document: JsonDocument): ImportItem[] {
  const items: ImportItem[] = [];
  const identityConflicts = new Set<string>();
  const words = new RecordWords(state, document);

  const addRecord = (record: JsonChange | JsonCorrection, type: 'change' | 'correction', index: number) => {
    const result = classifyRecord(state, record, type);
    if (result.classification === 'conflict' && !result.acceptable) {
      identityConflicts.add(record.id);
    }
    items.push(new FileItem(type, index, record, words, fileRecordSide(record), result));
  };
  document.changes.forEach((change, index) => addRecord(change, 'change', index));
  document.corrections.forEach((correction, index) => addRecord(correction, 'correction', index));

  document.reverts.forEach((revert, index) => {
    const file = { version: 1, author: revert.author, recordedAt: revert.recorded_at };
    const result = classifyRevert(state, revert, identityConflicts);
    items.push(new FileItem('revert', index, revert, words, file, result));
  });
  document.annotations.forEach((annotation, index) => {
    const result = classifyAnnotation(state, annotation);
    items.push(new FileItem('annotation', index, annotation, words, fileAnnotationSide(annotation), result));
  });
  return items;
}
