import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { readSeed, screenshotPath, sessionFile } from '../support/state';
import type { SaleAutomationSeed } from './sale-automation.after-all.seed';

const seeded = readSeed<SaleAutomationSeed>('sale/sale-automation.after-all');
test.use({ storageState: sessionFile('admin') });

async function setSalesProcess(page: Page, mode: 'Automatic' | 'Manual') {
  await page.goto('/settings/general');
  const form = page.getByRole('region', { name: 'Sales Process Customisation' });
  for (const stage of ['Pick', 'Pack', 'Ship']) await form.getByLabel(stage, { exact: true }).selectOption(mode);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Sales Process Customisation saved.')).toBeVisible();
}

const stage = (page: Page, name: string) => page.getByRole('navigation', { name: 'Stages' }).locator('a, span[aria-current], span[aria-disabled]').filter({ hasText: new RegExp(`^${name}`) });

test('automatic Pick, Pack and Ship: authorising the order picks and packs at the FBA location; AutoShip prepares the lines but never authorises them', async ({ page }) => {
  await setSalesProcess(page, 'Automatic');
  await page.screenshot({ path: screenshotPath('settings_sales-process.png'), fullPage: true });
  try {
    await page.goto('/sale/new');
    await page.getByRole('combobox', { name: /^Customer/ }).selectOption({ label: seeded.customer });
    await page.getByLabel('SKU, line 1').fill(seeded.sku);
    await page.getByLabel('Quantity, line 1').fill('2');
    await page.getByLabel('Price, line 1').fill('30.00');
    await page.getByRole('button', { name: 'Save sale' }).click();
    await expect(page.getByRole('heading', { name: /^Sale SO-\d{5}$/ })).toBeVisible();
    await page.getByRole('button', { name: /^Authorise order/ }).click();
    await expect(page.getByRole('status')).toContainText('Order authorised');

    await expect(stage(page, 'Pick')).toContainText('Authorised');
    await expect(stage(page, 'Pack')).toContainText('Authorised');
    await expect(stage(page, 'Ship')).toContainText('Draft');
    const log = page.getByRole('table', { name: 'Sale log' });
    await expect(log).toContainText('Automatic Pick: 2 units picked.');
    await expect(log).toContainText(/Automatic Pack/);
    await expect(log).toContainText('AutoShip: ship lines created for 1 FBA item line; check them and authorise Ship.');

    // The lines are there; Ship waits for a person, and no fulfilment order exists yet.
    await stage(page, 'Ship').click();
    await expect(page.getByLabel('Ship quantity, line 1')).toHaveValue('2');
    await expect(page.getByRole('table', { name: 'Fulfilment orders of this sale' })).toHaveCount(0);
    await page.screenshot({ path: screenshotPath('sale_autoship.png'), fullPage: true });
    await page.getByRole('button', { name: 'Authorise' }).click();
    await expect(page.getByRole('status')).toContainText(/fulfilment order FO-\d{5} created/);
  } finally {
    await setSalesProcess(page, 'Manual');
  }
});
