import type { Locator, Page } from '@playwright/test';
import { encodeCursor } from '@/lib/paging';
import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { BadInputSeed } from './bad-input.seed';

// Issue 7, items 1, 3 and 4 as a user meets them: a NUL character pasted into a form, a file too
// large to upload, and a failure on our side. Each is answered on the page, never with a crash
// page or SQL, and nothing is saved.

const NUL_MESSAGE = /contains an invisible NUL character/;
const seeded = readSeed<BadInputSeed>('forms/bad-input');

test.use({ storageState: sessionFile('admin') });

/** Puts text with a NUL into an input as a paste would: keyboard typing cannot produce U+0000. */
async function pasteWithNul(input: Locator, before: string, after: string) {
  await input.fill('');
  await input.evaluate((el, text) => {
    (el as HTMLInputElement).value = text;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, `${before}\u0000${after}`);
  expect(await input.evaluate((el) => (el as HTMLInputElement).value.includes('\u0000'))).toBe(true);
}

async function expectNoInternals(page: Page) {
  await expect(page.getByText(/Failed query|This page couldn.t load|params:/)).toHaveCount(0);
}

async function makeLocation(page: Page, name: string) {
  await page.goto('/settings/reference-books/locations');
  await page.getByLabel('New location name').fill(name);
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByTestId(`location-${name}`)).toBeVisible();
}

test('a NUL in a product name: a message on the name, nothing saved; saving again works', async ({ page }) => {
  const sku = `NUL-${uniq()}`;
  await page.goto('/inventory/products/new');
  await page.getByLabel(/^SKU/).fill(sku);
  await pasteWithNul(page.getByLabel(/^Name/), 'Blue', ' mug');
  await page.getByRole('button', { name: 'Create product' }).click();

  const name = page.getByLabel(/^Name/);
  await expect(page.getByText(NUL_MESSAGE)).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveValue('Blue mug');
  await expect(page.getByLabel(/^SKU/)).toHaveValue(sku);
  await expectNoInternals(page);
  await page.screenshot({ path: screenshotPath('nul-product-name.png'), fullPage: true });

  await page.goto(`/inventory/products?q=${sku}`);
  await expect(page.getByRole('row').filter({ hasText: sku })).toHaveCount(0);

  // The refill dropped the character, so the same form now saves.
  await page.goto('/inventory/products/new');
  await page.getByLabel(/^SKU/).fill(sku);
  await pasteWithNul(page.getByLabel(/^Name/), 'Blue', ' mug');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page.getByText(NUL_MESSAGE)).toBeVisible();
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/inventory\/products\/[0-9a-f-]{36}\?created=1/);
  await expect(page.getByLabel(/^Name/)).toHaveValue('Blue mug');
});

test('a NUL in a customer name: a message on the name, nothing saved', async ({ page }) => {
  const name = `Nul Co ${uniq()}`;
  await page.goto('/sale/customers/new');
  await pasteWithNul(page.getByLabel(/^Name/), name, '');
  await page.getByRole('button', { name: 'Create customer' }).click();
  await expect(page.getByText(NUL_MESSAGE)).toBeVisible();
  await expect(page.getByLabel(/^Name/)).toHaveAttribute('aria-invalid', 'true');
  await expectNoInternals(page);
  await page.goto(`/sale/customers?q=${encodeURIComponent(name)}`);
  await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
});

test('a NUL in a location name: a message on the name, nothing saved', async ({ page }) => {
  const name = `Nul WH ${uniq()}`;
  await page.goto('/settings/reference-books/locations');
  await pasteWithNul(page.getByLabel('New location name'), name, '');
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByText(NUL_MESSAGE)).toBeVisible();
  await expectNoInternals(page);
  await page.reload();
  await expect(page.getByText(name)).toHaveCount(0);
});

test('a NUL in a stock adjustment reason: a message on the reason, nothing posted', async ({ page }) => {
  const sku = seeded.adjustedSku;
  await page.goto('/inventory/stock-adjustments/new');
  await pasteWithNul(page.getByLabel('Reason'), 'Opening', ' stock');
  await page.getByLabel('SKU, line 1').fill(sku);
  await page.getByLabel('Location or bin, line 1').selectOption({ label: seeded.location });
  await page.getByLabel('Quantity, line 1').fill('5');
  await page.getByLabel('Unit cost, line 1').fill('1.00');
  await page.getByRole('button', { name: 'Post adjustment' }).click();
  await expect(page.getByText(NUL_MESSAGE)).toBeVisible();
  await expect(page.getByLabel('Reason')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/inventory\/stock-adjustments\/new$/);
  await expectNoInternals(page);
  await page.goto(`/inventory/stock-on-hand?q=${sku}`);
  await expect(page.getByRole('row').filter({ hasText: sku })).toHaveCount(0);
});

