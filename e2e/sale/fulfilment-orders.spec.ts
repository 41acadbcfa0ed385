import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { FulfilmentOrdersSeed } from './fulfilment-orders.seed';

const seeded = readSeed<FulfilmentOrdersSeed>('sale/fulfilment-orders');

test.use({ storageState: sessionFile('admin') });

const LIST = '/sale/fulfilment-orders';
const rows = (page: Page) => page.getByRole('table', { name: 'Fulfilment orders' }).locator('tbody tr');

async function search(page: Page, q: string) {
  await page.getByLabel('Search').fill(q);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(q)}`));
}

/** Opens the first order of this SKU still in this status (a repeat of a test takes the next one). */
async function openFirst(page: Page, sku: string, status: string) {
  await page.goto(`${LIST}?status=${encodeURIComponent(status)}&q=${sku}`);
  await rows(page).first().getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: /^Fulfilment order FO-\d+$/ })).toBeVisible();
}

test('the list: counts per status filter it, with the connection filter kept', async ({ page }) => {
  await page.goto(LIST);
  await expect(page.getByRole('heading', { level: 1, name: 'Fulfilment Orders' })).toBeVisible();
  await page.getByLabel('Connection').selectOption({ label: seeded.connection });
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/connection=/);
  const counts = page.getByRole('navigation', { name: 'Fulfilment orders by status' });
  await expect(counts.getByRole('link', { name: /^Shipped \d+$/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('sale_fulfilment-orders_list.png'), fullPage: true });

  const failed = counts.getByRole('link', { name: /^Failed \d+$/ });
  const n = Number((await failed.innerText()).replace(/\D+/g, ''));
  expect(n).toBeGreaterThanOrEqual(1);
  await failed.click();
  await expect(page).toHaveURL(/status=Failed/);
  await expect(page).toHaveURL(/connection=/);
  await expect(counts.getByRole('link', { name: /^Failed/ })).toHaveAttribute('aria-current', 'page');
  await expect(rows(page)).toHaveCount(n);
  await expect(rows(page).locator('td:last-child > span:first-child')).toHaveText(Array.from({ length: n }, () => 'Failed'));
  await expect(page.getByLabel('Status', { exact: true })).toHaveValue('Failed');
});

test('search finds an order by tracking number and by sale number', async ({ page }) => {
  await page.goto(LIST);
  await search(page, '9400FOSPEC0002');
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText(seeded.shippedNumber);
  await expect(rows(page).first()).toContainText('1ZFOSPEC0001, 9400FOSPEC0002');
  await search(page, seeded.shippedSale);
  await expect(rows(page)).toHaveCount(1);
  await search(page, 'NO-SUCH-ORDER-ANYWHERE');
  await expect(page.getByText('No fulfilment orders match')).toBeVisible();
  await expect(page.getByRole('link', { name: 'show all fulfilment orders' })).toBeVisible();
});

test('paging: 52 orders of one SKU over two pages, filters kept; CSV of the filtered list', async ({ page }) => {
  await page.goto(LIST);
  await search(page, 'FOSPEC-PAGE');
  await expect(rows(page)).toHaveCount(50);
  const firstPage = await rows(page).locator('td:first-child').allInnerTexts();
  await page.getByRole('link', { name: 'Next page »' }).click();
  await expect(page).toHaveURL(/after=/);
  await expect(page).toHaveURL(/q=FOSPEC-PAGE/);
  await expect(rows(page)).toHaveCount(2);
  const secondPage = await rows(page).locator('td:first-child').allInnerTexts();
  expect(new Set([...firstPage, ...secondPage]).size).toBe(52);
  await page.getByRole('link', { name: '« First page' }).click();
  await expect(rows(page)).toHaveCount(50);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^fulfilment-orders-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toMatch(/^Fulfilment order,Sale,Customer,Connection,Status,/);
  expect(lines).toHaveLength(53);
  expect(lines.slice(1).every((l) => l.includes(',Delivered,') && l.includes('FOSPEC-PAGE × 1'))).toBe(true);
});

test('a Shipped order with two packages: tracking numbers on the line, packages, stages, log; only Cancel and Refresh status', async ({ page }) => {
  await page.goto(LIST);
  await search(page, '1ZFOSPEC0001');
  await rows(page).first().getByRole('link', { name: seeded.shippedNumber }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Fulfilment order ${seeded.shippedNumber}` })).toBeVisible();
  await expect(page.getByTestId('fo-status')).toHaveText('Shipped');
  await expect(page.getByText('Amazon: Complete')).toBeVisible();
  await expect(page.getByRole('link', { name: seeded.shippedSale })).toBeVisible();
  const items = page.getByRole('table', { name: `Items of ${seeded.shippedNumber}` });
  await expect(items.locator('tbody tr').first()).toContainText('1ZFOSPEC0001, 9400FOSPEC0002');
  await expect(items.locator('tbody tr').nth(1)).toContainText('9400FOSPEC0002');
  const packages = page.getByRole('table', { name: `Packages of ${seeded.shippedNumber}` });
  await expect(packages.locator('tbody tr')).toHaveCount(2);
  await expect(packages.locator('tbody tr').first()).toContainText('UPS');
  await expect(page.getByText('Thank you for shopping with us!')).toBeVisible();
  await expect(page.getByText('Amazon prints it on the packing slip.')).toBeVisible();
  await expect(page.getByRole('table', { name: `Log of ${seeded.shippedNumber}` })).toContainText('Sent to Amazon: accepted');
  await expect(page.getByRole('button', { name: /^Cancel fulfilment order/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh status' })).toBeVisible();
  for (const absent of [/^Process/, /^Void/, /^Ship/, /^Edit$/]) await expect(page.getByRole('button', { name: absent })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('sale_fulfilment-orders_shipped.png'), fullPage: true });
});

