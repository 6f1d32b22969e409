/**
 * Times a full Excel export and a JSON import into a fresh database, with
 * generated changes on top of the 2020 baseline, a second import of the
 * same file, and an import of the same changes from a CSV table. Each step shows its wall time and the CPU time
 * of this process, because other work on a shared machine stretches the
 * first but hardly the second.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import type Database from 'better-sqlite3';

import { closeDatabase } from '../../db/close.js';
import { generateChanges } from '../../db/domain/generate.js';
import { importChangesCsv } from '../../db/io/csv-import.js';
import { formatCsv } from '../../db/io/csv.js';
import { exportAsOf } from '../../db/io/export.js';
import { buildJsonDocument, jsonDocumentText } from '../../db/io/json-export.js';
import { applyImport, previewImport } from '../../db/io/json-import.js';
import { openAtlasDatabase } from '../../db/open.js';
import { toIsoDay } from '../../main/contract/dates.js';
import { formatMs, formatTable } from './table.js';

/** The time each step should stay under, in milliseconds. */
const AIM_MS = 2000;
const DEFAULT_CHANGES = 100_000;
/** Times the JSON import is run; the table shows the median run. */
const IMPORT_RUNS = 3;

interface Step {
  name: string;
  ms: number;
  /** CPU time of this process (user and system), in milliseconds. */
  cpuMs: number;
  /** Whether the step is held to AIM_MS. */
  aimed: boolean;
  note: string;
}

function aimLabel(step: Step): string {
  if (!step.aimed) return '';
  return step.ms <= AIM_MS ? `under ${AIM_MS}` : `OVER ${AIM_MS}`;
}

async function timeStep<T>(
  steps: Step[],
  name: string,
  aimed: boolean,
  work: () => Promise<T> | T,
  note: (result: T) => string = () => '',
): Promise<T> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = await work();
  const cpu = process.cpuUsage(cpuStarted);
  steps.push({
    name,
    ms: performance.now() - started,
    cpuMs: (cpu.user + cpu.system) / 1000,
    aimed,
    note: note(result),
  });
  return result;
}

/**
 * Returns the changes of `db` as an import-changes CSV table, in recording
 * order, with the columns body_id, iso3, change, new_role, effective_date
 * and source.
 */
function changesCsv(db: Database.Database): string {
  const rows = db
    .prepare(
      `SELECT body_id, iso3, kind,
              CASE kind WHEN 'role_changed' THEN role_after ELSE '' END,
              effective_date, source
       FROM membership_changes WHERE kind <> 'correction' ORDER BY seq`,
    )
    .raw()
    .all() as string[][];
  return formatCsv({
    name: 'changes',
    header: ['body_id', 'iso3', 'change', 'new_role', 'effective_date', 'source'],
    rows,
  });
}

/** Times a preview and an apply of `text` into `target`, and both together. */
async function timeJsonImport(
  target: Database.Database,
  text: string,
  backupFolder: string,
): Promise<Step[]> {
  const steps: Step[] = [];
  const today = toIsoDay(new Date());
  const preview = await timeStep(
    steps,
    'JSON import: preview',
    false,
    () => previewImport(target, text, 'bench.json', { today }),
    (result) => `${result.summary.new} new, ${result.summary.conflict} conflicts`,
  );
  await timeStep(
    steps,
    'JSON import: apply',
    false,
    () => applyImport(target, preview, { backupFolder }, 'bench'),
    (result) => `${result.added} added, backup included`,
  );
  const [previewStep, applyStep] = steps;
  steps.push({
    name: 'JSON import (both)',
    ms: previewStep.ms + applyStep.ms,
    cpuMs: previewStep.cpuMs + applyStep.cpuMs,
    aimed: true,
    note: '',
  });
  return steps;
}

/**
 * Returns the steps of the run whose total (the last step) is the median,
 * noting each run's total on that step.
 */
