import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  checkAddon,
  cleanBuildEnv,
  copyPackageWithoutBuild,
  readAddonAbi,
} from '../../scripts/electron-native.mjs';

const require = createRequire(import.meta.url);
const nodeAddon = join(
  dirname(require.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);
const NODE_ABI = Number(process.versions.modules);
const ELECTRON_ABI = 150;

function fakeAddon(contents: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'atlas-native-')), 'addon.node');
  writeFileSync(path, Buffer.from(`\x7fELF\0\0${contents}\0\0`, 'latin1'));
  return path;
}

describe('readAddonAbi', () => {
  it('reads the ABI of the Node build', () => {
    expect(readAddonAbi(nodeAddon)).toBe(NODE_ABI);
  });

  it('reads the ABI from the registration symbol', () => {
    expect(readAddonAbi(fakeAddon('node_register_module_v150'))).toBe(150);
  });

  it('returns undefined without a symbol or with two', () => {
    expect(readAddonAbi(fakeAddon('napi_register_module_v1'))).toBeUndefined();
    expect(
      readAddonAbi(fakeAddon('node_register_module_v115\0node_register_module_v150')),
    ).toBeUndefined();
  });
});

describe('checkAddon', () => {
  it('accepts an addon built for Electron', () => {
    expect(checkAddon(fakeAddon('node_register_module_v150'), ELECTRON_ABI)).toBeUndefined();
  });

  it('rejects the Node build and names the nodedir cause', () => {
    const problem = checkAddon(nodeAddon, ELECTRON_ABI);

    expect(problem).toContain(`Node's ABI ${NODE_ABI}`);
    expect(problem).toContain('nodedir');
  });

  it('rejects a missing file or another ABI', () => {
    expect(checkAddon(join(tmpdir(), 'no-such-addon.node'), ELECTRON_ABI)).toContain(
      'no addon was produced',
    );
    expect(checkAddon(fakeAddon('node_register_module_v143'), ELECTRON_ABI)).toContain(
      'ABI 143',
    );
  });
});

describe('cleanBuildEnv', () => {
  it('drops the npm settings that redirect a native build', () => {
    const env = cleanBuildEnv({
      PATH: '/usr/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_runtime: 'node',
      npm_config_target: '20.20.2',
      npm_config_cache: '/root/.npm',
    });

    expect(env).toEqual({ PATH: '/usr/bin', npm_config_cache: '/root/.npm' });
  });
});

describe('copyPackageWithoutBuild', () => {
  it('copies everything but the build folder', () => {
    const source = mkdtempSync(join(tmpdir(), 'atlas-native-source-'));
    mkdirSync(join(source, 'build', 'Release'), { recursive: true });
    mkdirSync(join(source, 'src'));
    mkdirSync(join(source, 'buildtools'));
    writeFileSync(join(source, 'build', 'Release', 'better_sqlite3.node'), 'node build');
    writeFileSync(join(source, 'src', 'better_sqlite3.cpp'), '// source');
    writeFileSync(join(source, 'buildtools', 'keep.txt'), 'kept');
    writeFileSync(join(source, 'binding.gyp'), '{}');
    const destination = join(mkdtempSync(join(tmpdir(), 'atlas-native-copy-')), 'pkg');

    copyPackageWithoutBuild(source, destination);

    expect(existsSync(join(destination, 'binding.gyp'))).toBe(true);
    expect(existsSync(join(destination, 'src', 'better_sqlite3.cpp'))).toBe(true);
    expect(existsSync(join(destination, 'buildtools', 'keep.txt'))).toBe(true);
    expect(existsSync(join(destination, 'build'))).toBe(false);
    expect(existsSync(join(source, 'build', 'Release', 'better_sqlite3.node'))).toBe(true);
  });
});
