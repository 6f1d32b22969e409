import type Database from 'better-sqlite3';

import { AtlasError } from '../errors.js';
import { RecordBatch } from './batch.js';
import { cachedStatement } from './statements.js';
import {
  checkAuthor,
  checkRecordId,
  checkRecordedAt,
  requiredText,
} from './fields.js';
import { findBodyName, findCountryName, findPair } from './pair.js';
import type { Annotation, AnnotationTarget, AnnotationVersion } from '../../main/contract/records.js';

export const MAX_ANNOTATION_LENGTH = 4000;

interface AnnotationRow {
  id: string;
  target: AnnotationTarget['type'];
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

function toTarget(row: AnnotationRow): AnnotationTarget {
  switch (row.target) {
    case 'membership':
      return { type: 'membership', bodyId: row.body_id!, iso3: row.iso3! };
    case 'country':
      return { type: 'country', iso3: row.iso3! };
    case 'body':
      return { type: 'body', bodyId: row.body_id! };
  }
}

function toAnnotation(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    target: toTarget(row),
    text: row.text,
    author: row.author,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
    version: row.version,
    deletedAt: row.deleted_at,
  };
}

/** Checks that a target's body and country exist; returns its columns. */
function resolveTarget(
  db: Database.Database,
  target: AnnotationTarget,
): { target: AnnotationTarget['type']; bodyId: string | null; iso3: string | null } {
  switch (target?.type) {
    case 'membership': {
      const pair = findPair(db, target.bodyId, target.iso3);
      return { target: 'membership', bodyId: pair.bodyId, iso3: pair.iso3 };
    }
    case 'country':
      findCountryName(db, target.iso3);
      return { target: 'country', bodyId: null, iso3: target.iso3.trim().toUpperCase() };
    case 'body':
      findBodyName(db, target.bodyId);
      return { target: 'body', bodyId: target.bodyId.trim(), iso3: null };
    default:
      throw new AtlasError(
        'invalid_input',
        'An annotation target is a membership (bodyId and iso3), a country ' +
          '(iso3) or a body (bodyId); set target.type to one of those.',
        'target',
      );
  }
}

function checkText(value: unknown): string {
  return requiredText(
    value,
    'text',
    'annotation text',
    MAX_ANNOTATION_LENGTH,
    'write the note to keep, or cancel.',
  );
}

function findAnnotationRow(db: Database.Database, id: unknown): AnnotationRow {
  const key = typeof id === 'string' ? id.trim().toLowerCase() : '';
  const row = cachedStatement(db, 'SELECT * FROM annotations WHERE id = ?').get(key) as
    AnnotationRow | undefined;
  if (row === undefined) {
    throw new AtlasError(
      'not_found',
      `No annotation has the id ${JSON.stringify(id ?? '')}.`,
      'id',
    );
  }
  return row;
}

function findAnnotation(db: Database.Database, id: string): Annotation {
  return toAnnotation(findAnnotationRow(db, id));
}

/** An annotation to add, as a form, the API or an import submits it. */
export interface AnnotationInput {
  target: AnnotationTarget;
  text: string;
  /** The annotation's UUID when an import brings one; otherwise one is made. */
  id?: string | null;
  /** The UTC time at which an imported annotation was made. */
  createdAt?: string | null;
}

const INSERT_ANNOTATION = `
  INSERT INTO annotations
    (id, target, body_id, iso3, text, author, created_at, updated_by, updated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * Checks an annotation against the batch and plans its insert; returns it
 * as it will be stored. The target must exist, the text, author, id and
 * time be valid, and the id be used by no annotation, change, correction
 * or revert, stored or planned. A failed check throws an AtlasError.
 */
export function planAnnotation(
  batch: RecordBatch,
  input: AnnotationInput,
  context: { author: string; now?: Date },
): Annotation {
  const columns = resolveTarget(batch.db, input.target);
  const text = checkText(input.text);
  const author = checkAuthor(context.author);
  const id = checkRecordId(input.id);
  const createdAt = checkRecordedAt(input.createdAt, context.now, 'createdAt');

  if (batch.isAnnotation(id)) {
    throw new AtlasError(
      'conflict',
      `An annotation with id ${id} already exists.`,
      'id',
    );
  }
  batch.checkIdUnused(id);

  batch.plan(INSERT_ANNOTATION, [
    id,
    columns.target,
    columns.bodyId,
    columns.iso3,
    text,
    author,
    createdAt,
    author,
    createdAt,
  ]);
  batch.markAnnotation(id);
  return toAnnotation({
    id,
    target: columns.target,
    body_id: columns.bodyId,
    iso3: columns.iso3,
    text,
    author,
    created_at: createdAt,
    updated_by: author,
    updated_at: createdAt,
    version: 1,
    deleted_at: null,
  });
}

/** Adds an annotation in one transaction and returns it. */
export function addAnnotation(
  db: Database.Database,
  input: AnnotationInput,
  context: { author: string; now?: Date },
): Annotation {
  return db.transaction(() => {
    const batch = new RecordBatch(db);
    const { id } = planAnnotation(batch, input, context);
    batch.write();
    return findAnnotation(db, id);
  })();
}

/** Keeps the current version of an annotation before it changes. */
function keepVersion(db: Database.Database, row: AnnotationRow): void {
  db.prepare(
    `INSERT INTO annotation_versions
       (annotation_id, version, text, deleted_at, author, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(row.id, row.version, row.text, row.deleted_at, row.updated_by, row.updated_at);
}

