import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { addSandboxSeller, connectSellerManually } from '../support/sandbox';
import { screenshotPath, sessionFile } from '../support/state';

// Issue 7 item 10: connecting through Amazon's website authorisation workflow (here the sandbox's
// consent page), and a mistyped Merchant ID with a token already connected refused. Every test
// makes its own sellers of the sandbox's demo app, so they all appear on its consent page.

test.use({ storageState: sessionFile('admin') });

/** Integration → Fulfilment by Amazon → + opens on Connect with Amazon; its button leads to the consent page. */
async function openConsentFromFba(page: Page) {
  await page.goto('/integration/fba');
  await page.getByRole('link', { name: 'Add FBA connection' }).click();
  await expect(page.getByRole('link', { name: 'Connect with Amazon' })).toHaveAttribute('aria-current', 'page');
  await page.waitForLoadState('networkidle'); // the form posts through a server action once hydrated
  const form = page.getByRole('region', { name: 'Connect with Amazon' });
  await expect(form.getByLabel(/^Marketplace ID/)).toHaveValue('ATVPDKIKX0DER');
  await expect(form.getByLabel('Endpoint')).toHaveValue('sandbox');
  await form.getByRole('button', { name: 'Connect with Amazon' }).click();
  await expect(page).toHaveURL(/\/apps\/authorize\/consent\?/);
  await expect(page.getByRole('heading', { name: 'Authorise FBA Inventory (sandbox demo app)' })).toBeVisible();
}

async function authoriseAs(page: Page, sellerId: string) {
  await page.getByRole('radio', { name: new RegExp(sellerId) }).check();
  await page.getByRole('button', { name: 'Authorise' }).click();
}

test('Connect with Amazon: the consent page at Amazon (sandbox), Authorise, and back on Setup of the new connection', async ({ page, request }) => {
  const storeName = `Aurora Goods ${uniq()}`;
  const seller = await addSandboxSeller(request, storeName);
  await page.goto('/integration/fba/new');
  await expect(page.getByRole('link', { name: 'Connect with Amazon' })).toHaveAttribute('aria-current', 'page');
  await page.screenshot({ path: screenshotPath('fba-connect-with-amazon.png'), fullPage: true });

  await openConsentFromFba(page);
  await expect(page.getByText(`${storeName} — seller ${seller.sellerId}`)).toBeVisible();
  await expect(page.getByText('Fulfilment by Amazon inventory and inventory reports')).toBeVisible();
  await page.getByRole('radio', { name: new RegExp(seller.sellerId) }).check();
  await page.screenshot({ path: screenshotPath('sandbox-consent-page.png'), fullPage: true });
  await authoriseAs(page, seller.sellerId);

  await expect(page).toHaveURL(/\/integration\/fba\/[0-9a-f-]{36}\/setup\?connected=1$/);
  await expect(page.getByRole('heading', { level: 1, name: storeName })).toBeVisible();
  await expect(page.getByText(`Connected to FBA. The location ${storeName} is used for external fulfilment.`)).toBeVisible();
  await page.screenshot({ path: screenshotPath('fba-connected-with-amazon.png'), fullPage: true });

  await page.goto('/integration/fba');
  const row = page.getByTestId(`connection-${storeName}`);
  await expect(row).toContainText(seller.sellerId);
  await expect(row).toContainText('Active');
});

test('Cancel at Amazon comes back to the form, which says nothing was connected', async ({ page, request }) => {
  const seller = await addSandboxSeller(request, `Second Thoughts ${uniq()}`);
  await openConsentFromFba(page);
  await page.getByRole('radio', { name: new RegExp(seller.sellerId) }).check();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page).toHaveURL(/\/integration\/fba\/new\?tab=amazon&attempt=/);
  const form = page.getByRole('region', { name: 'Connect with Amazon' });
  await expect(form.getByRole('alert')).toHaveText('The authorisation was cancelled at Amazon, so nothing was connected. Start again to connect.');
  await expect(form.getByLabel(/^Marketplace ID/)).toHaveValue('ATVPDKIKX0DER');
  await page.screenshot({ path: screenshotPath('fba-connect-with-amazon-cancelled.png'), fullPage: true });

  // An answer that belongs to no attempt (a forged or stale link) connects nothing and says so.
  await page.goto('/integration/amazon/callback?state=not-a-state&selling_partner_id=ASANDBOXSELLER1&spapi_oauth_code=ANx');
  await expect(page).toHaveURL(/\/integration\/fba\/new\?tab=amazon&refused=unknown$/);
  await expect(form.getByRole('alert')).toHaveText('This answer from Amazon does not belong to a Connect with Amazon started here, so nothing was connected. Start again.');
});

