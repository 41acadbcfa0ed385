import { expect, type Page } from '@playwright/test';
import { E2E_USERS } from './seed';

export async function signIn(page: Page, who: keyof typeof E2E_USERS = 'admin') {
  const { email, password } = E2E_USERS[who];
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  await expect(page.getByText('Signed in as')).toBeVisible();
}

/** A short unique suffix so specs never collide with each other's data. */
export const uniq = () => Math.random().toString(36).slice(2, 7).toUpperCase();
