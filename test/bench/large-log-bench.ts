/**
 * Times the as-of map summary on a database with a large change log
 * (100,000 generated changes by default): computed afresh, as after every
 * write, and through runQuery, whose read cache serves repeated requests.
 */
import { loadavg } from 'node:os';

import { closeDatabase } from '../../db/close.js';
import { generateChanges } from '../../db/domain/generate.js';
import { openAtlasDatabase } from '../../db/open.js';
import { toIsoDay } from '../../main/contract/dates.js';
import { handlers } from '../../main/handlers/index.js';
import { runQuery } from '../../main/handlers/dispatch.js';
import { summarize } from './stats.js';
import { formatMs, formatTable } from './table.js';

/** The p99 the as-of map summary should stay under, in milliseconds. */
const AIM_MS = 50;

const AS_OF_DAYS = ['2021-06-01', '2023-05-07', '2025-01-29'];

function timeCalls(count: number, call: (index: number) => unknown): number[] {
  const samples: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = performance.now();
    call(index);
    samples.push(performance.now() - started);
  }
  return samples;
}

/** Prints p50 and p99 of the as-of map summary with `changes` recorded changes. */
export function runLargeLogBench(options: { changes?: number; calls?: number } = {}): void {
  const changes = options.changes ?? 100_000;
  const calls = options.calls ?? 200;
  const today = toIsoDay(new Date());
  const db = openAtlasDatabase(':memory:');
  const context = { db, databasePath: ':memory:', today: () => today };

  try {
    const generated = generateChanges(db, changes, { today });
    const days = [...AS_OF_DAYS, today];
    const count = { includeRoles: [], excludeGlobal: false };
    const filter = { type: 'none' } as const;

    const fresh = timeCalls(calls, (index) =>
      handlers.mapSummary(context, { asOf: days[index % days.length], count, filter }),
    );
    const cached = timeCalls(calls, (index) =>
      runQuery(context, { name: 'mapSummary', input: { asOf: days[index % days.length] } }),
    );

    const rows = [
      ['computed afresh', summarize(fresh)],
      ['through runQuery (cached)', summarize(cached)],
    ] as const;
    process.stdout.write(
      [
        `As-of map summary with ${generated.toLocaleString('en')} recorded changes ` +
          `(${calls} calls over ${days.length} days; aim p99 under ${AIM_MS} ms; ` +
          `load ${loadavg()[0].toFixed(2)})`,
        formatTable(
          ['path', 'p50 ms', 'p99 ms', 'aim'],
          rows.map(([label, summary]) => [
            label,
            formatMs(summary.p50),
            formatMs(summary.p99),
            summary.p99 <= AIM_MS ? 'met' : 'MISSED',
          ]),
          ['left', 'right', 'right', 'left'],
        ),
      ].join('\n') + '\n\n',
    );
  } finally {
    closeDatabase(db);
  }
}
