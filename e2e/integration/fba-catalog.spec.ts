import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { addSandboxSeller, connectSellerManually, setSandboxInventory, type SandboxItem } from '../support/sandbox';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { FbaCatalogSeed } from './fba-catalog.seed';

const seeded = readSeed<FbaCatalogSeed>('integration/fba-catalog');

test.use({ storageState: sessionFile('admin') });

/** What Amazon holds for each test's own seller: one listing per case the Catalog shows. */
const ITEMS: SandboxItem[] = [
  { sellerSku: seeded.mappedSku, productName: 'Catalog product 001', fulfillable: 47, inboundShipped: 12 },
  { sellerSku: 'CATALOG-004', productName: 'Catalog product 004', fulfillable: 68 },
  { sellerSku: 'CATALOG-020', productName: 'Catalog product 020', fulfillable: 0, unfulfillable: 2 },
  { sellerSku: 'CATALOG-ONLY-01', productName: 'FBA-only product 01', fulfillable: 5 },
  { sellerSku: 'CATALOG-ONLY-02', productName: 'FBA-only product 02', fulfillable: 10 },
];

/** A seller of this test's own at the sandbox, connected to FBA; ends on its Catalog. */
async function openOwnCatalog(page: Page, request: APIRequestContext) {
  const seller = await addSandboxSeller(request, `Catalog Store ${uniq()}`, ITEMS);
  await connectSellerManually(page, seller);
  await page.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/integration\/fba\/[0-9a-f-]{36}\/catalog/);
  return seller;
}

async function forceSync(page: Page) {
  const bar = page.getByRole('progressbar', { name: 'Sync progress' });
  await page.getByRole('button', { name: 'Force Sync' }).click();
  await expect(bar).toBeVisible();
  await expect(bar).toBeHidden({ timeout: 60_000 });
}

test('Catalog: Force Sync with progress, quantities, an unmapped listing mapped in Product Info', async ({ page, request }) => {
  test.setTimeout(120_000);
  const bundle = seeded.bundleSku;
  await openOwnCatalog(page, request);
  await page.getByRole('button', { name: 'Force Sync' }).click();
  // Progress is visible while the worker requests the report, waits for Amazon and writes.
  const bar = page.getByRole('progressbar', { name: 'Sync progress' });
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('sync-phase')).toHaveText(/Queued|Requesting report|Waiting for Amazon|Downloading|Parsing|Updating catalog/);
  await page.screenshot({ path: screenshotPath('fba-catalog-syncing.png'), fullPage: true });
  await expect(bar).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Last sync finished' })).toBeVisible();
  await expect(page.getByTestId('last-synced')).not.toHaveText('Never');

  // Rows with Amazon's quantities: CATALOG-001 holds 47 fulfillable and maps to its product by SKU.
  const mapped = page.getByTestId(`listing-${seeded.mappedSku}`);
  await expect(mapped).toBeVisible();
  await expect(mapped.getByRole('cell').nth(4)).toHaveText('47');
  await expect(mapped.getByRole('link', { name: seeded.mappedSku, exact: true })).toBeVisible(); // the mapped product
  const only1 = page.getByTestId('listing-CATALOG-ONLY-01');
  await expect(only1).toContainText('Unmapped');
  await expect(page.getByTestId('listing-CATALOG-020').getByRole('cell').nth(4)).toHaveText('0');
  await page.screenshot({ path: screenshotPath('fba-catalog.png'), fullPage: true });

  // Product Info: quantity breakdown and the mapping, changed by the SKU of a product.
  await only1.getByRole('link', { name: 'Product info for CATALOG-ONLY-01' }).click();
  const dialog = page.getByRole('dialog', { name: 'Product Info: CATALOG-ONLY-01' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(dialog.getByRole('row', { name: /Fulfillable/ })).toContainText('5');
  await expect(dialog.getByTestId('current-mapping')).toContainText('Unmapped');
  await dialog.getByLabel('Product SKU').fill('NO-SUCH-SKU');
  await dialog.getByRole('button', { name: 'Save mapping' }).click();
  await expect(dialog.getByText('No product has SKU NO-SUCH-SKU.').first()).toBeVisible();
  await dialog.getByLabel('Product SKU').fill(bundle.toLowerCase());
  await dialog.getByRole('button', { name: 'Save mapping' }).click();
  await expect(dialog.getByText(`CATALOG-ONLY-01 is now mapped to ${bundle}.`)).toBeVisible();
  await expect(dialog.getByTestId('current-mapping')).toContainText(`Mapped to ${bundle}`);
  await expect(dialog.getByTestId('current-mapping')).toContainText('by hand');
  await page.screenshot({ path: screenshotPath('fba-catalog-product-info.png') });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).not.toHaveURL(/listing=/);
  await expect(only1.getByRole('link', { name: bundle })).toBeVisible();
  await expect(only1).not.toContainText('Unmapped');

  // "Unmapped only" and search narrow the list; the manual mapping survives another sync.
  await page.getByLabel('Unmapped only').check();
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('listing-CATALOG-ONLY-02')).toBeVisible();
  await expect(page.getByTestId('listing-CATALOG-ONLY-01')).toHaveCount(0);
  await expect(page.getByTestId(`listing-${seeded.mappedSku}`)).toHaveCount(0);
  await page.getByLabel('Unmapped only').uncheck();
  await page.getByLabel('Search listings').fill('catalog-only-01');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row')).toHaveCount(2);
  await forceSync(page);
  await expect(page.getByRole('button', { name: 'Force Sync' })).toBeEnabled();
  await expect(page.getByTestId('listing-CATALOG-ONLY-01').getByRole('link', { name: bundle })).toBeVisible();
});

test('Catalog: a report with an unreadable row fails the sync with its line, and nothing changes', async ({ page, request }) => {
  test.setTimeout(120_000);
  const seller = await openOwnCatalog(page, request);
  await forceSync(page);
  await expect(page.getByTestId('listing-CATALOG-004').getByRole('cell').nth(4)).toHaveText('68');

  // A tab inside a product name shifts the fields of that row of Amazon's file.
  await setSandboxInventory(request, seller.sellerId, [{ sellerSku: 'CATALOG-004', productName: 'Broken\tname', fulfillable: 999 }]);
  await forceSync(page);
  await expect(page.getByRole('alert').filter({ hasText: 'The last sync failed' })).toContainText(/unreadable rows, so nothing was changed\. Line \d+: Has 22 fields/);
  await page.reload();
  await expect(page.getByTestId('listing-CATALOG-004').getByRole('cell').nth(4)).toHaveText('68');
  await page.screenshot({ path: screenshotPath('fba-catalog-sync-failed.png') });
});
