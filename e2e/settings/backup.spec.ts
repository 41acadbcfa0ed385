import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { screenshotPath, sessionFile } from '../support/state';

// Settings → Backup: an administrator downloads the whole database as one file; nobody else sees
// the menu entry, the page or the download.
const EXT = process.env.E2E_DATABASE_URL ? 'pgdump' : 'pglite\\.tar\\.gz';
const FILE_NAME = new RegExp(`^backup-[a-z0-9-]+-${new Date().toISOString().slice(0, 10)}\\.${EXT}$`);

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test.describe('as an administrator', () => {
  test.use({ storageState: sessionFile('admin') });

  test('Settings → Backup → Download backup: “preparing” while the server dumps, then a non-empty file named by the company and the UTC date', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backup', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Backup' })).toBeVisible();
    await page.screenshot({ path: screenshotPath('backup.png'), fullPage: true });

    // Hold the answer a moment so the waiting state is there to be seen, as it is on a large database.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/backup', async (route) => {
      await held;
      await route.continue();
    });
    const button = page.getByRole('button', { name: 'Download backup' });
    const download = page.waitForEvent('download');
    await button.click();
    await expect(page.getByRole('button', { name: 'Preparing backup…' })).toBeDisabled();
    await expect(page.getByRole('status')).toContainText('Preparing the backup on the server…');
    release();

    const file = await download;
    expect(file.suggestedFilename()).toMatch(FILE_NAME);
    const saved = await file.path();
    expect(fs.statSync(saved).size).toBeGreaterThan(10_000);
    await expect(page.getByRole('status')).toContainText(`Saved ${file.suggestedFilename()} (`);
    await expect(page.getByRole('button', { name: 'Download backup' })).toBeEnabled();
  });

  test('the page fits a phone (375 px)', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/settings/backup');
    await expect(page.getByRole('heading', { level: 1, name: 'Backup' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Download backup' })).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
    await page.screenshot({ path: screenshotPath('phone-backup.png'), fullPage: true });
  });
});

test.describe('as a stock clerk', () => {
  test.use({ storageState: sessionFile('clerk') });

  test('no Backup in the menu, the page refused, the download refused', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stocktake' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backup', exact: true })).toHaveCount(0);
    await page.goto('/settings/backup');
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByText('Only an administrator may open this page.')).toBeVisible();
    const res = await page.request.get('/api/backup');
    expect(res.status()).toBe(403);
    expect(res.headers()['content-disposition']).toBeUndefined();
  });
});
