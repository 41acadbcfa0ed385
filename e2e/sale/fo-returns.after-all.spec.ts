import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { registerSandboxSeller, sandboxAdmin } from '../support/sandbox';
import { attemptSeed, screenshotPath, sessionFile } from '../support/state';
import type { FoReturnsSeed } from './fo-returns.after-all.seed';

// The test registers the seeded seller at the sandbox: each attempt takes a copy of its own.
let seeded: FoReturnsSeed;
test.use({ storageState: sessionFile('admin') });
// Moves the sandbox's shared clock days ahead: run after every other spec (see e2e/README.md).

const DAY = 86_400;
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Stages' }).getByRole('link', { name: new RegExp(`^${name}`) });

/** Sale → New sale of `quantity` units from the FBA location, through Order, Pick, Pack and Ship; ends on its fulfilment order's page. */
async function sellThroughFba(page: Page, quantity: number) {
  await page.goto('/sale/new');
  await page.getByRole('combobox', { name: /^Customer/ }).selectOption({ label: seeded.customer });
  await page.getByLabel('SKU, line 1').fill(seeded.sku);
  await page.getByLabel('Quantity, line 1').fill(String(quantity));
  await page.getByLabel('Price, line 1').fill('24.50');
  await page.getByRole('button', { name: 'Save sale' }).click();
  await expect(page.getByRole('heading', { name: /^Sale SO-\d{5}$/ })).toBeVisible();
  const sale = (await page.getByRole('heading', { name: /^Sale SO-/ }).textContent())!.replace('Sale ', '');
  await page.getByRole('button', { name: /^Authorise order/ }).click();
  await expect(page.getByRole('status')).toContainText('Order authorised');
  for (const stage of ['Pick', 'Pack'] as const) {
    await tab(page, stage).click();
    await page.getByRole('button', { name: 'Authorise' }).click();
    await expect(page.getByRole('status')).toContainText(`${stage} authorised`);
  }
  await tab(page, 'Ship').click();
  await page.getByRole('button', { name: 'Copy from Pack' }).click();
  await page.getByRole('button', { name: 'Authorise' }).click();
  await expect(page.getByRole('status')).toContainText(/fulfilment order FO-\d{5} created/);
  await page.getByRole('table', { name: 'Fulfilment orders of this sale' }).getByRole('link', { name: /^FO-\d{5}$/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Fulfilment order FO-\d{5}$/ })).toBeVisible();
  return sale;
}

test('Request return on a shipped fulfilment order: Authorised by Amazon, then Received with a credit note on the sale and the sellable unit back in stock', async ({ page, request }) => {
  test.setTimeout(150_000);
  seeded = attemptSeed<FoReturnsSeed>('sale/fo-returns.after-all', test.info());
  await registerSandboxSeller(request, { sellerId: seeded.sellerId, refreshToken: seeded.refreshToken, storeName: seeded.storeName }, [
    { sellerSku: seeded.sku, productName: 'Stovetop kettle', fulfillable: 100 },
  ]);
  const sale = await sellThroughFba(page, 2);
  await expect(page.getByTestId('fo-status')).toHaveText('Shipped', { timeout: 20_000 });
  const returns = page.getByRole('region', { name: 'Returns' });
  // Nothing has left Amazon's warehouse yet: nothing to return.
  await expect(returns.getByRole('button', { name: 'Request return' })).toHaveCount(0);

  // Amazon ships the order (a day later at Amazon).
  await sandboxAdmin(request, '/_sandbox/clock', { advanceSeconds: DAY });
  await page.getByRole('button', { name: 'Refresh status' }).click();
  await expect(returns.getByRole('button', { name: 'Request return' })).toBeVisible({ timeout: 20_000 });

  await returns.getByRole('button', { name: 'Request return' }).click();
  const form = returns.locator('form');
  // The reasons are Amazon's, asked while the form waits.
  const reason = form.getByLabel(/^Return reason/);
  await expect(reason).toBeVisible({ timeout: 20_000 });
  await expect(reason.locator('option')).toContainText(['Defective/Does not work properly (CR-DEFECTIVE)']);
  const quantity = form.getByLabel(new RegExp(`^${seeded.sku} Stovetop kettle`));
  await expect(form).toContainText('Up to 2 (shipped 2).');
  await quantity.fill('3');
  await reason.selectOption('CR-DEFECTIVE');
  await form.getByRole('button', { name: 'Send return request' }).click();
  await expect(form.getByText('At most 2 (shipped 2, already returned 0).')).toBeVisible();
  await quantity.fill('1');
  await form.getByLabel(/^Comment/).fill('Lid does not close');
  await form.getByRole('button', { name: 'Send return request' }).click();

  const row = returns.getByTestId('fo-return');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('CR-DEFECTIVE');
  await expect(row).toContainText('Authorised', { timeout: 20_000 });
  await expect(row).toContainText(/D[0-9A-Z]{8}RRMA/);
  await page.screenshot({ path: screenshotPath('fulfilment-order_return-authorised.png'), fullPage: true });

  // Four days later Amazon's warehouse has the unit back, sellable.
  await sandboxAdmin(request, '/_sandbox/clock', { advanceSeconds: 5 * DAY });
  await page.getByRole('button', { name: 'Refresh status' }).click();
  await expect(row).toContainText('Received', { timeout: 20_000 });
  await expect(row).toContainText('Sellable');
  await expect(row).toContainText(/CR-\d{5}/);
  const creditNote = (await row.textContent())!.match(/CR-\d{5}/)![0];
  await returns.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('fulfilment-order_return-received.png'), fullPage: true });

  await page.getByRole('link', { name: sale }).click();
  const notes = page.getByRole('region', { name: 'Credit notes' });
  await expect(notes).toContainText(`${creditNote}`);
  await expect(notes).toContainText('Fulfilment order return');
  const line = notes.getByRole('table', { name: `Credit note ${creditNote}` }).locator('tbody tr').first();
  await expect(line).toContainText(seeded.sku);
  await expect(line).toContainText('Sellable');
  await expect(line).toContainText(`Yes (${seeded.location})`);
  await expect(line).toContainText('24.50');
  await expect(page.getByRole('table', { name: 'Sale log' })).toContainText(`Credit note ${creditNote} (Fulfilment order return`);
  await notes.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('sale_credit-notes.png'), fullPage: true });
});
