/**
 * Limits and result types of the file queries: exports, imports and
 * backups. The types restate the shapes of db/io and db/backup.ts that
 * the renderer reads, because the contract imports nothing from db/. This
 * module imports nothing, so the renderer may import its values.
 */

/** The largest import file, in bytes (50 MiB), as for the command-line import. */
export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;

/** The largest file that saveFile writes, in bytes. */
export const MAX_SAVED_FILE_BYTES = 50 * 1024 * 1024;

/** Records listed per class in an import preview. Conflicts are all listed. */
export const IMPORT_ITEMS_LISTED = 200;

/** Returns how many characters of base64 encode `bytes` bytes. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}

/** An export's bytes, for the browser preview to download. */
export interface DownloadedFile {
  /** A file name without folders, such as iscm-atlas-memberships-2026-12-04.xlsx. */
  fileName: string;
  mediaType: string;
  dataBase64: string;
}

/** A file the desktop app wrote where the user chose in its save dialog. */
export interface SavedFile {
  savedPath: string;
}

/** The user closed the save dialog without choosing a file. */
export interface CancelledSave {
  cancelled: true;
}

/**
 * The preview returns the export's bytes. The desktop app saves them
 * through its save dialog and returns the path, or that the user cancelled.
 */
export type ExportFileResult = DownloadedFile | SavedFile | CancelledSave;

export type SaveFileResult = SavedFile | CancelledSave;

/**
 * new: not in this database. identical: the same id, content and version.
 * update: a later version of a stored record. older: an earlier version.
 * conflict: both sides edited the same version differently, or the record
 * cannot be added here.
 */
export type ImportClassification = 'new' | 'identical' | 'update' | 'older' | 'conflict';

export type ImportRecordType = 'change' | 'correction' | 'revert' | 'annotation';

/** The version of a record on one side, with its author and time (UTC). */
export interface ImportSide {
  version: number;
  author: string;
  recordedAt: string;
}

/** One record of an import file and what importing it would do. */
export interface ImportPreviewItem {
  id: string;
  type: ImportRecordType;
  /** Place of the record in the file, such as "changes[3]". */
  path: string;
  /** The record in words, such as "suspended: Mali (MLI) in AU on 2021-06-01". */
  description: string;
  classification: ImportClassification;
  /** The reason for a conflict or an older version, or null. */
  reason: string | null;
  /** For a conflict: whether accepting it stores the file's version here. */
  acceptable: boolean;
  file: ImportSide;
  /** The stored version, when this database has a record with this id. */
  local: ImportSide | null;
}

/** How many records of the file fall in each class. */
export type ImportPreviewSummary = Record<ImportClassification, number> & {
  total: number;
  acceptableConflicts: number;
};

/** A file that can be imported, and what importing it would do. */
export interface ImportPreviewReady {
  status: 'ready';
  /** Names the preview kept on the Node side for applyImport. */
  previewId: string;
  fileName: string;
  /** The export time the file states, or null. */
  exportedAt: string | null;
  summary: ImportPreviewSummary;
  /**
   * The records to show: every conflict, and of each other class at most
   * the first IMPORT_ITEMS_LISTED in file order. The summary counts all.
   */
  items: ImportPreviewItem[];
  /** Things the user should know, such as a baseline that differs from this one. */
  notes: string[];
}

/** One problem of a rejected import file, with its place. */
export interface ImportFileProblem {
  /** Such as "changes[3].effective_date" or "line 4, column 12", or empty for the whole file. */
  where: string;
  message: string;
}

/** A file that cannot be imported as a whole; nothing was written. */
export interface ImportFileRejected {
  status: 'rejected';
  fileName: string;
  message: string;
  problems: ImportFileProblem[];
}

export type ImportPreviewResult = ImportPreviewReady | ImportFileRejected;

/** Counts of an applied import. */
export interface ImportApplied {
  /** False when there was nothing to write: the database is unchanged. */
  written: boolean;
  added: number;
  updated: number;
  conflictsAccepted: number;
  /** Records already present: identical, or an earlier version. */
  skipped: number;
  /** Conflicts not accepted. */
  notImported: number;
  /** The backup made before writing, as listBackups names it, or null when none was made. */
  backupFileName: string | null;
}

/**
 * The reason a backup was made: as the app started, before importing the
 * named file, or before a restore. Backups made by earlier versions have the
 * kind "unknown" because those versions recorded no reason.
 */
export type BackupReason =
  | { kind: 'start' }
  | { kind: 'import'; fileName: string }
  | { kind: 'restore' }
  | { kind: 'unknown' };

/** A backup of the database, as listBackups returns it. */
export interface BackupEntry {
  fileName: string;
  /** When the backup was made, as an ISO time in UTC. */
  createdAt: string;
  bytes: number;
  reason: BackupReason;
}

export interface RestoredBackup {
  /** The file name of the backup that was restored. */
  restoredFrom: string;
  /** The backup of the database as it was before the restore, or null when it was unreadable. */
  previousBackup: string | null;
}
