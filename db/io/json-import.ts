/**
 * Importing a JSON dataset exported by the app: preview first, then apply.
 *
 * previewImport validates the file and classifies each record as new,
 * identical, update, older or conflict. It also checks the new records
 * against the rules of changes and plans their writes, without writing,
 * so that records the rules reject show as conflicts. applyImport writes
 * that plan, the updates and the accepted conflicts in one transaction,
 * after a backup, and logs the import in the imports table.
 */
import type Database from 'better-sqlite3';

import { toIsoDay } from '../../main/contract/dates.js';
import { backupDatabase, defaultBackupFolder } from '../backup.js';
import { type PlannedWrite, writePlanned } from '../domain/batch.js';
import { checkAuthor } from '../domain/fields.js';
import { describeRecordedChange } from '../domain/record.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { insertInBulk } from './bulk-insert.js';
import { databaseState } from './database-state.js';
import { decodeImportFile, MAX_IMPORT_BYTES } from './import-file.js';
import { logImport } from './import-log.js';
import {
  classifyDocument,
  readStoredState,
  type ImportClassification,
  type ImportItem,
} from './json-classify.js';
import type { JsonDocument } from './json-format.js';
import { orderOperations, planNewRecords, storeVersions } from './json-merge.js';
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
  /**
   * The writes that add the new records, checked against the database in
   * the state `databaseState` names.
   */
  plan: PlannedWrite[];
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

/**
 * Checks the new records against the rules and plans their writes. Marks
 * new changes that repeat a stored change under another id as identical,
 * and those the rules reject as conflicts that cannot be accepted. Returns
 * the plan for the others.
 */
function planNewItems(
  db: Database.Database,
  document: JsonDocument,
  items: ImportItem[],
  today: string,
): PlannedWrite[] {
  const isNew = new Set(
    items.filter((item) => item.classification === 'new').map((item) => item.id),
  );
  if (isNew.size === 0) return [];

  const operations = orderOperations(document, (id) => isNew.has(id));
  const { writes, failures, repeats } = planNewRecords(db, operations, today);
  for (const item of items) {
    const repeated = repeats.get(item.id);
    if (repeated !== undefined) {
      item.classification = 'identical';
      item.reason = describeRecordedChange(repeated);
      item.local = {
        version: repeated.version,
        author: repeated.editedBy ?? repeated.author,
        recordedAt: repeated.editedAt ?? repeated.recordedAt,
      };
      continue;
    }
    const failure = failures.get(item.id);
    if (failure === undefined) continue;
    item.classification = 'conflict';
    item.acceptable = false;
    item.reason = `It cannot be added to this database: ${failure.message}`;
  }
  return writes;
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

  // One read transaction: every step reads the same stored records, which
  // databaseState then names, and each query skips taking its own lock.
  const preview = db.transaction((): ImportPreview => {
    const document = validateImportFile(db, file);
    const items = classifyDocument(readStoredState(db), document);
    const plan = planNewItems(db, document, items, today);
    return {
      fileName,
      fileSha256: file.sha256,
      exportedAt: document.exported_at ?? null,
      summary: summarize(items),
      items,
      notes: baselineNotes(db, document),
      document,
      databaseState: databaseState(db),
      plan,
      today,
    };
  })();

  const { summary } = preview;
  log.info(
    `previewed ${fileName}: ${summary.total} records, ${summary.new} new, ` +
      `${summary.update} updates, ${summary.conflict} conflicts in ${Date.now() - started} ms`,
  );
  return preview;
}

function checkAccepted(preview: ImportPreview, ids: readonly string[]): Set<string> {
  const accepted = new Set<string>();
  if (ids.length === 0) return accepted;
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

/** Counts the new changes and corrections, the rows the plan adds to membership_changes. */
function newChangeRows(items: ImportItem[]): number {
  let count = 0;
  for (const item of items) {
    if (item.classification === 'new' && (item.type === 'change' || item.type === 'correction')) {
      count += 1;
    }
  }
  return count;
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
  if (folder !== null) {
    const reason = { kind: 'import', fileName: preview.fileName } as const;
    result.backupPath = (await backupDatabase(db, folder, reason)).path;
  }

  db.transaction(() => {
    // The backup awaited; check again that nothing was written meanwhile.
    // With the stored records as previewed, the preview's plan still holds.
    checkUnchanged(db, preview);
    insertInBulk(db, 'membership_changes', newChangeRows(preview.items), () =>
      writePlanned(db, preview.plan),
    );
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
