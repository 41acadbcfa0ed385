import { readFileSync } from 'node:fs';
import { expect, test } from '../support/test';
import { BOX_SHEETS } from '@/lib/labels/sheets';
import { decodeLabelValues } from '@/test/label-decode';
import { atStep, createInbound } from '../support/inbound-wizard';
import { registerSandboxSeller, sandboxAdmin } from '../support/sandbox';
import { attemptSeed, screenshotPath, sessionFile } from '../support/state';
import type { InboundSeed } from './inbound.after-all.seed';

// Send to Amazon in the browser, against the sandbox. These tests run after the main specs (the
// company-wide project), one after the other: the wizard follows Amazon's answers step by step and
// must not see the sandbox's shared clock jump days ahead under it, and the second test moves that
// clock a week ahead itself (Amazon receives and closes the shipment), setting the short-receipt
// fault only while its own placement is generated.

// Each test registers its seeded seller at the sandbox: each attempt takes a copy of its own.
const seeded = () => attemptSeed<InboundSeed>('integration/inbound.after-all', test.info());

test.use({ storageState: sessionFile('admin') });
test.describe.configure({ mode: 'serial' });

test('New inbound shipment: goods → packing → boxes (a reload resumes) → placement → shipping charges → delivery window → Confirm', async ({ page, request }) => {
  test.setTimeout(240_000);
  const wizardSeed = seeded().wizard;
  await registerSandboxSeller(request, { sellerId: wizardSeed.sellerId, refreshToken: wizardSeed.refreshToken, storeName: wizardSeed.connectionName }, wizardSeed.skus.map((sku) => ({ sellerSku: sku, productName: sku, fulfillable: 5 })));
  const [cup, mug] = wizardSeed.skus;

  await createInbound(page, wizardSeed.connectionId, wizardSeed.warehouse, [
    [cup, 12],
    [mug, 6],
  ]);
  await expect(page.getByRole('heading', { name: 'New inbound shipment' })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Ship from (Setup tab)' })).toContainText('1 Depot Rd');
  await page.getByLabel('Label owner, line 2').selectOption('AMAZON');
  await page.screenshot({ path: screenshotPath('inbound-1-goods.png'), fullPage: true });
  await page.getByRole('button', { name: 'Create inbound plan' }).click();

  await expect(page.getByRole('heading', { name: /^Inbound shipment TR-\d{5} from / })).toBeVisible();
  await expect(page.getByTestId('inbound-status')).toHaveText('Draft');
  await atStep(page, 'Packing option');
  await page.screenshot({ path: screenshotPath('inbound-2-packing.png'), fullPage: true });
  await page.getByRole('button', { name: 'Confirm packing option' }).click();

  await atStep(page, 'Box contents');
  // The form starts with one box holding everything; the cup goes in box 1, the mug in box 2.
  const boxes = page.getByRole('region', { name: 'Box contents' });
  const fillBoxes = async () => {
    await boxes.getByLabel('Length, box 1').fill('16');
    await boxes.getByLabel('Width, box 1').fill('12');
    await boxes.getByLabel('Height, box 1').fill('10');
    await boxes.getByLabel('Weight, box 1').fill('14.5');
    await boxes.getByRole('button', { name: '+ Add box' }).click();
    await boxes.getByLabel(`${mug} units in box 1`).fill('0');
    await expect(boxes.getByTestId(`boxed-${mug}`)).toHaveText('0 / 6');
    await boxes.getByLabel(`${mug} units in box 2`).fill('6');
    await expect(boxes.getByTestId(`boxed-${mug}`)).toHaveText('6 / 6');
    await expect(boxes.getByLabel('Length, box 2')).toHaveValue('16');
    await boxes.getByLabel('Weight, box 2').fill('7');
  };
  await fillBoxes();
  await page.screenshot({ path: screenshotPath('inbound-3-boxes.png'), fullPage: true });

  // A reload mid-wizard comes back to the same step (what was typed and not sent is not kept).
  await page.reload();
  await atStep(page, 'Box contents');
  await expect(page.getByRole('list', { name: 'Inbound shipment steps' }).locator('[aria-current="step"]')).toContainText('Box contents');
  await fillBoxes();
  await boxes.getByRole('button', { name: 'Send box contents' }).click();

  await atStep(page, 'Placement');
  const placement = page.getByRole('region', { name: 'Placement' });
  await expect(placement).toContainText('placement fee 5.40 USD');
  await page.screenshot({ path: screenshotPath('inbound-4-placement.png'), fullPage: true });
  await placement.getByLabel(/^2 shipments to fulfilment centres Amazon chooses/).check();
  await placement.getByRole('button', { name: 'Confirm placement' }).click();

  await atStep(page, 'Transportation');
  const transport = page.getByRole('region', { name: 'Transportation' });
  await transport.getByRole('button', { name: 'Calculate shipping charges' }).click();
  await expect(transport.getByRole('group')).toHaveCount(2, { timeout: 45_000 });
  const [first, second] = [transport.getByRole('group').nth(0), transport.getByRole('group').nth(1)];
  await expect(first).toContainText(/Amazon-partnered carrier \(United Parcel Service Inc\.\): \d+\.\d{2} USD/);
  await page.screenshot({ path: screenshotPath('inbound-5-transport.png'), fullPage: true });
  await first.getByLabel(/^Amazon-partnered carrier/).check();
  await second.getByLabel(/^Another carrier/).check();
  await transport.getByRole('button', { name: 'Next' }).click();

  await atStep(page, 'Delivery window');
  const delivery = page.getByRole('region', { name: 'Delivery window' });
  await expect(delivery.getByRole('radio')).toHaveCount(3);
  await delivery.getByRole('radio').first().check();
  await page.screenshot({ path: screenshotPath('inbound-6-delivery.png'), fullPage: true });
  await delivery.getByRole('button', { name: 'Review' }).click();

  await atStep(page, 'Confirm');
  const review = page.getByRole('region', { name: 'Confirm' });
  await expect(review.getByRole('row')).toHaveCount(3);
  await expect(review).toContainText('On Confirm the transfer ships');
  await page.screenshot({ path: screenshotPath('inbound-7-review.png'), fullPage: true });
  await review.getByRole('button', { name: 'Confirm' }).click();

  await expect(page.getByTestId('inbound-status')).toHaveText('Ready to Ship', { timeout: 45_000 });
  const shipped = page.getByRole('region', { name: 'Shipments at Amazon' });
  await expect(shipped.getByRole('cell', { name: /^FBA\w+$/ })).toHaveCount(2);
  await expect(page.getByRole('region', { name: 'Boxes' }).getByRole('cell', { name: /^FBA\w+U000001$/ })).toHaveCount(2);
  await expect(page.getByText(/Transfer order TR-\d{5} \(In Transit\)/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Inbound shipment log' })).toContainText(/Transfer TR-\d{5} shipped: the goods left the source location\./);

  // Box labels (ours, in the Setup's page type: Letter 2-up) and Amazon's shipping labels, made by the worker.
  const labels = page.getByRole('region', { name: 'Labels' });
  const docs = labels.getByTestId('label-document');
  await expect(docs).toHaveCount(4);
  await expect(labels.getByRole('link', { name: /^Download/ })).toHaveCount(4, { timeout: 60_000 });
  const boxIds = await page.getByRole('region', { name: 'Boxes' }).getByRole('cell', { name: /^FBA\w+U000001$/ }).allTextContents();
  const decodedIds: string[] = [];
  for (const doc of await docs.filter({ hasText: 'Box labels' }).all()) {
    const [download] = await Promise.all([page.waitForEvent('download'), doc.getByRole('link', { name: /^Download/ }).click()]);
    const { values, decoded } = await decodeLabelValues(readFileSync(await download.path()), BOX_SHEETS.PackageLabel_Letter_2.cells, 'e2e-inbound-box-labels');
    expect(decoded).toBe(1); // one box per Amazon shipment here
    decodedIds.push(...values);
  }
  expect(decodedIds.sort()).toEqual(boxIds.map((b) => b.trim()).sort());
  await page.screenshot({ path: screenshotPath('inbound-8-confirmed.png'), fullPage: true });

  // Another carrier: its tracking number per box goes to Amazon.
  const tracking = page.getByRole('region', { name: /^Tracking numbers, shipment FBA/ });
  await tracking.getByRole('button', { name: 'Send tracking numbers' }).click();
  await expect(tracking.getByText('Enter the tracking number of this box.')).toBeVisible();
  await tracking.getByLabel('Tracking number, box 2').fill('1Z999AA10123456784');
  await tracking.getByRole('button', { name: 'Send tracking numbers' }).click();
  await expect(page.getByRole('region', { name: 'Inbound shipment log' })).toContainText(/Amazon has the tracking numbers of shipment FBA\w+\./, { timeout: 45_000 });
  await expect(tracking.getByLabel('Tracking number, box 2')).toHaveValue('1Z999AA10123456784');
});

test('Download follows the shipment to Closed; a short receipt shows its discrepancy on the shipment and the transfer, and the FBA location holds what Amazon received', async ({ page, request }) => {
  test.setTimeout(240_000);
  const receiptsSeed = seeded().receipts;
  const [sku] = receiptsSeed.skus;
  await registerSandboxSeller(request, { sellerId: receiptsSeed.sellerId, refreshToken: receiptsSeed.refreshToken, storeName: receiptsSeed.connectionName }, [{ sellerSku: sku, productName: sku, fulfillable: 0 }]);

  await createInbound(page, receiptsSeed.connectionId, receiptsSeed.warehouse, [[sku, 10]]);
  await page.getByRole('button', { name: 'Create inbound plan' }).click();
  await atStep(page, 'Packing option');
  await page.getByRole('button', { name: 'Confirm packing option' }).click();
  await atStep(page, 'Box contents');
  const boxes = page.getByRole('region', { name: 'Box contents' });
  for (const [label, value] of [
    ['Length, box 1', '20'],
    ['Width, box 1', '14'],
    ['Height, box 1', '10'],
    ['Weight, box 1', '22'],
  ])
    await boxes.getByLabel(label).fill(value);
  // Amazon decides a shipment's receipt when it places it: make this one arrive short.
  await sandboxAdmin(request, '/_sandbox/faults', { shortReceiptShare: 1 });
  try {
    await boxes.getByRole('button', { name: 'Send box contents' }).click();
    await atStep(page, 'Placement');
  } finally {
    await sandboxAdmin(request, '/_sandbox/faults', { shortReceiptShare: 0.3 });
  }
  await page.getByRole('region', { name: 'Placement' }).getByRole('button', { name: 'Confirm placement' }).click();
  await atStep(page, 'Transportation');
  const transport = page.getByRole('region', { name: 'Transportation' });
  await transport.getByRole('button', { name: 'Calculate shipping charges' }).click();
  await transport.getByLabel(/^Amazon-partnered carrier/).check({ timeout: 45_000 });
  await transport.getByRole('button', { name: 'Next' }).click();
  // Amazon's carrier only: no delivery window to choose.
  await atStep(page, 'Confirm');
  await page.getByRole('region', { name: 'Confirm' }).getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByTestId('inbound-status')).toHaveText('Ready to Ship', { timeout: 45_000 });
  const transferNumber = (await page.getByRole('link', { name: /^TR-\d{5}$/ }).first().textContent())!;

  // Picked up on the ready-to-ship day, then in transit, delivered, received and closed at Amazon (96 hours): a week later.
  await sandboxAdmin(request, '/_sandbox/clock', { advanceSeconds: 7 * 24 * 3600 });
  await page.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Inbound Shipments' }).click();
  const row = page.getByTestId('inbound-row').filter({ hasText: transferNumber });
  await expect(row.getByText('Ready to Ship')).toBeVisible();
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  await expect(row.getByText('Closed')).toBeVisible({ timeout: 45_000 });
  await page.screenshot({ path: screenshotPath('inbound-download-closed.png'), fullPage: true });

  await row.getByRole('link', { name: /^(View|Continue)/ }).click();
  const received = page.getByRole('region', { name: 'Received by Amazon' });
  await expect(received).toContainText(/Discrepancy: Amazon received [12] units? fewer than were shipped/);
  const receivedUnits = Number((await received.getByRole('row').nth(1).getByRole('cell').nth(5).textContent())!.trim());
  expect(receivedUnits).toBeGreaterThanOrEqual(8);
  expect(receivedUnits).toBeLessThan(10);
  await expect(page.getByRole('region', { name: 'Inbound shipment log' })).toContainText(/written off by stock adjustment ADJ-\d+/);
  await page.screenshot({ path: screenshotPath('inbound-short-receipt.png'), fullPage: true });

  // The transfer says so too: ten shipped, the rest never arrived.
  await page.getByRole('link', { name: transferNumber }).first().click();
  await expect(page.getByText(`Received short: ${10 - receivedUnits} of 10 units never arrived`)).toBeVisible();
  await page.screenshot({ path: screenshotPath('inbound-transfer-short.png'), fullPage: true });

  // The FBA location holds exactly what Amazon received.
  await page.goto(`/inventory/stock-on-hand?q=${encodeURIComponent(sku)}&location=${receiptsSeed.fbaLocationId}`);
  const stock = page.getByRole('row').filter({ hasText: receiptsSeed.fbaLocation });
  await expect(stock).toHaveCount(1);
  await expect(stock.getByRole('cell').nth(4)).toHaveText(String(receivedUnits));
});
