import type { Locator, Page } from '@playwright/test';

import { expect, openApp, startAtlas, test, type Atlas } from './atlas-fixture.js';

// Later tests read what earlier ones recorded (the Mali suspension, the
// author name), so a failure skips the rest instead of failing them too.
test.describe.configure({ mode: 'serial' });

let atlas: Atlas;

test.beforeAll(async () => {
  atlas = await startAtlas();
});

test.afterAll(async () => {
  await atlas.stop();
});

const AU_SOURCE = 'https://au.int/en/pressreleases/20210601';

/** Opens the record dialog from the header and returns it. */
async function openRecordDialog(page: Page): Promise<Locator> {
  await page.getByTestId('record-change').click();
  const dialog = page.locator('dialog[data-dialog="record"]');
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Fills the fields of a dated change, where `source` may be empty. */
async function fillChange(
  dialog: Locator,
  change: { bodyId: string; country: string; kind: string; date: string; source: string },
): Promise<void> {
  await dialog.locator('[data-field="bodyId"] select').selectOption(change.bodyId);
  await dialog.locator('[data-field="iso3"] input').fill(change.country);
  await dialog.locator('[data-field="kind"] select').selectOption(change.kind);
  await dialog.locator('[data-field="effectiveDate"] input[type="date"]').fill(change.date);
  await dialog.locator('[data-field="source"] input').fill(change.source);
}

async function setAsOf(page: Page, day: string): Promise<void> {
  await page.locator('input[name="as-of"]').fill(day);
  await expect(page.locator('.legend time')).toHaveText(day);
}

test.describe('record dialog', () => {
  test('records Mali suspended in the AU', async ({ page }) => {
    const before = await atlas.query('history', {});

    await openApp(page, atlas);
    await page.locator('select[name="igo"]').selectOption('au');
    const mali = page.locator('path.country-MLI').first();
    await expect(mali).toHaveAttribute('data-role', 'member');
    const dialog = await openRecordDialog(page);
    await fillChange(dialog, {
      bodyId: 'au',
      country: 'Mali',
      kind: 'suspended',
      date: '2021-06-01',
      source: AU_SOURCE,
    });
    await expect(dialog.locator('[data-role-before]')).toHaveAttribute('data-role-before', 'member');
    await expect(dialog.locator('[data-role-after]')).toHaveAttribute('data-role-after', 'suspended');
    await page.screenshot({ path: 'test-results/record-dialog.png' });
    await dialog.getByRole('button', { name: 'Save the change' }).click();

    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('record-notice')).toContainText('Mali in AU, suspended from 2021-06-01');
    const after = await atlas.query('history', {});
    expect(after.total).toBe(before.total + 1);
    expect(after.entries[0]).toMatchObject({ bodyId: 'au', iso3: 'MLI', kind: 'suspended', source: AU_SOURCE });
    await expect(mali).toHaveAttribute('data-role', 'suspended');
  });

  test('membership row presets the pair', async ({ page }) => {
    const info = await atlas.query('appInfo', {});

    await openApp(page, atlas);
    await page.getByRole('combobox', { name: /Search countries/ }).fill('Mali');
    await page.locator('#search-results [data-type="country"]').first().click();
    const row = page.locator('[data-panel="country"] li[data-role][data-body-id="ecowas"]');
    await expect(row).toHaveAttribute('data-role', 'member');
    await row.getByRole('button', { name: 'Record a change for Mali in ECOWAS' }).click();
    const dialog = page.locator('dialog[data-dialog="record"]');
    await expect(dialog.locator('[data-field="bodyId"] select')).toHaveValue('ecowas');
    await expect(dialog.locator('[data-field="iso3"] input')).toHaveValue('Mali');
    await expect(dialog.locator('[data-field="effectiveDate"] input[type="date"]')).toHaveValue(
      info.today,
    );
    await dialog.locator('[data-field="kind"] select').selectOption('suspended');
    await dialog.locator('[data-field="source"] input').fill('ECOWAS communiqué');
    await dialog.getByRole('button', { name: 'Save the change' }).click();

    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveAttribute('data-role', 'suspended');
    const role = await atlas.query('roleAt', { bodyId: 'ecowas', iso3: 'MLI', date: info.today });
    expect(role.role).toBe('suspended');
  });

  test('map and panel follow the as-of date', async ({ page }) => {
    const suspended = await atlas.query('roleAt', { bodyId: 'au', iso3: 'MLI', date: '2021-06-01' });
    const member = await atlas.query('roleAt', { bodyId: 'au', iso3: 'MLI', date: '2021-05-31' });

    await openApp(page, atlas);
    await page.locator('select[name="igo"]').selectOption('au');
    await setAsOf(page, '2021-06-01');
    const mali = page.locator('path.country-MLI').first();
    await expect(mali).toHaveAttribute('data-role', 'suspended');
    await page.locator('[data-panel="body"] button[data-iso3="MLI"]').click();
    const row = page.locator('[data-panel="country"] [data-section="igos"] [data-body-id="au"]');
    await expect(row).toHaveAttribute('data-role', 'suspended');
    await setAsOf(page, '2021-05-31');

    expect(suspended.role).toBe('suspended');
    expect(member.role).toBe('member');
    await expect(mali).toHaveAttribute('data-role', 'member');
    await expect(row).toHaveAttribute('data-role', 'member');
  });
});

