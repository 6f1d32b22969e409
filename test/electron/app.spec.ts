/**
 * End-to-end checks of the Electron app itself: the window, the map and a
 * country panel, over the preload bridge and a fresh database. They need
 * the Electron binary, the built app (`npm run build`) and the Electron
 * build of better-sqlite3 (`node scripts/electron-native.mjs`). Where the
 * binary is missing they report themselves skipped, with the reason.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
const NATIVE_BINDING = join(PROJECT_ROOT, '.native-electron', 'better_sqlite3.node');
const MAP_READY_TIMEOUT_MS = 30_000;

/**
 * Finds the Electron executable the way the electron package does, but
 * without require('electron'), which starts a download when the binary is
 * missing.
 */
function findElectron(): { executable?: string; reason: string } {
  let packageFolder: string;
  try {
    packageFolder = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }

  const pathFile = join(packageFolder, 'path.txt');
  if (!existsSync(pathFile)) {
    return { reason: `the Electron binary was never downloaded (${pathFile} is missing)` };
  }
  const relativePath = readFileSync(pathFile, 'utf8').trim();
  const distFolder = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageFolder, 'dist');
  const executable = join(distFolder, relativePath);
  if (!existsSync(executable)) return { reason: `the Electron binary ${executable} is missing` };
  return { executable, reason: '' };
}

const electron = findElectron();

test.describe('Electron app', () => {
  test.skip(electron.executable === undefined, `Electron cannot run here: ${electron.reason}`);

  // The tests share one app run and build on each other.
  test.describe.configure({ mode: 'serial' });

  let userData: string;
  let app: ElectronApplication | undefined;
  let page: Page;

  test.beforeAll(async () => {
    expect(
      existsSync(NATIVE_BINDING),
      `${NATIVE_BINDING} is missing; run node scripts/electron-native.mjs first`,
    ).toBe(true);

    userData = mkdtempSync(join(tmpdir(), 'atlas-electron-'));
    app = await _electron.launch({
      executablePath: electron.executable,
      args: [PROJECT_ROOT, `--user-data-dir=${userData}`],
      env: { ...process.env, ATLAS_LOG_LEVEL: 'warn' },
    });
    page = await app.firstWindow();
  });

  test.afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  test('opens the window with the preload bridge', async () => {
    await expect(page).toHaveTitle(/ISCM Atlas/);

    const names = await page.evaluate(() =>
      Object.keys((window as unknown as { atlas?: object }).atlas ?? {}),
    );
    expect(names).toContain('countryProfile');
  });

  test('draws the map', async () => {
    await page.waitForFunction(() => document.body.dataset.mapReady === 'true', null, {
      timeout: MAP_READY_TIMEOUT_MS,
    });

    await expect(page.locator('path.country-MLI')).not.toHaveCount(0);
  });

  test('clicking Mali opens its country panel', async () => {
    const profile = await page.evaluate(async () => {
      const api = (window as unknown as {
        atlas: { countryProfile(input: object): Promise<{ ok: boolean; value: { iscmCount: number } }> };
      }).atlas;
      return api.countryProfile({ iso3: 'MLI' });
    });

    await page.locator('path.country-MLI').first().click();

    const panel = page.locator('[data-panel="country"]');
    await expect(panel.locator('h2')).toHaveText('Mali');
    expect(profile.ok).toBe(true);
    await expect(panel.locator('[data-iscm-count]')).toHaveAttribute(
      'data-iscm-count',
      String(profile.value.iscmCount),
    );
  });

  test('leaves no -wal file after quitting', async () => {
    await app?.close();
    app = undefined;

    expect(existsSync(join(userData, 'atlas.sqlite'))).toBe(true);
    expect(existsSync(join(userData, 'atlas.sqlite-wal'))).toBe(false);
  });
});
