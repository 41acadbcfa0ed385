import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { screenshotPath, sessionFile } from '../support/state';

test.use({ storageState: sessionFile('admin') });

// Quantities are read from their own cells: a unique name can hold the same digits (FLOW-U120L has "12").
const ON_HAND = 4; // Stock on Hand: SKU, Name, Location, Bin, On hand, …

async function onHandRow(page: Page, sku: string) {
  await page.goto(`/inventory/stock-on-hand?q=${encodeURIComponent(sku)}`);
  return page.getByRole('row').filter({ hasText: sku });
}

test('location with bins → product → stock adjustment → stocktake Complete → stock on hand changes', async ({ page }) => {
  const id = uniq();
  const loc = `Flow WH ${id}`;
  const sku = `FLOW-${id}`;

  await page.goto('/settings/reference-books/locations');
  await page.getByLabel('New location name').fill(loc);
  await page.getByRole('button', { name: 'Add location' }).click();
  const row = page.getByTestId(`location-${loc}`);
  await row.getByLabel(`New bin for ${loc}`).fill('A-01');
  await row.getByRole('button', { name: 'Add bin' }).click();
  await expect(row.getByText('A-01')).toBeVisible();

  // A product; a bad barcode is refused next to its field first.
  await page.goto('/inventory/products/new');
  await page.getByLabel(/^SKU/).fill(sku);
  await page.getByLabel(/^Name/).fill(`Flow product ${id}`);
  await page.getByLabel('Barcode', { exact: true }).fill('123');
  await page.getByLabel('Barcode type').selectOption('EAN');
  await page.getByLabel('Unit cost').fill('2.50');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByText('Check the highlighted fields.')).toBeVisible();
  await expect(page.getByLabel(/^SKU/)).toHaveValue(sku);
  await page.getByLabel('Barcode', { exact: true }).fill('4006381333931');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/inventory\/products\/[0-9a-f-]{36}/);
  await page.screenshot({ path: screenshotPath('product-edit.png'), fullPage: true });

  // Stock in through an adjustment: 12 units into bin A-01.
  await page.goto('/inventory/stock-adjustments/new');
  await page.getByLabel('Reason').fill('Opening stock');
  await page.getByLabel('SKU, line 1').fill(sku);
  await page.getByLabel('Location or bin, line 1').selectOption({ label: `${loc} › A-01` });
  await page.getByLabel('Quantity, line 1').fill('12');
  await page.getByLabel('Unit cost, line 1').fill('2.50');
  await page.screenshot({ path: screenshotPath('stock-adjustment-new.png'), fullPage: true });
  await page.getByRole('button', { name: 'Post adjustment' }).click();
  await expect(page).toHaveURL(/\/inventory\/stock-adjustments\/[0-9a-f-]{36}/);

  let soh = await onHandRow(page, sku);
  await expect(soh).toHaveCount(1);
  await expect(soh.getByRole('cell').nth(ON_HAND)).toHaveText('12');

  // Removing more than there is: refused with the ledger's message, nothing posted.
  await page.goto('/inventory/stock-adjustments/new');
  await page.getByLabel('Reason').fill('Damaged');
  await page.getByLabel('SKU, line 1').fill(sku);
  await page.getByLabel('Location or bin, line 1').selectOption({ label: `${loc} › A-01` });
  await page.getByLabel('Quantity, line 1').fill('-20');
  await page.getByRole('button', { name: 'Post adjustment' }).click();
  await expect(page.getByText(new RegExp(`Not enough stock of ${sku}`))).toBeVisible();

  // Stocktake: count 9 → Complete → on hand 9.
  await page.goto('/inventory/stocktake');
  await page.getByLabel('Select a location').selectOption({ label: loc });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/inventory\/stocktake\/[0-9a-f-]{36}/);
  const line = page.getByTestId(`line-${sku}`);
  await expect(line.getByRole('cell', { name: '12', exact: true }).first()).toBeVisible(); // expected and on hand now
  await line.getByLabel(/^Counted/).fill('9');
  await page.screenshot({ path: screenshotPath('stocktake-counting.png'), fullPage: true });
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page).toHaveURL(/done=completed/);
  await expect(page.getByText('Completed').first()).toBeVisible();
  // The page itself says when and by whom, also on a later visit without the confirmation
  // (as after a request that died once the commit was done).
  const completedLine = /^Completed on \d{4}-\d\d-\d\d \d\d:\d\d UTC by Administrator\.$/;
  await expect(page.getByText(completedLine)).toBeVisible();
  await page.goto(page.url().replace(/\?.*$/, ''));
  await expect(page.getByText(completedLine)).toBeVisible();
  await page.screenshot({ path: screenshotPath('stocktake-completed.png'), fullPage: true });

  soh = await onHandRow(page, sku);
  await expect(soh.getByRole('cell').nth(ON_HAND)).toHaveText('9');
  await page.screenshot({ path: screenshotPath('stock-on-hand-after.png'), fullPage: true });
});

test('quantities past what the database holds are refused at the cell; huge values show exactly', async ({ page }) => {
  const id = uniq();
  const loc = `Big WH ${id}`;
  const sku = `BIG-${id}`;
  await page.goto('/settings/reference-books/locations');
  await page.getByLabel('New location name').fill(loc);
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByTestId(`location-${loc}`)).toBeVisible();
  await page.goto('/inventory/products/new');
  await page.getByLabel(/^SKU/).fill(sku);
  await page.getByLabel(/^Name/).fill(`Big product ${id}`);
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/inventory\/products\/[0-9a-f-]{36}/);

  const fill = async (lines: number) => {
    await page.goto('/inventory/stock-adjustments/new');
    await page.getByLabel('Reason').fill('Opening stock');
    for (let n = 1; n <= lines; n++) {
      await page.getByLabel(`SKU, line ${n}`).fill(sku);
      await page.getByLabel(`Location or bin, line ${n}`).selectOption({ label: loc });
      await page.getByLabel(`Quantity, line ${n}`).fill('999999999');
      await page.getByLabel(`Unit cost, line ${n}`).fill('99999999999.9999');
    }
    await page.getByRole('button', { name: 'Post adjustment' }).click();
  };
  // Three lines of 999,999,999 at one place: more than an integer column holds. Refused, nothing posted.
  await fill(3);
  await expect(page.getByText(`${sku} at ${loc} would hold 2,999,999,997 units; one product at one place holds at most 2,147,483,647. Nothing was posted.`)).toBeVisible();
  await expect(page.getByText('Would make 2,999,999,997 here; at most 2,147,483,647.')).toBeVisible();
  await expect(page.getByLabel('Quantity, line 3')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: screenshotPath('stock-adjustment-too-large.png'), fullPage: true });
  await page.goto(`/inventory/stock-on-hand?q=${encodeURIComponent(sku)}`);
  await expect(page.getByText('No stock matches')).toBeVisible();

  // Two lines fit: 1,999,999,998 units × 99,999,999,999.9999, valued exactly (no float noise).
  await fill(2);
  await expect(page).toHaveURL(/\/inventory\/stock-adjustments\/[0-9a-f-]{36}/);
  const soh = await onHandRow(page, sku);
  await expect(soh.getByRole('cell').nth(ON_HAND)).toHaveText('1999999998');
  await expect(soh.getByRole('cell').last()).toHaveText('199999999799999800000.0002');
  await expect(soh.getByRole('cell').nth(7)).toHaveText('99999999999.9999');
  await page.screenshot({ path: screenshotPath('stock-on-hand-huge.png'), fullPage: true });
});
