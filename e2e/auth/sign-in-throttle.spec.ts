import type { Browser, Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { uniq } from '../support/auth';
import { sessionFile } from '../support/state';
import { E2E_USERS } from '../support/users';

// Issue 7, item 6. The limits count per typed email, so each run of this test locks an account of
// its own, made on Settings → Users: the lock touches no other test, nor a repeat of this one.
const INCORRECT = 'Email or password is incorrect';
const LOCKED = /^Too many failed sign-ins for this email address\. Try again at \d{1,2}:\d{2}.*\(in 15 minutes\)\.$/;

async function createOwnUser(browser: Browser) {
  const admin = await browser.newContext({ storageState: sessionFile('admin') });
  const page = await admin.newPage();
  const user = { email: `throttled.${uniq().toLowerCase()}@e2e.test`, password: 'e2e-throttled-password' };
  await page.goto('/settings/users');
  const form = page.getByRole('region', { name: 'New user' });
  await form.getByLabel('Name').fill('Throttled User');
  await form.getByLabel('Email').fill(user.email);
  await form.getByLabel('Password').fill(user.password);
  await form.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByText(`User ${user.email} created.`)).toBeVisible();
  await admin.close();
  return user;
}

async function attempt(page: Page, email: string, pw: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(pw);
  const started = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled({ timeout: 20_000 });
  return Date.now() - started;
}

test('repeated wrong passwords are slowed, then refused for 15 minutes, even with the right password; other accounts still sign in', async ({ page, browser, playwright, baseURL }) => {
  test.setTimeout(120_000);
  const { email, password } = await createOwnUser(browser);
  await page.goto('/signin');
  const message = page.locator('form p[role="alert"]');

  // The first failures answer at once; from the fourth on each answer waits longer.
  const took: number[] = [];
  for (let i = 1; i <= 7; i++) {
    took.push(await attempt(page, email, `wrong-password-${i}`));
    await expect(message).toContainText(INCORRECT);
  }
  // Attempt 5 waits at least a second on the server before answering (a lower bound only).
  expect(took[4]).toBeGreaterThanOrEqual(1_000);

  // The eighth failure locks the account and says until when.
  await attempt(page, email, 'wrong-password-8');
  await expect(message).toHaveText(LOCKED);
  await page.screenshot({ path: test.info().outputPath('sign-in-locked.png'), fullPage: true });

  // While locked, even the right password is refused, with the same message.
  await attempt(page, email, password);
  await expect(message).toHaveText(LOCKED);
  await expect(page).toHaveURL(/\/signin/);

  // A made-up X-Forwarded-For does not help: the account's own counter refuses it.
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.77' } });
  const { csrfToken } = (await (await api.get('/api/auth/csrf')).json()) as { csrfToken: string };
  const res = await api.post('/api/auth/callback/credentials', { form: { csrfToken, email, password, json: 'true' } });
  expect(res.status()).toBe(401);
  const { url } = (await res.json()) as { url: string };
  expect(new URL(url).searchParams.get('error')).toMatch(/^SignInLocked:account:\d+$/);
  await api.dispose();

  // The lock is the account's: another account from the same address signs in.
  await page.goto('/signin');
  await page.getByLabel('Email').fill(E2E_USERS.clerk.email);
  await page.getByLabel('Password').fill(E2E_USERS.clerk.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toBeVisible();
});