test('each status offers only its buttons', async ({ page }) => {
  const expected: Record<string, string[]> = {
    Queued: ['Process', 'Void', 'Edit'],
    'On Hold': ['Ship', 'Cancel', 'Edit', 'Refresh status'],
    Shipped: ['Cancel', 'Refresh status'],
    Completed: ['Refresh status'],
    Delivered: ['Refresh status'],
    Cancelled: [],
    Failed: ['Process', 'Void', 'Edit', 'Refresh status'],
  };
  for (const [status, id] of Object.entries(seeded.byStatus)) {
    await page.goto(`${LIST}/${id}`);
    await expect(page.getByTestId('fo-status')).toHaveText(status);
    for (const name of ['Process', 'Void', 'Ship', 'Cancel', 'Edit', 'Refresh status']) {
      const button = page.getByRole('button', { name: name === 'Edit' || name === 'Refresh status' ? name : new RegExp(`^${name} fulfilment order`), exact: true });
      await expect(button, `${name} on a ${status} order`).toHaveCount(expected[status].includes(name) ? 1 : 0);
    }
    if (status === 'Failed') {
      await expect(page.getByRole('alert').filter({ hasText: 'Amazon’s answer' })).toContainText('The destination address is invalid');
      await page.screenshot({ path: screenshotPath('sale_fulfilment-orders_failed.png'), fullPage: true });
    }
  }
});

test('Void a Queued order: Cancelled, no buttons left, logged', async ({ page }) => {
  await openFirst(page, 'FOSPEC-VOID', 'Queued');
  await page.getByRole('button', { name: /^Void fulfilment order/ }).click();
  await expect(page.getByTestId('fo-status')).toHaveText('Cancelled');
  await expect(page.getByRole('button', { name: /^(Process|Void|Edit)/ })).toHaveCount(0);
  await expect(page.getByText('Voided: not sent to Amazon.')).toBeVisible();
});

