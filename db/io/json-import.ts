/**
 * Importing a JSON dataset exported by the app: preview first, then apply.
 *
 * previewImport validates the file and classifies each record as new,
 * identical, update, older or conflict. It also adds the new records in a
 * transaction that it rolls back, so that records the rules of changes
 * reject show as conflicts before anything is written. applyImport writes
 * the new records, the updates and the accepted conflicts in one
 * transaction, after a backup, and logs the import in the imports table.
 */
import type Database from 'better-sqlite3';

import { toIsoDay } from '../../main/contract/dates.js';
import { backupDatabase, defaultBackupFolder } from '../backup.js';
import { checkAuthor } from '../domain/fields.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { decodeImportFile, MAX_IMPORT_BYTES } from './import-file.js';
import { logImport } from './import-log.js';
import {
  classifyDocument,
  readStoredState,
  type ImportClassification,
  type ImportItem,
} from './json-classify.js';
import type { JsonDocument } from './json-format.js';
import { insertNewRecords, orderOperations, storeVersions } from './json-merge.js';
import { validateImportFile } from './json-validate.js';

export type {
  ImportClassification,
  ImportItem,
  ImportRecordType,
  ImportSide,
} from './json-classify.js';

const log = createLogger('db/io/json-import');

/** How many records of the file fall in each class. */
export type ImportSummary = Record<ImportClassification, number> & {
  total: number;
  /** Conflicts that accepting can resolve by storing the file's version. */
  acceptableConflicts: number;
};

export interface ImportPreview {
  fileName: string;
  fileSha256: string;
  /** The export time the file states; null when it states none. */
  exportedAt: string | null;
  summary: ImportSummary;
  /** Every record of the file, in file order: changes, corrections, reverts, annotations. */
  items: ImportItem[];
  /** Things the user should know, such as a baseline that differs from this one. */
  notes: string[];
  /** The validated records that applyImport writes. */
  document: JsonDocument;
  /** Counts and version sums of the record tables when previewed. */
  databaseState: string;
  /** The day the preview treated as today. */
  today: string;
}

export interface ImportResult {
  /** False when there was nothing to write: the database is unchanged. */
  written: boolean;
  /** The imports table row's id; null when nothing was written. */
  importId: string | null;
  added: number;
  updated: number;
  conflictsAccepted: number;
  /** Records already present: identical, or an earlier version. */
  skipped: number;
  /** Conflicts not accepted. */
  notImported: number;
  /** The backup made before writing; null without a backup folder. */
  backupPath: string | null;
}

/**
 * Returns a fingerprint of the records stored: counts, highest sequence
 * numbers and version sums. Any write through the domain functions
 * changes it.
 */
function databaseState(db: Database.Database): string {
  return db
    .prepare(
      `SELECT (SELECT count(*) || ':' || coalesce(max(seq), 0) || ':' ||
                      coalesce(sum(version), 0) FROM membership_changes)
           || '|' || (SELECT count(*) || ':' || coalesce(max(seq), 0)
                      FROM membership_reverts)
           || '|' || (SELECT count(*) || ':' || coalesce(max(seq), 0) || ':' ||
                      coalesce(sum(version), 0) FROM annotations)
           || '|' || (SELECT count(*) FROM baseline_memberships)`,
    )
    .pluck()
    .get() as string;
}

function summarize(items: ImportItem[]): ImportSummary {
  const summary: ImportSummary = {
    total: items.length,
    new: 0,
    identical: 0,
    update: 0,
    older: 0,
    conflict: 0,
    acceptableConflicts: 0,
  };
  for (const item of items) {
    summary[item.classification] += 1;
    if (item.classification === 'conflict' && item.acceptable) summary.acceptableConflicts += 1;
  }
  return summary;
}

function baselineNotes(db: Database.Database, document: JsonDocument): string[] {
  if (document.baseline === undefined) {
    return ['The file holds no 2020 baseline; records are checked against this database\'s.'];
  }
  const key = (row: { body_id: string; iso3: string; role: string }) =>
    `${row.body_id}/${row.iso3}/${row.role}`;
  const stored = new Set(
    (
      db.prepare('SELECT body_id, iso3, role FROM baseline_memberships').all() as {
        body_id: string;
        iso3: string;
        role: string;
      }[]
    ).map(key),
  );
  const inFile = new Set(document.baseline.memberships.map(key));
  let differences = 0;
  for (const entry of inFile) if (!stored.has(entry)) differences += 1;
  for (const entry of stored) if (!inFile.has(entry)) differences += 1;
  if (differences === 0) return [];
  return [
    `The file's 2020 baseline differs from this database's in ${differences} ` +
      'membership rows. The import does not change the baseline; records are ' +
      'checked against this database\'s.',
  ];
}

/** Thrown inside a transaction to roll it back after a trial run. */
class TrialFinished extends Error {}

/**
 * Adds the new records in a transaction that is then rolled back, and
 * marks those the rules reject as conflicts that cannot be accepted.
 */
function markRejectedRecords(
  db: Database.Database,
  document: JsonDocument,
  items: ImportItem[],
  today: string,
): void {
  const isNew = new Set(
    items.filter((item) => item.classification === 'new').map((item) => item.id),
  );
  if (isNew.size === 0) return;

  let failures = new Map<string, AtlasError>();
  try {
    db.transaction(() => {
      failures = insertNewRecords(db, orderOperations(document, (id) => isNew.has(id)), today);
      throw new TrialFinished();
    })();
  } catch (error) {
    if (!(error instanceof TrialFinished)) throw error;
  }

  for (const item of items) {
    const failure = failures.get(item.id);
    if (failure === undefined) continue;
    item.classification = 'conflict';
    item.acceptable = false;
    item.reason = `It cannot be added to this database: ${failure.message}`;
  }
}

