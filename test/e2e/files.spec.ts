/**
 * Export, import and restore through the Data menu of the browser preview.
 * Exports arrive as downloads; imports read files set on the file input.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import {
  copyFileSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';

import type { Download, Locator, Page } from '@playwright/test';

import type {
  DownloadedFile,
  QueryInput,
  QueryName,
  QueryResults,
  Result,
} from '../../main/contract/index.js';
import { expect, openApp, startAtlas, test, type Atlas } from './atlas-fixture.js';

const AU_SOURCE = 'https://au.int/en/pressreleases/20210601';
const DISCLAIMER =
  'The boundaries and names shown and the designations used on this map do ' +
  'not imply official endorsement or acceptance by the United Nations.';

let exporter: Atlas;
let importer: Atlas;
let folder: string;
let recordedId: string;

test.beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'atlas-e2e-files-'));
  exporter = await startAtlas();
  importer = await startAtlas();
  const change = await exporter.query('recordChange', {
    bodyId: 'au',
    iso3: 'MLI',
    kind: 'suspended',
    effectiveDate: '2021-06-01',
    source: AU_SOURCE,
  });
  recordedId = change.id;
});

test.afterAll(async () => {
  await exporter?.stop();
  await importer?.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Opens a dialog from the header's Data menu and returns it. */
async function openFromMenu(page: Page, item: string, name: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Data' }).click();
  await page.getByRole('menuitem', { name: item }).click();
  const dialog = page.locator(`dialog[data-dialog="${name}"]`);
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Exports in the chosen format and returns the download. */
async function exportAs(page: Page, format: RegExp): Promise<Download> {
  const dialog = await openFromMenu(page, 'Export…', 'export');
  await dialog.getByRole('radio', { name: format }).check();
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download' }).click();
  await expect(dialog).toHaveCount(0);
  return download;
}

async function downloadedBytes(download: Download): Promise<Buffer> {
  return readFileSync(await download.path());
}

/** Returns the text of every text element of an SVG, white space collapsed. */
function svgText(svg: string): string {
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
  return texts.join(' ').replace(/\s+/g, ' ');
}

/** Highlights the AU's countries on the map and returns Mali's shape. */
async function showMaliInAu(page: Page): Promise<Locator> {
  await page.locator('select[name="igo"]').selectOption('au');
  return page.locator('path.country-MLI').first();
}

/** Writes the JSON dataset of `atlas` into the test folder and returns its path. */
async function exportDataset(atlas: Atlas, name: string, edit = (text: string) => text) {
  const file = (await atlas.query('exportFile', { format: 'json' })) as DownloadedFile;
  const path = join(folder, name);
  writeFileSync(path, edit(Buffer.from(file.dataBase64, 'base64').toString('utf8')));
  return path;
}

test.describe('export', () => {
  test('downloads an Excel workbook', async ({ page }) => {
    const info = await exporter.query('appInfo', {});

    await openApp(page, exporter);
    const dialog = await openFromMenu(page, 'Export…', 'export');
    await expect(dialog.getByTestId('export-as-of')).toHaveText(info.today);
    await page.screenshot({ path: 'test-results/export-dialog.png' });
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    const bytes = await downloadedBytes(file);

    expect(file.suggestedFilename()).toBe(`iscm-atlas-memberships-${info.today}.xlsx`);
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    await expect(page.getByTestId('record-notice')).toContainText(file.suggestedFilename());
  });

  test('clears the notice after ten seconds', async ({ page }) => {
    await page.clock.install();
    await openApp(page, exporter);
    const dialog = await openFromMenu(page, 'Export…', 'export');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    await download;
    const notice = page.getByTestId('record-notice');
    await expect(notice).toBeVisible();

    await page.clock.fastForward(9_000);
    await expect(notice).toBeVisible();
    await page.clock.fastForward(2_000);
    await expect(notice).toHaveCount(0);
  });

  test('downloads the whole dataset as JSON', async ({ page }) => {
    await openApp(page, exporter);
    const file = await exportAs(page, /JSON: the whole dataset/);
    const document = JSON.parse((await downloadedBytes(file)).toString('utf8'));

    expect(file.suggestedFilename()).toMatch(/^iscm-atlas-dataset-\d{4}-\d{2}-\d{2}\.json$/);
    expect(document.schema_version).toBe(1);
    expect(document.changes.map((change: { id: string }) => change.id)).toEqual([recordedId]);
    expect(document.changes[0].source).toBe(AU_SOURCE);
  });

  test('downloads the map on screen as SVG', async ({ page }) => {
    await openApp(page, exporter);
    await page.locator('input[name="as-of"]').fill('2023-05-01');
    await expect(page.locator('.legend time')).toHaveText('2023-05-01');
    const file = await exportAs(page, /Map as SVG/);
    const svg = (await downloadedBytes(file)).toString('utf8');
    writeFileSync('test-results/exported-map.svg', svg);

    expect(file.suggestedFilename()).toBe('iscm-atlas-map-2023-05-01.svg');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svgText(svg)).toContain(DISCLAIMER);
    expect(svgText(svg)).toContain('As of 2023-05-01');
    expect(svgText(svg)).toContain('ISCMs per country');
    expect(svg.match(/<path /g)?.length ?? 0).toBeGreaterThan(200);
  });

  test('downloads the map of another tab as PNG', async ({ page }) => {
    await openApp(page, exporter);
    await page.getByRole('tab', { name: 'History' }).click();
    const file = await exportAs(page, /Map as PNG/);
    const png = await downloadedBytes(file);
    writeFileSync('test-results/exported-map.png', png);

    expect(file.suggestedFilename()).toMatch(/^iscm-atlas-map-\d{4}-\d{2}-\d{2}\.png$/);
    expect(png.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
    // The PNG's width, from its IHDR chunk, is twice the map's on screen.
    const mapWidth = await page.locator('.map-frame .map').evaluate((map) => map.clientWidth);
    expect(png.readUInt32BE(16)).toBe(mapWidth * 2);
    await expect(page.getByRole('tab', { name: 'Map' })).toHaveAttribute('aria-selected', 'true');
  });

  test('closes with Escape and returns the focus', async ({ page }) => {
    await openApp(page, exporter);
    const dialog = await openFromMenu(page, 'Export…', 'export');
    await expect(dialog.getByRole('radio', { name: /Excel workbook/ })).toBeFocused();

    await page.keyboard.press('Escape');

    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Data' })).toBeFocused();
  });
});

test.describe('data menu', () => {
  test('works with the keyboard', async ({ page }) => {
    await openApp(page, exporter);
    const button = page.getByRole('button', { name: 'Data' });
    await button.focus();

    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Export…' })).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Import…' })).toBeFocused();
    await page.screenshot({ path: 'test-results/data-menu.png' });
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[data-dialog="import"]');
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('JSON file exported by ISCM Atlas')).toBeFocused();
    await page.keyboard.press('Escape');

    await expect(dialog).toHaveCount(0);
    await expect(button).toBeFocused();
    await expect(page.getByRole('menu')).toHaveCount(0);
  });

  test('closes on Escape without closing the panel', async ({ page }) => {
    await openApp(page, exporter);
    await page.locator('select[name="igo"]').selectOption('au');
    await expect(page.locator('[data-panel="body"]')).toBeVisible();
    await page.getByRole('button', { name: 'Data' }).click();
    await expect(page.getByRole('menuitem', { name: 'Export…' })).toBeFocused();

    await page.keyboard.press('Escape');

    await expect(page.getByRole('menu')).toHaveCount(0);
    await expect(page.locator('[data-panel="body"]')).toBeVisible();
  });
});

