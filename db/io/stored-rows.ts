/** Rows of the record tables as SELECT * returns them, for export and import. */

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
