/**
 * File names of backups. A name records when and why the backup was made,
 * so rotation and the restore list need only the folder listing, and the
 * backup itself stays a plain SQLite database:
 *
 *   atlas-backup-<UTC time>[-N]-<reason>.sqlite
 *
 * N counts backups made in the same millisecond. <reason> is "start",
 * "restore" or "import-<file name>". The import's file name is
 * percent-encoded like encodeURIComponent, with "*" encoded too, so the
 * backup's name is ASCII, valid on Windows, macOS and Linux, and decodes
 * back to the original name. Earlier versions wrote no reason:
 * "atlas-backup-<UTC time>[-N].sqlite".
 */

/** The reason a backup is made. */
export type BackupReason =
  | { kind: 'start' }
  | { kind: 'import'; fileName: string }
  | { kind: 'restore' };

/** The reason read from a backup's name, which is "unknown" for an earlier version's backup. */
export type ListedBackupReason = BackupReason | { kind: 'unknown' };

/** The fields of a backup's file name. */
export interface BackupName {
  /** When the backup was made, as an ISO time in UTC. */
  createdAt: string;
  /** Position among the backups of the same millisecond, from 0. */
  counter: number;
  reason: ListedBackupReason;
}

/**
 * Maximum length of the encoded import file name. It keeps a backup's name
 * under 200 ASCII characters, so it fits the 255-byte name limit of ext4,
 * the 255-character limits of NTFS and APFS, and the 255 characters that
 * the restoreBackup query accepts.
 */
const MAX_ENCODED_FILE_NAME = 120;

const NAME =
  /^atlas-backup-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-(\d+))?(?:-(start|restore)|-import-(.*))?\.sqlite$/;

function encodeCodePoint(character: string): string {
  try {
    return encodeURIComponent(character).replaceAll('*', '%2A');
  } catch (error) {
    // A lone surrogate, possible in a Windows file name, has no UTF-8 form.
    if (!(error instanceof URIError)) throw error;
    return encodeURIComponent('\uFFFD');
  }
}

/**
 * Percent-encodes an import's file name. A name too long for
 * MAX_ENCODED_FILE_NAME is cut between characters and ends with "…".
 */
function encodeFileName(fileName: string): string {
  const parts = Array.from(fileName, encodeCodePoint);
  const whole = parts.join('');
  if (whole.length <= MAX_ENCODED_FILE_NAME) return whole;

  const ellipsis = encodeCodePoint('…');
  let cut = '';
  for (const part of parts) {
    if (cut.length + part.length + ellipsis.length > MAX_ENCODED_FILE_NAME) break;
    cut += part;
  }
  return cut + ellipsis;
}

/** Decodes an import's file name. A name that is not valid percent-encoding stays as it is. */
function decodeFileName(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch (error) {
    if (!(error instanceof URIError)) throw error;
    return encoded;
  }
}

function encodeReason(reason: BackupReason): string {
  switch (reason.kind) {
    case 'start':
    case 'restore':
      return reason.kind;
    case 'import':
      return `import-${encodeFileName(reason.fileName)}`;
  }
}

/** Formats the file name of a backup made at `now`. */
export function formatBackupName(now: Date, counter: number, reason: BackupReason): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const suffix = counter === 0 ? '' : `-${counter}`;
  return `atlas-backup-${stamp}${suffix}-${encodeReason(reason)}.sqlite`;
}

/** Parses a backup's file name. Returns null for any other file. */
export function parseBackupName(fileName: string): BackupName | null {
  const match = NAME.exec(fileName);
  if (!match) return null;

  const [, day, hours, minutes, seconds, milliseconds, counter, kind, importName] = match;
  let reason: ListedBackupReason = { kind: 'unknown' };
  if (kind === 'start' || kind === 'restore') reason = { kind };
  if (importName !== undefined) reason = { kind: 'import', fileName: decodeFileName(importName) };
  return {
    createdAt: `${day}T${hours}:${minutes}:${seconds}.${milliseconds}Z`,
    counter: Number(counter ?? 0),
    reason,
  };
}

/**
 * Returns the rotation a backup counts in. Backups of earlier versions,
 * which recorded no reason, count as start backups.
 */
export function rotationOf(reason: ListedBackupReason): BackupReason['kind'] {
  return reason.kind === 'unknown' ? 'start' : reason.kind;
}