test('a NUL in the stocktake "Add a product by SKU": a message on the SKU, no line, no SQL', async ({ page }) => {
  // A place of its own: a place holds one stocktake in progress at a time, and this one stays open.
  const loc = `Nul Count WH ${uniq()}`;
  const sku = seeded.countedSku;
  await makeLocation(page, loc);
  await page.goto('/inventory/stocktake');
  await page.getByLabel('Select a location').selectOption({ label: loc });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/inventory\/stocktake\/[0-9a-f-]{36}/);

  await pasteWithNul(page.getByLabel('Add a product by SKU'), sku, '');
  await page.getByRole('button', { name: 'Add line' }).click();
  await expect(page.getByText(NUL_MESSAGE)).toBeVisible();
  await expect(page.getByLabel('Add a product by SKU')).toHaveAttribute('aria-invalid', 'true');
  await expectNoInternals(page);
  await page.screenshot({ path: screenshotPath('nul-stocktake-sku.png'), fullPage: true });
  await page.reload();
  await expect(page.getByTestId(`line-${sku}`)).toHaveCount(0);
});

test('a NUL in a list search (?q=%00) lists as if it were not there', async ({ page }) => {
  const sku = seeded.searchedSku;
  for (const list of ['/inventory/products', '/sale/customers', '/inventory/stock-on-hand', '/inventory/stock-adjustments', '/inventory/stocktake', '/inventory/stock-transfer']) {
    const res = await page.goto(`${list}?q=${sku.slice(0, 4)}%00${sku.slice(4)}`);
    expect(res?.status(), list).toBe(200);
    await expectNoInternals(page);
  }
  await page.goto(`/inventory/products?q=${sku.slice(0, 4)}%00${sku.slice(4)}`);
  await expect(page.getByRole('row').filter({ hasText: sku })).toHaveCount(1);
});

test('a 25 MB CSV is refused in the browser with the size message, and nothing is sent', async ({ page }) => {
  await page.goto('/inventory/products');
  const posts: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST') posts.push(r.url());
  });
  const file = page.getByLabel('CSV file');
  await file.setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.alloc(25 * 1024 * 1024, 'x') });
  await expect(page.getByText('The file is larger than 20 MB; split it into smaller files.')).toBeVisible();
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText('The file is larger than 20 MB; split it into smaller files.')).toBeVisible();
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('heading', { name: 'Import products from CSV' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('upload-too-large.png'), fullPage: true });
  expect(posts).toEqual([]);

  // A file within the limit is sent, and the import's own verdict replaces the size message.
  await file.setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from('SKU,Name\r\n,No SKU\r\n') });
  await expect(page.getByText('The file is larger than 20 MB')).toHaveCount(0);
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByText(/The file has 1 error; nothing was imported/)).toBeVisible();
  expect(posts.length).toBe(1);
});

test('a failure on our side shows a reference and Try again, never the error', async ({ page }) => {
  // Input cannot make a page fail (a hand-edited paging cursor gives the first page, below), so the
  // failure is a damaged record: a sale whose log holds a time the product cannot show (the seed).
  await page.goto(`/sale/sales/${seeded.damagedSaleId}`);
  await expect(page.getByRole('heading', { name: 'Something went wrong on our side' })).toBeVisible();
  await expect(page.getByText(/give your administrator this reference: \S+/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.getByText('Signed in as')).toBeVisible();
  await expectNoInternals(page);
  await expect(page.getByText(/invalid time|RangeError|select /i)).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('error-page.png'), fullPage: true });
});

test('a hand-edited paging cursor gives the first page, never the error page', async ({ page }) => {
  const cursor = encodeCursor({ v: 'A', id: 'not-a-uuid' });
  await page.goto(`/inventory/products?after=${cursor}`);
  await expect(page.getByRole('heading', { name: 'Products', exact: true, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Something went wrong on our side' })).toHaveCount(0);
  const moment = encodeCursor({ v: 'yesterday', id: '8f6c2a4e-1b3d-4c5e-9f70-112233445566' });
  await page.goto(`/sale/fulfilment-orders?sort=created&after=${moment}`);
  await expect(page.getByRole('heading', { name: 'Fulfilment Orders', exact: true, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Something went wrong on our side' })).toHaveCount(0);
});
