import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { screenshotPath, sessionFile } from '../support/state';

// Settings → API Keys: an administrator makes a key for another system, copies it from the one
// screen that shows it, the system calls /api/v1 with it, and after Revoke the same call is refused.
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test.describe('as an administrator', () => {
  test.use({ storageState: sessionFile('admin') });

  test('create a key (shown once), call the API with it, see Last used, revoke it and be refused', async ({ page, request }) => {
    const name = `3PL ${Date.now()}`;
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();

    // A key must do something, and only what its owner may.
    const form = page.getByRole('region', { name: 'New API key' });
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Owner (the key acts as this user)').selectOption({ label: 'Stock Clerk (clerk@e2e.test)' });
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(form.getByRole('alert')).toContainText('Tick at least one permission: a key with none can do nothing.');
    await page.getByLabel('Products', { exact: true }).check();
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect(form.getByRole('alert')).toContainText('Stock Clerk does not hold Products');

    await page.getByLabel('Owner (the key acts as this user)').selectOption({ label: 'Administrator (admin@e2e.test)' });
    await page.getByRole('button', { name: 'Create key' }).click();
    const shown = page.getByLabel('API key', { exact: true });
    await expect(shown).toHaveValue(/^fbak_[A-Za-z0-9_-]{43}$/);
    const key = await shown.inputValue();
    await expect(page.getByText(`Key “${name}” created. Copy it now: it is shown only this once.`)).toBeVisible();
    const row = page.getByTestId(`api-key-${name}`);
    await expect(row).toContainText(key.slice(0, 11) + '…');
    await expect(row).not.toContainText(key);
    await expect(row).toContainText('Never');
    await page.screenshot({ path: screenshotPath('api-keys.png'), fullPage: true });

    const call = () => request.get('/api/v1/products?limit=2', { headers: { authorization: `Bearer ${key}` } });
    const ok = await call();
    expect(ok.status()).toBe(200);
    const body = (await ok.json()) as { data: { sku: string }[]; nextCursor: string | null };
    expect(body.data.length).toBeGreaterThan(0);
    // The key has Products only.
    const refused = await request.get('/api/v1/locations', { headers: { authorization: `Bearer ${key}` } });
    expect(refused.status()).toBe(403);
    expect(refused.headers()['content-type']).toBe('application/problem+json');

    await page.reload();
    await expect(row).not.toContainText('Never');
    await row.getByText(`Revoke key ${name}`).click();
    await row.getByRole('button', { name: 'Revoke key' }).click();
    await expect(row).toContainText('Revoked');
    expect((await call()).status()).toBe(401);
  });

  test('the API reference lists every operation, and the OpenAPI document is served', async ({ page, request }) => {
    await page.goto('/settings/api-keys');
    await page.getByRole('link', { name: 'API reference' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
    for (const op of ['GET /api/v1/products', 'POST /api/v1/products', 'PATCH /api/v1/products/{id}', 'GET /api/v1/stock', 'POST /api/v1/sales', 'POST /api/v1/sales/{id}/ship'])
      await expect(page.getByRole('heading', { level: 2, name: op, exact: true })).toBeVisible();
    const ship = page.getByRole('region', { name: 'POST /api/v1/sales/{id}/ship' });
    await expect(ship.getByRole('heading', { level: 3, name: 'Request body (JSON), optional: without one, every field takes its default' })).toBeVisible();
    await expect(ship.getByRole('table', { name: 'Body of POST /sales/{id}/ship' }).getByRole('row', { name: /trackingNumber/ })).toBeVisible();
    await ship.screenshot({ path: screenshotPath('api-reference-ship.png') });
    await page.screenshot({ path: screenshotPath('api-reference.png'), fullPage: true });
    const doc = await request.get('/api/v1/openapi.json');
    expect(doc.status()).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  test('the keys page fits a phone (375 px)', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/settings/api-keys');
    await expect(page.getByRole('heading', { level: 1, name: 'API Keys' })).toBeVisible();
    expect(await pageWidth(page)).toBeLessThanOrEqual(375);
  });
});

test.describe('as a stock clerk', () => {
  test.use({ storageState: sessionFile('clerk') });

  test('no API Keys in the menu and the page refused', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stocktake' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API Keys' })).toHaveCount(0);
    await page.goto('/settings/api-keys');
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    await expect(page.getByText('Only an administrator may open this page.')).toBeVisible();
  });
});
