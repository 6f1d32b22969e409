/**
 * Importing dated membership changes from a CSV table, one change a row.
 * Each row goes through planChange in file order, in one batch, so it is
 * checked against the state left by the rows accepted before it.
 */
import type Database from 'better-sqlite3';
import { CsvError, parse } from 'csv-parse/sync';

import { backupDatabase, defaultBackupFolder } from '../backup.js';
import { type PlannedWrite, RecordBatch, writePlanned } from '../domain/batch.js';
import { checkAuthor } from '../domain/fields.js';
import { describeRecordedChange, findRecordedChange, planChange } from '../domain/record.js';
import { AtlasError } from '../errors.js';
import { createLogger } from '../logger.js';
import { databaseState } from './database-state.js';
import { type ImportProblem, ImportFileError, decodeImportFile } from './import-file.js';
import { logImport } from './import-log.js';

const log = createLogger('db/io/csv-import');

const REQUIRED_COLUMNS = ['body_id', 'iso3', 'change', 'effective_date', 'source'] as const;
const OPTIONAL_COLUMNS = ['announced_date', 'new_role', 'note'] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** A data row of the table, with the line it starts on (the header is line 1). */
interface CsvRow {
  line: number;
  fields: string[];
}

export interface CsvImportResult {
  /**
   * Rows that passed the checks, with the id of the change each became;
   * the id is null when nothing was written (with allOrNothing).
   */
  accepted: { line: number; id: string | null }[];
  /** Rows not recorded, with why, in file order. */
  rejected: { line: number; message: string }[];
  /**
   * Rows that repeat a change recorded here already (the same pair, kind
   * and date), with that change's id; they are neither recorded nor rejected.
   */
  skipped: { line: number; id: string; message: string }[];
  /** False when nothing was recorded: the database is unchanged. */
  written: boolean;
  importId: string | null;
  backupPath: string | null;
}

function readRows(text: string, fileName: string): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    throw new ImportFileError(fileName, [
      {
        where: line === undefined ? '' : `line ${line}`,
        message: `the file is not a valid CSV table: ${error.message}.`,
      },
    ]);
  }

  return records.map(({ record, info }) => {
    // info.lines is the line a record ends on; a quoted field may span lines.
    const breaks = record.reduce((count, field) => count + field.split('\n').length - 1, 0);
    return { line: info.lines - breaks, fields: record };
  });
}

/** Maps each known column to its index; throws when a required one is missing. */
function readHeader(header: CsvRow, fileName: string): Map<Column, number> {
  const names = header.fields.map((name) => name.trim().toLowerCase());
  const columns = new Map<Column, number>();
  const problems: ImportProblem[] = [];

  for (const column of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) {
    const index = names.indexOf(column);
    if (index === -1) continue;
    if (names.indexOf(column, index + 1) !== -1) {
      problems.push({
        where: `line ${header.line}`,
        message: `the header names the column ${column} twice; keep one`,
      });
    }
    columns.set(column, index);
  }

  const missing = REQUIRED_COLUMNS.filter((column) => !columns.has(column));
  if (missing.length > 0) {
    problems.push({
      where: `line ${header.line}`,
      message:
        `the header row lacks the column${missing.length === 1 ? '' : 's'} ` +
        `${missing.join(', ')}. It needs ${REQUIRED_COLUMNS.join(', ')}, and may ` +
        `have ${OPTIONAL_COLUMNS.join(', ')}; other columns are ignored. It has: ` +
        `${names.join(', ')}.`,
    });
  }
  if (problems.length > 0) throw new ImportFileError(fileName, problems);
  return columns;
}

interface RunOutcome {
  accepted: { line: number; id: string }[];
  rejected: { line: number; message: string }[];
  skipped: { line: number; id: string; message: string }[];
  /** The writes that record the accepted rows. */
  writes: PlannedWrite[];
}

