import { expect, openApp, startAtlas, test, type Atlas } from './atlas-fixture.js';

let atlas: Atlas;

test.beforeAll(async () => {
  atlas = await startAtlas();
});

test.afterAll(async () => {
  await atlas.stop();
});

test.describe('search', () => {
  const searchBox = 'input[role="combobox"]';

  for (const [text, iso3, name] of [
    ['Mali', 'MLI', 'Mali'],
    ['MLI', 'MLI', 'Mali'],
    ['cote', 'CIV', null],
  ] as const) {
    test(`finds "${text}" and opens ${iso3}`, async ({ page }) => {
      const country = (await atlas.query('listCountries', {})).find(
        (candidate) => candidate.iso3 === iso3,
      )!;

      await openApp(page, atlas);
      await page.locator(searchBox).fill(text);
      const first = page.locator('[role="option"]').first();
      await expect(first).toHaveAttribute('data-id', iso3);
      await expect(first).toHaveAttribute('aria-selected', 'true');
      await page.locator(searchBox).press('Enter');

      const heading = page.locator('[data-panel="country"] h2');
      await expect(heading).toHaveText(name ?? country.name);
    });
  }

  test('arrow keys choose a body', async ({ page }) => {
    const results = await atlas.query('search', { text: 'process', limit: 12 });
    const second = results.hits[1];

    await openApp(page, atlas);
    await page.locator(searchBox).fill('process');
    await expect(page.locator('[role="option"]')).toHaveCount(results.hits.length);
    await page.locator(searchBox).press('ArrowDown');
    await expect(page.locator('[role="option"]').nth(1)).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await page.locator(searchBox).press('Enter');

    const panel = page.locator(`[data-panel="${second.type}"] h2`);
    await expect(panel).toHaveText(second.label);
  });

  test('Enter before the results arrive takes the best hit', async ({ page }) => {
    await openApp(page, atlas);
    await page.locator(searchBox).fill('MLI');

    await page.locator(searchBox).press('Enter');

    await expect(page.locator('[data-panel="country"] h2')).toHaveText('Mali');
  });

  test('Escape clears the search, then closes the panel', async ({ page }) => {
    await openApp(page, atlas);
    await page.locator(searchBox).fill('Mali');
    await page.locator(searchBox).press('Enter');
    await page.locator(searchBox).fill('Peru');
    await expect(page.locator('[role="listbox"]')).toBeVisible();

    await page.locator(searchBox).press('Escape');

    await expect(page.locator('[role="listbox"]')).toHaveCount(0);
    await expect(page.locator('[data-panel="country"]')).toBeVisible();
    await page.locator(searchBox).press('Escape');
    await expect(page.locator('[data-panel="country"]')).toHaveCount(0);
  });
});
