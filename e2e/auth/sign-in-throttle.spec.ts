import { expect, test, type Page } from '@playwright/test';
import { E2E_USERS } from '../support/seed';

// Issue 7, item 6. This spec is the only one signing in as `throttled`: its lock touches no one else.
const { email, password } = E2E_USERS.throttled;
const INCORRECT = 'Email or password is incorrect';
const LOCKED = /^Too many failed sign-ins for this email address\. Try again at \d{1,2}:\d{2}.*\(in 15 minutes\)\.$/;

async function attempt(page: Page, pw: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(pw);
  const started = Date.now();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled({ timeout: 20_000 });
  return Date.now() - started;
}

test('repeated wrong passwords are slowed, then refused for 15 minutes, even with the right password', async ({ page, playwright, baseURL }) => {
  test.setTimeout(120_000);
  await page.goto('/signin');
  const message = page.locator('form p[role="alert"]');

  // The first failures answer at once; from the fourth on each answer waits longer.
  const took: number[] = [];
  for (let i = 1; i <= 7; i++) {
    took.push(await attempt(page, `wrong-password-${i}`));
    await expect(message).toContainText(INCORRECT);
  }
  // Attempt 5 waits at least a second on the server before answering (a lower bound only).
  expect(took[4]).toBeGreaterThanOrEqual(1_000);

  // The eighth failure locks the account and says until when.
  await attempt(page, 'wrong-password-8');
  await expect(message).toHaveText(LOCKED);
  await page.screenshot({ path: test.info().outputPath('sign-in-locked.png'), fullPage: true });

  // While locked, even the right password is refused, with the same message.
  await attempt(page, password);
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
});

test('another account from the same address still signs in', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(E2E_USERS.clerk.email);
  await page.getByLabel('Password').fill(E2E_USERS.clerk.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toBeVisible();
});
