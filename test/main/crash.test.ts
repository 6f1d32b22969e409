import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { closeDatabase } from '../../db/close.js';
import { openAtlasDatabase } from '../../db/open.js';
import { type ChildBuild, compileForChild } from '../helpers/compile-for-child.js';
import { createBaselineDatabase, tempDatabasePath } from '../helpers/database-snapshot.js';

const TODAY = '2026-12-04';
const MIN_RUNS = 20;
const MAX_RUNS = 40;
/** Time for all runs together; the test fails if fewer than MIN_RUNS fit. */
const RUNS_BUDGET_MS = 40_000;
/** A child that has printed nothing after this long is stuck. */
const RUN_TIMEOUT_MS = 15_000;

let build: ChildBuild;
let childScript: string;
let template: string;

beforeAll(() => {
  build = compileForChild(['test/helpers/record-stream.ts']);
  childScript = build.compiledPath('test/helpers/record-stream.ts');
  template = createBaselineDatabase(tempDatabasePath('atlas-crash-template-'));
}, 120_000);

afterAll(() => {
  build?.remove();
  if (template) rmSync(dirname(template), { recursive: true, force: true });
});

interface KilledRun {
  /** Ids the child wrote to stdout, each after its transaction committed. */
  savedIds: string[];
  signal: NodeJS.Signals | null;
  exitCode: number | null;
  stderr: string;
}

/**
 * Starts the recording child on `path`, lets it write `killAfter` ids,
 * waits `delayMs` more, and kills it with SIGKILL.
 */
function recordThenKill(path: string, killAfter: number, delayMs: number): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, path, TODAY, '5000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ATLAS_LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    let stderr = '';
    let killScheduled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);

    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text: string) => {
      stdout += text;
      if (killScheduled || stdout.split('\n').length - 1 < killAfter) return;
      killScheduled = true;
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      // Only complete lines count: a line cut by the kill was never fully written.
      const savedIds = stdout.split('\n').slice(0, -1);
      resolve({ savedIds, signal, exitCode, stderr });
    });
  });
}

function randomInteger(min: number, max: number): number {
  return min + Math.floor(Math.random() * (max - min + 1));
}

describe('recording killed with SIGKILL', () => {
  it('keeps committed changes and integrity', async () => {
    const started = Date.now();
    let runs = 0;

    while (runs < MAX_RUNS && Date.now() - started < RUNS_BUDGET_MS) {
      runs += 1;
      const path = tempDatabasePath('atlas-crash-');
      copyFileSync(template, path);
      const killAfter = randomInteger(1, 40);
      const delayMs = randomInteger(0, 3);
      const where = `run ${runs} (killed after ${killAfter} ids + ${delayMs} ms, ${path})`;

      const run = await recordThenKill(path, killAfter, delayMs);

      expect(run.signal, `${where}: exit code ${run.exitCode}, ${run.stderr}`).toBe('SIGKILL');
      expect(run.savedIds.length, where).toBeGreaterThanOrEqual(killAfter);
      // The app's own open recovers the database from the -wal file the kill left.
      const db = openAtlasDatabase(path);
      const integrity = db.pragma('integrity_check', { simple: true });
      const storedIds = new Set(
        db.prepare('SELECT id FROM membership_changes').pluck().all() as string[],
      );
      closeDatabase(db);

      expect(integrity, where).toBe('ok');
      expect(run.savedIds.filter((id) => !storedIds.has(id)), where).toEqual([]);
      // At most one change committed whose id the kill kept from being written.
      expect(storedIds.size - run.savedIds.length, where).toBeGreaterThanOrEqual(0);
      expect(storedIds.size - run.savedIds.length, where).toBeLessThanOrEqual(1);
      expect(existsSync(`${path}-wal`), where).toBe(false);
      // A failed run's folder stays, so that its database can be inspected.
      rmSync(dirname(path), { recursive: true, force: true });
    }

    expect(runs).toBeGreaterThanOrEqual(MIN_RUNS);
  }, 90_000);
});