/** Checks the rows in file order and plans the accepted ones; writes nothing. */
function planRows(
  db: Database.Database,
  rows: CsvRow[],
  columns: Map<Column, number>,
  header: CsvRow,
  context: { author: string; today: string },
): RunOutcome {
  const batch = new RecordBatch(db);
  const accepted: RunOutcome['accepted'] = [];
  const rejected: RunOutcome['rejected'] = [];
  const skipped: RunOutcome['skipped'] = [];
  const field = (row: CsvRow, column: Column) => {
    const index = columns.get(column);
    return index === undefined ? undefined : row.fields[index];
  };

  for (const row of rows) {
    if (row.fields.length !== header.fields.length) {
      rejected.push({
        line: row.line,
        message:
          `the row has ${row.fields.length} fields, but the header has ` +
          `${header.fields.length}; check for a missing or extra comma.`,
      });
      continue;
    }
    const input = {
      bodyId: field(row, 'body_id')!,
      iso3: field(row, 'iso3')!,
      kind: field(row, 'change')!.trim(),
      effectiveDate: field(row, 'effective_date')!.trim(),
      source: field(row, 'source')!,
      announcedDate: field(row, 'announced_date')?.trim() || null,
      newRole: field(row, 'new_role')?.trim() || null,
      note: field(row, 'note') ?? null,
    };
    const recorded = findRecordedChange(batch, input);
    if (recorded !== undefined) {
      skipped.push({ line: row.line, id: recorded.id, message: describeRecordedChange(recorded) });
      continue;
    }
    try {
      const change = planChange(batch, input, context);
      accepted.push({ line: row.line, id: change.id });
    } catch (error) {
      if (!(error instanceof AtlasError)) throw error;
      rejected.push({ line: row.line, message: error.message });
    }
  }
  return { accepted, rejected, skipped, writes: batch.takeWrites() };
}

/**
 * Imports dated changes from a CSV table with a header row. The columns
 * body_id, iso3, change, effective_date and source are required, and
 * announced_date, new_role and note optional; other columns are ignored.
 * Rows are recorded in file order, in one transaction. A row the domain
 * rules reject is listed with its line and reason. With `allOrNothing`,
 * nothing at all is recorded when any row is rejected. Before writing, it
 * backs the database up into `backupFolder`, by default the folder that
 * defaultBackupFolder returns. An import that records something is logged
 * in the imports table. Throws ImportFileError when the file as a whole
 * cannot be read.
 */
export async function importChangesCsv(
  db: Database.Database,
  content: Uint8Array | string,
  fileName: string,
  options: {
    author: string;
    today: string;
    allOrNothing?: boolean;
    backupFolder?: string | null;
    now?: Date;
    maxBytes?: number;
  },
): Promise<CsvImportResult> {
  const started = Date.now();
  const file = decodeImportFile(content, fileName, options.maxBytes);
  const [header, ...rows] = readRows(file.text, fileName);
  if (header === undefined) {
    throw new ImportFileError(fileName, [{ where: '', message: 'the file has no header row.' }]);
  }
  const columns = readHeader(header, fileName);
  const context = { author: checkAuthor(options.author), today: options.today };
  const writes = (outcome: RunOutcome) =>
    outcome.accepted.length > 0 &&
    !(options.allOrNothing === true && outcome.rejected.length > 0);

  // One read transaction, so that the plan and the state it names agree
  // and each query of the checks skips taking its own lock.
  const { planned, plannedState } = db.transaction(() => ({
    planned: planRows(db, rows, columns, header, context),
    plannedState: databaseState(db),
  }))();
  const result: CsvImportResult = {
    accepted: planned.accepted.map(({ line }) => ({ line, id: null })),
    rejected: planned.rejected,
    skipped: planned.skipped,
    written: false,
    importId: null,
    backupPath: null,
  };
  if (!writes(planned)) return result;

  const folder =
    options.backupFolder === undefined ? defaultBackupFolder(db) : options.backupFolder;
  if (folder !== null) {
    const reason = { kind: 'import', fileName } as const;
    result.backupPath = (await backupDatabase(db, folder, reason)).path;
  }

  const outcome = db.transaction(() => {
    // The backup awaited. When something was written meanwhile, the plan
    // no longer holds: check the rows again against the database as it is.
    const run =
      databaseState(db) === plannedState
        ? planned
        : planRows(db, rows, columns, header, context);
    if (!writes(run)) return run;

    writePlanned(db, run.writes);
    result.importId = logImport(db, {
      format: 'csv',
      fileName,
      fileSha256: file.sha256,
      author: context.author,
      added: run.accepted.length,
      updated: 0,
      conflictsAccepted: 0,
      skipped: run.skipped.length,
      notImported: run.rejected.length,
      now: options.now,
    }).id;
    return run;
  })();

  result.written = result.importId !== null;
  result.accepted = outcome.accepted.map(({ line, id }) => ({
    line,
    id: result.written ? id : null,
  }));
  result.rejected = outcome.rejected;
  result.skipped = outcome.skipped;
  log.info(
    `imported ${fileName}: ${result.written ? outcome.accepted.length : 0} rows recorded, ` +
      `${outcome.rejected.length} rejected, ${outcome.skipped.length} already recorded ` +
      `in ${Date.now() - started} ms`,
  );
  return result;
}
