import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhookSignature } from '../../lib/webhooks/signature';
import { expect, test } from '../support/test';
import { screenshotPath, sessionFile } from '../support/state';

// Settings → Webhooks: an administrator points an endpoint at a receiver this spec runs, copies the
// signing secret from the one screen that shows it, presses Send test event and sees it Delivered
// with the receiver's 200, in the list and in the endpoint's delivery log; the receiver checks the
// signature with that secret.
type Got = { headers: http.IncomingHttpHeaders; body: string };
let server: http.Server;
let url = '';
const got: Got[] = [];

test.beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/${Date.now()}`;
});
test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

test.describe('as an administrator', () => {
  test.use({ storageState: sessionFile('admin') });

  test('create an endpoint (secret shown once), send a test event, see it Delivered with 200 in the log', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();

    const form = page.getByRole('region', { name: 'New endpoint' });
    await form.getByLabel('URL').fill(url);
    await form.getByRole('button', { name: 'Create endpoint' }).click();
    await expect(form.getByRole('alert')).toContainText('Tick at least one event');
    await form.getByLabel('Description').fill('E2E receiver');
    await form.getByLabel('Sale stage changed (Order, Pick, Pack, Ship, Invoice)').check();
    await form.getByLabel('Stock level changed').check();
    await form.getByRole('button', { name: 'Create endpoint' }).click();

    const shown = form.getByLabel('Signing secret');
    await expect(shown).toHaveValue(/^whsec_[A-Za-z0-9_-]{43}$/);
    const secret = await shown.inputValue();
    await expect(form.getByText('Copy the signing secret now: it is shown only this once.')).toBeVisible();
    const row = page.getByTestId(`webhook-${url}`);
    await expect(row).toContainText('Sale stage changed, Stock level changed');
    await expect(row).toContainText('Active');
    await expect(row).toContainText('None yet');
    await expect(row).not.toContainText(secret);

    await row.getByRole('button', { name: `Send test event to ${url}` }).click();
    await expect(row).toContainText('Delivered', { timeout: 20_000 });
    await expect(row).toContainText('Test event · 200');
    await page.screenshot({ path: screenshotPath('webhooks.png'), fullPage: true });

    expect(got).toHaveLength(1);
    expect(verifyWebhookSignature(secret, got[0]!.headers, got[0]!.body)).toMatchObject({ ok: true });
    expect(JSON.parse(got[0]!.body)).toMatchObject({ type: 'ping' });

    // Reloaded, the secret is gone from the page.
    await page.reload();
    await expect(page.getByLabel('Signing secret')).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    await row.getByRole('link', { name: `Delivery log of ${url}` }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Delivery log' })).toBeVisible();
    const delivery = page.getByTestId('delivery-ping');
    await expect(delivery).toContainText('Delivered');
    await expect(delivery.getByRole('cell').nth(3)).toHaveText('200');
    await expect(delivery.getByRole('cell').nth(4)).toHaveText('1');
    await page.screenshot({ path: screenshotPath('webhooks-log.png'), fullPage: true });

    await page.getByRole('link', { name: 'Failed' }).click();
    await expect(page.getByText('No failed deliveries')).toBeVisible();
  });
});

test.describe('on a phone', () => {
  test.use({ storageState: sessionFile('admin') });

  test('the webhooks page fits 375 px', async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto('/settings/webhooks');
    await expect(page.getByRole('heading', { level: 1, name: 'Webhooks' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test.describe('as a stock clerk', () => {
  test.use({ storageState: sessionFile('clerk') });

  test('no Webhooks in the menu and the page refused', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Stocktake' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Webhooks' })).toHaveCount(0);
    await page.goto('/settings/webhooks');
    await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  });
});
