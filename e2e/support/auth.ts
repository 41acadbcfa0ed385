import { expect, type Page } from '@playwright/test';
import { E2E_USERS, type E2eUser } from './users';

/**
 * Signs in through the sign-in form. Only for the specs about signing in itself (the form, its
 * redirects, next-auth's client under the CSP); every other spec starts signed in through
 * `test.use({ storageState: sessionFile(…) })` from ./state.
 */
export async function signInThroughForm(page: Page, who: E2eUser = 'admin') {
  const { email, password } = E2E_USERS[who];
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByText('Signed in as')).toBeVisible();
}

/** A short unique suffix so tests never collide with each other's data, nor with their own repeats. */
export const uniq = () => Math.random().toString(36).slice(2, 7).toUpperCase();
