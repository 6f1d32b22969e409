import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A preview server running in a child process, as `npm run preview` starts it. */
export interface PreviewProcess {
  /** The page URL, with the token in its query string. */
  url: string;
  apiUrl: string;
  token: string;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Stops the child with SIGTERM, then SIGKILL if it has not exited in 5 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM');
  if (await waitForExit(child, STOP_TIMEOUT_MS)) return;
  child.kill('SIGKILL');
  await waitForExit(child, STOP_TIMEOUT_MS);
}

/**
 * Starts the compiled preview command-line tool on a free port of
 * 127.0.0.1 with the given database, and resolves with the URL it prints.
 * A separate process keeps the benchmark's own work (Playwright, fetch)
 * off the server's event loop. The child's stderr is passed through.
 */
export async function startPreviewProcess(
  cliPath: string,
  databasePath: string,
): Promise<PreviewProcess> {
  const child = spawn(process.execPath, [cliPath, '--db', databasePath], {
    env: { ...process.env, ATLAS_LOG_LEVEL: process.env.ATLAS_LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`Timed out after ${START_TIMEOUT_MS} ms waiting for the preview to print its URL.`));
    }, START_TIMEOUT_MS);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The preview exited (code ${code}, signal ${signal}) before printing its URL.`));
    });
    lines.on('line', (line) => {
      if (!line.startsWith('http://')) return;
      clearTimeout(timer);
      resolve(line.trim());
    });
  }).catch(async (error: Error) => {
    await stopChild(child);
    throw error;
  });

  const parsed = new URL(url);
  const token = parsed.searchParams.get('token');
  if (!token) {
    await stopChild(child);
    throw new Error(`The preview URL ${url} has no token parameter.`);
  }

  return {
    url,
    apiUrl: new URL('/api/query', parsed.origin).href,
    token,
    stop: () => stopChild(child),
  };
}
