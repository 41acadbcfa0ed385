import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { addSandboxSeller, connectSellerManually, type SandboxItem } from '../support/sandbox';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { StocktakeFbaSyncSeed } from './stocktake-fba-sync.seed';

const seeded = readSeed<StocktakeFbaSyncSeed>('inventory/stocktake-fba-sync');

test.use({ storageState: sessionFile('admin') });

/**
 * Amazon's inventory for this test's own seller. The costed product is seeded; `-NOCOST` gets a
 * product without a cost and no stock anywhere (a zero-stock product whose unit cost must be
 * typed); `-ONLY` exists only at Amazon; `-ZERO` is out of stock there.
 */
function amazonItems(prefix: string): SandboxItem[] {
  return [
    { sellerSku: seeded.costedSku, productName: 'Stocktake FBA product with a cost', fulfillable: 33, inboundShipped: 12 },
    { sellerSku: `${prefix}-NOCOST`, productName: 'No cost yet', fulfillable: 21 },
    { sellerSku: `${prefix}-ONLY`, productName: 'FBA-only product', fulfillable: 10 },
    { sellerSku: `${prefix}-ZERO`, productName: 'Out of stock at FBA', fulfillable: 0, unfulfillable: 2 },
  ];
}

/**
 * A seller of this test's own, connected through "Connect manually", with "Create product if it
 * does not exist" so FBA-only SKUs arrive as zero-stock products; returns its external location.
 */
async function connectOwnSeller(page: Page, request: APIRequestContext, items: SandboxItem[]): Promise<string> {
  const seller = await addSandboxSeller(request, `Stocktake Store ${uniq()}`, items);
  await connectSellerManually(page, seller);
  await expect(page.getByText(`The location ${seller.storeName} is used for external fulfilment.`)).toBeVisible();
  await page.getByLabel('Create product if it does not exist').check();
  await page.getByRole('button', { name: 'Save setup' }).click();
  await expect(page.getByText(/Setup saved: 1 change\./)).toBeVisible();
  return seller.storeName;
}

async function createProduct(page: Page, sku: string, name: string) {
  await page.goto('/inventory/products/new');
  await page.getByLabel(/^SKU/).fill(sku);
  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/inventory\/products\/[0-9a-f-]{36}/);
}

