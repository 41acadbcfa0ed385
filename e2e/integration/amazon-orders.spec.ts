import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { registerSandboxSeller, sandboxUrl } from '../support/sandbox';
import { attemptSeed, screenshotPath, sessionFile } from '../support/state';
import type { AmazonOrdersSeed } from './amazon-orders.seed';

// The test registers the seeded seller at the sandbox and counts its store's orders: each attempt
// (a retry on CI) takes a copy of its own, set at the test's start.
let seeded: AmazonOrdersSeed;
let [skuA, skuB, skuC] = ['', '', ''];
let ordersTab = '';
const HOUR = 3600_000;

test.use({ storageState: sessionFile('admin') });
test.describe.configure({ mode: 'serial' });

type NewOrder = { fulfillmentChannel: 'AFN' | 'MFN'; items: { sellerSku: string; quantity: number; price?: number }[]; purchaseDate: string };

async function sandboxNow(request: APIRequestContext): Promise<number> {
  const res = await request.get(`${sandboxUrl()}/_sandbox/clock`);
  return ((await res.json()) as { nowMs: number }).nowMs;
}

async function placeOrders(request: APIRequestContext, orders: NewOrder[]): Promise<string[]> {
  const res = await request.post(`${sandboxUrl()}/_sandbox/sellers/${seeded.sellerId}/orders`, { data: { orders } });
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { amazonOrderIds: string[] }).amazonOrderIds;
}

type Run = { id: string; status: string } | null;
const latestRun = async (page: Page): Promise<Run> => ((await (await page.request.get(`/api/amazon/${seeded.storeId}/orders-status`)).json()) as { run: Run }).run;

/** Download orders, waited for until this press's own run is done (an earlier run's "finished" line is on the page meanwhile). */
async function downloadOrders(page: Page) {
  await page.goto(ordersTab);
  const before = await latestRun(page);
  await page.getByRole('button', { name: 'Download orders' }).click();
  await expect.poll(async () => {
    const run = await latestRun(page);
    return run && run.id !== before?.id ? run.status : 'not started';
  }, { timeout: 60_000 }).toBe('done');
  await page.reload();
  await expect(page.getByText(/Last download finished/)).toBeVisible();
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: new RegExp(`^${name}`) });
const rowOf = (page: Page, amazonOrderId: string) => page.getByTestId('amazon-order-row').filter({ hasText: amazonOrderId });

let afnShipped: string;
let afnToCancel: string;
let mfnToFba: string;
let heldForListing: string;

