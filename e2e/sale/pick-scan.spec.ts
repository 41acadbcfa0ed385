import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { attemptSeed, screenshotPath, sessionFile } from '../support/state';
import type { PickScanSeed } from './pick-scan.seed';

// Its tests change what the seed made: each attempt (a retry on CI) reads a copy of its own.
const seeded = () => attemptSeed<PickScanSeed>('sale/pick-scan', test.info());

test.use({ storageState: sessionFile('admin'), viewport: { width: 375, height: 812 } });

async function wedge(page: Page, code: string) {
  await expect(page.getByLabel('Scan or type a code')).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

test('Pick by scanning: a wrong item and one too many are refused with the reason; the right ones confirm the line and Pick is authorised', async ({ page }) => {
  await page.goto(`/sale/sales/${seeded().saleId}?tab=Pick`);
  await page.getByRole('link', { name: 'Pick by scanning' }).click();
  await expect(page.getByRole('heading', { name: `Pick ${seeded().saleNumber}` })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Scan or type a code').focus();
  const notice = page.getByTestId('pick-notice');

  await wedge(page, seeded().stranger);
  await expect(notice).toHaveText(`${seeded().stranger} (Yellow jug) is not on sale ${seeded().saleNumber}: put it back.`);
  await expect(page.getByRole('button', { name: /^Authorise Pick/ })).toBeDisabled();

  await wedge(page, seeded().sku);
  await expect(notice).toHaveText(`${seeded().sku}: 1 of 2 picked from A-01.`);
  await wedge(page, seeded().sku);
  await expect(page.getByTestId('pick-line-1')).toContainText('2 / 2');
  await wedge(page, seeded().sku);
  await expect(notice).toHaveText(`More than ordered: sale ${seeded().saleNumber} needs 2 of ${seeded().sku} from this bin, all scanned already.`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: screenshotPath('pick-scan-phone.png'), fullPage: true });

  await page.getByRole('button', { name: 'Authorise Pick' }).click();
  await expect(page).toHaveURL(new RegExp(`/sale/sales/${seeded().saleId}`));
  await expect(page.getByRole('status')).toContainText('Pick authorised');
});