test('initial stocktake at the FBA location: Start → Sync imports Amazon quantities → Complete waits for unit costs → stock on hand', async ({ page, request }) => {
  test.setTimeout(150_000);
  const prefix = `STK${uniq()}`;
  const items = amazonItems(prefix);
  const units = new Map(items.map((i) => [i.sellerSku, i.fulfillable ?? 0]));
  const [costed, noCost, fbaOnly, zero] = items.map((i) => i.sellerSku);
  const location = await connectOwnSeller(page, request, items);
  await createProduct(page, noCost, 'No cost yet');

  await page.goto('/inventory/stocktake');
  await page.getByLabel('Select a location').selectOption({ label: location });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/inventory\/stocktake\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Not synced with FBA yet')).toBeVisible();

  const sync = page.getByRole('button', { name: 'Sync', exact: true });
  await sync.click();
  // A queued run, like Force Sync: the button cannot be pressed twice, and the same progress bar
  // follows the worker while Amazon builds the report.
  const busy = page.getByRole('button', { name: 'Syncing with FBA…' });
  await expect(busy).toBeDisabled();
  const bar = page.getByRole('progressbar', { name: 'Sync progress' });
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('sync-phase')).toHaveText(/Queued|Requesting report|Waiting for Amazon|Downloading|Parsing|Updating counts/);
  await page.screenshot({ path: screenshotPath('stocktake-fba-syncing.png'), fullPage: true });
  const summary = page.getByRole('status').filter({ hasText: 'Synced with FBA:' });
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(bar).toBeHidden();
  await expect(summary).toContainText(/\d+ products synced, \d+ created, \d+ need a unit cost/);
  await expect(sync).toBeEnabled();
  // The run is recorded, not held by this page: it is still there after a reload.
  await page.reload();
  await expect(summary).toBeVisible();
  await expect(page.getByText(/Last synced with FBA \d{4}-\d\d-\d\d \d\d:\d\d UTC/)).toBeVisible();

  // Amazon's fulfillable quantities are in Counted, for existing and created products alike.
  const line = (sku: string) => page.getByTestId(`line-${sku}`);
  await expect(line(noCost).getByLabel(/^Counted/)).toHaveValue(String(units.get(noCost)));
  await expect(line(costed).getByLabel(/^Counted/)).toHaveValue(String(units.get(costed)));
  await expect(line(fbaOnly).getByLabel(/^Counted/)).toHaveValue(String(units.get(fbaOnly)));
  await expect(line(zero).getByLabel(/^Counted/)).toHaveValue('0');
  await expect(line(noCost)).toContainText('Needs a unit cost');
  await expect(line(fbaOnly)).toContainText('Needs a unit cost');
  await expect(line(costed)).not.toContainText('Needs a unit cost');
  await expect(line(zero)).not.toContainText('Needs a unit cost');
  await page.screenshot({ path: screenshotPath('stocktake-fba-synced.png'), fullPage: true });

  // Complete is refused while zero-stock products have no unit cost; their cells are marked.
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Enter a unit cost for \d+ lines/ })).toBeVisible();
  await expect(line(noCost).getByLabel(/^Unit cost/)).toHaveAttribute('aria-invalid', 'true');
  await expect(line(costed).getByLabel(/^Unit cost/)).not.toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: screenshotPath('stocktake-fba-needs-cost.png'), fullPage: true });

  // The filter shows just the lines to cost; enter them and Complete.
  await page.getByRole('link', { name: 'Show the lines that need a unit cost' }).click();
  await expect(page).toHaveURL(/needsCost=1/);
  await expect(line(costed)).toHaveCount(0);
  const needing = page.locator('[data-testid^="line-"]');
  const n = await needing.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) await needing.nth(i).getByLabel(/^Unit cost/).fill(i === 0 ? '3.25' : '1.00');
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page).toHaveURL(/done=completed/);
  await expect(page.getByText(/Stocktake completed: \d+ stock changes posted\./)).toBeVisible();
  // A completed stocktake offers what its status table allows from Completed: nothing.
  for (const name of [/^Sync$/, /^Void/, /^Complete$/, /^Save counts$/]) await expect(page.getByRole('button', { name })).toHaveCount(0);

  // Stock on Hand at the FBA location now shows Amazon's quantities.
  for (const sku of [noCost, costed, fbaOnly]) {
    await page.goto(`/inventory/stock-on-hand?q=${sku}`);
    const soh = page.getByRole('row').filter({ hasText: sku }).filter({ hasText: location });
    await expect(soh).toHaveCount(1);
    await expect(soh.getByRole('cell').nth(4)).toHaveText(String(units.get(sku)));
  }
  await page.goto(`/inventory/stock-on-hand?q=${prefix}`);
  await page.screenshot({ path: screenshotPath('stock-on-hand-fba.png'), fullPage: true });
});

test('Sync is offered only at external locations', async ({ page }) => {
  const plain = `Plain WH ${uniq()}`;
  await page.goto('/settings/reference-books/locations');
  await page.getByLabel('New location name').fill(plain);
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByTestId(`location-${plain}`)).toBeVisible();
  await page.goto('/inventory/stocktake');
  await page.getByLabel('Select a location').selectOption({ label: plain });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/inventory\/stocktake\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('button', { name: /^Void/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync', exact: true })).toHaveCount(0);
  await expect(page.getByText('synced with FBA', { exact: false })).toHaveCount(0);
  await page.getByRole('button', { name: /^Void/ }).click();
  await expect(page).toHaveURL(/done=voided/);
  await expect(page.getByRole('button', { name: /^Void/ })).toHaveCount(0);
});

test('a Sync whose report has an unreadable row fails with the line, in the Catalog’s words, and counts nothing', async ({ page, request }) => {
  test.setTimeout(120_000);
  const prefix = `STB${uniq()}`;
  // A tab inside a product name shifts the fields of that row of Amazon's file.
  const location = await connectOwnSeller(page, request, [{ sellerSku: `${prefix}-A`, productName: 'Broken\tname', fulfillable: 3 }]);
  await page.goto('/inventory/stocktake');
  await page.getByLabel('Select a location').selectOption({ label: location });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/inventory\/stocktake\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Sync', exact: true }).click();
  const failed = page.getByRole('alert').filter({ hasText: 'Sync failed:' });
  await expect(failed).toBeVisible({ timeout: 60_000 });
  await expect(failed).toContainText(/Amazon's inventory report has unreadable rows, so nothing was changed\. Line 2: Has 22 fields/);
  await expect(page.getByText('Not synced with FBA yet')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync', exact: true })).toBeEnabled();
  await page.screenshot({ path: screenshotPath('stocktake-fba-sync-failed.png'), fullPage: true });
});