test.describe('history view', () => {
  test('reverts the suspension and the map returns', async ({ page }) => {
    const before = await atlas.query('history', {});
    const record = before.entries.find(
      (entry) => entry.kind === 'suspended' && entry.iso3 === 'MLI' && entry.bodyId === 'au',
    )!;

    await openApp(page, atlas);
    await page.getByRole('tab', { name: 'History' }).click();
    const row = page.locator(`tr[data-id="${record.id}"]`);
    await row.getByRole('button', { name: /^Revert/ }).click();
    const dialog = page.locator('dialog[data-dialog="revert"]');
    await dialog.getByLabel('Reason (optional)').fill('Recorded for the wrong body');
    await dialog.getByRole('button', { name: 'Revert the record' }).click();

    await expect(dialog).toHaveCount(0);
    await expect(row).toHaveAttribute('data-reverted', 'true');
    await expect(row.getByTestId('reverted-by')).toContainText(`Reverted by ${record.author}`);
    const after = await atlas.query('history', {});
    expect(after.total).toBe(before.total + 1);
    const revert = after.entries.find((entry) => entry.revertsId === record.id);
    expect(revert?.note).toBe('Recorded for the wrong body');
    const role = await atlas.query('roleAt', { bodyId: 'au', iso3: 'MLI', date: '2021-06-01' });
    expect(role.role).toBe('member');
    await expect(page.locator(`tr[data-id="${revert!.id}"]`)).toHaveAttribute('data-type', 'revert');
    await page.getByRole('tab', { name: 'Map' }).click();
    await page.locator('select[name="igo"]').selectOption('au');
    await setAsOf(page, '2021-06-01');
    await expect(page.locator('path.country-MLI').first()).toHaveAttribute('data-role', 'member');
  });
});

