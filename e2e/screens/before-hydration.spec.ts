import type { Page, Request } from '@playwright/test';
import { expect, test } from '../support/test';
import { sessionFile } from '../support/state';
import { E2E_USERS } from '../support/users';

// A slow phone network: each of the page's script files arrives 1.5 s late, so for a while the page
// is the server's HTML with no handler attached. A button that works through the script must not
// take a click then and drop it (components/ui/script-controls.tsx): it waits, disabled, until the
// page has hydrated. Each test goes to its page without waiting for the scripts and acts at once.
// Only scripts are late: a late stylesheet holds the whole page back (the inline scripts in the body
// wait for it), so the page would appear just as its scripts arrive, with no time to act before them.
async function slowScripts(page: Page) {
  await page.route('**/_next/static/chunks/*.js', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
}

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('Sign in pressed before the page’s script has run signs in, and the password never goes into a URL', async ({ page }) => {
    await slowScripts(page);
    const urls: string[] = [];
    page.on('request', (r: Request) => urls.push(r.url()));
    await page.goto('/signin', { waitUntil: 'commit' });
    await page.getByLabel('Email').fill(E2E_USERS.admin.email);
    await page.getByLabel('Password').fill(E2E_USERS.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).not.toHaveURL(/\/signin/, { timeout: 20_000 });
    expect(urls.filter((u) => u.includes(encodeURIComponent(E2E_USERS.admin.password)) || /[?&]password=/.test(u))).toEqual([]);
  });
});

test.describe('as an administrator', () => {
  test.use({ storageState: sessionFile('admin') });

  test('New sale: what is typed and “+ Add line” pressed before the page’s script has run are kept', async ({ page }) => {
    await slowScripts(page);
    await page.goto('/sale/new', { waitUntil: 'commit' });
    await page.getByLabel('Quantity, line 1').fill('7');
    await page.getByLabel('Price, line 1').fill('3.50');
    const add = page.getByRole('button', { name: '+ Add line' });
    await add.click();
    await expect(page.getByLabel('Quantity, line 2')).toBeVisible();
    await add.click();
    await expect(page.getByLabel('Quantity, line 3')).toBeVisible();
    await expect(page.getByLabel('Quantity, line 1')).toHaveValue('7');
    await expect(page.getByLabel('Price, line 1')).toHaveValue('3.50');
  });
});
