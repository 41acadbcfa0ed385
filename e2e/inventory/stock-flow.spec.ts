import { expect, test, type Page } from '@playwright/test';
import { signIn, uniq } from '../support/auth';

async function onHandRow(page: Page, sku: string) {
  await page.goto(`/inventory/stock-on-hand?q=${encodeURIComponent(sku)}`);
  return page.getByRole('row').filter({ hasText: sku });
}

test('location with bins → product → stock adjustment → stocktake Complete → stock on hand changes', async ({ page }) => {
  await signIn(page);
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
  await page.screenshot({ path: 'test-results/screens/product-edit.png', fullPage: true });

  // Stock in through an adjustment: 12 units into bin A-01.
  await page.goto('/inventory/stock-adjustments/new');
  await page.getByLabel('Reason').fill('Opening stock');
  await page.getByLabel('SKU, line 1').fill(sku);
  await page.getByLabel('Location or bin, line 1').selectOption({ label: `${loc} › A-01` });
  await page.getByLabel('Quantity, line 1').fill('12');
  await page.getByLabel('Unit cost, line 1').fill('2.50');
  await page.screenshot({ path: 'test-results/screens/stock-adjustment-new.png', fullPage: true });
  await page.getByRole('button', { name: 'Post adjustment' }).click();
  await expect(page).toHaveURL(/\/inventory\/stock-adjustments\/[0-9a-f-]{36}/);

  let soh = await onHandRow(page, sku);
  await expect(soh).toHaveCount(1);
  await expect(soh).toContainText('12');

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
  await expect(line).toContainText('12');
  await line.getByLabel(/^Counted/).fill('9');
  await page.screenshot({ path: 'test-results/screens/stocktake-counting.png', fullPage: true });
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page).toHaveURL(/done=completed/);
  await expect(page.getByText('Completed').first()).toBeVisible();

  soh = await onHandRow(page, sku);
  await expect(soh).toContainText('9');
  await expect(soh).not.toContainText('12');
  await page.screenshot({ path: 'test-results/screens/stock-on-hand-after.png', fullPage: true });
});