test.describe('import', () => {
  // The broken file must find the database unchanged, so it goes first.
  test.describe.configure({ mode: 'serial' });

  test('shows the problems of a broken file and changes nothing', async ({ page }) => {
    const before = await importer.query('history', {});
    const path = await exportDataset(exporter, 'broken.json', (text) =>
      text.replace('"effective_date":"2021-06-01"', '"effective_date":"2021-02-30"'),
    );

    await openApp(page, importer);
    const dialog = await openFromMenu(page, 'Import…', 'import');
    await dialog.locator('input[type="file"]').setInputFiles(path);
    const problems = dialog.getByTestId('import-problems');
    await expect(problems).toBeVisible();
    await page.screenshot({ path: 'test-results/import-problems.png' });

    await expect(problems).toContainText('broken.json');
    await expect(problems.locator('code.where').first()).toHaveText('changes[0].effective_date');
    await expect(problems).toContainText('2021-02-30');
    await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    const after = await importer.query('history', {});
    expect(after.total).toBe(before.total);
    await expect(await showMaliInAu(page)).toHaveAttribute('data-role', 'member');
  });

  test('imports a change from another database', async ({ page }) => {
    const path = await exportDataset(exporter, 'from-exporter.json');

    await openApp(page, importer);
    const mali = await showMaliInAu(page);
    await expect(mali).toHaveAttribute('data-role', 'member');
    const dialog = await openFromMenu(page, 'Import…', 'import');
    await dialog.locator('input[type="file"]').setInputFiles(path);
    await expect(dialog.getByTestId('import-summary')).toContainText('1 record in the file: 1 new');
    const row = dialog.locator(`[data-classification="new"] tr[data-id="${recordedId}"]`);
    await expect(row).toContainText('Mali');
    await page.screenshot({ path: 'test-results/import-preview.png' });
    await dialog.getByRole('button', { name: 'Import 1 record' }).click();

    await expect(dialog.getByTestId('import-result')).toContainText('1 new record');
    await expect(dialog.getByTestId('import-result')).toContainText('atlas-backup-');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(dialog).toHaveCount(0);
    await expect(mali).toHaveAttribute('data-role', 'suspended');
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.locator(`[data-testid="history-table"] tr[data-id="${recordedId}"]`)).toBeVisible();
    const role = await importer.query('roleAt', { bodyId: 'au', iso3: 'MLI', date: '2021-06-01' });
    expect(role.role).toBe('suspended');
  });

  test('finds nothing to import the second time', async ({ page }) => {
    const path = await exportDataset(exporter, 'again.json');

    await openApp(page, importer);
    const dialog = await openFromMenu(page, 'Import…', 'import');
    await dialog.locator('input[type="file"]').setInputFiles(path);

    await expect(dialog.getByTestId('import-count-identical')).toHaveText('1');
    await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
  });
});

