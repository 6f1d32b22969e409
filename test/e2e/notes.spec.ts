import type { Page } from '@playwright/test';

import { expect, openApp, startAtlas, test, type Atlas } from './atlas-fixture.js';

let atlas: Atlas;

test.beforeAll(async () => {
  atlas = await startAtlas();
});

test.afterAll(async () => {
  await atlas.stop();
});

/** Opens a country's panel through the search box. */
async function openCountry(page: Page, name: string): Promise<void> {
  await page.getByRole('combobox', { name: /Search countries/ }).fill(name);
  await page.locator('#search-results [data-type="country"]').first().click();
  await expect(page.locator('[data-panel="country"] h2')).toHaveText(name);
}

test.describe('notes in the country panel', () => {
  test('adds, edits and deletes a membership note', async ({ page }) => {
    const target = { type: 'membership' as const, bodyId: 'au', iso3: 'MLI' };

    await openApp(page, atlas);
    await openCountry(page, 'Mali');
    const notes = page.locator('[data-panel="country"] [data-section="notes"]');
    await expect(notes).toContainText('No note yet.');
    await notes.getByLabel('About').selectOption('au');
    await notes.getByLabel('New note').fill('Check the AU PSC communiqué');
    await notes.getByRole('button', { name: 'Add the note' }).click();
    const item = notes.locator('li[data-annotation-id]');
    await expect(item).toHaveCount(1);
    await expect(item).toContainText('On Mali in AU');
    await expect(item).toContainText('Check the AU PSC communiqué');
    const added = await atlas.query('listAnnotations', { target });
    expect(added.map((note) => note.text)).toEqual(['Check the AU PSC communiqué']);

    await item.getByRole('button', { name: 'Edit' }).click();
    await item.getByLabel('Text of the note').fill('Checked the AU PSC communiqué of 1 June 2021');
    await item.getByRole('button', { name: 'Save' }).click();
    await expect(item).toContainText('Checked the AU PSC communiqué of 1 June 2021');
    await expect(item).toContainText('edited by');
    const edited = await atlas.query('listAnnotations', { target });
    expect(edited[0].version).toBe(2);

    await item.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.locator('dialog[data-dialog="delete-note"]');
    await expect(confirm).toContainText('Checked the AU PSC communiqué of 1 June 2021');
    await confirm.getByRole('button', { name: 'Delete the note' }).click();

    await expect(confirm).toHaveCount(0);
    await expect(notes.locator('li[data-annotation-id]')).toHaveCount(0);
    const shown = await atlas.query('listAnnotations', { target });
    const kept = await atlas.query('listAnnotations', { target, includeDeleted: true });
    expect(shown).toHaveLength(0);
    expect(kept).toHaveLength(1);
    expect(kept[0].deletedAt).not.toBeNull();
  });

  test('an empty note shows the message', async ({ page }) => {
    const before = await atlas.query('listAnnotations', {
      target: { type: 'country', iso3: 'SEN' },
    });

    await openApp(page, atlas);
    await openCountry(page, 'Senegal');
    const notes = page.locator('[data-panel="country"] [data-section="notes"]');
    await notes.getByRole('button', { name: 'Add the note' }).click();

    await expect(notes.locator('.field-error')).toContainText('The annotation text is missing');
    const after = await atlas.query('listAnnotations', {
      target: { type: 'country', iso3: 'SEN' },
    });
    expect(after).toHaveLength(before.length);
  });
});

test.describe('notes search', () => {
  test('finds a body note and opens its panel', async ({ page }) => {
    await openApp(page, atlas);
    await page.locator('select[name="igo"]').selectOption('au');
    const notes = page.locator('[data-panel="body"] [data-section="notes"]');
    await notes.getByLabel('New note').fill('Summit on migration postponed to 2022');
    await notes.getByRole('button', { name: 'Add the note' }).click();
    await expect(notes.locator('li[data-annotation-id]')).toHaveCount(1);
    await page.locator('[data-panel="body"] button[aria-label^="Close"]').click();

    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'Notes' }).click();
    await page.getByLabel('Words to find in the notes').fill('SUMMIT');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByTestId('notes-results').locator('li');
    const found = await atlas.query('searchAnnotations', { text: 'SUMMIT' });

    expect(found).toHaveLength(1);
    await expect(results).toHaveCount(found.length);
    await expect(results.first()).toHaveAttribute('data-annotation-id', found[0].id);
    await results.first().getByRole('button', { name: 'AU' }).click();
    await expect(page.locator('[data-panel="body"] h2')).toHaveText('AU');
  });
});
