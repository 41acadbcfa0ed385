import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { uniq } from './auth';

// The FBA sandbox is shared by every test of a run, so each test makes sellers of its own through
// the sandbox's admin API instead of using its demo seller: its inventory, its throttling buckets
// and its connection here are then nobody else's.

/** The sandbox's demo app: its consent page lists every seller made with these credentials. */
const DEMO_APP = { clientId: 'amzn1.application-oa2-client.sandbox-demo', clientSecret: 'sandbox-demo-secret' };

export type SandboxItem = { sellerSku: string; productName?: string; fulfillable?: number; inboundShipped?: number; unfulfillable?: number; researching?: number };
export type SandboxSeller = { sellerId: string; refreshToken: string; storeName: string };

export function sandboxUrl(): string {
  const url = process.env.SANDBOX_URL;
  if (!url) throw new Error('SANDBOX_URL is not set: run the browser tests through `npm run test:e2e`.');
  return url;
}

/** A seller of the demo app, selling in the US, with the FBA inventory given. */
export async function addSandboxSeller(request: APIRequestContext, storeName: string, items: SandboxItem[] = []): Promise<SandboxSeller> {
  const id = uniq();
  return registerSandboxSeller(request, { sellerId: `A${id}E2ESELL`, refreshToken: `Atzr|e2e-${id}`, storeName }, items);
}

/** A seller whose id and token a seed chose (its connection is already stored), made at the sandbox. */
export async function registerSandboxSeller(request: APIRequestContext, seller: SandboxSeller, items: SandboxItem[] = []): Promise<SandboxSeller> {
  const res = await request.post(`${sandboxUrl()}/_sandbox/sellers`, { data: { ...seller, marketplaceIds: ['ATVPDKIKX0DER'], ...DEMO_APP, items } });
  expect(res.ok(), await res.text()).toBe(true);
  return seller;
}

/** An admin call to the sandbox (its clock, its faults). */
export async function sandboxAdmin(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`${sandboxUrl()}${path}`, { data });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Amazon's inventory of a sandbox seller, replaced or added to item by item. */
export async function setSandboxInventory(request: APIRequestContext, sellerId: string, items: SandboxItem[]) {
  const res = await request.post(`${sandboxUrl()}/_sandbox/sellers/${sellerId}/inventory`, { data: { items } });
  expect(res.ok(), await res.text()).toBe(true);
}

/** Integration → Fulfilment by Amazon → + → Connect manually; ends on the new connection's Setup. */
export async function connectSellerManually(page: Page, seller: SandboxSeller) {
  await page.goto('/integration/fba/new?tab=manual');
  await page.waitForLoadState('networkidle'); // typed before hydration, the token can be lost
  const form = page.getByRole('region', { name: 'Connect manually' });
  await form.getByLabel(/^Merchant ID \(Seller ID\)/).fill(seller.sellerId);
  await form.getByLabel(/^Marketplace ID/).selectOption('ATVPDKIKX0DER');
  const token = form.getByLabel(/^MWS Auth Token/);
  await token.fill(seller.refreshToken);
  await expect(token).toHaveValue(seller.refreshToken);
  await form.getByRole('button', { name: 'Connect to FBA' }).click();
  await expect(page).toHaveURL(/\/integration\/fba\/[0-9a-f-]{36}\/setup/);
  await expect(page.getByText('Connected to FBA.')).toBeVisible();
}