function medianSteps(runs: Step[][]): Step[] {
  const sorted = [...runs].sort((a, b) => a[a.length - 1].ms - b[b.length - 1].ms);
  const median = sorted[Math.floor(sorted.length / 2)];
  const totals = sorted.map((run) => formatMs(run[run.length - 1].ms));
  const total = median[median.length - 1];
  total.note = `median of ${runs.length} runs: ${totals.join(', ')} ms`;
  return median;
}

function formatLoad(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
}

/**
 * Generates `changes` changes (100,000 by default), then times an Excel
 * export of the whole dataset as of today, and a JSON export and import of
 * it into fresh databases on disk (the median of IMPORT_RUNS runs). Then
 * it times a second import of the file into a database that has it, and
 * an import of the same changes from a CSV table into another fresh
 * database. Prints one row per step, and the load average before and after.
 */
export async function runImportBench(options: { changes?: number } = {}): Promise<void> {
  const count = options.changes ?? DEFAULT_CHANGES;
  const today = toIsoDay(new Date());
  const folder = mkdtempSync(join(tmpdir(), 'atlas-import-bench-'));
  const steps: Step[] = [];
  const source = openAtlasDatabase(':memory:');
  const csvTarget = openAtlasDatabase(join(folder, 'csv-target.sqlite'));
  const loadBefore = formatLoad();

  try {
    generateChanges(source, count, { today });

    const xlsxPath = join(folder, 'atlas.xlsx');
    await timeStep(
      steps,
      'Excel export (xlsx)',
      true,
      () =>
        exportAsOf(source, {
          format: 'xlsx',
          out: xlsxPath,
          zip: false,
          asOf: today,
          count: { includeRoles: [], excludeGlobal: false },
        }),
      () => `${(statSync(xlsxPath).size / 1e6).toFixed(1)} MB`,
    );

    const text = await timeStep(
      steps,
      'JSON export (text)',
      false,
      () => jsonDocumentText(buildJsonDocument(source)),
      (result) => `${(Buffer.byteLength(result) / 1e6).toFixed(1)} MB`,
    );

    // The import runs IMPORT_RUNS times, each into a fresh database, because
    // one run on a shared machine varied by a third; the median is kept.
    const runs: Step[][] = [];
    for (let run = 0; run < IMPORT_RUNS; run++) {
      const target = openAtlasDatabase(join(folder, `target-${run}.sqlite`));
      try {
        runs.push(await timeJsonImport(target, text, join(folder, `backups-${run}`)));
      } finally {
        closeDatabase(target);
      }
    }
    steps.push(...medianSteps(runs));

    const again = openAtlasDatabase(join(folder, 'again.sqlite'));
    try {
      const first = previewImport(again, text, 'bench.json', { today });
      await applyImport(again, first, { backupFolder: null }, 'bench');
      await timeStep(
        steps,
        'JSON import of the same file',
        false,
        () => previewImport(again, text, 'bench.json', { today }),
        (result) => `${result.summary.identical} identical, nothing to write`,
      );
    } finally {
      closeDatabase(again);
    }

    const csv = changesCsv(source);
    await timeStep(
      steps,
      'CSV import (import-changes)',
      false,
      () =>
        importChangesCsv(csvTarget, csv, 'bench.csv', {
          author: 'bench',
          today,
          backupFolder: join(folder, 'csv-backups'),
        }),
      (result) => `${result.accepted.length} recorded, ${result.rejected.length} rejected`,
    );
  } finally {
    closeDatabase(source);
    closeDatabase(csvTarget);
    rmSync(folder, { recursive: true, force: true });
  }

  const rows = steps.map((step) => [
    step.name,
    formatMs(step.ms),
    formatMs(step.cpuMs),
    aimLabel(step),
    step.note,
  ]);
  process.stdout.write(
    `\nExport and import with ${count.toLocaleString('en')} generated changes\n` +
      `${formatTable(['step', 'ms', 'cpu ms', 'aim (ms)', 'size or count'], rows, [
        'left',
        'right',
        'right',
        'left',
        'left',
      ])}\n` +
      `Load average (1, 5, 15 min) before: ${loadBefore}; after: ${formatLoad()}\n`,
  );
}
