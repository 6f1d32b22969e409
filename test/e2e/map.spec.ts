import { expect, iso3Classes, openApp, startAtlas, test, type Atlas } from './atlas-fixture.js';

let atlas: Atlas;

test.beforeAll(async () => {
  atlas = await startAtlas();
});

test.afterAll(async () => {
  await atlas.stop();
});

test.describe('map', () => {
  test('draws every country of the data', async ({ page }) => {
    const countries = await atlas.query('listCountries', {});
    const inDataset = new Set(
      countries.filter((country) => country.inDataset).map((c) => c.iso3),
    );

    await openApp(page, atlas);
    const drawn = await iso3Classes(page, '.leaflet-pane path.in-dataset');

    expect(inDataset.size).toBe(219);
    expect([...drawn].sort()).toEqual([...inDataset].sort());
    await expect(page.locator('path.country-XKX')).not.toHaveCount(0);
    await expect(page.locator('path.country-TUV.country-marker')).toHaveCount(1);
  });

  test('draws French Guiana apart from France', async ({ page }) => {
    await openApp(page, atlas);
    const guiana = page.locator('path.country-GUF:not(.country-marker)');
    const france = page.locator('path.country-FRA:not(.country-marker)');

    await expect(guiana).not.toHaveCount(0);
    await expect(france).toHaveCount(1);
    expect(await guiana.first().getAttribute('fill')).not.toBe(
      await france.getAttribute('fill'),
    );
  });

  test('draws Martinique apart from Guadeloupe', async ({ page }) => {
    await openApp(page, atlas);
    const martinique = page.locator('path.country-MTQ:not(.country-marker)');
    const guadeloupe = page.locator('path.country-GLP:not(.country-marker)');

    // Natural Earth draws Guadeloupe as three islands, Martinique as one.
    await expect(martinique).toHaveCount(1);
    await expect(guadeloupe).toHaveCount(3);
  });

  test('draws Somaliland and N. Cyprus with their countries', async ({ page }) => {
    await openApp(page, atlas);

    // Siachen Glacier and Indian Ocean Ter. are the only shapes left without a country.
    await expect(page.locator('.leaflet-pane path.no-country')).toHaveCount(2);
    await expect(page.locator('path.country-SOM:not(.country-marker)')).toHaveCount(1);
    await expect(page.locator('path.country-CYP:not(.country-marker)')).toHaveCount(1);
  });

  test('shows the disclaimer and the as-of date', async ({ page }) => {
    const summary = await atlas.query('mapSummary', {});

    await openApp(page, atlas);

    await expect(page.locator('.disclaimer')).toContainText(
      'do not imply official endorsement or acceptance by the United Nations',
    );
    await expect(page.locator('.legend time')).toHaveText(summary.asOf);
  });

  test('colours countries by ISCM count', async ({ page }) => {
    const summary = await atlas.query('mapSummary', {});
    const counts = new Map(summary.countries.map((row) => [row.iso3, row.iscmCount]));
    const maxCountry = summary.countries.find((row) => row.iscmCount === summary.maxCount)!;
    const minCountry = summary.countries.find((row) => row.iscmCount === 1)!;

    await openApp(page, atlas);
    const maxFill = await page
      .locator(`path.country-${maxCountry.iso3}`)
      .first()
      .getAttribute('fill');
    const minFill = await page
      .locator(`path.country-${minCountry.iso3}`)
      .first()
      .getAttribute('fill');

    expect(counts.get(maxCountry.iso3)).toBeGreaterThan(1);
    expect(maxFill).not.toBe(minFill);
  });

  test('saves a screenshot of the map', async ({ page }) => {
    await openApp(page, atlas);
    await page.screenshot({ path: 'test-results/map.png' });
  });

  test('clicking Mali opens its ISCMs', async ({ page }) => {
    const profile = await atlas.query('countryProfile', { iso3: 'MLI' });

    await openApp(page, atlas);
    await page.locator('path.country-MLI').first().click();
    const panel = page.locator('[data-panel="country"]');
    await expect(panel.locator('h2')).toHaveText('Mali');
    const items = panel.locator('[data-section="iscms"] [data-body-id]');
    await expect(items).toHaveCount(profile.iscms.length);
    const listed = await items.evaluateAll((elements) =>
      elements.map((element) => ({
        bodyId: element.getAttribute('data-body-id'),
        role: element.getAttribute('data-role'),
      })),
    );

    const expected = profile.iscms.map(({ bodyId, role }) => ({ bodyId, role }));
    expect(listed.sort(byBody)).toEqual(expected.sort(byBody));
    await expect(panel.locator('[data-iscm-count]')).toHaveAttribute(
      'data-iscm-count',
      String(profile.iscmCount),
    );
    const igos = panel.locator('[data-section="igos"] [data-body-id]');
    await expect(igos).toHaveCount(profile.igos.length);
  });

  test('Escape closes the country panel', async ({ page }) => {
    await openApp(page, atlas);
    await page.locator('path.country-MLI').first().click();
    await expect(page.locator('[data-panel="country"]')).toBeVisible();

    await page.keyboard.press('Escape');

    await expect(page.locator('[data-panel="country"]')).toHaveCount(0);
  });

  test('selecting the Bali Process highlights its members', async ({ page }) => {
    const profile = await atlas.query('bodyProfile', { id: 'bali' });
    const expected = new Map(profile.memberships.map((m) => [m.iso3, m.role]));

    await openApp(page, atlas);
    await page.locator('select[name="iscm"]').selectOption('bali');
    const panel = page.locator('[data-panel="body"]');
    await expect(panel.locator('h2')).toHaveText('Bali Process');
    await expect(page.locator('.legend h2')).toHaveText('Bali Process');
    const highlighted = await page
      .locator('.leaflet-pane path[data-role]')
      .evaluateAll((elements) =>
        elements.map((element): [string | undefined, string | null] => [
          /\bcountry-([A-Z]{3})\b/.exec(element.getAttribute('class') ?? '')?.[1],
          element.getAttribute('data-role'),
        ]),
      );

    expect(new Map(highlighted)).toEqual(expected);
    await expect(panel.locator('button[data-iso3]')).toHaveCount(expected.size);
  });

  test('count switches change the choropleth', async ({ page }) => {
    const before = await atlas.query('mapSummary', {});
    const after = await atlas.query('mapSummary', {
      count: { includeRoles: ['observer'], excludeGlobal: false },
    });
    const beforeCounts = new Map(before.countries.map((r) => [r.iso3, r.iscmCount]));
    const changed = after.countries.find(
      (row) => row.iscmCount !== (beforeCounts.get(row.iso3) ?? 0),
    )!;

    await openApp(page, atlas);
    const item = page.locator(`.countries button[data-iso3="${changed.iso3}"] .count`);
    await page.locator('.countries summary').click();
    await expect(item).toHaveText(String(beforeCounts.get(changed.iso3) ?? 0));
    await page.getByLabel('Include observers').check();

    await expect(item).toHaveText(String(changed.iscmCount));
    await expect(page.locator('.legend .asof')).toContainText('members and observers');
  });

  test('country list opens a panel by keyboard', async ({ page }) => {
    await openApp(page, atlas);
    await page.locator('.countries summary').click();
    const mali = page.locator('.countries button[data-iso3="MLI"]');
    await mali.focus();

    await page.keyboard.press('Enter');

    await expect(page.locator('[data-panel="country"] h2')).toHaveText('Mali');
    await expect(page.locator('[data-panel="country"] h2')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(mali).toBeFocused();
  });
});

function byBody(a: { bodyId: string | null }, b: { bodyId: string | null }) {
  return (a.bodyId ?? '').localeCompare(b.bodyId ?? '');
}
