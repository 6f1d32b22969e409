import type { Page } from '@playwright/test';

import { expect, openApp, startAtlas, test, type Atlas } from './atlas-fixture.js';

let atlas: Atlas;

/** Togo's ECOWAS changes: one a month from 2021-01, more than a page. */
const TOGO_CHANGES = 56;

test.beforeAll(async () => {
  atlas = await startAtlas();
  for (let month = 0; month < TOGO_CHANGES; month++) {
    const year = 2021 + Math.floor(month / 12);
    const day = `${year}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    await atlas.query('recordChange', {
      bodyId: 'ecowas',
      iso3: 'TGO',
      kind: month % 2 === 0 ? 'suspended' : 'reinstated',
      effectiveDate: day,
      source: `ECOWAS communiqué ${day}`,
    });
  }
  await atlas.query('recordChange', {
    bodyId: 'au',
    iso3: 'MLI',
    kind: 'suspended',
    effectiveDate: '2021-06-01',
    source: 'https://au.int/en/pressreleases/20210601',
  });
});

test.afterAll(async () => {
  await atlas.stop();
});

const rows = (page: Page) => page.locator('[data-testid="history-table"] tbody tr');

async function openHistory(page: Page): Promise<void> {
  await openApp(page, atlas);
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.getByTestId('history-table')).toBeVisible();
}

test.describe('change log', () => {
  test('pages through the entries', async ({ page }) => {
    const all = await atlas.query('history', { limit: 1000 });

    await openHistory(page);
    await expect(rows(page)).toHaveCount(50);
    await page.getByRole('button', { name: 'Next' }).click();

    expect(all.total).toBe(TOGO_CHANGES + 1);
    await expect(rows(page)).toHaveCount(all.total - 50);
    await expect(rows(page).last()).toHaveAttribute('data-id', all.entries.at(-1)!.id);
  });

  test('filters by body and by kind', async ({ page }) => {
    const au = await atlas.query('history', { bodyId: 'au' });
    const reinstated = await atlas.query('history', { kind: 'reinstated' });

    await openHistory(page);
    await page.getByLabel('Body', { exact: true }).selectOption('au');
    await expect(rows(page)).toHaveCount(au.total);
    await expect(rows(page).first()).toHaveAttribute('data-iso3', 'MLI');
    await page.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByLabel('Kind', { exact: true }).selectOption('reinstated');

    expect(au.total).toBe(1);
    expect(reinstated.total).toBe(TOGO_CHANGES / 2);
    await expect(rows(page)).toHaveCount(reinstated.total);
    await expect(page.locator('tr[data-kind="suspended"]')).toHaveCount(0);
  });

  test('shades entries after the as-of date', async ({ page }) => {
    const firstPage = await atlas.query('history', { limit: 50 });
    const later = firstPage.entries.filter((entry) => entry.effectiveDay > '2022-01-01');

    await openHistory(page);
    await page.locator('input[name="as-of"]').fill('2022-01-01');

    expect(later.length).toBeGreaterThan(0);
    expect(later.length).toBeLessThan(50);
    await expect(page.locator('tr.later')).toHaveCount(later.length);
  });

  test('edit keeps the earlier version', async ({ page }) => {
    const record = (await atlas.query('history', { bodyId: 'au' })).entries[0];

    await openHistory(page);
    await page.getByLabel('Body', { exact: true }).selectOption('au');
    const row = page.locator(`tr[data-id="${record.id}"]`);
    await row.getByRole('button', { name: /^Edit source or note/ }).click();
    const dialog = page.locator('dialog[data-dialog="edit-record"]');
    await expect(dialog).toContainText('None: this is the first version.');
    await dialog.getByLabel('Note').fill('Coup of 24 May 2021');
    await dialog.getByRole('button', { name: 'Save a new version' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText('Coup of 24 May 2021');
    await row.getByRole('button', { name: /^Edit source or note/ }).click();

    const versions = await atlas.query('recordVersions', { id: record.id });
    expect(versions.map((version) => version.note)).toEqual(['', 'Coup of 24 May 2021']);
    const earlier = dialog.locator('li[data-version="1"]');
    await expect(earlier).toContainText(record.source);
    await expect(dialog.getByLabel('Note')).toHaveValue('Coup of 24 May 2021');
  });

  test('an unchanged edit shows the refusal', async ({ page }) => {
    const record = (await atlas.query('history', { iso3: 'TGO', limit: 1 })).entries[0];

    await openHistory(page);
    await page
      .locator(`tr[data-id="${record.id}"]`)
      .getByRole('button', { name: /^Edit source or note/ })
      .click();
    const dialog = page.locator('dialog[data-dialog="edit-record"]');
    await dialog.getByRole('button', { name: 'Save a new version' }).click();

    await expect(dialog.locator('[data-field="source"] .field-error')).toContainText(
      'change at least one of them',
    );
    const versions = await atlas.query('recordVersions', { id: record.id });
    expect(versions).toHaveLength(1);
  });
});

test.describe('revert refusal', () => {
  test('a revert that breaks a later change', async ({ page }) => {
    const togo = await atlas.query('history', { iso3: 'TGO', limit: 1000 });
    const first = togo.entries.at(-1)!;
    const before = await atlas.query('history', {});

    await openHistory(page);
    await page.getByLabel('Country', { exact: true }).selectOption('TGO');
    await page.getByRole('button', { name: 'Next' }).click();
    await page
      .locator(`tr[data-id="${first.id}"]`)
      .getByRole('button', { name: /^Revert/ })
      .click();
    const dialog = page.locator('dialog[data-dialog="revert"]');
    await dialog.getByRole('button', { name: 'Revert the record' }).click();

    expect(first.effectiveDate).toBe('2021-01-01');
    await expect(dialog.locator('.form-message')).toContainText('Cannot');
    await expect(dialog.locator('.form-message')).toContainText('"Reinstated" is allowed only from');
    await expect(dialog).toBeVisible();
    expect((await atlas.query('history', {})).total).toBe(before.total);
  });
});

test.describe('changes since 2020', () => {
  test('lists a country timeline', async ({ page }) => {
    const steps = await atlas.query('timeline', { iso3: 'TGO' });

    await openApp(page, atlas);
    await page.getByRole('combobox', { name: /Search countries/ }).fill('Togo');
    await page.locator('#search-results [data-type="country"]').first().click();
    const section = page.locator('[data-panel="country"] [data-section="changes"]');
    const items = section.locator('li[data-record-id]');

    expect(steps).toHaveLength(TOGO_CHANGES);
    await expect(items).toHaveCount(steps.length);
    await expect(items.first().locator('[data-role-before]')).toHaveAttribute(
      'data-role-before',
      steps[0].roleBefore ?? 'none',
    );
    await expect(items.first().locator('[data-role-after]')).toHaveAttribute(
      'data-role-after',
      'suspended',
    );
  });

  test('shows the empty state', async ({ page }) => {
    const steps = await atlas.query('timeline', { iso3: 'SEN' });

    await openApp(page, atlas);
    await page.getByRole('combobox', { name: /Search countries/ }).fill('Senegal');
    await page.locator('#search-results [data-type="country"]').first().click();
    const section = page.locator('[data-panel="country"] [data-section="changes"]');

    expect(steps).toHaveLength(0);
    await expect(section).toContainText('No change or baseline correction is recorded');
  });

  test('lists a body timeline', async ({ page }) => {
    const steps = await atlas.query('timeline', { bodyId: 'au' });

    await openApp(page, atlas);
    await page.locator('select[name="igo"]').selectOption('au');
    const items = page.locator('[data-panel="body"] [data-section="changes"] li[data-record-id]');

    expect(steps).toHaveLength(1);
    await expect(items).toHaveCount(1);
    await expect(items.first()).toHaveAttribute('data-iso3', 'MLI');
    await expect(items.first()).toContainText('Mali');
  });
});
