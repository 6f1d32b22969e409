/**
 * The JSON export: the whole dataset with its history, in the format of
 * json-format.ts. Text is written as stored; unlike CSV and Excel, nothing
 * is prefixed to neutralise spreadsheet formulas.
 */
import type Database from 'better-sqlite3';

import { createLogger } from '../logger.js';
import { writeFileAtomic } from './atomic-write.js';
import {
  APP_NAME,
  SCHEMA_VERSION,
  type JsonAnnotation,
  type JsonAnnotationVersion,
  type JsonBaseline,
  type JsonChange,
  type JsonCorrection,
  type JsonDocument,
  type JsonRecordVersion,
  type JsonRevert,
} from './json-format.js';
import { type StoredAnnotationRow, type StoredChangeRow, readStoredChanges } from './stored-rows.js';

const log = createLogger('db/io/json-export');

/** Groups rows by a key, keeping their order. */
function groupBy<T>(rows: T[], keyOf: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

function readBaseline(db: Database.Database): JsonBaseline {
  const all = (sql: string) => db.prepare(sql).all() as Record<string, unknown>[];
  return {
    bodies: all('SELECT * FROM bodies ORDER BY id') as JsonBaseline['bodies'],
    themes: all('SELECT * FROM themes ORDER BY id') as JsonBaseline['themes'],
    body_themes: all('SELECT * FROM body_themes ORDER BY body_id, theme_id').map(
      (row) => ({
        body_id: row.body_id as string,
        theme_id: row.theme_id as string,
        in_table_by_area: row.in_table_by_area === 1,
        in_table_by_iscm: row.in_table_by_iscm === 1,
      }),
    ),
    memberships: all(
      'SELECT * FROM baseline_memberships ORDER BY body_id, iso3',
    ) as JsonBaseline['memberships'],
    organizations: all(
      'SELECT * FROM organizations ORDER BY body_id, name',
    ) as JsonBaseline['organizations'],
  };
}

function readChangeVersions(db: Database.Database): Map<string, JsonRecordVersion[]> {
  const rows = db
    .prepare(
      `SELECT change_id, version, source, note, author, recorded_at
       FROM membership_change_versions ORDER BY change_id, version`,
    )
    .all() as (JsonRecordVersion & { change_id: string })[];
  const versions = groupBy(rows, (row) => row.change_id);
  return new Map(
    [...versions].map(([id, group]) => [
      id,
      group.map(({ change_id: _id, ...version }) => version),
    ]),
  );
}

/**
 * Fields that changes and corrections share, in a new object that callers
 * extend with Object.assign. Spreading it into another object literal was
 * over ten times slower per record in a micro-benchmark on Node 20.
 */
function provenance(row: StoredChangeRow, versions: Map<string, JsonRecordVersion[]>) {
  return {
    id: row.id,
    body_id: row.body_id,
    iso3: row.iso3,
    source: row.source,
    note: row.note,
    author: row.author,
    recorded_at: row.recorded_at,
    version: row.version,
    edited_by: row.edited_by,
    edited_at: row.edited_at,
    reverted_by: row.reverted_by,
    earlier_versions: versions.get(row.id) ?? [],
  };
}

function readRecords(db: Database.Database) {
  const rows = readStoredChanges(db);
  const versions = readChangeVersions(db);
  const changes: JsonChange[] = [];
  const corrections: JsonCorrection[] = [];

  for (const row of rows) {
    if (row.kind === 'correction') {
      corrections.push(
        Object.assign(provenance(row, versions), {
          action: row.correction_action as JsonCorrection['action'],
          role: row.role_after as JsonCorrection['role'],
        }),
      );
    } else {
      changes.push(
        Object.assign(provenance(row, versions), {
          kind: row.kind as JsonChange['kind'],
          // reinstated derives its role from the suspension it ends.
          new_role:
            row.kind === 'role_changed' ? (row.role_after as JsonChange['new_role']) : null,
          effective_date: row.effective_date!,
          announced_date: row.announced_date,
        }),
      );
    }
  }
  return { changes, corrections };
}

function readReverts(db: Database.Database): JsonRevert[] {
  return db
    .prepare(
      `SELECT id, target_id, source, note, author, recorded_at
       FROM membership_reverts ORDER BY seq`,
    )
    .all() as JsonRevert[];
}

function readAnnotations(db: Database.Database): JsonAnnotation[] {
  const rows = db.prepare('SELECT * FROM annotations ORDER BY seq').all() as StoredAnnotationRow[];
  const versionRows = db
    .prepare(
      `SELECT annotation_id, version, text, deleted_at, author, recorded_at
       FROM annotation_versions ORDER BY annotation_id, version`,
    )
    .all() as (JsonAnnotationVersion & { annotation_id: string })[];
  const versions = groupBy(versionRows, (row) => row.annotation_id);

  return rows.map((row) => ({
    id: row.id,
    target: row.target,
    body_id: row.body_id,
    iso3: row.iso3,
    text: row.text,
    author: row.author,
    created_at: row.created_at,
    updated_by: row.updated_by,
    updated_at: row.updated_at,
    version: row.version,
    deleted_at: row.deleted_at,
    earlier_versions: (versions.get(row.id) ?? []).map(
      ({ annotation_id: _id, ...version }) => version,
    ),
  }));
}

/** Reads the whole dataset, with every version of every record, as one document. */
export function buildJsonDocument(db: Database.Database, now = new Date()): JsonDocument {
  return db.transaction(() => ({
    schema_version: SCHEMA_VERSION,
    app: APP_NAME,
    exported_at: now.toISOString(),
    baseline: readBaseline(db),
    ...readRecords(db),
    reverts: readReverts(db),
    annotations: readAnnotations(db),
  }))();
}

/**
 * Writes a document with one record per line: lines stay short enough to
 * read and compare, and an error message's line number points at a record.
 */
export function* formatJsonDocument(document: JsonDocument): Generator<string> {
  const entries = Object.entries(document).filter(([, value]) => value !== undefined);

  yield '{\n';
  for (const [index, [key, value]] of entries.entries()) {
    const comma = index < entries.length - 1 ? ',' : '';
    if (key === 'baseline') {
      const tables = Object.entries(value as JsonBaseline);
      yield '  "baseline": {\n';
      for (const [tableIndex, [table, rows]] of tables.entries()) {
        yield* formatArray(table, rows, '    ', tableIndex < tables.length - 1);
      }
      yield `  }${comma}\n`;
    } else if (Array.isArray(value)) {
      yield* formatArray(key, value, '  ', comma !== '');
    } else {
      yield `  ${JSON.stringify(key)}: ${JSON.stringify(value)}${comma}\n`;
    }
  }
  yield '}\n';
}

/** Lines of records joined into chunks of about this many characters. */
const CHUNK_CHARACTERS = 256 * 1024;

function* formatArray(
  key: string,
  rows: unknown[],
  indent: string,
  followed: boolean,
): Generator<string> {
  const comma = followed ? ',' : '';
  if (rows.length === 0) {
    yield `${indent}${JSON.stringify(key)}: []${comma}\n`;
    return;
  }

  yield `${indent}${JSON.stringify(key)}: [\n`;
  let chunk = '';
  for (const [index, row] of rows.entries()) {
    chunk += `${indent}  ${JSON.stringify(row)}${index < rows.length - 1 ? ',' : ''}\n`;
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk;
      chunk = '';
    }
  }
  yield `${chunk}${indent}]${comma}\n`;
}

/** Returns the document as one string, as written to a file. */
export function jsonDocumentText(document: JsonDocument): string {
  return [...formatJsonDocument(document)].join('');
}

export interface JsonExportResult {
  path: string;
  /** One line for the user: what was written where. */
  summary: string;
}

/** Writes the whole dataset to `out` as JSON, atomically. */
export async function exportJson(
  db: Database.Database,
  out: string,
  options: { now?: Date } = {},
): Promise<JsonExportResult> {
  const started = Date.now();
  const document = buildJsonDocument(db, options.now);

  async function* chunks(): AsyncGenerator<string> {
    yield* formatJsonDocument(document);
  }
  await writeFileAtomic(out, chunks());

  const counts =
    `${document.changes.length} changes, ${document.corrections.length} corrections, ` +
    `${document.reverts.length} reverts and ${document.annotations.length} annotations`;
  log.info(`json export of ${counts} to ${out} in ${Date.now() - started} ms`);
  return {
    path: out,
    summary: `Wrote ${out}: the 2020 baseline with ${counts}, with every version.`,
  };
}
