import { expect, test } from '../support/test';
import { attemptSeed, screenshotPath, sessionFile } from '../support/state';
import type { InboundShipmentsSeed } from './inbound-shipments.seed';

// Its tests change what the seed made: each attempt (a retry on CI) reads a copy of its own.
const seeded = () => attemptSeed<InboundShipmentsSeed>('integration/inbound-shipments', test.info());
/** This attempt's four shipments (newest last) and its connection's Inbound Shipments tab. */
function shipments() {
  const { shipments: [first, second, third, forX], connectionId } = seeded();
  return { first, second, third, forX, tab: `/integration/fba/${connectionId}/inbound` };
}

test.use({ storageState: sessionFile('admin') });

test('the tab lists the connection’s inbound shipments newest first, searches and filters by date range', async ({ page }) => {
  const { first, second, third, tab } = shipments();
  await page.goto(`/integration/fba/${seeded().connectionId}/setup`);
  await page.getByRole('navigation', { name: 'Connection' }).getByRole('link', { name: 'Inbound Shipments' }).click();
  await expect(page).toHaveURL(new RegExp(`${tab}$`));
  const table = page.getByRole('table', { name: 'Inbound shipments' });
  const rows = table.getByTestId('inbound-row');
  await expect(rows.filter({ hasText: first.transferNumber })).toHaveCount(1);
  // Newest first (the X test may delete the fourth meanwhile, so only the order of these three is checked).
  const order = (await rows.allTextContents()).map((t) => [third, second, first].findIndex((s) => t.includes(s.transferNumber))).filter((i) => i >= 0);
  expect(order).toEqual([0, 1, 2]);
  const firstRow = rows.filter({ hasText: first.transferNumber });
  await expect(firstRow).toContainText(first.from);
  await expect(firstRow).toContainText('2026-04-01');
  await expect(firstRow).toContainText(first.fba);
  await expect(firstRow).toContainText('12.34 USD');
  await expect(firstRow.getByText('Ready to Ship')).toBeVisible();
  await expect(firstRow.getByRole('link', { name: first.transferNumber })).toHaveAttribute('href', `/inventory/stock-transfer/${first.transferId}`);
  await expect(rows.filter({ hasText: third.transferNumber })).toContainText('—'); // own carrier: no estimate
  await expect(page.getByRole('link', { name: 'New inbound shipment' })).toHaveAttribute('href', `${tab}/new`);
  await page.screenshot({ path: screenshotPath('inbound-shipments-tab.png'), fullPage: true });

  await page.getByLabel('Search', { exact: true }).fill(second.transferNumber);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rows.filter({ hasText: second.transferNumber })).toHaveCount(1);
  await expect(rows).toHaveCount(1);

  await page.goto(`${tab}?q=${encodeURIComponent('Inbound North')}`);
  await expect(rows.filter({ hasText: first.transferNumber })).toHaveCount(1);
  await expect(rows.filter({ hasText: third.transferNumber })).toHaveCount(1);
  await expect(rows.filter({ hasText: second.transferNumber })).toHaveCount(0);

  await page.goto(`${tab}?q=2026-04-03`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(second.transferNumber);

  await page.goto(tab);
  await page.getByLabel('From', { exact: true }).fill('2026-04-02');
  await page.getByLabel('To', { exact: true }).fill('2026-04-05');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/from=2026-04-02&to=2026-04-05/);
  await expect(rows.filter({ hasText: second.transferNumber })).toHaveCount(1);
  await expect(rows.filter({ hasText: third.transferNumber })).toHaveCount(1);
  await expect(rows.filter({ hasText: first.transferNumber })).toHaveCount(0);

  await page.goto(`${tab}?q=nothing-like-this`);
  await expect(page.getByText('No inbound shipments match')).toBeVisible();
});

test('X asks first, says Amazon’s shipment is not deleted, voids the transfer and the row goes', async ({ page }) => {
  const { forX, tab } = shipments();
  await page.goto(tab);
  const row = page.getByTestId('inbound-row').filter({ hasText: forX.transferNumber });
  await row.getByRole('button', { name: /Delete inbound shipment/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('The shipment at Amazon is NOT deleted');
  await page.screenshot({ path: screenshotPath('inbound-shipments-delete.png') });
  await dialog.getByRole('button', { name: 'Delete here and void the transfer' }).click();
  await expect(dialog.getByRole('status')).toContainText(`transfer ${forX.transferNumber} voided`);
  await expect(dialog.getByRole('status')).toContainText('NOT deleted');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('inbound-row').filter({ hasText: forX.transferNumber })).toHaveCount(0);

  await page.goto(`/inventory/stock-transfer/${forX.transferId}`);
  await expect(page.getByText('Voided').first()).toBeVisible();
  await expect(page.getByText(/inbound shipment .* \(deleted\)/)).toBeVisible();
});

test('the transfer of an inbound shipment names it and offers no Receive', async ({ page }) => {
  const { first } = shipments();
  await page.goto(`/inventory/stock-transfer/${first.transferId}`);
  await expect(page.getByText(/It is received as Amazon reports what it received/)).toBeVisible();
  await expect(page.getByRole('button', { name: /Receive/ })).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Received' })).toBeVisible();
});
