import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

const testFolder = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(testFolder, '../..');
const scanScript = join(testFolder, 'electronegativity-scan.cjs');
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const run = promisify(execFile);

const SCAN_TIMEOUT_MS = 60_000;
const BLOCKING_SEVERITIES = new Set(['HIGH', 'MEDIUM']);

interface Finding {
  id: string;
  severity: string;
  file: string;
  line: number;
  sample: string;
  description: string;
}

interface ScanResult {
  findings: Finding[];
  parseErrors: { file: string; message: string }[];
  atomicChecks: number;
}

/** Runs Electronegativity on `folder` in a child process and reads its findings. */
async function scan(folder: string): Promise<ScanResult> {
  const { stdout } = await run(process.execPath, [scanScript, folder, electronVersion], {
    cwd: projectRoot,
    timeout: SCAN_TIMEOUT_MS,
  });

  // Electronegativity prints a line of its own first; the summary is last.
  const lastLine = stdout.trim().split('\n').at(-1) ?? '';
  const summary = JSON.parse(lastLine) as {
    atomicChecks: number;
    errors: { file: string; message: string }[];
    findings: Finding[];
  };
  return {
    findings: summary.findings,
    parseErrors: summary.errors,
    atomicChecks: summary.atomicChecks,
  };
}

/**
 * Returns the reason given for `finding` at its place: a comment on its
 * line or in the comment lines right above it, reading
 * "Electronegativity CHECK_ID[, CHECK_ID…]: reason".
 */
function justification(root: string, finding: Finding): string | undefined {
  if (finding.file === 'N/A' || finding.line < 1) return undefined;

  const lines = readFileSync(join(root, finding.file), 'utf8').split('\n');
  const block = [lines[finding.line - 1]];
  for (let index = finding.line - 2; index >= 0; index--) {
    const text = lines[index].trim();
    if (!text.startsWith('//') && !text.startsWith('*') && !text.startsWith('/*')) break;
    block.unshift(text);
  }
  const comment = block.map((line) => line.replace(/^\s*(\/\/|\/\*+|\*)\s?/, '')).join(' ');

  const match = /Electronegativity\s+([A-Z_,\s]+?):\s*(\S.{9,})/.exec(comment);
  if (!match) return undefined;
  const ids = match[1].split(/[\s,]+/).filter(Boolean);
  return ids.includes(finding.id) ? match[2] : undefined;
}

function unjustifiedBlocking(root: string, findings: Finding[]): string[] {
  return findings
    .filter((finding) => BLOCKING_SEVERITIES.has(finding.severity))
    .filter((finding) => justification(root, finding) === undefined)
    .map(
      (finding) =>
        `${finding.severity} ${finding.id} at ${finding.file}:${finding.line} ` +
        `(${finding.description}): ${finding.sample}`,
    );
}

function writeFixture(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'atlas-eng-fixture-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), text);
  }
  return folder;
}

const INSECURE_WINDOW = `
import { BrowserWindow } from 'electron';

export function open(): BrowserWindow {
  return new BrowserWindow({
    webPreferences: { contextIsolation: false, sandbox: false },
  });
}
`;

const JUSTIFIED_WINDOW = `
import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export function open(options: BrowserWindowConstructorOptions): BrowserWindow {
  // Electronegativity CONTEXT_ISOLATION_JS_CHECK, SANDBOX_JS_CHECK,
  // AUXCLICK_JS_CHECK: the caller's options set all three.
  return new BrowserWindow(options);
}
`;

describe('electronegativity', () => {
  it(
    'finds no unjustified HIGH or MEDIUM issue in main/',
    async () => {
      const root = join(projectRoot, 'main');

      const result = await scan(root);

      expect(result.atomicChecks).toBeGreaterThan(0);
      expect(result.parseErrors).toEqual([]);
      expect(unjustifiedBlocking(root, result.findings)).toEqual([]);
    },
    SCAN_TIMEOUT_MS,
  );

  it(
    'reports an insecure window as unjustified',
    async () => {
      const root = writeFixture({ 'window.ts': INSECURE_WINDOW });

      const result = await scan(root);
      const problems = unjustifiedBlocking(root, result.findings);

      expect(problems.some((text) => text.includes('HIGH CONTEXT_ISOLATION_JS_CHECK'))).toBe(true);
      expect(problems.some((text) => text.includes('SANDBOX_JS_CHECK'))).toBe(true);
    },
    SCAN_TIMEOUT_MS,
  );

  it(
    'accepts findings justified in place',
    async () => {
      const root = writeFixture({ 'window.ts': JUSTIFIED_WINDOW });

      const result = await scan(root);
      // The fixture has no navigation guard or permission handler, which
      // global checks report without a place; only its window matters here.
      const inWindow = result.findings.filter((finding) => finding.file === 'window.ts');

      expect(inWindow.some((finding) => finding.id === 'CONTEXT_ISOLATION_JS_CHECK')).toBe(true);
      expect(unjustifiedBlocking(root, inWindow)).toEqual([]);
    },
    SCAN_TIMEOUT_MS,
  );
});
