import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../main/cli/index.js';
import { type ChildBuild, compileForChild } from '../helpers/compile-for-child.js';
import { readSnapshot, tempDatabasePath } from '../helpers/database-snapshot.js';

const BASELINE_MEMBERSHIPS = 1714;
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 10_000;

type Child = ChildProcessByStdio<null, Readable, Readable>;

let build: ChildBuild;
let previewScript: string;

beforeAll(() => {
  build = compileForChild(['main/preview/cli.ts']);
  previewScript = build.compiledPath('main/preview/cli.ts');
  // The preview serves ../../../renderer from its compiled cli.js, as
  // dist/node/main/preview/cli.js serves dist/renderer.
  mkdirSync(join(build.folder, 'renderer'));
  writeFileSync(
    join(build.folder, 'renderer', 'index.html'),
    '<html><head><meta name="atlas-preview-token" content="" /></head></html>',
  );
}, 180_000);

afterAll(() => build?.remove());

function runExport(databasePath: string, out: string) {
  let stderr = '';
  const code = runCli(['export', '--db', databasePath, '--format', 'csv', '--out', out], {
    stdout: { write: () => true },
    stderr: { write: (text: string) => (stderr += text) },
    cwd: dirname(databasePath),
    today: () => '2024-06-30',
  });
  return code.then((exitCode) => ({ exitCode, stderr }));
}

/** Resolves once the child has written a line starting with http://. */
function waitForUrl(child: Child): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the preview printed no URL in ${START_TIMEOUT_MS} ms: ${stderr}`));
    }, START_TIMEOUT_MS);

    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = stdout.split('\n').find((line) => line.startsWith('http://'));
      if (url === undefined) return;
      clearTimeout(timer);
      resolve(url);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`the preview exited with code ${code} before printing its URL: ${stderr}`));
    });
  });
}

/**
 * Sends `signal` and resolves with how the child ended ("exit code 0", or
 * "signal SIGTERM" when the signal ended it unhandled), or rejects after a
 * timeout.
 */
function stop(child: Child, signal: NodeJS.Signals): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the preview did not stop within ${STOP_TIMEOUT_MS} ms of ${signal}`));
    }, STOP_TIMEOUT_MS);
    child.removeAllListeners('close');
    child.on('close', (code, endSignal) => {
      clearTimeout(timer);
      resolve(code === null ? `signal ${endSignal}` : `exit code ${code}`);
    });
    child.kill(signal);
  });
}

describe('runCli export', () => {
  it('leaves no -wal file after a successful export', async () => {
    const path = tempDatabasePath('atlas-exit-cli-');

    const result = await runExport(path, join(dirname(path), 'tables'));

    expect(result.exitCode, result.stderr).toBe(0);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(readSnapshot(path).tables.baseline_memberships).toHaveLength(BASELINE_MEMBERSHIPS);
  });

  it('leaves no -wal file after a failed export', async () => {
    const path = tempDatabasePath('atlas-exit-cli-');
    const out = join(dirname(path), 'taken');
    writeFileSync(out, 'a file where the export wants a folder');

    const result = await runExport(path, out);

    expect(result.exitCode).toBe(1);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(readSnapshot(path).tables.baseline_memberships).toHaveLength(BASELINE_MEMBERSHIPS);
  });
});

describe('preview stop', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('leaves no -wal file after %s', async (signal) => {
    const path = tempDatabasePath('atlas-exit-preview-');
    const child = spawn(process.execPath, [previewScript, '--db', path], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ATLAS_LOG_LEVEL: 'warn' },
    });

    await waitForUrl(child);
    const walWhileRunning = existsSync(`${path}-wal`);
    const ending = await stop(child, signal);

    expect(walWhileRunning).toBe(true);
    expect(ending).toBe('exit code 0');
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(readSnapshot(path).tables.baseline_memberships).toHaveLength(BASELINE_MEMBERSHIPS);
  });
});
