import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';

import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

import { IPC_CHANNEL, QUERY_NAMES, WINDOW_API_KEY } from '../../main/contract/index.js';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

type Invoke = (channel: string, request: unknown) => Promise<unknown>;

let bundle: string;

/**
 * Runs the bundled preload as Electron's sandbox would: CommonJS, with a
 * require() that resolves only 'electron'. Returns what it exposed and the
 * modules it required.
 */
function runPreload(invoke: Invoke) {
  const exposed = new Map<string, Record<string, (input: unknown) => Promise<unknown>>>();
  const required: string[] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: Record<string, (input: unknown) => Promise<unknown>>) =>
        exposed.set(key, api),
    },
    ipcRenderer: { invoke },
  };
  const require = (name: string) => {
    required.push(name);
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require "${name}"`);
    return electron;
  };
  const module = { exports: {} };

  runInNewContext(bundle, { require, module, exports: module.exports });

  return { exposed, required };
}

beforeAll(async () => {
  const outDir = mkdtempSync(join(tmpdir(), 'atlas-preload-'));
  await build({
    configFile: join(projectRoot, 'vite.preload.config.ts'),
    root: projectRoot,
    logLevel: 'silent',
    build: { outDir, sourcemap: false },
  });
  bundle = readFileSync(join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);

describe('preload bundle', () => {
  it('requires nothing but electron', () => {
    const { required } = runPreload(() => Promise.resolve());

    expect(required).toEqual(['electron']);
  });

  it('exposes one function per query on window.atlas', () => {
    const { exposed } = runPreload(() => Promise.resolve());
    const api = exposed.get(WINDOW_API_KEY);

    expect([...exposed.keys()]).toEqual([WINDOW_API_KEY]);
    expect(Object.keys(api ?? {}).sort()).toEqual([...QUERY_NAMES].sort());
    for (const name of QUERY_NAMES) {
      expect(typeof api?.[name], name).toBe('function');
    }
  });

  it('sends each call over the contract channel', async () => {
    const calls: [string, unknown][] = [];
    const reply = { ok: true, value: { counts: { bodies: 3 } } };
    const { exposed } = runPreload((channel, request) => {
      calls.push([channel, request]);
      return Promise.resolve(reply);
    });

    const result = await exposed.get(WINDOW_API_KEY)?.countryProfile({ iso3: 'BRA' });

    expect(result).toBe(reply);
    expect(calls).toEqual([[IPC_CHANNEL, { name: 'countryProfile', input: { iso3: 'BRA' } }]]);
  });
});
