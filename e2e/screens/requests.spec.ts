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

  // A link the page itself renders (a row of the list) moves the same way, and Back returns.
  const row = page.getByRole('table').getByRole('row').nth(1).getByRole('link').first();
  const number = (await row.textContent())!.trim();
  await row.click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(number) })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { keptAcrossMoves?: boolean }).keptAcrossMoves)).toBe(true);

  // Ctrl+click is the browser's: a new tab opens the page, this one stays where it is.
  const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Products', exact: true }).click({ modifiers: ['ControlOrMeta'] })]);
  // A new tab starts at about:blank and only then goes to the link: wait for the address.
  await expect(tab).toHaveURL(/\/inventory\/products$/);
  await expect(tab.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await tab.close();
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/sale/sales');
});
