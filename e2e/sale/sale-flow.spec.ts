import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { SaleFlowSeed } from './sale-flow.seed';

const seeded = readSeed<SaleFlowSeed>('sale/sale-flow');
test.use({ storageState: sessionFile('admin') });

/** Sale → New sale through the form; returns on the new sale's page. */
async function newSale(page: Page, lines: { sku: string; quantity: string; price?: string }[], shot?: string) {
  await page.goto('/sale/new');
  await page.getByRole('combobox', { name: /^Customer/ }).selectOption({ label: seeded.customer });
  await expect(page.getByLabel(/^Address line 1/)).toHaveValue('1 Pike St');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await page.getByRole('button', { name: '+ Add line' }).click();
    await page.getByLabel(`SKU, line ${i + 1}`).fill(lines[i].sku);
    await page.getByLabel(`Quantity, line ${i + 1}`).fill(lines[i].quantity);
    await page.getByLabel(`Price, line ${i + 1}`).fill(lines[i].price ?? '10.00');
  }
  await page.getByLabel('Comment').fill('Thank you for shopping with us');
  if (shot) await page.screenshot({ path: screenshotPath(shot), fullPage: true });
  await page.getByRole('button', { name: 'Save sale' }).click();
  await expect(page.getByRole('heading', { name: /^Sale SO-\d{5}$/ })).toBeVisible();
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: new RegExp(`^${name}`) });

test('a sale of own stock: New → Authorised → Pick → Pack → Ship → Invoice, paid in part, balance owed shown', async ({ page }) => {
  await newSale(page, [{ sku: seeded.ownSku, quantity: '3', price: '12.50' }], 'sale_new.png');
  await page.getByRole('button', { name: /^Authorise order/ }).click();
  await expect(page.getByRole('status')).toContainText('Order authorised');
  await page.screenshot({ path: screenshotPath('sale_order.png'), fullPage: true });

  await tab(page, 'Pick').click();
  await expect(page.getByLabel('Location, pick line 1')).toHaveValue(/.+/);
  await page.screenshot({ path: screenshotPath('sale_pick.png'), fullPage: true });
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText('Pick authorised');

  await tab(page, 'Pack').click();
  await page.screenshot({ path: screenshotPath('sale_pack.png'), fullPage: true });
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText('Pack authorised');

  await tab(page, 'Ship').click();
  await page.getByRole('button', { name: 'Copy from Pack' }).click();
  await expect(page.getByLabel('Ship quantity, line 1')).toHaveValue('3');
  await page.getByLabel('Carrier').fill('UPS');
  await page.getByLabel('Tracking number').fill('1Z999AA10123456784');
  await page.screenshot({ path: screenshotPath('sale_ship.png'), fullPage: true });
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText('Ship authorised');
  await expect(page.getByText('1Z999AA10123456784', { exact: true })).toBeVisible();

  await tab(page, 'Invoice').click();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText('Invoice authorised');
  await page.getByLabel(/^Amount/).fill('20.00');
  await page.getByLabel(/^Method/).fill('Card');
  await page.getByRole('button', { name: 'Record payment' }).click();
  await expect(page.getByRole('status')).toContainText('Payment recorded');
  await expect(page.locator('dd').filter({ hasText: '17.50' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('sale_invoice.png'), fullPage: true });
  await expect(page.getByRole('table', { name: 'Sale log' })).toContainText('Payment of 20.00 recorded (Card); balance owed 17.50.');
});

test('a mixed FBA + own-stock sale is boxed apart; Ship creates one fulfilment order, and Skip fulfilment none', async ({ page }) => {
  await newSale(page, [
    { sku: seeded.ownSku, quantity: '1' },
    { sku: seeded.fbaSku, quantity: '2' },
  ]);
  await page.getByRole('button', { name: /^Authorise order/ }).click();
  await tab(page, 'Pick').click();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await tab(page, 'Pack').click();
  await expect(page.getByText('FBA items are boxed apart')).toBeVisible();
  // A person tries to put the FBA line into the own-stock box: there is no box input for it.
  await expect(page.getByLabel('Box, pick line 2')).toHaveCount(0);
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('table', { name: 'Packed lines' })).toContainText('Red kettle');
  const rows = page.getByRole('table', { name: 'Packed lines' }).getByRole('row');
  await expect(rows.filter({ hasText: 'Blue mug' })).toContainText('1');
  await expect(rows.filter({ hasText: 'Red kettle' }).getByRole('cell').nth(4)).toHaveText('2');

  await tab(page, 'Ship').click();
  await page.getByRole('button', { name: 'Copy from Pack' }).click();
  await page.getByLabel('Shipping option').selectOption('Expedited');
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText(/fulfilment order FO-\d{5} created/);
  const fos = page.getByRole('table', { name: 'Fulfilment orders of this sale' });
  await expect(fos.getByRole('row')).toHaveCount(2);
  await expect(fos).toContainText('Queued');
  await page.screenshot({ path: screenshotPath('sale_ship_fo.png'), fullPage: true });

  // Undo Ship: the Queued order never reached Amazon, so it is voided; authorise again with Skip fulfilment.
  await page.getByRole('button', { name: /^Undo/ }).click();
  await expect(page.getByRole('status')).toContainText('Ship undone');
  await page.getByRole('button', { name: 'Copy from Pack' }).click();
  await page.getByLabel('Skip fulfilment').check();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toHaveText('Ship authorised.');
  await expect(fos.getByRole('row')).toHaveCount(2);
  await expect(fos).toContainText('Cancelled');
});

test('the sales list searches by SKU and filters by stage; the 3PL Shipment List downloads the picked sales of a location', async ({ page }) => {
  await newSale(page, [{ sku: seeded.ownSku, quantity: '2' }]);
  const number = (await page.getByRole('heading', { name: /^Sale SO-/ }).textContent())!.replace('Sale ', '');
  await page.getByRole('button', { name: /^Authorise order/ }).click();
  await tab(page, 'Pick').click();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText('Pick authorised');

  await page.goto('/sale/sales');
  await page.getByLabel('Search sales').fill(number);
  await page.getByLabel('Pick', { exact: true }).selectOption('Authorised');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('table', { name: 'Sales' }).getByRole('link', { name: number })).toBeVisible();
  await page.screenshot({ path: screenshotPath('sale_list.png'), fullPage: true });
  await page.getByLabel('Pick', { exact: true }).selectOption('Not Started');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No sales match')).toBeVisible();

  await page.getByRole('combobox', { name: 'Location' }).selectOption({ label: seeded.ownLocation });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  const file = await (await download).path();
  const csv = (await import('node:fs')).readFileSync(file, 'utf8');
  expect(csv).toContain('Order,Customer,Ship to name');
  expect(csv).toContain(`${number},${seeded.customer},Jo Buyer,1 Pike St,,Seattle,WA,98101,US,,${seeded.ownSku},Blue mug,2,Standard`);
});
