import type { Result } from '../../main/contract/index.js';
import type { HandlerContext } from '../../main/handlers/context.js';
import { runQuery } from '../../main/handlers/dispatch.js';
import type { QueryCase } from './query-cases.js';
import { summarize, type Summary } from './stats.js';

/** How many calls of each case to run untimed, then timed. */
export interface Iterations {
  warmUp: number;
  timed: number;
}

/** The address and token of a running preview server. */
export interface PreviewEndpoint {
  apiUrl: string;
  token: string;
}

/** Latency of one case, and the size of the JSON result of its last call. */
export interface CaseTiming {
  summary: Summary;
  jsonLength: number;
}

function checkResult(queryCase: QueryCase, result: Result<unknown>, via: string): void {
  if (!result.ok) {
    throw new Error(
      `${via}: the case "${queryCase.label}" failed with ${result.error.code}: ` +
        `${result.error.message} Fix its input in test/bench/query-cases.ts.`,
    );
  }
  queryCase.onResult?.(result.value);
}

/**
 * Times runQuery called directly, as the Electron IPC handler calls it:
 * validation and the handler, without any transport or JSON.
 */
export function timeInProcess(
  context: HandlerContext,
  queryCase: QueryCase,
  iterations: Iterations,
): CaseTiming {
  const samples: number[] = [];
  let result: Result<unknown> | undefined;

  for (let call = 0; call < iterations.warmUp + iterations.timed; call++) {
    const request = { name: queryCase.name, input: queryCase.input(call) };
    const started = performance.now();
    result = runQuery(context, request);
    const elapsed = performance.now() - started;

    checkResult(queryCase, result, 'in process');
    if (call >= iterations.warmUp) samples.push(elapsed);
  }
  return { summary: summarize(samples), jsonLength: JSON.stringify(result).length };
}

/**
 * Times POSTs to the preview's /api/query, each from the call to fetch
 * until the JSON result is parsed: the renderer's round trip in the
 * preview, with Node's fetch as the client. Node's fetch keeps the
 * connection alive, so only the first call connects.
 */
export async function timeOverHttp(
  endpoint: PreviewEndpoint,
  queryCase: QueryCase,
  iterations: Iterations,
): Promise<CaseTiming> {
  const samples: number[] = [];
  let jsonLength = 0;

  for (let call = 0; call < iterations.warmUp + iterations.timed; call++) {
    const body = JSON.stringify({ name: queryCase.name, input: queryCase.input(call) });
    const started = performance.now();
    const response = await fetch(endpoint.apiUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Atlas-Token': endpoint.token },
      body,
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(`POST ${endpoint.apiUrl} returned HTTP ${response.status}: ${text}`);
    }
    const result = JSON.parse(text) as Result<unknown>;
    const elapsed = performance.now() - started;

    checkResult(queryCase, result, 'preview HTTP');
    if (call >= iterations.warmUp) samples.push(elapsed);
    jsonLength = text.length;
  }
  return { summary: summarize(samples), jsonLength };
}
