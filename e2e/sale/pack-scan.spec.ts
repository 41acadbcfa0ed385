import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { attemptSeed, screenshotPath, sessionFile } from '../support/state';
import type { PackScanSeed } from './pack-scan.seed';

// Its tests change what the seed made: each attempt (a retry on CI) reads a copy of its own.
const seeded = () => attemptSeed<PackScanSeed>('sale/pack-scan', test.info());

test.use({ storageState: sessionFile('admin') });

async function wedge(page: Page, code: string) {
  await expect(page.getByLabel('Scan or type a code')).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

async function open(page: Page, sale: { id: string; number: string }) {
  await page.goto(`/sale/sales/${sale.id}?tab=Pack`);
  await page.getByRole('link', { name: 'Pack by scanning' }).click();
  await expect(page.getByRole('heading', { name: `Pack ${sale.number}` })).toBeVisible();
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Scan or type a code').focus();
}

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test('Pack by scanning: items go into the open box, Close box starts the next, a stranger and one too many are refused; Authorise Pack saves the boxes as scanned', async ({ page }) => {
    const sale = seeded().phone;
    await open(page, sale);
    const notice = page.getByTestId('pack-notice');
    const authorise = page.getByRole('button', { name: /^Authorise Pack/ });

    await wedge(page, seeded().stranger);
    await expect(notice).toHaveText(`${seeded().stranger} (Red bowl) was not picked for sale ${sale.number}: put it aside.`);
    await page.getByLabel('Scan or type a code').focus();
    await wedge(page, seeded().mug);
    await expect(notice).toHaveText(`${seeded().mug} into box 1: 1 of 3 packed.`);
    await wedge(page, seeded().mug);
    await expect(page.getByTestId('box-1')).toContainText(`${seeded().mug} × 2`);

    // An empty box cannot be closed; a full one can, and the next scans go into box 2.
    await page.getByRole('button', { name: 'Close box 1' }).click();
    await expect(notice).toHaveText('Box 1 closed with 2 units. Now packing box 2.');
    await page.getByRole('button', { name: 'Close box 2' }).click();
    await expect(notice).toHaveText('Box 2 is empty: scan an item into it first.');
    await page.getByLabel('Scan or type a code').focus();
    await wedge(page, seeded().mug);
    await wedge(page, seeded().mug);
    await expect(notice).toHaveText(`More than picked: sale ${sale.number} has 3 of ${seeded().mug}, all packed already.`);
    await expect(authorise).toBeDisabled();

    // A saucer scanned, taken out again, scanned again.
    await page.getByLabel('Scan or type a code').focus();
    await wedge(page, seeded().saucer);
    await page.getByRole('button', { name: `Take one ${seeded().saucer} out of box 2` }).click();
    await expect(page.getByTestId('pack-line-2')).toContainText('0 / 1');
    await page.getByLabel('Scan or type a code').focus();
    await wedge(page, seeded().saucer);
    await expect(page.getByTestId('box-2')).toContainText(`${seeded().mug} × 1`);
    await expect(page.getByTestId('box-2')).toContainText(`${seeded().saucer} × 1`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: screenshotPath('pack-scan-phone.png'), fullPage: true });

    await expect(authorise).toHaveText('Authorise Pack (2 boxes)');
    await authorise.click();
    await expect(page).toHaveURL(new RegExp(`/sale/sales/${sale.id}\\?tab=Pack`));
    await expect(page.getByRole('status')).toContainText('Pack authorised');
    await expect(page.getByText('2 boxes; FBA items are boxed apart from your own stock.')).toBeVisible();
    const rows = page.getByRole('table', { name: 'Packed lines' }).locator('tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText(seeded().mug);
    await expect(rows.nth(0)).toContainText('2');
    await expect(rows.nth(2)).toContainText(seeded().saucer);
  });
});

test('Pack by scanning at a desk: one box for everything', async ({ page }) => {
  const sale = seeded().desktop;
  await open(page, sale);
  for (const code of [seeded().mug, seeded().mug, seeded().saucer, seeded().mug]) await wedge(page, code);
  await expect(page.getByTestId('pack-line-1')).toContainText('3 / 3');
  await page.screenshot({ path: screenshotPath('pack-scan-desktop.png'), fullPage: true });
  await page.getByRole('button', { name: 'Authorise Pack (1 box)' }).click();
  await expect(page.getByText('1 box; FBA items are boxed apart from your own stock.')).toBeVisible();
});
