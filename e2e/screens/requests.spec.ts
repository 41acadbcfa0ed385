import { expect, test } from '../support/test';
import { sessionFile } from '../support/state';

// What one page view costs the server: the page, its scripts and what the page itself polls, not
// a prefetch of every link in view (25 menu entries, a list's rows: 39–72 requests a view before).
test.use({ storageState: sessionFile('admin') });

test('a page view fetches no link ahead of a click, and a click still moves without a reload', async ({ page }) => {
  const prefetched: string[] = [];
  page.on('request', (r) => {
    if (r.headers()['next-router-prefetch']) prefetched.push(r.url());
  });
  await page.goto('/inventory/products');
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  // Kept across a client-side move, lost on a full reload.
  await page.evaluate(() => Object.assign(window, { keptAcrossMoves: true }));
  const sales = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sales', exact: true });
  await sales.hover();
  await sales.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as unknown as { keptAcrossMoves?: boolean }).keptAcrossMoves)).toBe(true);
  expect(prefetched).toEqual([]);
});
