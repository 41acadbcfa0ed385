import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { signIn, uniq } from '../support/auth';

const SELLER = 'ASANDBOXSELLER1';

/** Amazon's fulfillable units per SKU for the demo seller, read from the sandbox's admin endpoint. */
async function amazonUnits(request: APIRequestContext): Promise<Map<string, number>> {
  const res = await request.get(`${process.env.SANDBOX_URL}/_sandbox/sellers/${SELLER}/inventory`);
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { inventory: { sellerSku: string; fulfillable: number }[] };
  return new Map(body.inventory.map((i) => [i.sellerSku, i.fulfillable]));
}

/**
 * The demo seller's connection, made through "Connect manually" unless an earlier spec of this run
 * made it; returns the name of its external location.
 */
async function connectDemoSeller(page: Page): Promise<string> {
  await page.goto('/integration/fba');
  const existing = page.getByRole('row').filter({ hasText: SELLER }).filter({ hasText: 'Active' });
  if ((await existing.count()) === 0) {
    await page.getByRole('link', { name: 'Add FBA connection' }).click();
    await page.getByRole('link', { name: 'Connect manually' }).first().click();
    await expect(page).toHaveURL(/tab=manual/);
    await page.waitForLoadState('networkidle'); // typed before hydration, the token can be lost
    await page.getByLabel(/^Merchant ID \(Seller ID\)/).fill(SELLER);
    await page.getByLabel(/^Marketplace ID/).selectOption('ATVPDKIKX0DER');
    const token = page.getByLabel(/^MWS Auth Token/);
    await token.fill('Atzr|sandbox-demo');
    await expect(token).toHaveValue('Atzr|sandbox-demo');
    await page.getByRole('button', { name: 'Connect to FBA' }).click();
    await expect(page).toHaveURL(/\/integration\/fba\/[0-9a-f-]{36}\/setup/);
    await page.goto('/integration/fba');
  }
  const row = page.getByRole('row').filter({ hasText: SELLER }).filter({ hasText: 'Active' }).first();
  const location = (await row.getByRole('cell').nth(3).innerText()).trim();
  expect(location).toMatch(/^Sandbox Demo Store/);
  // Setup: "Create product if it does not exist", so FBA-only SKUs arrive as zero-stock products.
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/setup/);
  const create = page.getByLabel('Create product if it does not exist');
  if (!(await create.isChecked())) {
    await create.check();
    await page.getByRole('button', { name: 'Save setup' }).click();
    await expect(page.getByText(/Setup saved: 1 change\./)).toBeVisible();
  }
  return location;
}

/** A product through the product form, unless an earlier spec made it. */
async function ensureProduct(page: Page, sku: string, name: string, unitCost?: string) {
  await page.goto(`/inventory/products?q=${sku}`);
  if ((await page.getByRole('link', { name: sku, exact: true }).count()) > 0) return;
  await page.goto('/inventory/products/new');
  await page.getByLabel(/^SKU/).fill(sku);
  await page.getByLabel(/^Name/).fill(name);
  if (unitCost) await page.getByLabel('Unit cost').fill(unitCost);
  await page.getByRole('button', { name: 'Create product' }).click();
  await expect(page).toHaveURL(/\/inventory\/products\/[0-9a-f-]{36}/);
}

