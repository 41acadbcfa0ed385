import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { sandboxUrl } from '../support/sandbox';
import { attemptSeed, screenshotPath, sessionFile } from '../support/state';
import type { FulfilmentFlowSeed } from './fulfilment-flow.seed';

// Its tests change what the seed made: each attempt (a retry on CI) reads a copy of its own.
const seeded = () => attemptSeed<FulfilmentFlowSeed>('sale/fulfilment-flow', test.info());
type Scenario = FulfilmentFlowSeed['automatic'];

test.use({ storageState: sessionFile('admin') });
// These tests move the sandbox's shared clock days ahead and set its package and address faults;
// one after another, they never see each other's faults. Other specs' orders only move forward.
test.describe.configure({ mode: 'serial' });

const DEMO_APP = { clientId: 'amzn1.application-oa2-client.sandbox-demo', clientSecret: 'sandbox-demo-secret' };
const DAY = 86_400;

/** The scenario's seller at Amazon (the sandbox), holding the product the seed put at its FBA location. */
async function registerSeller(request: APIRequestContext, s: Scenario) {
  const res = await request.post(`${sandboxUrl()}/_sandbox/sellers`, {
    data: { sellerId: s.sellerId, refreshToken: s.refreshToken, storeName: s.storeName, marketplaceIds: ['ATVPDKIKX0DER'], ...DEMO_APP, items: [{ sellerSku: s.sku, productName: s.sku, fulfillable: 1000 }] },
  });
  expect(res.ok(), await res.text()).toBe(true);
}

async function sandbox(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`${sandboxUrl()}${path}`, { data });
  expect(res.ok(), await res.text()).toBe(true);
}

const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: new RegExp(`^${name}`) });

/**
 * Sale → New sale for the customer, authorised through Order, Pick and Pack from the scenario's FBA
 * location, then Ship with Copy from Pack. Returns on the sale's Ship tab, Ship authorised.
 */
async function sellAndShip(page: Page, s: Scenario, quantity: number, customer = seeded().customer, shot?: string) {
  await page.goto('/sale/new');
  await page.getByRole('combobox', { name: /^Customer/ }).selectOption({ label: customer });
  await page.getByLabel('SKU, line 1').fill(s.sku);
  await page.getByLabel('Quantity, line 1').fill(String(quantity));
  await page.getByLabel('Price, line 1').fill('19.99');
  await page.getByLabel('Comment').fill('Thank you for your order!');
  await page.getByRole('button', { name: 'Save sale' }).click();
  await expect(page.getByRole('heading', { name: /^Sale SO-\d{5}$/ })).toBeVisible();
  await page.getByRole('button', { name: /^Authorise order/ }).click();
  await expect(page.getByRole('status')).toContainText('Order authorised');
  await tab(page, 'Pick').click();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText('Pick authorised');
  await tab(page, 'Pack').click();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText('Pack authorised');
  await tab(page, 'Ship').click();
  // Beyond the seed: Amazon's fees and dates for this order before it is sent.
  const preview = page.getByRole('region', { name: 'Amazon’s preview' });
  await expect(preview).toContainText('Estimated fees', { timeout: 20_000 });
  if (shot) await page.screenshot({ path: screenshotPath(shot), fullPage: true });
  await page.getByRole('button', { name: 'Copy from Pack' }).click();
  await expect(page.getByLabel('Ship quantity, line 1')).toHaveValue(String(quantity));
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText(/fulfilment order FO-\d{5} created/);
  const sale = (await page.getByRole('heading', { name: /^Sale SO-/ }).textContent())!.replace('Sale ', '');
  return sale;
}

/** From the sale's Ship tab to its (only) fulfilment order's page. */
async function openOrder(page: Page) {
  await page.getByRole('table', { name: 'Fulfilment orders of this sale' }).getByRole('link', { name: /^FO-\d{5}$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Fulfilment order FO-\d{5}$/ })).toBeVisible();
  return (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Fulfilment order ', '');
}

const status = (page: Page) => page.getByTestId('fo-status');
const button = (page: Page, name: 'Process' | 'Ship' | 'Cancel' | 'Void') => page.getByRole('button', { name: new RegExp(`^${name} fulfilment order`) });

async function refresh(page: Page) {
  await page.getByRole('button', { name: 'Refresh status' }).click();
}

test('automatic connection: a sale goes to Amazon when Ship is authorised and on to Delivered; two packages, two tracking numbers', async ({ page, request }) => {
  test.setTimeout(120_000);
  const s = seeded().automatic;
  await registerSeller(request, s);
  // Four units: the sandbox packs at most three to a package, so Amazon ships two.
  const sale = await sellAndShip(page, s, 4, seeded().customer, 'sale_ship_preview.png');
  const number = await openOrder(page);
  // Sent at once by the worker: no Process needed; created with status Shipped per the Setup.
  await expect(status(page)).toHaveText('Shipped', { timeout: 20_000 });
  await expect(button(page, 'Process')).toHaveCount(0);
  await expect(page.getByRole('table', { name: `Log of ${number}` })).toContainText('Amazon accepted the order to ship it.');

  await sandbox(request, '/_sandbox/faults', { lostPackageShare: 0 });
  await sandbox(request, '/_sandbox/clock', { advanceSeconds: 6 * DAY });
  await refresh(page);
  await expect(status(page)).toHaveText('Delivered', { timeout: 20_000 });
  const packages = page.getByRole('table', { name: `Packages of ${number}` });
  await expect(packages.locator('tbody tr')).toHaveCount(2);
  // The item's line shows both packages' tracking numbers, comma-separated.
  await expect(page.getByRole('table', { name: `Items of ${number}` }).locator('tbody tr').first()).toContainText(/\S+, \S+/);
  await page.screenshot({ path: screenshotPath('fulfilment-order_delivered.png'), fullPage: true });

  // The sale's log has the tracking numbers too.
  await page.getByRole('link', { name: sale }).click();
  const log = page.getByRole('table', { name: 'Sale log' });
  await expect(log).toContainText(new RegExp(`Fulfilment order ${number}: tracking numbers \\S+, \\S+\\.`));
  await expect(log).toContainText(`Fulfilment order ${number} is Delivered.`);
});