test.describe('refusals', () => {
  test('reinstated for a member shows the rule', async ({ page }) => {
    const before = await atlas.query('history', {});

    await openApp(page, atlas);
    const dialog = await openRecordDialog(page);
    await fillChange(dialog, {
      bodyId: 'au',
      country: 'SEN',
      kind: 'reinstated',
      date: '2022-03-01',
      source: 'AU communiqué 1234',
    });
    await expect(dialog.getByTestId('rule-warning')).toContainText(
      '"Reinstated" is allowed only from suspended.',
    );
    await dialog.getByRole('button', { name: 'Save the change' }).click();

    const error = dialog.locator('[data-field="kind"] .field-error');
    await expect(error).toContainText('Senegal (SEN) in AU');
    await expect(error).toContainText('"Reinstated" is allowed only from suspended');
    await expect(dialog.locator('.form-message')).toHaveAttribute('data-code', 'rule_violation');
    await expect(dialog.locator('[data-field="kind"] select')).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.locator('[data-field="source"] input')).toHaveValue('AU communiqué 1234');
    expect((await atlas.query('history', {})).total).toBe(before.total);
    await page.screenshot({ path: 'test-results/refusal.png' });
  });

  test('a date before 2021 points to a correction', async ({ page }) => {
    const before = await atlas.query('history', {});

    await openApp(page, atlas);
    const dialog = await openRecordDialog(page);
    await fillChange(dialog, {
      bodyId: 'au',
      country: 'Morocco',
      kind: 'joined',
      date: '2017-01-30',
      source: 'https://au.int/en/newsevents/20170130',
    });
    await dialog.getByRole('button', { name: 'Save the change' }).click();

    const error = dialog.locator('[data-field="effectiveDate"] .field-error');
    await expect(error).toContainText('before 2021-01-01');
    await expect(error).toContainText('record a baseline correction instead');
    await expect(dialog.locator('.form-message')).toHaveAttribute('data-code', 'date_out_of_range');
    expect((await atlas.query('history', {})).total).toBe(before.total);
    await dialog.getByRole('button', { name: 'Correct the 2020 baseline instead' }).click();
    await expect(dialog.locator('form')).toHaveAttribute('data-mode', 'correction');
    await expect(dialog.locator('[data-field="iso3"] input')).toHaveValue('Morocco');
    await expect(dialog.locator('[data-field="source"] input')).toHaveValue(
      'https://au.int/en/newsevents/20170130',
    );
  });

  test('an empty source is required', async ({ page }) => {
    const before = await atlas.query('history', {});

    await openApp(page, atlas);
    const dialog = await openRecordDialog(page);
    await fillChange(dialog, {
      bodyId: 'au',
      country: 'Mali',
      kind: 'left',
      date: '2023-02-01',
      source: '   ',
    });
    await dialog.getByRole('button', { name: 'Save the change' }).click();

    await expect(dialog.locator('[data-field="source"] .field-error')).toContainText(
      'The source is missing',
    );
    await expect(dialog.locator('[data-field="source"] input')).toBeFocused();
    await expect(dialog).toBeVisible();
    expect((await atlas.query('history', {})).total).toBe(before.total);
  });

  test('an unknown country is not sent', async ({ page }) => {
    const before = await atlas.query('history', {});

    await openApp(page, atlas);
    const dialog = await openRecordDialog(page);
    await fillChange(dialog, {
      bodyId: 'au',
      country: 'Atlantis',
      kind: 'joined',
      date: '2023-02-01',
      source: 'A source',
    });
    await dialog.getByRole('button', { name: 'Save the change' }).click();

    await expect(dialog.locator('[data-field="iso3"] .field-error')).toContainText('“Atlantis”');
    expect((await atlas.query('history', {})).total).toBe(before.total);
  });
});

test.describe('baseline correction', () => {
  test('adds France to the AU list as observer', async ({ page }) => {
    const before = await atlas.query('roleAt', { bodyId: 'au', iso3: 'FRA', date: '2020-12-31' });

    await openApp(page, atlas);
    const dialog = await openRecordDialog(page);
    await dialog.getByRole('tab', { name: 'Correct the 2020 baseline' }).click();
    await expect(dialog.locator('h2')).toHaveText('Correct the 2020 baseline');
    await dialog.locator('[data-field="bodyId"] select').selectOption('au');
    await dialog.locator('[data-field="iso3"] input').fill('FRA');
    await dialog.getByLabel('Add a missing membership').check();
    await dialog.locator('[data-field="role"] select').selectOption('observer');
    await dialog.locator('[data-field="source"] input').fill('AU Assembly decision, 2019');
    await expect(dialog.locator('[data-role-before]')).toHaveAttribute('data-role-before', 'none');
    await expect(dialog.locator('[data-role-after]')).toHaveAttribute('data-role-after', 'observer');
    await dialog.getByRole('button', { name: 'Save the correction' }).click();

    await expect(dialog).toHaveCount(0);
    expect(before.role).toBeNull();
    const after = await atlas.query('roleAt', { bodyId: 'au', iso3: 'FRA', date: '2020-12-31' });
    expect(after.role).toBe('observer');
    const corrections = await atlas.query('history', { kind: 'correction', iso3: 'FRA' });
    expect(corrections.total).toBe(1);
    expect(corrections.entries[0].correctionAction).toBe('add');
    await page.locator('select[name="igo"]').selectOption('au');
    await setAsOf(page, '2020-12-31');
    await expect(page.locator('path.country-FRA').first()).toHaveAttribute('data-role', 'observer');
    await page.getByRole('tab', { name: 'History' }).click();
    const row = page.locator(`tr[data-id="${corrections.entries[0].id}"]`);
    await expect(row).toHaveAttribute('data-type', 'correction');
    await expect(row).toContainText('Baseline correction: add a missing membership');
  });
});