test.describe('import conflicts', () => {
  let source: Atlas;
  let target: Atlas;

  test.beforeAll(async () => {
    source = await startAtlas();
    target = await startAtlas();
  });

  test.afterAll(async () => {
    await source?.stop();
    await target?.stop();
  });

  test('stores the file’s version of an accepted conflict', async ({ page }) => {
    const change = await source.query('recordChange', {
      bodyId: 'ecowas',
      iso3: 'GIN',
      kind: 'suspended',
      effectiveDate: '2021-09-08',
      source: 'ECOWAS communiqué',
    });
    const shared = (await source.query('exportFile', { format: 'json' })) as DownloadedFile;
    const preview = await target.query('previewImport', {
      fileName: 'shared.json',
      dataBase64: shared.dataBase64,
    });
    if (preview.status !== 'ready') throw new Error(preview.message);
    await target.query('applyImport', { previewId: preview.previewId });
    // Both sides then edit the note of the change they share, differently.
    await source.query('editRecord', { id: change.id, note: 'Note written in the source' });
    await target.query('editRecord', { id: change.id, note: 'Note written in the target' });
    const path = await exportDataset(source, 'conflict.json');

    await openApp(page, target);
    const dialog = await openFromMenu(page, 'Import…', 'import');
    await dialog.locator('input[type="file"]').setInputFiles(path);
    const row = dialog.locator(`[data-classification="conflict"] tr[data-id="${change.id}"]`);
    await expect(row).toContainText('Version 2');
    const accept = row.getByRole('checkbox', { name: 'Accept the file’s version' });
    await expect(dialog.getByRole('button', { name: /^Import/ })).toBeDisabled();
    await accept.check();
    await page.screenshot({ path: 'test-results/import-conflict.png' });
    await dialog.getByRole('button', { name: 'Import 1 record' }).click();

    await expect(dialog.getByTestId('import-result')).toContainText('1 accepted conflict');
    const versions = await target.query('recordVersions', { id: change.id });
    expect(versions.at(-1)?.note).toBe('Note written in the source');
    expect(versions.map((version) => version.note)).toContain('Note written in the target');
  });
});

type Child = ChildProcessByStdio<null, Readable, Readable>;

/** Starts `npm run preview`'s compiled command line and resolves with its URL. */
function startPreviewCli(databasePath: string): Promise<{ child: Child; url: URL }> {
  const script = resolve(import.meta.dirname, '../../dist/node/main/preview/cli.js');
  const child = spawn(process.execPath, [script, '--db', databasePath], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ATLAS_LOG_LEVEL: 'warn' },
  });
  return new Promise((resolveStart, reject) => {
    let output = '';
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((text) => text.startsWith('http://'));
      if (line) resolveStart({ child, url: new URL(line) });
    });
    child.on('exit', (code) => reject(new Error(`the preview exited with ${code}: ${errors}`)));
  });
}

