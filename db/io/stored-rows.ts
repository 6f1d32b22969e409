/** Rows of the record tables as SELECT * returns them, for export and import. */
import type Database from 'better-sqlite3';

import { existingColumns, selectRowArrays } from '../json-rows.js';

/** A row of membership_changes. */
export interface StoredChangeRow {
  id: string;
  kind: string;
  body_id: string;
  iso3: string;
  role_after: string | null;
  effective_date: string | null;
  announced_date: string | null;
  correction_action: string | null;
  source: string;
  note: string;
  author: string;
  recorded_at: string;
  version: number;
  edited_by: string | null;
  edited_at: string | null;
  reverted_by: string | null;
}

/** A row of membership_reverts. */
export interface StoredRevertRow {
  id: string;
  target_id: string;
  source: string;
  note: string;
  author: string;
  recorded_at: string;
}

/** A row of annotations. */
export interface StoredAnnotationRow {
  id: string;
  target: 'membership' | 'country' | 'body';
  body_id: string | null;
  iso3: string | null;
  text: string;
  author: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  version: number;
  deleted_at: string | null;
}

const CHANGE_COLUMNS = [
  'id',
  'kind',
  'body_id',
  'iso3',
  'role_after',
  'effective_date',
  'announced_date',
  'correction_action',
  'source',
  'note',
  'author',
  'recorded_at',
  'version',
  'edited_by',
  'edited_at',
  'reverted_by',
] as const;

/** Reads every row of membership_changes in recording order (seq). */
export function readStoredChanges(db: Database.Database): StoredChangeRow[] {
  const columns = existingColumns(db, 'membership_changes', CHANGE_COLUMNS);
  return selectRowArrays(db, columns, 'membership_changes', 'seq').map((row) => ({
    id: row[0] as string,
    kind: row[1] as string,
    body_id: row[2] as string,
    iso3: row[3] as string,
    role_after: row[4] as string | null,
    effective_date: row[5] as string | null,
    announced_date: row[6] as string | null,
    correction_action: row[7] as string | null,
    source: row[8] as string,
    note: row[9] as string,
    author: row[10] as string,
    recorded_at: row[11] as string,
    version: row[12] as number,
    edited_by: row[13] as string | null,
    edited_at: row[14] as string | null,
    reverted_by: row[15] as string | null,
  }));
}
