/**
 * `npm run bench [-- --quick]`: times how fast the map becomes interactive
 * in the browser preview against a bare Leaflet page, and the latency of
 * every read and write query in process and over the preview's HTTP
 * transport. Prints the report to stdout and progress to stderr. It is a
 * benchmark, not a test, so a missed aim does not change the exit status.
 * See docs/BENCHMARKS.md.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';
import { toIsoDay } from '../../main/contract/index.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { CHROMIUM_PATH, launchChromium, timeMapPages, type MapTiming } from './map-bench.js';
import { startPreviewProcess, type PreviewProcess } from './preview-process.js';
import {
  timeInProcess,
  timeOverHttp,
  type CaseTiming,
  type Iterations,
} from './query-bench.js';
import {
  createQueryCases,
  fileQueries,
  queryKind,
  uncoveredQueries,
  type QueryCase,
} from './query-cases.js';
import {
  formatHeader,
  formatMapSection,
  formatQuerySection,
  type QueryRow,
} from './report.js';
import {
  listBaselinePairs,
  PairPool,
  seedDatabase,
  type BaselinePairs,
  type SeedSummary,
} from './seed.js';
import { runImportBench } from './import-bench.js';
import { runLargeLogBench } from './large-log-bench.js';
import { startStaticServer } from './static-server.js';
import { formatMs } from './table.js';

const USAGE = `Usage: npm run bench [-- --quick]

Options:
  --quick   fewer page loads and query calls (under a minute instead of 2–3)
  --help    show this help

Environment:
  ATLAS_CHROMIUM   path of the Chromium binary (default: /usr/bin/chromium)`;

/** Untimed and timed calls of each case, for reads and for writes. */
interface CallPlan {
  reads: Iterations;
  writes: Iterations;
}

interface Settings {
  /** Page loads per map page, the first of which is a warm-up. */
  mapLoads: number;
  inProcess: CallPlan;
  http: CallPlan;
}

// Writes get fewer calls over HTTP because each one adds rows that later
// calls then go through. With 500 timed reads per case, a p99 is the
// fifth-slowest call, and the default run takes about two and a half
// minutes on 2 CPUs.
const DEFAULT_SETTINGS: Settings = {
  mapLoads: 7,
  inProcess: { reads: { warmUp: 50, timed: 500 }, writes: { warmUp: 50, timed: 500 } },
  http: { reads: { warmUp: 50, timed: 500 }, writes: { warmUp: 20, timed: 200 } },
};

const QUICK_SETTINGS: Settings = {
  mapLoads: 3,
  inProcess: { reads: { warmUp: 20, timed: 200 }, writes: { warmUp: 10, timed: 100 } },
  http: { reads: { warmUp: 5, timed: 50 }, writes: { warmUp: 5, timed: 50 } },
};

const APP_LABEL = 'app (preview)';
const BARE_LABEL = 'bare Leaflet';

/** This file runs from dist/node/test/bench; the project is four levels up. */
const HERE = dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = resolve(HERE, '../../../..');
const PREVIEW_CLI = join(HERE, '../../main/preview/cli.js');
const RENDERER_FOLDER = join(PROJECT_ROOT, 'dist/renderer');
const BARE_FOLDER = join(PROJECT_ROOT, 'dist/bench-bare');

/** A seeded benchmark database and the cases to run on it. */
interface BenchDatabase {
  context: HandlerContext;
  seed: SeedSummary;
  reads: QueryCase[];
  writes: QueryCase[];
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

function readSettings(): { settings: Settings; quick: boolean } {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return { settings: values.quick ? QUICK_SETTINGS : DEFAULT_SETTINGS, quick: values.quick };
}

function checkBuildOutput(): void {
  const required = [PREVIEW_CLI, join(RENDERER_FOLDER, 'index.html'), join(BARE_FOLDER, 'index.html')];
  for (const path of required) {
    if (!existsSync(path)) fail(`${path} is missing; run "npm run bench", which builds it first.`);
  }
}

/** Creates a database from the baseline at `path` and seeds its change log. */
function openBenchDatabase(path: string, baseline: BaselinePairs | null): {
  database: BenchDatabase;
  baseline: BaselinePairs;
} {
  const db = openAtlasDatabase(path);
  const context: HandlerContext = { db, databasePath: path, today: () => toIsoDay(new Date()) };
  try {
    const pairs = baseline ?? listBaselinePairs(context);
    const pool = new PairPool(pairs.open);
    const seed = seedDatabase(context, pairs, pool);
    const { reads, writes } = createQueryCases(seed, pool);
    return { database: { context, seed, reads, writes }, baseline: pairs };
  } catch (error) {
    closeDatabase(db);
    throw error;
  }
}

function checkCoverage(cases: readonly QueryCase[]): void {
  const missing = uncoveredQueries(cases);
  if (missing.length > 0) {
    throw new Error(
      `No benchmark case covers the queries ${missing.join(', ')}; ` +
        'add them to test/bench/query-cases.ts.',
    );
  }
}

function timeCasesInProcess(database: BenchDatabase, plan: CallPlan): CaseTiming[] {
  const run = (queryCase: QueryCase, iterations: Iterations) => {
    const timing = timeInProcess(database.context, queryCase, iterations);
    progress(`in process, ${queryCase.label}: p99 ${formatMs(timing.summary.p99)} ms`);
    return timing;
  };
  return [
    ...database.reads.map((queryCase) => run(queryCase, plan.reads)),
    ...database.writes.map((queryCase) => run(queryCase, plan.writes)),
  ];
}

async function timeCasesOverHttp(
  preview: PreviewProcess,
  cases: readonly QueryCase[],
  iterations: Iterations,
): Promise<CaseTiming[]> {
  const timings: CaseTiming[] = [];
  for (const queryCase of cases) {
    const timing = await timeOverHttp(preview, queryCase, iterations);
    progress(`preview HTTP, ${queryCase.label}: p99 ${formatMs(timing.summary.p99)} ms`);
    timings.push(timing);
  }
  return timings;
}

async function timeMaps(previewUrl: string, loads: number) {
  let browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    const firstLine = (error as Error).message.split('\n')[0];
    const reason =
      `Chromium did not start from ${CHROMIUM_PATH} (${firstLine}). ` +
      'Install it or set ATLAS_CHROMIUM to its path.';
    const timings: MapTiming[] = [APP_LABEL, BARE_LABEL].map((label) => ({
      label,
      measured: false,
      reason,
    }));
    return { timings, chromiumVersion: null };
  }

