import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../support/chromium';
import { expect, test } from '../support/test';
import { attemptSeed, screenshotPath, sessionFile } from '../support/state';
import { slowScripts } from '../support/slow-scripts';
import type { ScanCountSeed } from './scan-count.seed';

// Its tests change what the seed made: each attempt (a retry on CI) reads a copy of its own.
const seeded = () => attemptSeed<ScanCountSeed>('inventory/scan-count', test.info());
const PHONE = { width: 375, height: 812 };

test.use({ storageState: sessionFile('admin'), viewport: PHONE });

/** Inventory → Stocktake → Start at the location, then Count: ends on the Count screen. */
async function startAndCount(page: Page, location: string) {
  await page.goto('/inventory/stocktake');
  await page.getByLabel('Select a location').selectOption({ label: location });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/inventory\/stocktake\/[0-9a-f-]{36}$/);
  const stocktakeUrl = page.url();
  await page.getByRole('link', { name: 'Count', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Count ST-/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
  return stocktakeUrl;
}

/** A keyboard-wedge scanner: it types the code into the focused field and presses Enter. */
async function wedge(page: Page, code: string) {
  await expect(page.getByLabel('Scan or type a code')).toBeFocused();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
}

const notice = (page: Page) => page.getByTestId('count-notice');
const lineCounted = (page: Page, sku: string, bin: string) => page.getByTestId(`line-${sku}`).filter({ hasText: bin }).getByLabel(/^Counted/);

test('a keyboard-wedge scan sequence counts two bins (a case typed as a quantity, an unknown code refused, a scan undone) and the stocktake completes with those counts', async ({ page }) => {
  const s = seeded().wedge;
  const stocktakeUrl = await startAndCount(page, s.location);
  await expect(page.getByLabel('Bin (or scan its label)')).toHaveValue(/.+/);
  await page.getByLabel('Bin (or scan its label)').selectOption({ label: 'A-01' });
  await page.getByLabel('Scan or type a code').focus();
  await wedge(page, s.sku);
  await wedge(page, s.sku.toLowerCase());
  await wedge(page, s.barcode);
  await expect(page.getByTestId('current-count')).toHaveText(/^3 counted in A-01/);

  await wedge(page, 'NOT-A-CODE-123');
  await expect(notice(page)).toHaveText(/Unknown code NOT-A-CODE-123/);
  await expect(page.getByTestId('current-count')).toHaveText(/^3 counted in A-01/);

  // Scanning a bin's label (its printed B-… code) moves the count there; a case of 4 is typed as the quantity.
  await wedge(page, s.a2Code);
  await expect(notice(page)).toHaveText('Counting bin A-02.');
  await page.getByLabel('Quantity').fill('4');
  await page.getByLabel('Scan or type a code').focus();
  await wedge(page, s.sku);
  await expect(page.getByTestId('current-count')).toHaveText(/^4 counted in A-02/);
  await wedge(page, s.sku);
  await expect(page.getByTestId('current-count')).toHaveText(/^5 counted in A-02/);
  await page.getByRole('button', { name: `Undo scan of ${s.sku} × 1` }).first().click();
  await expect(page.getByTestId('current-count')).toHaveText(/^4 counted in A-02/);
  // The other product was never counted in A-02: the screen offers to add it.
  await wedge(page, s.other);
  await expect(notice(page)).toContainText(`${s.other} (Scan gadget wedge) is not in this stocktake for bin A-02`);
  await page.getByRole('button', { name: 'Add to stocktake' }).click();
  await expect(page.getByTestId('current-count')).toHaveText(/^1 counted in A-02/);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: screenshotPath('count-phone.png'), fullPage: true });

  await page.getByRole('link', { name: 'Done counting' }).click();
  await expect(page).toHaveURL(stocktakeUrl);
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(lineCounted(page, s.sku, 'A-01')).toHaveValue('3');
  await expect(lineCounted(page, s.sku, 'A-02')).toHaveValue('4');
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page).toHaveURL(/done=completed/);
  await page.goto(`/inventory/stock-on-hand?q=${encodeURIComponent(s.sku)}`);
  const rows = page.getByRole('row').filter({ hasText: s.location });
  await expect(rows.filter({ hasText: 'A-01' }).getByRole('cell').nth(4)).toHaveText('3');
  await expect(rows.filter({ hasText: 'A-02' }).getByRole('cell').nth(4)).toHaveText('4');
});

