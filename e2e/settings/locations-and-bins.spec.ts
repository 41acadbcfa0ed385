import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { screenshotPath, sessionFile } from '../support/state';

test.use({ storageState: sessionFile('admin') });

test('create a location with bins, refuse a duplicate, rename and delete', async ({ page }) => {
  await page.goto('/settings/reference-books/locations');
  const name = `Warehouse ${uniq()}`;
  await page.getByLabel('New location name').fill(name);
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByText(`Location ${name} created.`)).toBeVisible();

  const row = page.getByTestId(`location-${name}`);
  await row.getByLabel(`New bin for ${name}`).fill('A-01');
  await row.getByRole('button', { name: 'Add bin' }).click();
  await expect(row.getByText('A-01')).toBeVisible();
  await row.getByLabel(`New bin for ${name}`).fill('B-01');
  await row.getByRole('button', { name: 'Add bin' }).click();
  await expect(row.getByText('B-01')).toBeVisible();

  // The same name in another case is a duplicate: the message shows and the typed name stays.
  await page.getByLabel('New location name').fill(name.toLowerCase());
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByText('A location with this name already exists.')).toBeVisible();
  await expect(page.getByLabel('New location name')).toHaveValue(name.toLowerCase());
  await page.screenshot({ path: screenshotPath('locations-and-bins.png'), fullPage: true });

  await row.getByRole('button', { name: 'Remove bin A-01' }).click();
  await expect(row.getByText('A-01')).toHaveCount(0);

  const other = `Overflow ${uniq()}`;
  await page.getByLabel('New location name').fill(other);
  await page.getByRole('button', { name: 'Add location' }).click();
  const otherRow = page.getByTestId(`location-${other}`);
  await otherRow.getByLabel(`Rename ${other}`).fill(`${other} East`);
  await otherRow.getByRole('button', { name: 'Rename' }).click();
  const renamed = page.getByTestId(`location-${other} East`);
  await expect(renamed).toBeVisible();
  await renamed.getByRole('button', { name: `Delete ${other} East` }).click();
  await expect(page.getByTestId(`location-${other} East`)).toHaveCount(0);
});