  const bare = await startStaticServer(BARE_FOLDER);
  try {
    const pages = [
      { label: APP_LABEL, url: previewUrl },
      { label: BARE_LABEL, url: bare.url },
    ];
    const timings = await timeMapPages(browser, pages, loads, progress);
    return { timings, chromiumVersion: browser.version() };
  } finally {
    await bare.close();
    await browser.close();
  }
}

function describeCalls(plan: CallPlan): string {
  const { reads, writes } = plan;
  return (
    `${reads.timed} calls per read after ${reads.warmUp} untimed, ` +
    `${writes.timed} per write after ${writes.warmUp}`
  );
}

function describeSeed(seed: SeedSummary): string {
  return (
    `${seed.records} change records, ${seed.reverts} reverts and ` +
    `${seed.annotations} annotations written before timing`
  );
}

/** Seeds a database, checks that every query has a case and times them in process. */
function timeInProcessPhase(folder: string, plan: CallPlan) {
  const path = join(folder, 'in-process.sqlite');
  const { database, baseline } = openBenchDatabase(path, null);
  try {
    const cases = [...database.reads, ...database.writes];
    checkCoverage(cases);
    progress(`timing ${cases.length} query cases in process`);
    const timings = timeCasesInProcess(database, plan);
    return { cases, timings, baseline, seed: database.seed };
  } finally {
    closeDatabase(database.context.db);
  }
}

/**
 * Seeds a second database from the same baseline pairs, serves it with the
 * preview, times the map pages and then the queries over HTTP. The map
 * comes first, so that the HTTP writes do not change what it draws.
 */
async function timePreviewPhase(folder: string, baseline: BaselinePairs, settings: Settings) {
  const path = join(folder, 'preview.sqlite');
  const { database } = openBenchDatabase(path, baseline);
  closeDatabase(database.context.db);

  progress('starting the preview');
  const preview = await startPreviewProcess(PREVIEW_CLI, path);
  try {
    progress(`loading the map pages ${settings.mapLoads} times each`);
    const map = await timeMaps(preview.url, settings.mapLoads);

    progress(`timing the query cases over the preview's HTTP transport`);
    const http = [
      ...(await timeCasesOverHttp(preview, database.reads, settings.http.reads)),
      ...(await timeCasesOverHttp(preview, database.writes, settings.http.writes)),
    ];
    return { map, http };
  } finally {
    await preview.stop();
  }
}

async function main(): Promise<number> {
  const { settings, quick } = readSettings();
  process.env.ATLAS_LOG_LEVEL ??= 'warn';
  checkBuildOutput();
  const started = performance.now();
  const loadAtStart = loadavg()[0];
  const tempFolder = mkdtempSync(join(tmpdir(), 'atlas-bench-'));

  try {
    const local = timeInProcessPhase(tempFolder, settings.inProcess);
    const { map, http } = await timePreviewPhase(tempFolder, local.baseline, settings);

    const rows: QueryRow[] = local.cases.map((queryCase, index) => ({
      label: queryCase.label,
      kind: queryKind(queryCase.name),
      inProcess: local.timings[index],
      http: http[index],
    }));
    const info = {
      quick,
      chromiumVersion: map.chromiumVersion,
      loadAtStart,
      seedDescription: describeSeed(local.seed),
    };
    const counts = {
      inProcess: describeCalls(settings.inProcess),
      http: describeCalls(settings.http),
    };
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stdout.write(
      [
        formatHeader(info),
        formatMapSection(map.timings, settings.mapLoads),
        formatQuerySection(rows, counts, fileQueries()),
        `Total time: ${seconds} s`,
      ].join('\n\n') + '\n',
    );

    // The app's map is missing while the renderer does not set mapReady, but
    // the bare page failing means the harness itself is broken.
    progress('timing the as-of map summary on a large change log');
    runLargeLogBench({ calls: quick ? 50 : 200 });
    progress('timing the Excel export and the JSON import of a large change log');
    await runImportBench({ changes: quick ? 10_000 : 100_000 });

    const bare = map.timings.find((timing) => timing.label === BARE_LABEL);
    return bare?.measured ? 0 : 1;
  } finally {
    rmSync(tempFolder, { recursive: true, force: true });
  }
}

main().then(
  (status) => process.exit(status),
  (error: Error) => {
    process.stderr.write(`The benchmark failed: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
