/** Formats the benchmark's figures as the plain-text report it prints. */
import { cpus, loadavg, platform, release, totalmem } from 'node:os';

import type { MapTiming } from './map-bench.js';
import type { CaseTiming } from './query-bench.js';
import type { QueryKind } from './query-cases.js';
import { summarize } from './stats.js';
import { formatMs, formatTable } from './table.js';

export const HTTP_P99_AIM_MS = 5;
export const MAP_RATIO_AIM = 1.25;

/** One row of the latency table: a case timed in process and over HTTP. */
export interface QueryRow {
  label: string;
  kind: QueryKind;
  inProcess: CaseTiming;
  http: CaseTiming;
}

export interface RunInfo {
  quick: boolean;
  chromiumVersion: string | null;
  /** The 1-minute load average when the benchmark started. */
  loadAtStart: number;
  seedDescription: string;
}

/** Names the date, the machine and the load, which every figure depends on. */
export function formatHeader(info: RunInfo): string {
  const cpuList = cpus();
  const memoryGiB = (totalmem() / 2 ** 30).toFixed(1);
  const chromium = info.chromiumVersion ?? 'not started';
  return [
    `ISCM Atlas benchmark, ${new Date().toISOString()}${info.quick ? ' (--quick)' : ''}`,
    `Machine: ${cpuList.length} CPUs (${cpuList[0]?.model ?? 'unknown model'}), ` +
      `${memoryGiB} GiB RAM, ${platform()} ${release()}, Node ${process.version}, ` +
      `Chromium ${chromium}`,
    // Other programs running at the same time inflate every figure, the
    // tails most. The load average also counts the build that ran just
    // before and the benchmark's own processes.
    `Load average (1 min): ${info.loadAtStart.toFixed(2)} at start, ` +
      `${loadavg()[0].toFixed(2)} at end`,
    `Databases: 2020 baseline plus ${info.seedDescription}`,
  ].join('\n');
}

export function formatMapSection(timings: MapTiming[], loads: number): string {
  const rows = timings.map((timing) => {
    if (!timing.measured) return [timing.label, 'not measured', '', '0'];
    const summary = summarize(timing.samples);
    return [timing.label, formatMs(summary.p50), formatMs(summary.p90), String(summary.count)];
  });
  const lines = [
    `Map drawn and interactive, ms from navigation start ` +
      `(${loads} loads per page, each in a new browser context, first one dropped)`,
    formatTable(['page', 'median', 'p90', 'loads'], rows, ['left', 'right', 'right', 'right']),
  ];

  const [app, bare] = timings;
  if (app.measured && bare.measured) {
    const ratio = summarize(app.samples).p50 / summarize(bare.samples).p50;
    const verdict = ratio <= MAP_RATIO_AIM ? 'meets' : 'misses';
    lines.push(
      `Ratio app/bare of the medians: ${ratio.toFixed(2)} ` +
        `(${verdict} the aim of at most ${MAP_RATIO_AIM})`,
    );
  } else {
    lines.push('Ratio app/bare: not measured');
  }

  for (const timing of timings) {
    if (!timing.measured) lines.push(`${timing.label} not measured: ${timing.reason}`);
  }
  return lines.join('\n');
}

/** Describes the call counts of one transport, for the section title. */
export interface CallCounts {
  inProcess: string;
  http: string;
}

export function formatQuerySection(
  rows: QueryRow[],
  counts: CallCounts,
  untimed: readonly string[],
): string {
  const cells = rows.map((row) => {
    const over = row.http.summary.p99 - HTTP_P99_AIM_MS;
    return [
      row.label,
      row.kind,
      (row.inProcess.jsonLength / 1024).toFixed(1),
      formatMs(row.inProcess.summary.p50),
      formatMs(row.inProcess.summary.p99),
      formatMs(row.http.summary.p50),
      formatMs(row.http.summary.p99),
      formatMs(row.http.summary.max),
      over < 0 ? 'yes' : `MISS by ${formatMs(over)}`,
    ];
  });

  const misses = rows.filter((row) => row.http.summary.p99 >= HTTP_P99_AIM_MS);
  const verdict =
    misses.length === 0
      ? `All ${rows.length} cases have an HTTP p99 under ${HTTP_P99_AIM_MS} ms.`
      : `${misses.length} of ${rows.length} cases miss the HTTP p99 aim of ` +
        `${HTTP_P99_AIM_MS} ms: ${misses.map((row) => row.label).join(', ')}.`;

  return [
    `Query latency, ms (in process: ${counts.inProcess}; preview HTTP: ${counts.http})`,
    formatTable(
      [
        'case',
        'kind',
        'JSON kB',
        'proc p50',
        'proc p99',
        'http p50',
        'http p99',
        'http max',
        `p99 < ${HTTP_P99_AIM_MS}`,
      ],
      cells,
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    verdict,
    `Not timed here (file queries): ${untimed.length > 0 ? untimed.join(', ') : 'none'}`,
  ].join('\n');
}