/** Sends one query to a preview started by startPreviewCli and returns its value. */
async function queryPreview<N extends QueryName>(
  url: URL,
  name: N,
  input: QueryInput<N>,
): Promise<QueryResults[N]> {
  const response = await fetch(new URL('/api/query', url), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Atlas-Token': url.searchParams.get('token')!,
    },
    body: JSON.stringify({ name, input }),
  });
  const result = (await response.json()) as Result<QueryResults[N]>;
  if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
  return result.value;
}

test.describe('restore', () => {
  const children: Child[] = [];

  test.afterAll(() => {
    for (const child of children) child.kill('SIGTERM');
  });

  test('drops a change recorded after the backup made at start', async ({ page }) => {
    const started = await startPreviewCli(join(folder, 'restore', 'atlas.sqlite'));
    children.push(started.child);
    const token = started.url.searchParams.get('token')!;
    const response = await fetch(new URL('/api/query', started.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Atlas-Token': token },
      body: JSON.stringify({
        name: 'recordChange',
        input: { bodyId: 'au', iso3: 'MLI', kind: 'suspended', effectiveDate: '2021-06-01', source: AU_SOURCE },
      }),
    });
    expect((await response.json()).ok).toBe(true);

    await page.goto(started.url.href);
    await expect(page.locator('body')).toHaveAttribute('data-map-ready', 'true');
    const mali = await showMaliInAu(page);
    await expect(mali).toHaveAttribute('data-role', 'suspended');
    const dialog = await openFromMenu(page, 'Restore backup…', 'restore');
    const backups = dialog.locator('label.backup');
    await expect(backups).toHaveCount(1);
    await expect(backups.first().getByRole('radio')).toBeChecked();
    await page.screenshot({ path: 'test-results/restore-dialog.png' });
    await dialog.getByRole('button', { name: 'Restore…' }).click();
    await expect(dialog.getByTestId('restore-confirm')).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Back', exact: true })).toBeFocused();
    await page.screenshot({ path: 'test-results/restore-confirm.png' });
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();

    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('record-notice')).toContainText('Restored the backup of');
    await expect(mali).toHaveAttribute('data-role', 'member');
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(page.locator('[data-testid="history-table"] tbody tr')).toHaveCount(0);
    const again = await openFromMenu(page, 'Restore backup…', 'restore');
    await expect(again.locator('label.backup')).toHaveCount(2);
  });

  test('shows why each backup was made', async ({ page }) => {
    const started = await startPreviewCli(join(folder, 'reasons', 'atlas.sqlite'));
    children.push(started.child);
    const shared = (await exporter.query('exportFile', { format: 'json' })) as DownloadedFile;
    const preview = await queryPreview(started.url, 'previewImport', {
      fileName: 'shared by Lomé.json',
      dataBase64: shared.dataBase64,
    });
    if (preview.status !== 'ready') throw new Error(preview.message);
    await queryPreview(started.url, 'applyImport', { previewId: preview.previewId });
    // An earlier version named a backup by its time only.
    const backups = join(folder, 'reasons', 'atlas-backups');
    const atStart = readdirSync(backups).find((name) => name.endsWith('-start.sqlite'))!;
    const earlier = 'atlas-backup-2020-01-01T00-00-00-000Z.sqlite';
    copyFileSync(join(backups, atStart), join(backups, earlier));

    await page.goto(started.url.href);
    await expect(page.locator('body')).toHaveAttribute('data-map-ready', 'true');
    const mali = await showMaliInAu(page);
    await expect(mali).toHaveAttribute('data-role', 'suspended');
    const dialog = await openFromMenu(page, 'Restore backup…', 'restore');
    await expect(dialog.locator('label.backup .reason')).toHaveText([
      'Before import of shared by Lomé.json',
      'At start',
      'Reason not recorded',
    ]);
    await page.screenshot({ path: 'test-results/restore-reasons.png' });
    await dialog.locator(`label.backup[data-file-name="${earlier}"]`).getByRole('radio').check();
    await dialog.getByRole('button', { name: 'Restore…' }).click();
    await expect(dialog.getByTestId('restore-confirm-reason')).toHaveText('Reason not recorded.');
    await dialog.getByRole('button', { name: 'Restore this backup' }).click();

    await expect(dialog).toHaveCount(0);
    await expect(mali).toHaveAttribute('data-role', 'member');
    const again = await openFromMenu(page, 'Restore backup…', 'restore');
    await expect(again.locator('label.backup .reason').first()).toHaveText('Before a restore');
    await expect(again.locator('label.backup')).toHaveCount(4);
  });
});
