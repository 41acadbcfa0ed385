import { readFileSync } from 'node:fs';
import { expect, test } from '../support/test';
import { FNSKU_SHEETS } from '@/lib/labels/sheets';
import { decodeLabelValues } from '@/test/label-decode';
import { uniq } from '../support/auth';
import { addSandboxSeller, connectSellerManually } from '../support/sandbox';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { ProductLabelsSeed } from './product-labels.seed';

const seeded = readSeed<ProductLabelsSeed>('integration/product-labels');

test.use({ storageState: sessionFile('admin') });

test('Catalog: Print product labels → progress → Download; every label decodes to the FNSKU', async ({ page, request }) => {
  test.setTimeout(120_000);
  const seller = await addSandboxSeller(request, `Labels Store ${uniq()}`, [{ sellerSku: seeded.sku, productName: 'Water bottle', fulfillable: 5 }]);
  await connectSellerManually(page, seller);
  await page.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Catalog' }).click();
  await expect(page).toHaveURL(/\/integration\/fba\/[0-9a-f-]{36}\/catalog/);
  await expect(page.getByText('No labels yet')).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Sync progress' });
  await page.getByRole('button', { name: 'Force Sync' }).click();
  await expect(bar).toBeVisible();
  await expect(bar).toBeHidden({ timeout: 60_000 });

  await page.getByRole('link', { name: 'Print product labels' }).click();
  const dialog = page.getByRole('dialog', { name: 'Print product labels' });
  await expect(dialog).toBeVisible();
  const row = dialog.getByRole('row').filter({ hasText: seeded.sku });
  const fnsku = (await row.getByRole('cell').nth(2).innerText()).trim();
  expect(fnsku).toMatch(/^X00[0-9A-Z]{7}$/);
  await dialog.getByLabel(seeded.sku, { exact: true }).check();
  await dialog.getByLabel(`Labels for ${seeded.sku}`).fill('32');
  await dialog.getByLabel('Label format').selectOption({ label: '30-up Letter (1" × 2⅝", Avery 5160)' });
  await page.screenshot({ path: screenshotPath('product-labels-dialog.png'), fullPage: true });
  await dialog.getByRole('button', { name: 'Print labels' }).click();
  await expect(dialog).toBeHidden();

  // The worker makes the PDF; the row follows its progress until Download appears.
  const doc = page.getByTestId('label-document').first();
  await expect(doc).toContainText('Product labels');
  await expect(doc.getByRole('link', { name: /^Download/ })).toBeVisible({ timeout: 60_000 });
  await expect(doc).toContainText('Completed');
  await page.screenshot({ path: screenshotPath('product-labels-done.png'), fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), doc.getByRole('link', { name: /^Download/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^product-labels-letter-30-\d{8}-\d{4}\.pdf$/);
  const pdf = readFileSync(await download.path());
  const { values, decoded, pages } = await decodeLabelValues(pdf, FNSKU_SHEETS['letter-30'].cells, 'e2e-product-labels');
  expect(pages).toBe(2);
  expect(decoded).toBe(32);
  expect(values).toEqual(Array(32).fill(fnsku));
});
