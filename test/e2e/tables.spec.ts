import { expect, openApp, startAtlas, test, type Atlas } from './atlas-fixture.js';

let atlas: Atlas;

test.beforeAll(async () => {
  atlas = await startAtlas();
});

test.afterAll(async () => {
  await atlas.stop();
});

test.describe('theme tables', () => {
  test('mark pairs listed in one table only', async ({ page }) => {
    const tables = await atlas.query('themeTables', {});
    const areaOnly = tables.pairs.filter((pair) => pair.listing === 'area_only');
    const iscmOnly = tables.pairs.filter((pair) => pair.listing === 'iscm_only');

    await openApp(page, atlas);
    await page.getByRole('tab', { name: 'Theme tables' }).click();
    const byArea = page.locator('table[data-table="by-area"]');

    expect(areaOnly.length).toBe(35);
    expect(iscmOnly.length).toBe(80);
    await expect(byArea.locator('[data-listing="area_only"]')).toHaveCount(35);
    await expect(byArea.locator('[data-listing="iscm_only"]')).toHaveCount(80);
    await expect(byArea.locator('[data-listing]')).toHaveCount(tables.pairs.length);
    await expect(
      byArea.locator('[data-listing="area_only"] .mark[title="only in the table by area"]'),
    ).toHaveCount(35);

    await page.getByLabel('By ISCM').check();
    const byIscm = page.locator('table[data-table="by-iscm"]');
    await expect(byIscm.locator('[data-listing="area_only"]')).toHaveCount(35);
    await expect(byIscm.locator('[data-listing="iscm_only"]')).toHaveCount(80);
    await expect(
      byIscm.locator('[data-listing="iscm_only"] .mark[title="only in the table by ISCM"]'),
    ).toHaveCount(80);
  });

  test('sort by clicking a header', async ({ page }) => {
    const tables = await atlas.query('themeTables', {});
    const perTheme = tables.themes.map(
      (theme) => tables.pairs.filter((pair) => pair.themeId === theme.id).length,
    );
    const maxIscms = Math.max(...perTheme);
    const minIscms = Math.min(...perTheme);

    await openApp(page, atlas);
    await page.getByRole('tab', { name: 'Theme tables' }).click();
    const table = page.locator('table[data-table="by-area"]');
    const header = table.getByRole('button', { name: /Number of ISCMs/ });
    await header.click();
    const firstCount = table.locator('tbody tr').first().locator('td').first();

    await expect(firstCount).toHaveText(String(maxIscms));
    await expect(table.locator('th[aria-sort="descending"]')).toHaveCount(1);
    await header.click();
    await expect(firstCount).toHaveText(String(minIscms));
    await expect(table.locator('th[aria-sort="ascending"]')).toHaveCount(1);
  });

  test('filter rows by text', async ({ page }) => {
    const tables = await atlas.query('themeTables', {});
    const baliThemes = tables.pairs.filter((pair) => pair.bodyId === 'bali');

    await openApp(page, atlas);
    await page.getByRole('tab', { name: 'Theme tables' }).click();
    await page.getByLabel('Filter the table rows').fill('Bali Process');
    const rows = page.locator('table[data-table="by-area"] tbody tr');

    await expect(rows).toHaveCount(baliThemes.length);
    for (const pair of baliThemes) {
      await expect(
        page.locator(`tr[data-row-id="${pair.themeId}"] [data-item-id="bali"]`),
      ).toHaveCount(1);
    }
  });

  test('clicking an ISCM opens its panel', async ({ page }) => {
    await openApp(page, atlas);
    await page.getByRole('tab', { name: 'Theme tables' }).click();
    await page.getByLabel('By ISCM').check();

    await page.locator('tr[data-row-id="bali"] th button').click();

    await expect(page.locator('[data-panel="body"] h2')).toHaveText('Bali Process');
  });
});
