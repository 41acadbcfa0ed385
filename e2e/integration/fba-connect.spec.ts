import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { addSandboxSeller, type SandboxSeller } from '../support/sandbox';
import { screenshotPath, sessionFile } from '../support/state';

test.use({ storageState: sessionFile('admin') });

/** Through the menus: + on the connections list, then the Connect manually tab. */
async function connectManually(page: Page, seller: SandboxSeller) {
  await page.goto('/integration/fba');
  await page.getByRole('link', { name: 'Add FBA connection' }).click();
  await page.getByRole('link', { name: 'Connect manually' }).click();
  await expect(page.getByRole('link', { name: 'Connect manually' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Merchant ID (Seller ID)').fill(seller.sellerId);
  await page.getByLabel('MWS Auth Token').fill(seller.refreshToken);
  await page.getByRole('button', { name: 'Connect to FBA' }).click();
  await expect(page).toHaveURL(/\/integration\/fba\/[0-9a-f-]{36}\/setup/);
  await expect(page.getByText('Connected to FBA.')).toBeVisible();
}

test('an Amazon store is checked with Amazon, then connected to FBA through "Use an existing Amazon connection"', async ({ page, request }) => {
  const storeName = `Willow Supply ${uniq()}`;
  const ourName = `Willow US ${uniq()}`;
  const seller = await addSandboxSeller(request, storeName);
  await page.goto('/integration/fba');
  // Only a test that runs before any connection exists sees the empty list: photographed then.
  if (await page.getByText('No FBA connection yet').isVisible()) await page.screenshot({ path: screenshotPath('fba-connections-empty.png'), fullPage: true });
  await page.goto('/integration/amazon');
  await expect(page.getByRole('heading', { level: 1, name: 'Amazon' })).toBeVisible();
  const form = page.getByRole('region', { name: 'Connect manually' });
  await form.getByLabel('Store name').fill(ourName);
  await form.getByLabel('Seller ID').fill(seller.sellerId);
  await form.getByLabel('MWS Auth Token').fill('Atzr|not-the-token');
  await expect(form.getByLabel('Amazon.com (ATVPDKIKX0DER)')).toBeChecked();
  await form.getByRole('button', { name: 'Connect Amazon store' }).click();
  await expect(form.getByRole('alert')).toContainText('Amazon said: The request has an invalid grant parameter');
  await expect(form.getByLabel('Seller ID')).toHaveValue(seller.sellerId);

  await form.getByLabel('MWS Auth Token').fill(seller.refreshToken);
  await form.getByRole('button', { name: 'Connect Amazon store' }).click();
  await expect(form.getByText(`Amazon store ${ourName} connected (Amazon calls it “${storeName}”).`)).toBeVisible();
  const row = page.getByTestId(`store-${ourName}`);
  await expect(row).toContainText(seller.sellerId);
  await expect(row).toContainText('Amazon.com (ATVPDKIKX0DER)');
  await expect(page.getByText(seller.refreshToken)).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('integration-amazon-stores.png'), fullPage: true });

  await page.goto('/integration/fba');
  await page.getByRole('link', { name: 'Add FBA connection' }).click();
  await page.getByRole('link', { name: 'Use an existing Amazon connection' }).click();
  await expect(page.getByRole('link', { name: 'Use an existing Amazon connection' })).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Amazon store').selectOption({ label: `${ourName} — Amazon.com (ATVPDKIKX0DER)` });
  await expect(page.getByLabel('Location')).toHaveValue('');
  await expect(page.getByLabel('Location').locator('option:checked')).toHaveText('Create a new location');
  await page.screenshot({ path: screenshotPath('fba-connect-existing.png'), fullPage: true });
  await page.getByRole('button', { name: 'Connect to FBA' }).click();
  await expect(page.getByRole('heading', { level: 1, name: storeName })).toBeVisible();
  await expect(page.getByText(`The location ${storeName} is used for external fulfilment.`)).toBeVisible();

  await page.goto('/integration/fba');
  const conn = page.getByTestId(`connection-${storeName}`);
  await expect(conn).toContainText('Active');
  await expect(conn).toContainText(seller.sellerId);
  await page.screenshot({ path: screenshotPath('fba-connections.png'), fullPage: true });
});

test('connect manually: a wrong token shows Amazon’s reason; a same-named location with bins gives "… 1", then "… 2"', async ({ page, request }) => {
  const storeName = `Binned Store ${uniq()}`;
  const first = await addSandboxSeller(request, storeName);
  const second = await addSandboxSeller(request, storeName);
  await page.goto('/settings/reference-books/locations');
  await page.getByLabel('New location name').fill(storeName);
  await page.getByRole('button', { name: 'Add location' }).click();
  const loc = page.getByTestId(`location-${storeName}`);
  await loc.getByLabel(`New bin for ${storeName}`).fill('A-01');
  await loc.getByRole('button', { name: 'Add bin' }).click();
  await expect(loc.getByText('A-01')).toBeVisible();

  await page.goto('/integration/fba/new?tab=manual');
  await page.getByLabel('Merchant ID (Seller ID)').fill(first.sellerId);
  await page.getByLabel('MWS Auth Token').fill('Atzr|wrong-token');
  await page.getByRole('button', { name: 'Connect to FBA' }).click();
  await expect(page.getByRole('region', { name: 'Connect manually' }).getByRole('alert')).toContainText('Amazon refused these credentials. Amazon said: The request has an invalid grant parameter');
  await expect(page.getByLabel('MWS Auth Token')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Merchant ID (Seller ID)')).toHaveValue(first.sellerId);
  await page.screenshot({ path: screenshotPath('fba-connect-manually-refused.png'), fullPage: true });

  await connectManually(page, first);
  await expect(page.getByText(`The location ${storeName} 1 is used for external fulfilment.`)).toBeVisible();
  await connectManually(page, second);
  await expect(page.getByText(`The location ${storeName} 2 is used for external fulfilment.`)).toBeVisible();

  // The same seller and marketplace cannot be connected twice while active.
  await page.goto('/integration/fba/new?tab=manual');
  await page.getByLabel('Merchant ID (Seller ID)').fill(first.sellerId);
  await page.getByLabel('MWS Auth Token').fill(first.refreshToken);
  await page.getByRole('button', { name: 'Connect to FBA' }).click();
  await expect(page.getByRole('region', { name: 'Connect manually' }).getByRole('alert')).toContainText(`Seller ${first.sellerId} is already connected to FBA for Amazon.com (ATVPDKIKX0DER).`);

  await page.goto('/settings/reference-books/locations');
  await expect(page.getByTestId(`location-${storeName} 1`)).toContainText('used for external fulfilment');
  await expect(page.getByTestId(`location-${storeName} 2`)).toContainText('used for external fulfilment');
  await expect(page.getByTestId(`location-${storeName}`)).not.toContainText('used for external fulfilment');
});

test('Setup is validated, saved, logged and reloaded; disconnect keeps the location as an ordinary one', async ({ page, request }) => {
  const storeName = `Cedar Outlet ${uniq()}`;
  await connectManually(page, await addSandboxSeller(request, storeName));
  await expect(page.getByRole('link', { name: 'Setup' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: 'Catalog' })).toBeVisible();
  await expect(page.getByText('No changes yet')).toBeVisible();

  await expect(page.getByLabel('Start hour for auto-sync stock (UTC)')).toHaveCount(0);
  await page.getByLabel('Auto-Sync Stock with FBA').selectOption('Daily');
  await page.getByLabel('Start hour for auto-sync stock (UTC)').selectOption({ label: '06:00 UTC' });
  await page.getByLabel('Price Tier for downloaded products').selectOption({ label: 'Tier 3' });
  await page.getByLabel('Create FBA fulfilment order with status').selectOption('On Hold');
  await page.getByLabel('Manual/Automatic Order Processing').selectOption('Automatic');
  await page.getByLabel('Create product if it does not exist').check();
  await page.getByLabel('Labels printing').selectOption('PackageLabel_Thermal');
  const contact = page.getByRole('group', { name: 'Set Company contact person for shipments' });
  await contact.getByLabel('Name').fill('Ada Lovelace');
  await contact.getByLabel('Email').fill('ada@example');
  await contact.getByLabel('Phone').fill('+1 206 555 0100');
  const ship = page.getByRole('group', { name: 'Ship-from address' });
  await ship.getByLabel('City').fill('Seattle');
  await page.getByRole('button', { name: 'Save setup' }).click();
  // Every problem at once, and what was typed stays.
  await expect(page.getByText('Enter an email address like name@example.com.')).toBeVisible();
  await expect(ship.getByText('Enter address line 1.')).toBeVisible();
  await expect(ship.getByLabel('City')).toHaveValue('Seattle');
  await expect(page.getByLabel('Start hour for auto-sync stock (UTC)')).toHaveValue('6');

  await contact.getByLabel('Email').fill('ada@example.com');
  await ship.getByLabel('Name').fill('E2E Company');
  await ship.getByLabel('Address line 1').fill('410 Terry Ave N');
  await ship.getByLabel('Postal code').fill('98109');
  await ship.getByLabel('State / region').fill('WA');
  await ship.getByLabel('Country').selectOption('US');
  await page.getByRole('button', { name: 'Save setup' }).click();
  await expect(page.getByText(/Setup saved: \d+ changes\./)).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Auto-Sync Stock with FBA')).toHaveValue('Daily');
  await expect(page.getByLabel('Start hour for auto-sync stock (UTC)')).toHaveValue('6');
  await expect(page.getByLabel('Price Tier for downloaded products')).toHaveValue('3');
  await expect(page.getByLabel('Create FBA fulfilment order with status')).toHaveValue('On Hold');
  await expect(page.getByLabel('Manual/Automatic Order Processing')).toHaveValue('Automatic');
  await expect(page.getByLabel('Create product if it does not exist')).toBeChecked();
  await expect(page.getByLabel('Labels printing')).toHaveValue('PackageLabel_Thermal');
  await expect(contact.getByLabel('Email')).toHaveValue('ada@example.com');
  await expect(ship.getByLabel('Country')).toHaveValue('US');
  const log = page.getByRole('table', { name: 'Last changes to the Setup' });
  await expect(log).toContainText('Auto-Sync Stock with FBA: Never → Daily');
  await expect(log).toContainText('Create FBA fulfilment order with status: Shipped → On Hold');
  await expect(log).toContainText('Labels printing: Letter, 2 labels per sheet → Thermal printer label');
  await expect(log).toContainText('Administrator');
  await page.screenshot({ path: screenshotPath('fba-setup.png'), fullPage: true });

  // Back to Never: the hour is hidden again, and keyboard focus stays on the select.
  const autoSync = page.getByLabel('Auto-Sync Stock with FBA');
  await autoSync.focus();
  await autoSync.selectOption('Never');
  await expect(autoSync).toBeFocused();
  await expect(page.getByLabel('Start hour for auto-sync stock (UTC)')).toHaveCount(0);

  await page.getByRole('link', { name: 'Disconnect…' }).click();
  await expect(page.getByRole('heading', { name: `Disconnect ${storeName} from FBA?` })).toBeVisible();
  await page.screenshot({ path: screenshotPath('fba-disconnect.png'), fullPage: true });
  await page.getByRole('button', { name: `Disconnect ${storeName}` }).click();
  await expect(page.getByText(`Disconnected. The location ${storeName} is now an ordinary location.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save setup' })).toHaveCount(0);
  await page.goto('/settings/reference-books/locations');
  const row = page.getByTestId(`location-${storeName}`);
  await expect(row).toBeVisible();
  await expect(row).not.toContainText('used for external fulfilment');
});

test.describe('as a stock clerk', () => {
  test.use({ storageState: sessionFile('clerk') });

  test('a user without the FBA permission sees neither menu entry and is refused the pages', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Stocktake' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Fulfilment by Amazon' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Amazon', exact: true })).toHaveCount(0);
    for (const path of ['/integration/fba', '/integration/fba/new', '/integration/amazon']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
      await expect(page.getByText('This page needs the Integration: Fulfilment Service - Fulfilment By Amazon permission.')).toBeVisible();
    }
  });
});
