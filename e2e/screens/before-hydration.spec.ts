import type { Request } from '@playwright/test';
import { expect, test } from '../support/test';
import { sessionFile } from '../support/state';
import { E2E_USERS } from '../support/users';
import { slowScripts } from '../support/slow-scripts';

// A button that works through the page's script must not take a click before the page has hydrated
// and drop it (components/ui/script-controls.tsx): it waits, disabled, until then. Each test goes to
// its page with the scripts 1.5 s late, without waiting for them, and acts at once.

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('Sign in pressed before the page’s script has run signs in, and the password never goes into a URL', async ({ page }) => {
    await slowScripts(page, 1500);
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
    await slowScripts(page, 1500);
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