test('initial stocktake at the FBA location: Start → Sync imports Amazon quantities → Complete waits for unit costs → stock on hand', async ({ page, request }) => {
  test.setTimeout(150_000);
  await signIn(page);
  const location = await connectDemoSeller(page);
  // DEMO-005 has a standard cost (its added units are valued at it); DEMO-003 has none, and no
  // stock anywhere: a zero-stock product whose unit cost must be typed.
  await ensureProduct(page, 'DEMO-005', 'Demo product 005', '4.00');
  await ensureProduct(page, 'DEMO-003', 'Demo product 003');

  await page.goto('/inventory/stocktake');
  await page.getByLabel('Select a location').selectOption({ label: location });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/inventory\/stocktake\/[0-9a-f-]{36}$/);
  await expect(page.getByText('Not synced with FBA yet')).toBeVisible();

  const units = await amazonUnits(request);
  const sync = page.getByRole('button', { name: 'Sync', exact: true });
  await sync.click();
  // Amazon builds the report first: the button says so and cannot be pressed twice.
  const busy = page.getByRole('button', { name: 'Syncing with FBA…' });
  await expect(busy).toBeDisabled();
  await expect(page.getByRole('status').filter({ hasText: 'Amazon is preparing the inventory report' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/stocktake-fba-syncing.png', fullPage: true });
  const summary = page.getByRole('status').filter({ hasText: 'Synced with FBA:' });
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary).toContainText(/\d+ products synced, \d+ created, \d+ need a unit cost/);
  await expect(sync).toBeEnabled();
  await expect(page.getByText(/Last synced with FBA \d{4}-\d\d-\d\d \d\d:\d\d UTC/)).toBeVisible();

  // Amazon's fulfillable quantities are in Counted, for existing and created products alike.
  const line = (sku: string) => page.getByTestId(`line-${sku}`);
  await expect(line('DEMO-003').getByLabel(/^Counted/)).toHaveValue(String(units.get('DEMO-003')));
  await expect(line('DEMO-005').getByLabel(/^Counted/)).toHaveValue(String(units.get('DEMO-005')));
  await expect(line('FBA-ONLY-02').getByLabel(/^Counted/)).toHaveValue(String(units.get('FBA-ONLY-02')));
  await expect(line('DEMO-020').getByLabel(/^Counted/)).toHaveValue('0');
  await expect(line('DEMO-003')).toContainText('Needs a unit cost');
  await expect(line('FBA-ONLY-02')).toContainText('Needs a unit cost');
  await expect(line('DEMO-005')).not.toContainText('Needs a unit cost');
  await expect(line('DEMO-020')).not.toContainText('Needs a unit cost');
  await page.screenshot({ path: 'test-results/screens/stocktake-fba-synced.png', fullPage: true });

  // Complete is refused while zero-stock products have no unit cost; their cells are marked.
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Enter a unit cost for \d+ lines/ })).toBeVisible();
  await expect(line('DEMO-003').getByLabel(/^Unit cost/)).toHaveAttribute('aria-invalid', 'true');
  await expect(line('DEMO-005').getByLabel(/^Unit cost/)).not.toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: 'test-results/screens/stocktake-fba-needs-cost.png', fullPage: true });

  // The filter shows just the lines to cost; enter them and Complete.
  await page.getByRole('link', { name: 'Show the lines that need a unit cost' }).click();
  await expect(page).toHaveURL(/needsCost=1/);
  await expect(line('DEMO-005')).toHaveCount(0);
  const needing = page.locator('[data-testid^="line-"]');
  const n = await needing.count();
  expect(n).toBeGreaterThan(1);
  for (let i = 0; i < n; i++) await needing.nth(i).getByLabel(/^Unit cost/).fill(i === 0 ? '3.25' : '1.00');
  await page.getByRole('button', { name: 'Complete' }).click();
  await expect(page).toHaveURL(/done=completed/);
  await expect(page.getByText(/Stocktake completed: \d+ stock changes posted\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync', exact: true })).toHaveCount(0);

  // Stock on Hand at the FBA location now shows Amazon's quantities.
  for (const sku of ['DEMO-003', 'DEMO-005', 'FBA-ONLY-02']) {
    await page.goto(`/inventory/stock-on-hand?q=${sku}`);
    const soh = page.getByRole('row').filter({ hasText: sku }).filter({ hasText: location });
    await expect(soh).toHaveCount(1);
    await expect(soh.getByRole('cell').nth(4)).toHaveText(String(units.get(sku)));
  }
  await page.goto(`/inventory/stock-on-hand?q=DEMO-00`);
  await page.screenshot({ path: 'test-results/screens/stock-on-hand-fba.png', fullPage: true });
});

test('Sync is offered only at external locations', async ({ page }) => {
  await signIn(page);
  const plain = `Plain WH ${uniq()}`;
  await page.goto('/settings/reference-books/locations');
  await page.getByLabel('New location name').fill(plain);
  await page.getByRole('button', { name: 'Add location' }).click();
  await expect(page.getByTestId(`location-${plain}`)).toBeVisible();
  await page.goto('/inventory/stocktake');
  await page.getByLabel('Select a location').selectOption({ label: plain });
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page).toHaveURL(/\/inventory\/stocktake\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('button', { name: /^Void/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sync', exact: true })).toHaveCount(0);
  await expect(page.getByText('synced with FBA', { exact: false })).toHaveCount(0);
  await page.getByRole('button', { name: /^Void/ }).click();
  await expect(page).toHaveURL(/done=voided/);
});