test.describe('dialog keyboard', () => {
  test('Escape closes and focus returns', async ({ page }) => {
    await openApp(page, atlas);
    const opener = page.getByTestId('record-change');
    await opener.click();
    const dialog = page.locator('dialog[data-dialog="record"]');
    await expect(dialog).toBeVisible();

    await page.keyboard.press('Escape');

    await expect(dialog).toHaveCount(0);
    await expect(opener).toBeFocused();
  });

  test('Escape closes the suggestions first', async ({ page }) => {
    await openApp(page, atlas);
    const dialog = await openRecordDialog(page);
    const country = dialog.locator('[data-field="iso3"] input');
    await country.fill('mal');
    await expect(dialog.getByRole('listbox')).toBeVisible();

    await page.keyboard.press('Escape');

    await expect(dialog.getByRole('listbox')).toHaveCount(0);
    await expect(dialog).toBeVisible();
    await expect(country).toHaveValue('mal');
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('arrow keys choose a suggestion', async ({ page }) => {
    await openApp(page, atlas);
    const dialog = await openRecordDialog(page);
    const country = dialog.locator('[data-field="iso3"] input');
    await country.fill('mali');
    const options = dialog.getByRole('listbox').getByRole('option');
    await expect(options.first()).toHaveAttribute('data-iso3', 'MLI');
    await expect(options.nth(1)).toHaveAttribute('data-iso3', 'SOM');

    await page.keyboard.press('ArrowDown');
    await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('Enter');

    await expect(country).toHaveValue('Mali');
    await expect(dialog.locator('[data-field="iso3"] .hint')).toHaveText('Mali (MLI)');
    await expect(dialog).toBeVisible();
  });

  test('Tab stays inside the dialog', async ({ page }) => {
    await openApp(page, atlas);
    await page.getByTestId('record-change').click();
    const dialog = page.locator('dialog[data-dialog="record"]');
    await dialog.getByRole('button', { name: 'Save the change' }).focus();

    await page.keyboard.press('Tab');
    const forward = await dialog.evaluate((element) => element.contains(document.activeElement));
    await page.keyboard.press('Shift+Tab');
    const backward = await dialog.evaluate((element) => element.contains(document.activeElement));

    expect(forward).toBe(true);
    expect(backward).toBe(true);
    await expect(dialog.getByRole('button', { name: 'Save the change' })).toBeFocused();
  });
});

test.describe('settings', () => {
  test('author name appears on the next change', async ({ page }) => {
    const settings = await atlas.query('getSettings', {});

    await openApp(page, atlas);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.locator('dialog[data-dialog="settings"]');
    await expect(dialog.getByTestId('current-author')).toHaveText(settings.defaultAuthor);
    await dialog.getByLabel('Author name').fill('Amina Diallo');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    const form = await openRecordDialog(page);
    await expect(form.getByTestId('author-line')).toContainText('Recorded as Amina Diallo');
    await fillChange(form, {
      bodyId: 'ecowas',
      country: 'Guinea',
      kind: 'suspended',
      date: '2021-09-08',
      source: 'ECOWAS extraordinary summit communiqué, September 2021',
    });
    await form.getByLabel('Month only').first().check();
    await expect(form.locator('[data-field="effectiveDate"] input[type="month"]')).toHaveValue(
      '2021-09',
    );
    await form.getByRole('button', { name: 'Save the change' }).click();
    await expect(form).toHaveCount(0);

    expect(settings.authorName).toBeNull();
    const history = await atlas.query('history', { iso3: 'GIN' });
    expect(history.entries[0].author).toBe('Amina Diallo');
    expect(history.entries[0].effectiveDate).toBe('2021-09');
    await page.getByRole('tab', { name: 'History' }).click();
    await expect(
      page.locator(`tr[data-id="${history.entries[0].id}"] [data-column="author"]`),
    ).toHaveText('Amina Diallo');
  });
});
