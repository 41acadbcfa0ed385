import type { APIResponse } from '@playwright/test';
import { expect, test } from '../support/test';
import { NAV } from '@/lib/nav';
import { signInThroughForm, uniq } from '../support/auth';
import { sessionFile } from '../support/state';
import { E2E_USERS } from '../support/users';

// Issue 7, item 7.
function expectSecurityHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('same-origin');
  expect(h['x-frame-options'], what).toBe('DENY');
}

function expectStrictCsp(res: APIResponse, what: string) {
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain("'unsafe-eval'");
  expect(csp, what).not.toMatch(/script-src[^;]*'unsafe-inline'/);
}

const setCookies = (res: APIResponse) => res.headersArray().filter((h) => h.name.toLowerCase() === 'set-cookie').map((h) => h.value);
const cookieHeader = (cookies: string[]) => cookies.map((c) => c.split(';')[0]).join('; ');

test('pages, sign-in, API answers, redirects and static files carry the security headers', async ({ request }) => {
  for (const path of ['/signin', '/api/health', '/api/auth/session', '/api/auth/csrf', '/api/skus?q=A']) {
    const res = await request.get(path, { maxRedirects: 0 });
    expectSecurityHeaders(res, path);
    expectStrictCsp(res, path);
  }
  // Signed out: the redirect to sign-in carries them too.
  const redirect = await request.get('/inventory/products', { maxRedirects: 0 });
  expect(redirect.status()).toBe(307);
  expectSecurityHeaders(redirect, 'redirect');
  expectStrictCsp(redirect, 'redirect');
  // A script file of the build.
  const html = await (await request.get('/signin')).text();
  const chunk = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(chunk).toBeTruthy();
  expectSecurityHeaders(await request.get(chunk!), chunk!);
});

test('every script carries this response’s nonce, and the screens the specs visit raise no CSP violation', async ({ page }) => {
  // Every screen of the menu (25) in one test: three times the usual minute, so a busy machine is not a failure.
  test.slow();
  const violations: string[] = [];
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`)),
  );
  page.on('console', (m) => {
    if (/CSP violation|Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });

  const nonces: string[] = [];
  for (let i = 0; i < 2; i++) {
    const res = await page.goto('/signin');
    const nonce = /'nonce-([^']+)'/.exec(res!.headers()['content-security-policy'] ?? '')?.[1];
    expect(nonce).toBeTruthy();
    const onScripts = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(onScripts.length).toBeGreaterThan(0);
    expect(new Set(onScripts)).toEqual(new Set([nonce]));
    nonces.push(nonce!);
  }
  expect(nonces[0]).not.toBe(nonces[1]);

  await signInThroughForm(page); // next-auth's client under the CSP: CSRF fetch, credentials POST
  for (const item of NAV.flatMap((g) => g.items)) {
    await page.goto(item.href);
    await expect(page.getByRole('heading', { level: 1, name: item.label.split(' → ').pop()! })).toBeVisible();
  }
  // The 404 page is rendered per request too, so its scripts carry the nonce.
  const missing = await page.goto('/no-such-screen');
  expect(missing!.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('not-found-under-csp.png'), fullPage: true });
  const missingNonce = /'nonce-([^']+)'/.exec(missing!.headers()['content-security-policy'] ?? '')?.[1];
  const onMissing = await page.locator('script').evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
  expect(onMissing.length).toBeGreaterThan(0);
  expect(new Set(onMissing)).toEqual(new Set([missingNonce]));
  // A server action and the re-render it triggers.
  await page.goto('/settings/reference-books/locations');
  const name = `CSP ${uniq()}`;
  await page.getByLabel('New location name').fill(name);
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByText(`Location ${name} created.`)).toBeVisible();
  // Client-side navigation, then sign out through next-auth's client.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Products', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('products-under-csp.png'), fullPage: true });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();

  expect(violations).toEqual([]);
});

test.describe('signed in', () => {
  test.use({ storageState: sessionFile('admin') });

  test('a server action posted from another origin is refused with 403; from this origin it runs', async ({ page, baseURL }) => {
    await page.goto('/settings/reference-books/locations');
    const name = `Origin ${uniq()}`;
    const [actionRequest] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && !!r.headers()['next-action']),
      (async () => {
        await page.getByLabel('New location name').fill(name);
        await page.getByRole('button', { name: 'Add location' }).click();
      })(),
    ]);
    await expect(page.getByText(`Location ${name} created.`)).toBeVisible();
    const headers = await actionRequest.allHeaders();
    const replay = (origin: string) =>
      page.request.post(actionRequest.url(), {
        headers: { 'next-action': headers['next-action'], 'content-type': headers['content-type'], origin },
        data: actionRequest.postDataBuffer() ?? Buffer.alloc(0),
      });

    const foreign = await replay('http://evil.example');
    expect(foreign.status()).toBe(403);
    expect(await foreign.text()).toBe('This request came from another website and was refused.');
    expectSecurityHeaders(foreign, '403');

    // The same request from this origin reaches the action (the name is taken now: the action says so).
    const own = await replay(new URL(baseURL!).origin);
    expect(own.status()).toBe(200);
    expect(await own.text()).toContain('already exists');
  });
});

test('over HTTPS (X-Forwarded-Proto) the cookies are __Secure-/__Host- and the app reads them', async ({ playwright, baseURL }) => {
  const https = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-proto': 'https' } });
  const csrf = await https.get('/api/auth/csrf');
  const csrfCookies = setCookies(csrf);
  expect(csrfCookies.find((c) => c.startsWith('__Host-next-auth.csrf-token='))).toMatch(/;\s*Secure/i);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };

  const signedIn = await https.post('/api/auth/callback/credentials', {
    headers: { cookie: cookieHeader(csrfCookies) },
    form: { csrfToken, email: E2E_USERS.clerk.email, password: E2E_USERS.clerk.password, json: 'true' },
  });
  expect(signedIn.status()).toBe(200);
  const session = setCookies(signedIn).find((c) => c.startsWith('__Secure-next-auth.session-token='));
  expect(session).toMatch(/;\s*Secure/i);

  // The proxy and the page both find the session under its secure name.
  const screen = await https.get('/inventory/stocktake', { headers: { cookie: cookieHeader([session!]) }, maxRedirects: 0 });
  expect(screen.status()).toBe(200);
  expect(await screen.text()).toContain('Stock Clerk');
  expect(screen.headers()['content-security-policy']).toContain('upgrade-insecure-requests');
  await https.dispose();
});