test('Connect manually: Merchant ID ANOSUCHSELLER9 with the token of a connected seller is refused', async ({ page, request }) => {
  const storeName = `Already Here ${uniq()}`;
  const seller = await addSandboxSeller(request, storeName);
  await connectSellerManually(page, seller);
  await page.goto('/integration/fba');
  const existing = page.getByTestId(`connection-${storeName}`);
  await expect(existing).toContainText('Active');
  const connectionName = (await existing.getByRole('cell').first().innerText()).trim();

  await page.goto('/integration/fba/new?tab=manual');
  await page.waitForLoadState('networkidle');
  const form = page.getByRole('region', { name: 'Connect manually' });
  await form.getByLabel('Merchant ID (Seller ID)').fill('12345');
  await form.getByLabel('MWS Auth Token').fill(seller.refreshToken);
  await form.getByRole('button', { name: 'Connect to FBA' }).click();
  await expect(form.getByText('A Seller ID starts with A followed by capital letters and digits, 10–20 characters, e.g. A2X9EXAMPLE7KQ')).toBeVisible();

  await form.getByLabel('Merchant ID (Seller ID)').fill('ANOSUCHSELLER9');
  await form.getByLabel('MWS Auth Token').fill(seller.refreshToken);
  await form.getByRole('button', { name: 'Connect to FBA' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    `This MWS Auth Token belongs to seller ${seller.sellerId}, not ANOSUCHSELLER9, and that Amazon account is already connected to FBA for Amazon.com (ATVPDKIKX0DER). Disconnect the connection “${connectionName}” first.`,
  );
  await expect(form.getByText(`This token belongs to seller ${seller.sellerId}.`)).toBeVisible();
  await expect(form.getByLabel('Merchant ID (Seller ID)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('MWS Auth Token')).toHaveValue('');
  await page.screenshot({ path: screenshotPath('fba-connect-manually-duplicate.png'), fullPage: true });

  // Nothing was connected: the seller still has its one connection, and ANOSUCHSELLER9 none.
  await page.goto('/integration/fba');
  await expect(page.getByRole('row').filter({ hasText: seller.sellerId })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'ANOSUCHSELLER9' })).toHaveCount(0);
});

test('Integration → Amazon: Connect with Amazon saves the store under the seller Amazon names', async ({ page, request }) => {
  const amazonName = `Birch & Co ${uniq()}`;
  const seller = await addSandboxSeller(request, amazonName);
  const name = `Birch ${uniq()}`;
  await page.goto('/integration/amazon');
  await page.waitForLoadState('networkidle');
  const form = page.getByRole('region', { name: 'Connect with Amazon' });
  await form.getByLabel('Store name').fill(name);
  await expect(form.getByLabel('Amazon.com (ATVPDKIKX0DER)')).toBeChecked();
  await form.getByLabel('Amazon.ca (A2EUQ1WTGCTBG2)').check();
  await form.getByRole('button', { name: 'Connect with Amazon' }).click();
  await expect(page).toHaveURL(/\/apps\/authorize\/consent\?/);
  await authoriseAs(page, seller.sellerId);

  // The seller sells only in the US: Amazon's answer is shown, and the form keeps what was chosen.
  await expect(page).toHaveURL(/\/integration\/amazon\?attempt=/);
  await expect(form.getByRole('alert')).toHaveText(
    'Amazon says this seller does not participate in Amazon.ca (A2EUQ1WTGCTBG2). It participates in: Amazon.com (ATVPDKIKX0DER).',
  );
  await expect(form.getByLabel('Store name')).toHaveValue(name);
  await expect(form.getByLabel('Amazon.ca (A2EUQ1WTGCTBG2)')).toBeChecked();
  await page.screenshot({ path: screenshotPath('integration-amazon-connect-with-amazon-refused.png'), fullPage: true });

  await page.waitForLoadState('networkidle');
  await form.getByLabel('Amazon.ca (A2EUQ1WTGCTBG2)').uncheck();
  await form.getByRole('button', { name: 'Connect with Amazon' }).click();
  await expect(page).toHaveURL(/\/apps\/authorize\/consent\?/);
  await authoriseAs(page, seller.sellerId);
  await expect(page).toHaveURL(/\/integration\/amazon\?attempt=/);
  await expect(page.getByRole('status').filter({ hasText: 'Amazon store' })).toHaveText(`Amazon store ${name} connected (Amazon calls it “${amazonName}”).`);
  const row = page.getByTestId(`store-${name}`);
  await expect(row).toContainText(seller.sellerId);
  await expect(row).toContainText('Amazon.com (ATVPDKIKX0DER)');
  await page.screenshot({ path: screenshotPath('integration-amazon-connected-with-amazon.png'), fullPage: true });
});

test('Connect with Amazon also leads to the consent page when the form posts before any script runs', async ({ browser }) => {
  // A signed-in user in a browser without JavaScript: the form posts natively and the answer is a
  // redirect to another site, which the CSP's form-action has to allow.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: sessionFile('admin') });
  const bare = await noScript.newPage();
  const refused: string[] = [];
  bare.on('console', (m) => m.text().includes('Content Security Policy') && refused.push(m.text()));
  await bare.goto('/integration/fba/new');
  await bare.getByRole('region', { name: 'Connect with Amazon' }).getByRole('button', { name: 'Connect with Amazon' }).click();
  await expect(bare).toHaveURL(/\/apps\/authorize\/consent\?/);
  await expect(bare.getByRole('heading', { name: 'Authorise FBA Inventory (sandbox demo app)' })).toBeVisible();
  expect(refused).toEqual([]);
  await noScript.close();
});