test('the page follows the order live: voided in another tab, this one shows it without a reload', async ({ page, context }) => {
  test.setTimeout(60_000);
  await openFirst(page, 'FOSPEC-VOID', 'Queued');
  const url = page.url();
  // A reload would lose this mark.
  await page.evaluate(() => Object.assign(window, { __foLiveMark: true }));
  const other = await context.newPage();
  await other.goto(url);
  await other.getByRole('button', { name: /^Void fulfilment order/ }).click();
  await expect(other.getByTestId('fo-status')).toHaveText('Cancelled');
  // The first tab polls its order's JSON (every 10 s while the order can still move).
  await expect(page.getByTestId('fo-status')).toHaveText('Cancelled', { timeout: 20_000 });
  await expect(page.getByText('Voided: not sent to Amazon.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Void fulfilment order/ })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __foLiveMark?: boolean }).__foLiveMark)).toBe(true);
});

test('Edit/Save a Queued order: a bad country is refused at its field, then the address is saved', async ({ page }) => {
  await openFirst(page, 'FOSPEC-EDIT', 'Queued');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByLabel(/^City/).fill('Portland');
  await page.getByLabel(/^Country/).fill('XX');
  await page.getByLabel('Shipping speed').selectOption('Priority');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Choose a country (ISO 3166 two-letter code).')).toBeVisible();
  await expect(page.getByLabel(/^City/)).toHaveValue('Portland');
  await page.screenshot({ path: screenshotPath('sale_fulfilment-orders_edit.png'), fullPage: true });
  await page.getByLabel(/^Country/).fill('us');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('button', { name: 'Save' })).toHaveCount(0);
  const shipTo = page.getByRole('region', { name: 'Ship to' });
  await expect(shipTo).toContainText('Portland, WA, 98101');
  await expect(page.getByRole('region', { name: 'Order' })).toContainText('Priority');
  await expect(page.getByText(/^Edited \(.*shipToCity.*\)\.$/)).toBeVisible();
});

/** A Queued order of this SKU not already waiting for Amazon (an earlier run's Process leaves its order Queued and pending). */
async function openIdleQueued(page: Page, sku: string) {
  await page.goto(`${LIST}?status=Queued&q=${sku}`);
  const hrefs = await rows(page).locator('td:first-child a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
  for (const href of hrefs) {
    await page.goto(href);
    await expect(page.getByTestId('fo-status')).toHaveText('Queued');
    if ((await page.getByText(/Sending to Amazon…/).count()) === 0) return;
  }
  throw new Error(`No ${sku} order is left Queued without a pending call: reseed.`);
}

test('Process a Queued order: the page waits for Amazon, and Amazon’s answer arrives without a reload', async ({ page }) => {
  await openIdleQueued(page, 'FOSPEC-PROC');
  await page.getByRole('button', { name: /^Process fulfilment order/ }).click();
  // The worker's drain answers within seconds: the page shows "Sending to Amazon…" with the buttons
  // held until then (the polling rule is lib/fulfilment/fo-live.test.ts's), or already the answer.
  const sending = page.getByText(/Sending to Amazon…/);
  const answer = page.getByRole('alert').filter({ hasText: 'Amazon’s answer' });
  await expect(sending.or(answer)).toBeVisible();
  await expect(page.getByText('Process: sending to Amazon')).toBeVisible();
  // Amazon does not hold this SKU for the seller, so it refuses the order: Failed, in Amazon's words.
  await expect(page.getByTestId('fo-status')).toHaveText('Failed', { timeout: 20_000 });
  await expect(answer).toContainText('Invalid seller SKU');
  await expect(sending).toHaveCount(0);
  for (const name of [/^Process fulfilment order/, /^Void fulfilment order/]) await expect(page.getByRole('button', { name })).toBeEnabled();
});

test("Amazon's preview of a sale's FBA lines (the Ship tab reads this)", async ({ page }) => {
  const res = await page.request.get(`/api/sales/${seeded.previewSaleId}/fulfilment-preview`);
  expect(res.status()).toBe(200);
  const { locations } = (await res.json()) as { locations: { shippingSpeed: string; lines: { sellerSku: string }[]; outcome: { kind: string; totalFee?: { amount: string; currency: string } } }[] };
  expect(locations).toHaveLength(1);
  expect(locations[0]).toMatchObject({ shippingSpeed: 'Expedited', lines: [{ sellerSku: 'DEMO-001' }], outcome: { kind: 'fulfillable', totalFee: { currency: 'USD' } } });
  expect(locations[0].outcome.totalFee!.amount).toMatch(/^\d+\.\d{2}$/);
});
