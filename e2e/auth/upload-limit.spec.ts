import type { Page } from '@playwright/test';
import { expect, test } from '../support/test';
import { MAX_UPLOAD_BYTES } from '@/lib/http/limits';
import { sessionFile } from '../support/state';

// Issue 7, item 3 (the server side): a body over the limit is refused before anything parses it,
// and one just within it is never cut short. The form is posted the way a browser without
// JavaScript posts it, so the browser-side size check cannot stop the request first.
test.use({ storageState: sessionFile('admin') });

async function importFormFields(page: Page): Promise<Record<string, string>> {
  await page.goto('/inventory/products');
  const form = page.locator('form', { has: page.locator('input[name="file"]') });
  return form.locator('input[type="hidden"]').evaluateAll((inputs) =>
    Object.fromEntries(inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value])),
  );
}

function csvOf(bytes: number): Buffer {
  const body = Buffer.alloc(bytes, 'x');
  Buffer.from('sku,name\n').copy(body);
  return body;
}

test('a 25 MB upload is answered 413 with a plain message, not a crash', async ({ page, baseURL }) => {
  const fields = await importFormFields(page);
  const res = await page.request.post('/inventory/products', {
    headers: { origin: new URL(baseURL!).origin },
    multipart: { ...fields, file: { name: 'products.csv', mimeType: 'text/csv', buffer: csvOf(25 * 1024 * 1024) } },
  });
  expect(res.status()).toBe(413);
  expect(await res.text()).toBe('The upload is larger than 20 MB. Split the file into smaller ones and upload them one at a time.');
});

test('a file just over 20 MB reaches the form and gets its own message', async ({ page, baseURL }) => {
  const fields = await importFormFields(page);
  const res = await page.request.post('/inventory/products', {
    headers: { origin: new URL(baseURL!).origin },
    multipart: { ...fields, file: { name: 'products.csv', mimeType: 'text/csv', buffer: csvOf(MAX_UPLOAD_BYTES + 50_000) } },
  });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('The file is larger than 20 MB; split it into smaller files.');
});

test('a file of exactly 20 MB is read whole (its rows are checked, not cut short)', async ({ page, baseURL }) => {
  const fields = await importFormFields(page);
  const res = await page.request.post('/inventory/products', {
    headers: { origin: new URL(baseURL!).origin },
    multipart: { ...fields, file: { name: 'products.csv', mimeType: 'text/csv', buffer: csvOf(MAX_UPLOAD_BYTES) } },
  });
  expect(res.status()).toBe(200);
  const html = await res.text();
  expect(html).not.toContain('larger than 20 MB');
  expect(html).toContain('role="alert"'); // the import's own verdict on the rows
});
