import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download } from '@playwright/test';
import { expect, test } from '../support/test';
import { FNSKU_SHEETS } from '@/lib/labels/sheets';
import { decodeLabelValues } from '@/test/label-decode';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { ScanLabelsSeed } from './scan-labels.seed';

const seeded = readSeed<ScanLabelsSeed>('inventory/scan-labels');

test.use({ storageState: sessionFile('admin') });

/** The first page of a downloaded PDF as a PNG beside the screenshots, to look at. */
function firstPagePng(pdf: string, name: string) {
  const out = screenshotPath(name);
  mkdirSync(path.dirname(out), { recursive: true });
  execFileSync('pdftoppm', ['-r', '100', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, out.replace(/\.png$/, '')]);
}

async function savedPdf(download: Download, name: string) {
  const file = await download.path();
  firstPagePng(file, name);
  return readFileSync(file);
}

test('Locations and Bins: Print bin labels → progress → Download; each label decodes to its bin scan code', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/settings/reference-books/locations');
  await page.getByRole('link', { name: `Print bin labels of ${seeded.location}` }).click();
  const dialog = page.getByRole('dialog', { name: `Print bin labels: ${seeded.location}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('3 of 3 chosen')).toBeVisible();
  await dialog.getByLabel('Label format').selectOption({ label: '30-up Letter (1" × 2⅝", Avery 5160)' });
  await page.screenshot({ path: screenshotPath('bin-labels-dialog.png'), fullPage: true });
  // On a phone the dialog fits the width with its targets at thumb size.
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 375, height: 740 });
  await page.screenshot({ path: screenshotPath('bin-labels-dialog-375.png') });
  expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
  await page.setViewportSize(desktop);
  await dialog.getByRole('button', { name: 'Print labels' }).click();
  await expect(dialog).toBeHidden();

  const doc = page.getByRole('table', { name: 'Recent bin labels' }).getByTestId('label-document').first();
  await expect(doc).toContainText('Bin labels');
  await expect(doc.getByRole('link', { name: /^Download/ })).toBeVisible({ timeout: 60_000 });
  await page.screenshot({ path: screenshotPath('bin-labels-done.png'), fullPage: true });
  const [download] = await Promise.all([page.waitForEvent('download'), doc.getByRole('link', { name: /^Download/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^bin-labels-letter-30-\d{8}-\d{4}\.pdf$/);
  const { values, decoded, pages } = await decodeLabelValues(await savedPdf(download, 'bin-labels-page-1.png'), FNSKU_SHEETS['letter-30'].cells, 'e2e-bin-labels');
  expect(pages).toBe(1);
  expect(decoded).toBe(3);
  expect(values).toEqual(seeded.binCodes);
});

test('Products: Print labels for two ticked products → Download; the UPC and the SKU decode', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/inventory/products?q=SCANLBL');
  await page.getByRole('link', { name: 'Print labels' }).click();
  await expect(page).toHaveURL(/labels=1/);
  const panel = page.getByRole('region', { name: 'Print labels', exact: true });
  await page.getByLabel(`Print labels of ${seeded.products.upc.sku}`, { exact: true }).check();
  await page.getByLabel(`Print labels of ${seeded.products.plain.sku}`, { exact: true }).check();
  const count = page.getByLabel(`Labels of ${seeded.products.upc.sku}`, { exact: true });
  // A refused count is named with its product; the ticks and counts stay as they were.
  await count.fill('two');
  await panel.getByRole('button', { name: 'Print labels' }).click();
  await expect(panel.getByText(`${seeded.products.upc.sku}: Enter how many labels to print (1 or more).`)).toBeVisible();
  await expect(page.getByLabel(`Print labels of ${seeded.products.plain.sku}`, { exact: true })).toBeChecked();
  await expect(count).toHaveValue('two');
  await count.fill('2');
  await panel.getByLabel('Label format').selectOption({ label: '24-up A4 (70 × 37 mm)' });
  await page.screenshot({ path: screenshotPath('product-scan-labels-form.png'), fullPage: true });
  await panel.getByRole('button', { name: 'Print labels' }).click();
  await expect(panel.getByRole('status')).toHaveText('3 labels queued: the PDF appears under Product labels below when it is ready.');

  const doc = page.getByRole('table', { name: 'Recent product labels' }).getByTestId('label-document').first();
  await expect(doc.getByRole('link', { name: /^Download/ })).toBeVisible({ timeout: 60_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), doc.getByRole('link', { name: /^Download/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^product-labels-a4-24-\d{8}-\d{4}\.pdf$/);
  const { values, decoded } = await decodeLabelValues(await savedPdf(download, 'product-scan-labels-page-1.png'), FNSKU_SHEETS['a4-24'].cells, 'e2e-product-scan-labels');
  expect(decoded).toBe(3);
  expect(values).toEqual([seeded.products.upc.barcode, seeded.products.upc.barcode, seeded.products.plain.sku]);
  // Printed: the ticks are cleared for the next choice.
  await expect(page.getByLabel(`Print labels of ${seeded.products.plain.sku}`, { exact: true })).not.toBeChecked();

  // All products matching the search: both, one label each.
  await panel.getByLabel('All products matching “SCANLBL”', { exact: false }).check();
  await panel.getByRole('button', { name: 'Print labels' }).click();
  await expect(panel.getByRole('status')).toHaveText('2 labels queued: the PDF appears under Product labels below when it is ready.');
});
