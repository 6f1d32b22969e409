import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** JavaScript compiled for child processes, in a folder of its own. */
export interface ChildBuild {
  /** The build folder: the JavaScript is in its node/ subfolder. */
  folder: string;
  /** Returns the path of the compiled file for a TypeScript source path. */
  compiledPath(source: string): string;
  /** Deletes the build folder. */
  remove(): void;
}

function compiledPathIn(outDir: string, source: string): string {
  const fromRoot = relative(PROJECT_ROOT, resolve(PROJECT_ROOT, source));
  return join(outDir, fromRoot).replace(/\.ts$/, '.js');
}

/**
 * Compiles TypeScript entry points (paths relative to the project root),
 * with everything they import, into a new folder under dist/, so that
 * tests can run the project's code in real child processes. The folder
 * sits inside the project because db/paths.ts finds db/migrations by
 * walking up from the compiled files and Node finds node_modules the same
 * way. Each call gets its own folder, so that test files running at the
 * same time and `npm run build` do not write over each other's files.
 */
export function compileForChild(entries: string[]): ChildBuild {
  mkdirSync(join(PROJECT_ROOT, 'dist'), { recursive: true });
  const folder = mkdtempSync(join(PROJECT_ROOT, 'dist', 'test-child-'));
  const outDir = join(folder, 'node');
  const configPath = join(folder, 'tsconfig.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      extends: join(PROJECT_ROOT, 'tsconfig.json'),
      compilerOptions: { rootDir: PROJECT_ROOT, outDir, sourceMap: false },
      include: [],
      files: entries.map((entry) => join(PROJECT_ROOT, entry)),
    }),
  );

  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', configPath], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  const compiledEntries = entries.map((entry) => compiledPathIn(outDir, entry));
  // tsc exits with 2 when it found type errors but still wrote the files.
  // NOTE: type errors in the imported code are left to `npm run check`,
  // because these tests judge what the compiled code does.
  const written = result.status === 0 || result.status === 2;
  if (!written || !compiledEntries.every((path) => existsSync(path))) {
    rmSync(folder, { recursive: true, force: true });
    throw new Error(
      `tsc failed to compile ${entries.join(', ')} (status ${result.status}, ` +
        `signal ${result.signal}):\n${result.stdout}${result.stderr}`,
    );
  }

  return {
    folder,
    compiledPath: (source) => compiledPathIn(outDir, source),
    remove: () => rmSync(folder, { recursive: true, force: true }),
  };
}
