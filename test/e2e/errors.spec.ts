import { expect, openApp, startAtlas, test, type Atlas } from './atlas-fixture.js';

let atlas: Atlas;

test.beforeAll(async () => {
  atlas = await startAtlas();
});

test.afterAll(async () => {
  await atlas.stop();
});

test.describe('error banner', () => {
  test('shows a date before the baseline', async ({ page }) => {
    const summary = await atlas.query('mapSummary', {});

    await openApp(page, atlas);
    await page.locator('input[name="as-of"]').fill('2019-06-30');
    const banner = page.getByRole('alert');

    await expect(banner).toBeVisible();
    await expect(banner.locator('li')).toHaveAttribute('data-code', 'date_out_of_range');
    await expect(banner).toContainText('2019-06-30');
    await expect(banner).toContainText('before the 2020 baseline');
    await expect(page.locator('.legend time')).toHaveText(summary.asOf);
    await expect(page.locator('input[name="as-of"]')).toHaveValue(summary.asOf);
  });

  test('dismisses the error', async ({ page }) => {
    await openApp(page, atlas);
    await page.locator('input[name="as-of"]').fill('2019-06-30');
    const banner = page.getByRole('alert');
    await expect(banner).toBeVisible();

    await banner.getByRole('button', { name: /Dismiss/ }).click();

    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a valid date redraws the map', async ({ page }) => {
    const baseline = await atlas.query('mapSummary', { asOf: '2020-12-31' });

    await openApp(page, atlas);
    await page.locator('input[name="as-of"]').fill('2020-12-31');

    await expect(page.locator('.legend time')).toHaveText(baseline.asOf);
    await expect(page.getByRole('alert')).toHaveCount(0);
  });

  test('a valid date clears the date error', async ({ page }) => {
    await openApp(page, atlas);
    await page.locator('input[name="as-of"]').fill('2019-06-30');
    await expect(page.getByRole('alert')).toBeVisible();

    await page.locator('input[name="as-of"]').fill('2021-07-01');

    await expect(page.locator('.legend time')).toHaveText('2021-07-01');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
});
