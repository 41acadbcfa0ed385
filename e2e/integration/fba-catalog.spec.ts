import { expect, test, type Page } from '@playwright/test';
import { signIn, uniq } from '../support/auth';

const SELLER = 'ASANDBOXSELLER1';

/** The demo seller's Catalog: connects it through the UI unless an earlier spec already did. */
async function openDemoCatalog(page: Page) {
  await page.goto('/integration/fba');
  const existing = page.getByRole('row').filter({ hasText: SELLER }).filter({ hasText: 'Active' });
  if ((await existing.count()) === 0) {
    await page.getByRole('link', { name: 'Add FBA connection' }).click();
    await page.getByRole('link', { name: 'Connect manually' }).first().click();
    await page.getByLabel(/^Merchant ID \(Seller ID\)/).fill(SELLER);
    await page.getByLabel(/^Marketplace ID/).selectOption('ATVPDKIKX0DER');
    await page.getByLabel(/^MWS Auth Token/).fill('Atzr|sandbox-demo');
    await page.getByRole('button', { name: 'Connect to FBA' }).click();
    await expect(page).toHaveURL(/\/integration\/fba\/[0-9a-f-]{36}\/setup/);
  } else {
    await existing.first().getByRole('link').first().click();
  }
  await page.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/integration\/fba\/[0-9a-f-]{36}\/catalog/);
}

async function createProduct(page: Page, sku: string, name: string) {
  await page.goto('/inventory/products/new');
  await page.getByLabel(/^SKU/).fill(sku);
  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/inventory\/products\/[0-9a-f-]{36}/);
}

test('Catalog: Force Sync with progress, quantities, an unmapped listing mapped in Product Info', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  const bundle = `BUNDLE-${uniq()}`;
  await createProduct(page, bundle, 'Bundle for FBA-only listing');
  // A product with a demo SKU is mapped automatically by SKU (skip when an earlier spec made it).
  await page.goto('/inventory/products?q=DEMO-001');
  if ((await page.getByRole('link', { name: 'DEMO-001', exact: true }).count()) === 0) await createProduct(page, 'DEMO-001', 'Demo product 001');

  await openDemoCatalog(page);
  await page.getByRole('button', { name: 'Force Sync' }).click();
  // Progress is visible while the worker requests the report, waits for Amazon and writes.
  const bar = page.getByRole('progressbar', { name: 'Sync progress' });
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('sync-phase')).toHaveText(/Queued|Requesting report|Waiting for Amazon|Downloading|Parsing|Updating catalog/);
  await page.screenshot({ path: 'test-results/screens/fba-catalog-syncing.png', fullPage: true });
  await expect(bar).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('status').filter({ hasText: 'Last sync finished' })).toBeVisible();
  await expect(page.getByTestId('last-synced')).not.toHaveText('Never');

  // Rows with Amazon's quantities: DEMO-001 holds 47 fulfillable and maps to its product by SKU.
  const demo1 = page.getByTestId('listing-DEMO-001');
  await expect(demo1).toBeVisible();
  await expect(demo1.getByRole('cell').nth(4)).toHaveText('47');
  await expect(demo1.getByRole('link', { name: 'DEMO-001', exact: true })).toBeVisible(); // the mapped product
  const only1 = page.getByTestId('listing-FBA-ONLY-01');
  await expect(only1).toContainText('Unmapped');
  await expect(page.getByTestId('listing-DEMO-020').getByRole('cell').nth(4)).toHaveText('0');
  await page.screenshot({ path: 'test-results/screens/fba-catalog.png', fullPage: true });

  // Product Info: quantity breakdown and the mapping, changed by the SKU of a product.
  await only1.getByRole('link', { name: 'Product info for FBA-ONLY-01' }).click();
  const dialog = page.getByRole('dialog', { name: 'Product Info: FBA-ONLY-01' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await expect(dialog.getByRole('row', { name: /Fulfillable/ })).toContainText('5');
  await expect(dialog.getByTestId('current-mapping')).toContainText('Unmapped');
  await dialog.getByLabel('Product SKU').fill('NO-SUCH-SKU');
  await dialog.getByRole('button', { name: 'Save mapping' }).click();
  await expect(dialog.getByText('No product has SKU NO-SUCH-SKU.').first()).toBeVisible();
  await dialog.getByLabel('Product SKU').fill(bundle.toLowerCase());
  await dialog.getByRole('button', { name: 'Save mapping' }).click();
  await expect(dialog.getByText(`FBA-ONLY-01 is now mapped to ${bundle}.`)).toBeVisible();
  await expect(dialog.getByTestId('current-mapping')).toContainText(`Mapped to ${bundle}`);
  await expect(dialog.getByTestId('current-mapping')).toContainText('by hand');
  await page.screenshot({ path: 'test-results/screens/fba-catalog-product-info.png' });
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).not.toHaveURL(/listing=/);
  await expect(only1.getByRole('link', { name: bundle })).toBeVisible();
  await expect(only1).not.toContainText('Unmapped');

  // "Unmapped only" and search narrow the list; the manual mapping survives another sync.
  await page.getByLabel('Unmapped only').check();
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByTestId('listing-FBA-ONLY-02')).toBeVisible();
  await expect(page.getByTestId('listing-FBA-ONLY-01')).toHaveCount(0);
  await expect(page.getByTestId('listing-DEMO-001')).toHaveCount(0);
  await page.getByLabel('Unmapped only').uncheck();
  await page.getByLabel('Search listings').fill('fba-only-01');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Force Sync' }).click();
  await expect(bar).toBeVisible();
  await expect(bar).toBeHidden({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Force Sync' })).toBeEnabled();
  await expect(page.getByTestId('listing-FBA-ONLY-01').getByRole('link', { name: bundle })).toBeVisible();
});

test('Catalog: a report with an unreadable row fails the sync with its line, and nothing changes', async ({ page, request }) => {
  test.setTimeout(120_000);
  const sandbox = process.env.SANDBOX_URL!;
  await signIn(page);
  await openDemoCatalog(page);
  const bar = page.getByRole('progressbar', { name: 'Sync progress' });
  // A tab inside a product name shifts the fields of that row of Amazon's file.
  const inject = (productName: string, fulfillable: number) =>
    request.post(`${sandbox}/_sandbox/sellers/ASANDBOXSELLER1/inventory`, { data: { items: [{ sellerSku: 'DEMO-004', productName, fulfillable }] } });
  expect((await inject('Broken\tname', 999)).ok()).toBe(true);
  try {
    await page.getByRole('button', { name: 'Force Sync' }).click();
    await expect(bar).toBeVisible();
    await expect(bar).toBeHidden({ timeout: 60_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'The last sync failed' })).toContainText(/unreadable rows, so nothing was changed\. Line \d+: Has 22 fields/);
    await page.reload();
    await expect(page.getByTestId('listing-DEMO-004').getByRole('cell').nth(4)).toHaveText('68');
    await page.screenshot({ path: 'test-results/screens/fba-catalog-sync-failed.png' });
  } finally {
    await inject('Demo product 004', 68);
  }
});
