import { expect, test } from '../support/test';
import { E2E_USERS } from '../support/users';

test('a signed-out visitor is sent to sign-in, then back where they were going', async ({ page }) => {
  await page.goto('/settings/reference-books/locations');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel('Email').fill(E2E_USERS.admin.email);
  await page.getByLabel('Password').fill(E2E_USERS.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Locations and Bins' })).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/reference-books\/locations$/);
});

test('a wrong password is refused with a message', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(E2E_USERS.admin.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Email or password is incorrect')).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
});

test('API routes answer 401 when signed out; health answers without signing in', async ({ request }) => {
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
  const body = await health.json();
  expect(body).toMatchObject({ status: 'ok', database: 'ok', migrations: { current: true } });
  expect(body.worker.lastHeartbeat).not.toBeNull();
});
