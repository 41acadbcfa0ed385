import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { screenshotPath, sessionFile } from '../support/state';

test.describe('as a stock clerk', () => {
  test.use({ storageState: sessionFile('clerk') });

  test('a user without the Products permission does not see Products and is refused the page', async ({ page }) => {
    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Stocktake' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Products' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
    await page.goto('/inventory/products');
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByText('This page needs the Products permission.')).toBeVisible();
    await page.goto('/settings/users');
    await expect(page.getByText('This page needs the Users permission.')).toBeVisible();
    // The page names only a real permission: a link can not make it say something else.
    await page.goto(`/not-allowed?permission=${encodeURIComponent('Call +1 555 0100 to restore access')}`);
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByText('You do not have permission to open this page.')).toBeVisible();
    await expect(page.getByText('555 0100')).toHaveCount(0);
  });
});

test.describe('as an administrator', () => {
  test.use({ storageState: sessionFile('admin') });

  test('an administrator creates a user, who signs in with only the ticked menus; deactivation locks them out', async ({ page, browser }) => {
    await page.goto('/settings/users');
    const email = `picker.${uniq().toLowerCase()}@e2e.test`;
    const form = page.getByRole('region', { name: 'New user' });
    await form.getByLabel('Name').fill('Pat Picker');
    await form.getByLabel('Email').fill(email);
    await form.getByLabel('Password').fill('short');
    await form.getByLabel('Stock Transfer').check();
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(form.getByText('Use at least 10 characters.')).toBeVisible();
    await expect(form.getByLabel('Email')).toHaveValue(email);
    await form.getByLabel('Password').fill('picker-password-1');
    await form.getByRole('button', { name: 'Create user' }).click();
    await expect(page.getByText(`User ${email} created.`)).toBeVisible();
    await page.screenshot({ path: screenshotPath('users.png'), fullPage: true });

    // A browser of its own without the administrator's session (new contexts inherit test.use).
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const other = await ctx.newPage();
    await other.goto('/signin');
    await other.getByLabel('Email').fill(email);
    await other.getByLabel('Password').fill('picker-password-1');
    await other.getByRole('button', { name: 'Sign in' }).click();
    const nav = other.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Stock Transfer' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Stocktake' })).toHaveCount(0);

    const row = page.getByTestId(`user-${email}`);
    await row.getByText('edit').click();
    await row.getByLabel('Active (can sign in)').uncheck();
    await row.getByRole('button', { name: 'Save access' }).click();
    await expect(row.getByText('Inactive')).toBeVisible();
    await other.reload();
    await expect(other).toHaveURL(/\/signin/);
    await ctx.close();
  });
});
