import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BOX_SHEETS } from '@/lib/labels/sheets';
import { decodeLabelValues } from '@/test/label-decode';
import { atStep, createInbound } from '../support/inbound-wizard';
import { registerSandboxSeller } from '../support/sandbox';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { InboundWizardSeed } from './inbound-wizard.seed';

const seeded = readSeed<InboundWizardSeed>('integration/inbound-wizard');

test.use({ storageState: sessionFile('admin') });

test('New inbound shipment: goods → packing → boxes (a reload resumes) → placement → shipping charges → delivery window → Confirm', async ({ page, request }) => {
  test.setTimeout(240_000);
  await registerSandboxSeller(request, { sellerId: seeded.sellerId, refreshToken: seeded.refreshToken, storeName: seeded.connectionName }, seeded.skus.map((sku) => ({ sellerSku: sku, productName: sku, fulfillable: 5 })));
  const [cup, mug] = seeded.skus;

  await createInbound(page, seeded.connectionId, seeded.warehouse, [
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