function rejectDeleted(row: AnnotationRow, action: string): void {
  if (row.deleted_at !== null) {
    throw new AtlasError(
      'conflict',
      `Cannot ${action} annotation ${row.id}: it was deleted at ${row.deleted_at}.`,
      'id',
    );
  }
}

/** Edits an annotation's text in one transaction, keeping the earlier version. */
export function editAnnotation(
  db: Database.Database,
  id: string,
  changes: { text: string },
  context: { author: string; now?: Date },
): Annotation {
  return db.transaction(() => {
    const row = findAnnotationRow(db, id);
    rejectDeleted(row, 'edit');
    const text = checkText(changes.text);
    const author = checkAuthor(context.author);
    if (text === row.text) {
      throw new AtlasError(
        'invalid_input',
        `The text is the same as in version ${row.version}; change it to ` +
          'save a new version.',
        'text',
      );
    }

    keepVersion(db, row);
    db.prepare(
      `UPDATE annotations
       SET text = ?, version = version + 1, updated_by = ?, updated_at = ?
       WHERE id = ?`,
    ).run(text, author, checkRecordedAt(undefined, context.now), row.id);
    return findAnnotation(db, row.id);
  })();
}

/**
 * Deletes an annotation softly in one transaction: sets deleted_at as a new
 * version and keeps the row and its versions.
 */
export function deleteAnnotation(
  db: Database.Database,
  id: string,
  context: { author: string; now?: Date },
): Annotation {
  return db.transaction(() => {
    const row = findAnnotationRow(db, id);
    rejectDeleted(row, 'delete');
    const author = checkAuthor(context.author);
    const now = checkRecordedAt(undefined, context.now);

    keepVersion(db, row);
    db.prepare(
      `UPDATE annotations
       SET deleted_at = ?, version = version + 1, updated_by = ?, updated_at = ?
       WHERE id = ?`,
    ).run(now, author, now, row.id);
    return findAnnotation(db, row.id);
  })();
}

/**
 * Lists the annotations on a target, oldest first. For a country or body,
 * `includeMemberships` adds those on its memberships.
 */
export function listAnnotations(
  db: Database.Database,
  options: {
    target: AnnotationTarget;
    includeDeleted?: boolean;
    includeMemberships?: boolean;
  },
): Annotation[] {
  const columns = resolveTarget(db, options.target);
  const rows = db
    .prepare(
      `SELECT * FROM annotations
       WHERE (target = @target
              OR (@includeMemberships = 1 AND target = 'membership'))
         AND (@bodyId IS NULL OR body_id = @bodyId)
         AND (@iso3 IS NULL OR iso3 = @iso3)
         AND (@includeDeleted = 1 OR deleted_at IS NULL)
       ORDER BY created_at, seq`,
    )
    .all({
      ...columns,
      includeMemberships: options.includeMemberships ? 1 : 0,
      includeDeleted: options.includeDeleted ? 1 : 0,
    }) as AnnotationRow[];
  return rows.map(toAnnotation);
}

/** Folds text for matching: lower case, without accents ("Côte" → "cote"). */
function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/**
 * Finds annotations not deleted whose text contains `query`, ignoring case
 * and accents; newest first, at most `limit`.
 */
export function searchAnnotations(
  db: Database.Database,
  query: string,
  options: { limit?: number } = {},
): Annotation[] {
  const needle = fold(typeof query === 'string' ? query.trim() : '');
  if (needle === '') {
    throw new AtlasError(
      'invalid_input',
      'The search text is empty; type a word to find.',
      'query',
    );
  }

  // NOTE: matching runs in JavaScript over every annotation not deleted,
  // because SQLite's LIKE folds case for ASCII letters only.
  const rows = db
    .prepare(
      `SELECT * FROM annotations WHERE deleted_at IS NULL
       ORDER BY updated_at DESC, seq DESC`,
    )
    .all() as AnnotationRow[];
  return rows
    .filter((row) => fold(row.text).includes(needle))
    .slice(0, options.limit ?? 50)
    .map(toAnnotation);
}

/** Lists every version of an annotation, oldest first. */
export function listAnnotationVersions(
  db: Database.Database,
  id: string,
): AnnotationVersion[] {
  const row = findAnnotationRow(db, id);
  const earlier = db
    .prepare(
      `SELECT version, text, deleted_at AS deletedAt, author, recorded_at AS recordedAt
       FROM annotation_versions WHERE annotation_id = ? ORDER BY version`,
    )
    .all(row.id) as AnnotationVersion[];
  return [
    ...earlier,
    {
      version: row.version,
      text: row.text,
      deletedAt: row.deleted_at,
      author: row.updated_by,
      recordedAt: row.updated_at,
    },
  ];
}