test('Amazon store orders: AFN orders become sales shipped by Amazon, MFN orders go through fulfilment, a held SKU is imported once mapped, cancellations reverse', async ({ page, request }) => {
  test.setTimeout(180_000);
  seeded = attemptSeed<AmazonOrdersSeed>('integration/amazon-orders', test.info());
  [skuA, skuB, skuC] = seeded.skus;
  ordersTab = `/integration/amazon/${seeded.storeId}/orders`;
  await registerSandboxSeller(
    request,
    { sellerId: seeded.sellerId, refreshToken: seeded.refreshToken, storeName: seeded.storeName },
    [...seeded.skus, seeded.listingSku].map((sellerSku) => ({ sellerSku, fulfillable: 10 })),
  );
  const now = await sandboxNow(request);
  [afnShipped, afnToCancel, mfnToFba, heldForListing] = await placeOrders(request, [
    { fulfillmentChannel: 'AFN', items: [{ sellerSku: skuA, quantity: 2, price: 24.5 }], purchaseDate: new Date(now - 48 * HOUR).toISOString() },
    { fulfillmentChannel: 'AFN', items: [{ sellerSku: skuB, quantity: 1 }], purchaseDate: new Date(now - 2 * HOUR).toISOString() },
    { fulfillmentChannel: 'MFN', items: [{ sellerSku: skuC, quantity: 1 }], purchaseDate: new Date(now - 2 * HOUR).toISOString() },
    { fulfillmentChannel: 'AFN', items: [{ sellerSku: seeded.listingSku, quantity: 1 }], purchaseDate: new Date(now - 30 * HOUR).toISOString() },
  ]);

  // Integration → Amazon → the store → Setup: where its orders are sold from.
  await page.goto('/integration/amazon');
  await page.getByRole('link', { name: seeded.storeName }).click();
  await expect(page).toHaveURL(new RegExp(`${ordersTab}$`));
  await expect(page.getByRole('button', { name: 'Download orders' })).toBeDisabled();
  await page.getByRole('navigation', { name: 'Amazon store' }).getByRole('link', { name: 'Setup' }).click();
  await page.getByLabel('Amazon-fulfilled orders (AFN) are sold from').selectOption(seeded.fbaLocationId);
  await page.getByLabel('Merchant-fulfilled orders (MFN) are picked from').selectOption(seeded.fbaLocationId);
  const from = new Date(now - 7 * 24 * HOUR).toISOString().slice(0, 10);
  await page.getByLabel('Download orders updated since (UTC)').fill(from);
  await page.getByRole('button', { name: 'Save setup' }).click();
  await expect(page.getByText('Setup saved.')).toBeVisible();
  await expect(page.getByText(`Amazon – ${seeded.storeName}`)).toBeVisible();
  await page.screenshot({ path: screenshotPath('amazon-store-setup.png'), fullPage: true });

  // Download orders: every order becomes a sale, once; the unmapped listing's order is held.
  await downloadOrders(page);
  await expect(rowOf(page, afnShipped).getByText('Imported')).toBeVisible();
  await expect(rowOf(page, afnToCancel).getByText('Imported')).toBeVisible();
  await expect(rowOf(page, mfnToFba).getByText('Imported')).toBeVisible();
  const held = rowOf(page, heldForListing);
  await expect(held.getByText('Held', { exact: true })).toBeVisible();
  await expect(held).toContainText(`SKU ${seeded.listingSku} matches no product`);
  await page.screenshot({ path: screenshotPath('amazon-store-orders.png'), fullPage: true });

  // The AFN order: picked, packed and shipped by Amazon and invoiced; no fulfilment order; FBA stock down by 2.
  await rowOf(page, afnShipped).getByRole('link').click();
  await expect(page.getByTestId('amazon-order')).toContainText(`From Amazon order ${afnShipped}`);
  await expect(page.getByTestId('amazon-order')).toContainText('fulfilled by Amazon');
  for (const stage of ['Pick', 'Pack', 'Ship', 'Invoice']) await expect(tab(page, stage)).toContainText('Authorised');
  await expect(page.getByText(/Shipped by Amazon/).first()).toBeVisible();
  await expect(page.getByText(/FO-\d+/)).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('amazon-afn-sale.png'), fullPage: true });
  await page.goto(`/inventory/stock-on-hand?q=${encodeURIComponent(skuA)}&location=${seeded.fbaLocationId}`);
  await expect(page.getByRole('row').filter({ hasText: seeded.fbaLocation }).getByRole('cell').nth(4)).toHaveText('8');

  // The MFN order mapped to the FBA location: authorising Ship makes a fulfilment order (multi-channel fulfilment).
  await page.goto(ordersTab);
  await rowOf(page, mfnToFba).getByRole('link').click();
  await expect(page.getByTestId('amazon-order')).toContainText('merchant fulfilled');
  await tab(page, 'Pick').click();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText('Pick authorised');
  await tab(page, 'Ship').click();
  await page.getByRole('button', { name: 'Copy from Pack' }).click();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText(/fulfilment order FO-\d{5} created/);

  // Downloading again changes nothing: the same four orders, no second sale.
  await downloadOrders(page);
  await expect(page.getByText(/Last download finished/)).not.toContainText('imported');
  await expect(page.getByTestId('amazon-order-row')).toHaveCount(4);

  // The buyer cancels the unshipped AFN order at Amazon: the sale is voided and its stock released.
  const cancel = await request.post(`${sandboxUrl()}/_sandbox/sellers/${seeded.sellerId}/orders/${afnToCancel}/cancel`);
  expect(cancel.ok(), await cancel.text()).toBe(true);
  // Map the held order's listing to a product in the FBA Catalog, so the same download imports it.
  await page.goto(`/integration/fba/${seeded.connectionId}/catalog?q=${encodeURIComponent(seeded.listingSku)}`);
  await page.getByRole('link', { name: `Product info for ${seeded.listingSku}` }).click();
  const dialog = page.getByRole('dialog', { name: `Product Info: ${seeded.listingSku}` });
  await dialog.getByLabel('Product SKU').fill(seeded.lateSku);
  await dialog.getByRole('button', { name: 'Save mapping' }).click();
  await expect(dialog.getByText(`${seeded.listingSku} is now mapped to ${seeded.lateSku}.`)).toBeVisible();

  // The customer sends back both units of the shipped AFN order: one sellable, one damaged by the customer.
  const returned = await request.post(`${sandboxUrl()}/_sandbox/sellers/${seeded.sellerId}/returns`, {
    data: {
      returns: [
        { orderId: afnShipped, sellerSku: skuA, quantity: 1, disposition: 'SELLABLE', reason: 'UNWANTED_ITEM' },
        { orderId: afnShipped, sellerSku: skuA, quantity: 1, disposition: 'CUSTOMER_DAMAGED', reason: 'DEFECTIVE' },
      ],
    },
  });
  expect(returned.ok(), await returned.text()).toBe(true);

  await downloadOrders(page);
  await expect(page.getByText(/Customer returns: 1 credit note, 1 unit back in stock, 1 unsellable/)).toBeVisible();
  await expect(rowOf(page, afnToCancel).getByText('Cancelled')).toBeVisible();
  await expect(rowOf(page, heldForListing).getByText('Imported')).toBeVisible();
  await rowOf(page, afnToCancel).getByRole('link').click();
  await expect(page.getByRole('navigation', { name: 'Stages' })).toContainText('Voided');
  await expect(page.getByText(`Amazon cancelled order ${afnToCancel}`)).toBeVisible();

  // The returns are a credit note on the AFN order's sale: the sellable unit is back at the FBA location, the damaged one is not.
  await page.goto(ordersTab);
  await rowOf(page, afnShipped).getByRole('link').click();
  const note = page.getByTestId('credit-note');
  await expect(note).toHaveCount(1);
  await expect(note.getByRole('row').filter({ hasText: 'SELLABLE' })).toContainText(`Yes (${seeded.fbaLocation})`);
  await expect(note.getByRole('row').filter({ hasText: 'CUSTOMER_DAMAGED' })).toContainText('No');
  await note.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('amazon-afn-returns.png'), fullPage: true });
  await page.goto(`/inventory/stock-on-hand?q=${encodeURIComponent(skuA)}&location=${seeded.fbaLocationId}`);
  await expect(page.getByRole('row').filter({ hasText: seeded.fbaLocation }).getByRole('cell').nth(4)).toHaveText('9');
});