test('manual connection, created On Hold: Queued → Process → On Hold → Ship → Shipped; Cancel while Amazon is still planning', async ({ page, request }) => {
  test.setTimeout(120_000);
  const s = seeded().onHold;
  await registerSeller(request, s);
  await sellAndShip(page, s, 1);
  const number = await openOrder(page);
  await expect(status(page)).toHaveText('Queued');
  await expect(button(page, 'Ship')).toHaveCount(0);
  await button(page, 'Process').click();
  await expect(status(page)).toHaveText('On Hold', { timeout: 20_000 });
  for (const name of ['Ship', 'Cancel'] as const) await expect(button(page, name)).toBeEnabled();
  await expect(button(page, 'Process')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('fulfilment-order_on-hold.png'), fullPage: true });

  await button(page, 'Ship').click();
  await expect(status(page)).toHaveText('Shipped', { timeout: 20_000 });
  // Released to ship just now: Amazon is Received or Planning, and agrees to cancel.
  await button(page, 'Cancel').click();
  await expect(status(page)).toHaveText('Cancelled', { timeout: 20_000 });
  await expect(page.getByRole('table', { name: `Log of ${number}` })).toContainText('Cancel');
  for (const name of ['Process', 'Ship', 'Cancel', 'Void'] as const) await expect(button(page, name)).toHaveCount(0);
});

test('Cancel is refused once Amazon is processing, with Amazon’s words; Completed when the arrival date passes without delivery information', async ({ page, request }) => {
  test.setTimeout(120_000);
  const s = seeded().manual;
  await registerSeller(request, s);
  await sellAndShip(page, s, 1);
  await openOrder(page);
  await button(page, 'Process').click();
  await expect(status(page)).toHaveText('Shipped', { timeout: 20_000 });

  // An hour later Amazon's staff have begun to pick and pack.
  await sandbox(request, '/_sandbox/clock', { advanceSeconds: 3600 });
  await button(page, 'Cancel').click();
  const answer = page.getByRole('alert').filter({ hasText: 'Amazon’s answer' });
  await expect(answer).toBeVisible({ timeout: 20_000 });
  await expect(status(page)).toHaveText('Shipped');
  await page.screenshot({ path: screenshotPath('fulfilment-order_cancel-refused.png'), fullPage: true });

  // The carrier never reports delivery: past the estimated arrival, the order is Completed.
  await sandbox(request, '/_sandbox/faults', { lostPackageShare: 1 });
  try {
    await sandbox(request, '/_sandbox/clock', { advanceSeconds: 2 * 3600 });
    await refresh(page);
    await expect(page.getByText(/Sending to Amazon…/)).toHaveCount(0, { timeout: 20_000 });
  } finally {
    await sandbox(request, '/_sandbox/faults', { lostPackageShare: 0.2 });
  }
  await sandbox(request, '/_sandbox/clock', { advanceSeconds: 6 * DAY });
  await refresh(page);
  await expect(status(page)).toHaveText('Completed', { timeout: 20_000 });
});

test('Amazon refuses the address: Failed with Amazon’s message, corrected with Edit/Save, processed again and Shipped', async ({ page, request }) => {
  test.setTimeout(120_000);
  const s = seeded().refused;
  await registerSeller(request, s);
  await sandbox(request, '/_sandbox/faults', { refusedAddresses: [seeded().refusedMarker] });
  try {
    await sellAndShip(page, s, 1, seeded().refusedCustomer);
    await openOrder(page);
    await expect(status(page)).toHaveText('Failed', { timeout: 20_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Amazon’s answer' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('fulfilment-order_failed.png'), fullPage: true });
    // The sale says what happened and what to do.
    await page.goBack();
    await page.reload();
    await expect(page.getByRole('alert').filter({ hasText: /^Fulfilment order FO-\d{5} is Failed\. Amazon said: / })).toContainText('Open it, correct it (Edit) and Process it again');
    await page.goForward();

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel(/^Address line 1/).fill('410 Terry Ave N');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(/^Edited \(.*shipToLine1.*\)\.$/)).toBeVisible();
    await button(page, 'Process').click();
    await expect(status(page)).toHaveText('Shipped', { timeout: 20_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Amazon’s answer' })).toHaveCount(0);
  } finally {
    await sandbox(request, '/_sandbox/faults', { refusedAddresses: [] });
  }
});