test('scans made before the screen’s script has run are counted once it runs, in order (a bin label among them), and a bin chosen then is kept', async ({ page, context }) => {
  const s = seeded().early;
  const stocktakeUrl = await startAndCount(page, s.location);
  const countUrl = page.url();
  // A phone on a slow network opens the Count screen: its scripts arrive 3 s late, so for a while
  // the screen is the server's HTML, its code field focused, and the scanner is already firing.
  const phone = await context.newPage();
  await slowScripts(phone, 3000);
  await phone.goto(countUrl, { waitUntil: 'commit' });
  const count = phone.getByRole('button', { name: 'Count', exact: true });
  await expect(count).toBeDisabled();
  for (const code of [s.sku, s.barcode, s.a2Code, s.sku]) await wedge(phone, code);
  expect(await count.isDisabled(), 'the scans were made before the page’s script ran').toBe(true);
  await expect(phone.getByTestId('current-count')).toHaveText(/^1 counted in A-02/, { timeout: 20_000 });
  await expect(phone.getByTestId('scan-entry')).toHaveCount(3);
  await expect(phone.getByLabel('Scan or type a code')).toHaveValue('');

  // Again before the script runs: A-02 chosen in the list, then a scan once the screen works.
  await phone.goto(countUrl, { waitUntil: 'commit' });
  await phone.getByLabel('Bin (or scan its label)').selectOption({ label: 'A-02' });
  await expect(count).toBeEnabled({ timeout: 20_000 });
  await expect(phone.getByLabel('Bin (or scan its label)')).toHaveValue(s.a2Id);
  await phone.getByLabel('Scan or type a code').focus();
  await wedge(phone, s.sku);
  await expect(phone.getByTestId('current-count')).toHaveText(/^2 counted in A-02/);
  await phone.close();

  await page.goto(stocktakeUrl);
  await expect(lineCounted(page, s.sku, 'A-01')).toHaveValue('2');
  await expect(lineCounted(page, s.sku, 'A-02')).toHaveValue('2');
});

test('scans and undos made without a connection wait on the device and are applied once, in order, when it is back', async ({ page, context }) => {
  const s = seeded().offline;
  const stocktakeUrl = await startAndCount(page, s.location);
  await page.getByLabel('Bin (or scan its label)').selectOption({ label: 'A-01' });
  await page.getByLabel('Scan or type a code').focus();
  await wedge(page, s.sku);
  await expect(page.getByTestId('current-count')).toHaveText(/^1 counted/);

  await context.setOffline(true);
  await wedge(page, s.sku);
  await wedge(page, s.sku);
  await expect(page.getByText(/No connection: 2 scans are kept on this device/)).toBeVisible();
  // The scan counted while online is undone while offline: the undo waits too.
  await page.getByRole('button', { name: `Undo scan of ${s.sku} × 1` }).last().click();
  await expect(page.getByText('Undo waiting to send…')).toBeVisible();
  await expect(page.getByText(/No connection: 2 scans and 1 undo are kept on this device/)).toBeVisible();
  await page.screenshot({ path: screenshotPath('count-phone-offline.png'), fullPage: true });

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect(page.getByTestId('current-count')).toHaveText(/^2 counted/, { timeout: 15_000 });
  await expect(page.getByText('Undo waiting to send…')).toHaveCount(0);
  // A reload sends nothing again: the queue is empty and the server counted each scan once.
  await page.reload();
  await page.waitForLoadState('networkidle');
  await page.goto(stocktakeUrl);
  await expect(lineCounted(page, s.sku, 'A-01')).toHaveValue('2');
});

test('two people counting two bins of one stocktake at once both keep their counts', async ({ page, browser }) => {
  const s = seeded().two;
  const stocktakeUrl = await startAndCount(page, s.location);
  const countUrl = page.url();
  const other = await browser.newContext({ storageState: sessionFile('admin'), viewport: PHONE });
  const second = await other.newPage();
  try {
    await second.goto(countUrl);
    await second.waitForLoadState('networkidle');
    await page.getByLabel('Bin (or scan its label)').selectOption({ label: 'A-01' });
    await second.getByLabel('Bin (or scan its label)').selectOption({ label: 'A-02' });
    await page.getByLabel('Scan or type a code').focus();
    await second.getByLabel('Scan or type a code').focus();
    await Promise.all([
      (async () => {
        for (let i = 0; i < 4; i++) await wedge(page, s.sku);
      })(),
      (async () => {
        for (let i = 0; i < 3; i++) await wedge(second, s.sku);
      })(),
    ]);
    await expect(page.getByTestId('current-count')).toHaveText(/^4 counted in A-01/);
    await expect(second.getByTestId('current-count')).toHaveText(/^3 counted in A-02/);
  } finally {
    await other.close();
  }
  await page.goto(stocktakeUrl);
  await expect(lineCounted(page, s.sku, 'A-01')).toHaveValue('4');
  await expect(lineCounted(page, s.sku, 'A-02')).toHaveValue('3');
});

test('the camera reads a printed label on a browser without a native BarcodeDetector (ZXing WebAssembly) and counts it', async ({ baseURL }) => {
  const s = seeded().camera;
  // A phone whose camera sees the label: Chromium's fake camera plays a video of it.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${seeded().video}`],
  });
  try {
    const context = await browser.newContext({ baseURL, storageState: sessionFile('admin'), viewport: PHONE, permissions: ['camera'] });
    const page = await context.newPage();
    await startAndCount(page, s.location);
    // Chromium on Linux has no BarcodeDetector of its own: what reads the code is the WebAssembly reader.
    expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);
    await page.getByLabel('Bin (or scan its label)').selectOption({ label: 'A-01' });
    await page.getByRole('button', { name: 'Scan with camera' }).click();
    await expect(page.getByTestId('current-count')).toHaveText(/^1 counted in A-01/, { timeout: 30_000 });
    await expect(notice(page)).toHaveText(`${s.sku}: 1 counted in A-01.`);
    // One code, one count: the camera closes after reading it.
    await expect(page.getByRole('button', { name: 'Scan with camera' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('count-phone-camera.png'), fullPage: true });
  } finally {
    await browser.close();
  }
});