/**
 * Validates an import file and returns what importing it would do, record
 * by record, without writing anything. `content` is the file's bytes (or
 * text). Throws ImportFileError when the file as a whole cannot be
 * imported: too big, not UTF-8, not JSON, not schema version 1, or records
 * with wrong types, impossible dates, or unknown bodies, countries or
 * reverted records.
 */
export function previewImport(
  db: Database.Database,
  content: Uint8Array | string,
  fileName: string,
  options: { today?: string; maxBytes?: number } = {},
): ImportPreview {
  const started = Date.now();
  const today = options.today ?? toIsoDay(new Date());
  const file = decodeImportFile(content, fileName, options.maxBytes ?? MAX_IMPORT_BYTES);
  const document = validateImportFile(db, file);

  const items = classifyDocument(readStoredState(db), document);
  markRejectedRecords(db, document, items, today);

  const summary = summarize(items);
  log.info(
    `previewed ${fileName}: ${summary.total} records, ${summary.new} new, ` +
      `${summary.update} updates, ${summary.conflict} conflicts in ${Date.now() - started} ms`,
  );
  return {
    fileName,
    fileSha256: file.sha256,
    exportedAt: document.exported_at ?? null,
    summary,
    items,
    notes: baselineNotes(db, document),
    document,
    databaseState: databaseState(db),
    today,
  };
}

function checkAccepted(preview: ImportPreview, ids: readonly string[]): Set<string> {
  const accepted = new Set<string>();
  const items = new Map(preview.items.map((item) => [item.id, item]));
  for (const rawId of ids) {
    const id = rawId.trim().toLowerCase();
    const item = items.get(id);
    if (item === undefined || item.classification !== 'conflict') {
      throw new AtlasError(
        'invalid_input',
        `${JSON.stringify(rawId)} is not the id of a conflict in ${preview.fileName}; ` +
          'accept only conflicts that the preview lists.',
        'acceptConflicts',
      );
    }
    if (!item.acceptable) {
      throw new AtlasError(
        'invalid_input',
        `The conflict over ${item.path} (${id}) cannot be accepted: ${item.reason}`,
        'acceptConflicts',
      );
    }
    accepted.add(id);
  }
  return accepted;
}

function checkUnchanged(db: Database.Database, preview: ImportPreview): void {
  if (databaseState(db) !== preview.databaseState) {
    throw new AtlasError(
      'conflict',
      `The database changed after ${preview.fileName} was previewed; preview ` +
        'the file again before importing it.',
    );
  }
}

/**
 * Writes what a preview found: the new records, the later versions, and the
 * conflicts listed in `acceptConflicts`, whose file version becomes a new
 * version here. Other conflicts are left out. Before writing, it backs the
 * database up into `backupFolder`, by default the folder that
 * defaultBackupFolder returns. It writes in one transaction and logs the
 * import. When there is nothing to write, it changes nothing and makes no
 * backup. Throws AtlasError "conflict" when the database changed since the
 * preview.
 */
export async function applyImport(
  db: Database.Database,
  preview: ImportPreview,
  options: { acceptConflicts?: readonly string[]; backupFolder?: string | null; now?: Date },
  author: string,
): Promise<ImportResult> {
  const started = Date.now();
  const importer = checkAuthor(author);
  const accepted = checkAccepted(preview, options.acceptConflicts ?? []);
  checkUnchanged(db, preview);

  const { summary } = preview;
  const result: ImportResult = {
    written: false,
    importId: null,
    added: summary.new,
    updated: summary.update,
    conflictsAccepted: accepted.size,
    skipped: summary.identical + summary.older,
    notImported: summary.conflict - accepted.size,
    backupPath: null,
  };
  if (result.added + result.updated + result.conflictsAccepted === 0) return result;

  const folder =
    options.backupFolder === undefined ? defaultBackupFolder(db) : options.backupFolder;
  if (folder !== null) result.backupPath = (await backupDatabase(db, folder)).path;

  const isNew = new Set(
    preview.items.filter((item) => item.classification === 'new').map((item) => item.id),
  );
  db.transaction(() => {
    // The backup awaited; check again that nothing was written meanwhile.
    checkUnchanged(db, preview);
    const operations = orderOperations(preview.document, (id) => isNew.has(id));
    const failures = insertNewRecords(db, operations, preview.today);
    const [firstFailure] = failures;
    if (firstFailure !== undefined) {
      const [id, error] = firstFailure;
      throw new AtlasError(
        error.code,
        `Record ${id} passed the preview but cannot be added now: ${error.message} ` +
          'Nothing was imported; preview the file again.',
        error.field,
      );
    }
    storeVersions(db, preview.document, preview.items, accepted);
    result.importId = logImport(db, {
      format: 'json',
      fileName: preview.fileName,
      fileSha256: preview.fileSha256,
      author: importer,
      added: result.added,
      updated: result.updated,
      conflictsAccepted: result.conflictsAccepted,
      skipped: result.skipped,
      notImported: result.notImported,
      now: options.now,
    }).id;
  })();

  result.written = true;
  log.info(
    `imported ${preview.fileName}: ${result.added} added, ${result.updated} updated, ` +
      `${result.conflictsAccepted} conflicts accepted, ${result.notImported} not ` +
      `imported in ${Date.now() - started} ms`,
  );
  return result;
}
