import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CONFIG_FILE = 'electron-builder.yml';

// electron-builder's own loader and schema check, resolved from where
// electron-builder is installed so that hoisting does not matter.
const builderRequire = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = builderRequire(
  'app-builder-lib/out/util/config/config',
) as {
  getConfig(projectDir: string, configPath: string, options: null): Promise<Record<string, any>>;
  validateConfiguration(config: object, logger: object): Promise<void>;
};
const { DebugLogger } = builderRequire('builder-util') as {
  DebugLogger: new (enabled: boolean) => object;
};

async function loadConfig(folder: string, file: string): Promise<Record<string, any>> {
  const config = await getConfig(folder, file, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

function fileFilters(config: Record<string, any>): string[] {
  return config.files.flatMap((entry: string | { filter: string[] }) =>
    typeof entry === 'string' ? [entry] : entry.filter,
  );
}

describe('electron-builder.yml', () => {
  it('passes electron-builder validation', async () => {
    await expect(loadConfig(projectRoot, CONFIG_FILE)).resolves.toBeDefined();
  }, 30_000);

  it('names the app and the output folder', async () => {
    const config = await loadConfig(projectRoot, CONFIG_FILE);

    expect(config.appId).toBe('org.iom.iscm-atlas');
    expect(config.productName).toBe('ISCM Atlas');
    expect(config.directories.output).toBe('release');
  });

  it('packs the app files and the Electron binding', async () => {
    const filters = fileFilters(await loadConfig(projectRoot, CONFIG_FILE));

    for (const pattern of [
      'dist/node/**',
      'dist/renderer/**',
      'db/migrations/**',
      'db/baseline/**',
      'package.json',
      '.native-electron/better_sqlite3.node',
    ]) {
      expect(filters, pattern).toContain(pattern);
    }
  });

  it('unpacks native addons and skips the npm rebuild', async () => {
    const config = await loadConfig(projectRoot, CONFIG_FILE);

    expect(config.asarUnpack).toContain('.native-electron/*.node');
    expect(config.npmRebuild).toBe(false);
  });

  it('flips the security fuses', async () => {
    const config = await loadConfig(projectRoot, CONFIG_FILE);

    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('builds deb, AppImage, NSIS and dmg', async () => {
    const config = await loadConfig(projectRoot, CONFIG_FILE);

    expect(config.linux.target).toEqual(['deb', 'AppImage']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('rejects a misspelt option', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atlas-builder-'));
    const text = readFileSync(join(projectRoot, CONFIG_FILE), 'utf8');
    writeFileSync(join(folder, CONFIG_FILE), text.replace('electronFuses:', 'electronFusez:'));
    writeFileSync(join(folder, 'package.json'), readFileSync(join(projectRoot, 'package.json')));

    await expect(loadConfig(folder, CONFIG_FILE)).rejects.toThrow(/electronFusez/);
  });
});
