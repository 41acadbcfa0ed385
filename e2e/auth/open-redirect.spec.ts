import { expect, test } from '../support/test';
import { E2E_USERS } from '../support/users';

// Issue 7, item 5: after sign-in only same-origin paths are followed.
const FOREIGN = [
  ['a backslash after the slash', '/\\evil.example/x'],
  ['a tab between the slashes', '/\t/evil.example/x'],
  ['a protocol-relative URL', '//evil.example/x'],
  ['an absolute URL', 'http://evil.example/x'],
] as const;

for (const [label, callbackUrl] of FOREIGN) {
  test(`sign-in never leaves the site for a callbackUrl with ${label}`, async ({ page, baseURL }) => {
    // Were the browser sent there, it would land on this page instead of a DNS error.
    await page.route((url) => url.hostname === 'evil.example', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Evil example</h1>' }));
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
    await page.getByLabel('Email').fill(E2E_USERS.admin.email);
    await page.getByLabel('Password').fill(E2E_USERS.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText('Signed in as')).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    await expect(page.getByRole('heading', { name: 'Evil example' })).toHaveCount(0);
  });
}

test('the issue’s own link, with the callbackUrl percent-encoded, stays on the site', async ({ page, baseURL }) => {
  await page.route((url) => url.hostname === 'evil.example', (route) => route.fulfill({ contentType: 'text/html', body: '<h1>Evil example</h1>' }));
  await page.goto('/signin?callbackUrl=%2F%5Cevil.example%2Fx');
  await page.getByLabel('Email').fill(E2E_USERS.admin.email);
  await page.getByLabel('Password').fill(E2E_USERS.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test('next-auth’s own sign-in redirect keeps only a same-origin callbackUrl', async ({ request, baseURL }) => {
  const res = await request.get(`/api/auth/signin?callbackUrl=${encodeURIComponent('/\\evil.example/x')}`, { maxRedirects: 0 });
  const location = new URL(res.headers()['location'], baseURL);
  expect(location.pathname).toBe('/signin');
  const next = location.searchParams.get('callbackUrl') ?? '';
  expect(next).not.toContain('evil.example');
  expect(new URL(next, baseURL).origin).toBe(new URL(baseURL!).origin);
});
