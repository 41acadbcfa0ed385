import { expect, test } from '../support/test';
import { addSandboxSeller, connectSellerManually } from '../support/sandbox';
import { screenshotPath, sessionFile } from '../support/state';

const uniq = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.toUpperCase();

test.use({ storageState: sessionFile('admin') });

test('Settings → Audit Log: a product the administrator creates and renames shows who, when and before → after; connecting to FBA lists its calls to Amazon', async ({ page, request }) => {
  const sku = `AUDIT-${uniq()}`;
  await page.goto('/inventory/products/new');
  await page.getByLabel(/^SKU/).fill(sku);
  await page.getByLabel(/^Name/).fill('Audit teapot');
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/inventory\/products\/[0-9a-f-]{36}/);
  const productId = /products\/([0-9a-f-]{36})/.exec(page.url())![1];
  await page.getByLabel(/^Name/).fill('Audit teapot, large');
  await page.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByText(`Product ${sku} saved.`)).toBeVisible();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit Log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit Log' })).toBeVisible();
  await page.getByLabel('Record type').selectOption({ label: 'Products' });
  await page.getByLabel('Record id').fill(productId);
  await page.getByRole('button', { name: 'Show' }).click();
  const rows = page.getByRole('table', { name: 'Changes' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Administrator');
  await expect(rows.nth(0)).toContainText('Changed');
  await expect(rows.nth(0)).toContainText('name: Audit teapot → Audit teapot, large');
  await expect(rows.nth(1)).toContainText('Created');
  await expect(rows.nth(1)).toContainText(`sku: ${sku}`);
  await page.screenshot({ path: screenshotPath('audit-log-changes.png'), fullPage: true });

  // Every call to Amazon is listed, with its answer; connecting a seller makes some.
  const seller = await addSandboxSeller(request, `Audit Store ${uniq()}`);
  await connectSellerManually(page, seller);
  await page.goto('/settings/audit-log/amazon-calls?operation=getMarketplaceParticipations&outcome=ok');
  const calls = page.getByRole('table', { name: 'Amazon calls' }).locator('tbody tr');
  await expect(calls.first()).toContainText('getMarketplaceParticipations');
  await expect(calls.first()).toContainText('200');
  await expect(page.getByRole('table', { name: 'Amazon calls' })).not.toContainText(seller.refreshToken);
  await page.screenshot({ path: screenshotPath('audit-log-amazon-calls.png'), fullPage: true });
});

test.describe('a user who does not manage users', () => {
  test.use({ storageState: sessionFile('clerk') });
  test('does not see the Audit Log in the menu and is refused it', async ({ page }) => {
    await page.goto('/settings/audit-log/changes');
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit Log' })).toHaveCount(0);
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });
  test('the Audit Log fits 375 px', async ({ page }) => {
    for (const tab of ['changes', 'amazon-calls']) {
      await page.goto(`/settings/audit-log/${tab}`);
      await expect(page.getByRole('heading', { name: 'Audit Log' })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
      await page.screenshot({ path: screenshotPath(`audit-log-${tab}-phone.png`), fullPage: true });
    }
  });
});
