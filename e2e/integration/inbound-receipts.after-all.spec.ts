import { expect, test } from '@playwright/test';
import { atStep, createInbound } from '../support/inbound-wizard';
import { registerSandboxSeller, sandboxAdmin } from '../support/sandbox';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { InboundReceiptsSeed } from './inbound-receipts.after-all.seed';

// Moves the sandbox's shared clock a week ahead (Amazon receives and closes the shipment), so it
// runs after the main specs (the company-wide project), and sets the short-receipt fault only while
// its own placement is generated.

const seeded = readSeed<InboundReceiptsSeed>('integration/inbound-receipts.after-all');
test.use({ storageState: sessionFile('admin') });

test('Download follows the shipment to Closed; a short receipt shows its discrepancy on the shipment and the transfer, and the FBA location holds what Amazon received', async ({ page, request }) => {
  test.setTimeout(240_000);
  const [sku] = seeded.skus;
  await registerSandboxSeller(request, { sellerId: seeded.sellerId, refreshToken: seeded.refreshToken, storeName: seeded.connectionName }, [{ sellerSku: sku, productName: sku, fulfillable: 0 }]);

  await createInbound(page, seeded.connectionId, seeded.warehouse, [[sku, 10]]);
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

  // The FBA location holds exactly what Amazon received.
  await page.goto(`/inventory/stock-on-hand?q=${encodeURIComponent(sku)}&location=${seeded.fbaLocationId}`);
  const stock = page.getByRole('row').filter({ hasText: seeded.fbaLocation });
  await expect(stock).toHaveCount(1);
  await expect(stock.getByRole('cell').nth(4)).toHaveText(String(receivedUnits));
});
