import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SELLER, startSandbox } from './index';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function tokenFor(url: string) {
  const res = await fetch(`${url}/auth/o2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: DEMO_SELLER.refreshToken, client_id: DEMO_SELLER.clientId, client_secret: DEMO_SELLER.clientSecret }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function post(url: string, body: unknown, token?: string, method = 'POST') {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { 'x-amz-access-token': token } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('persistent store', () => {
  it('survives a restart: sellers, stock, orders, reports, tokens and the clock', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-store-'));
    dirs.push(dataDir);
    const first = await startSandbox({ port: 0, dataDir, rateScale: 100, startTime: new Date('2026-01-05T10:00:00Z') });
    const token = await tokenFor(first.url);
    const created = await post(`${first.url}/fba/outbound/2020-07-01/fulfillmentOrders`, {
      sellerFulfillmentOrderId: 'FO-PERSIST-1',
      displayableOrderId: 'S-1',
      displayableOrderDate: '2026-01-05T10:00:00Z',
      displayableOrderComment: 'Thank you',
      shippingSpeedCategory: 'Standard',
      destinationAddress: { name: 'A', addressLine1: '1 Main St', city: 'Austin', stateOrRegion: 'TX', postalCode: '78701', countryCode: 'US' },
      items: [{ sellerSku: 'DEMO-001', sellerFulfillmentOrderItemId: '1', quantity: 2 }],
    }, token);
    expect(created.status).toBe(200);
    await post(`${first.url}/_sandbox/clock`, { advanceSeconds: 3600 });
    await first.close();

    const snapshot = JSON.parse(readFileSync(path.join(dataDir, 'state.json'), 'utf8')) as { clock: { nowMs: number } };
    expect(snapshot.clock.nowMs).toBeGreaterThanOrEqual(Date.parse('2026-01-05T11:00:00Z'));

    const second = await startSandbox({ port: 0, dataDir, rateScale: 100 });
    // One folder, one sandbox: a second opener is refused while the first runs.
    await expect(startSandbox({ port: 0, dataDir })).rejects.toThrow(/in use/);
    try {
      // The old access token still works after the restart.
      const res = await fetch(`${second.url}/fba/outbound/2020-07-01/fulfillmentOrders/FO-PERSIST-1`, { headers: { 'x-amz-access-token': token } });
      expect(res.status).toBe(200);
      const order = (await res.json()) as { payload: { fulfillmentOrder: { fulfillmentOrderStatus: string; receivedDate: string } } };
      expect(order.payload.fulfillmentOrder.receivedDate).toMatch(/^2026-01-05T10:00:0/);
      expect(order.payload.fulfillmentOrder.fulfillmentOrderStatus).toBe('Processing');
      const clock = (await (await fetch(`${second.url}/_sandbox/clock`)).json()) as { nowMs: number };
      expect(clock.nowMs).toBeGreaterThanOrEqual(Date.parse('2026-01-05T11:00:00Z'));
      expect(clock.nowMs).toBeLessThan(Date.parse('2026-01-05T11:10:00Z'));
    } finally {
      await second.close();
    }
  });
});

describe('tokens and document URLs', () => {
  it('answers 403 with the expiry reason once a token expired, and refuses a tampered document URL', async () => {
    const sandbox = await startSandbox({ port: 0, dataDir: null, rateScale: 100 });
    try {
      const token = await tokenFor(sandbox.url);
      const created = await post(`${sandbox.url}/reports/2021-06-30/reports`, { reportType: 'GET_AFN_INVENTORY_DATA', marketplaceIds: ['ATVPDKIKX0DER'] }, token);
      expect(created.status).toBe(202);
      await post(`${sandbox.url}/_sandbox/clock`, { advanceSeconds: 60 });
      const report = (await (await fetch(`${sandbox.url}/reports/2021-06-30/reports/${created.body.reportId as string}`, { headers: { 'x-amz-access-token': token } })).json()) as { reportDocumentId: string };
      const doc = (await (await fetch(`${sandbox.url}/reports/2021-06-30/documents/${report.reportDocumentId}`, { headers: { 'x-amz-access-token': token } })).json()) as { url: string };
      const text = await (await fetch(doc.url)).text();
      expect(text.split('\n')[0]).toBe('seller-sku\tfulfillment-channel-sku\tasin\tcondition-type\tWarehouse-Condition-code\tQuantity Available');
      expect((await fetch(doc.url.replace(/signature=(\w+)/, (_, sig: string) => `signature=${'0'.repeat(sig.length)}`))).status).toBe(403);

      await post(`${sandbox.url}/_sandbox/tokens/expire`, {});
      const res = await fetch(`${sandbox.url}/sellers/v1/marketplaceParticipations`, { headers: { 'x-amz-access-token': token } });
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details: 'The access token you provided has expired.' }] });
    } finally {
      await sandbox.close();
    }
  });
});

describe('admin endpoints and home page', () => {
  it('shows the demo credentials on /', async () => {
    const sandbox = await startSandbox({ port: 0, dataDir: null });
    try {
      const html = await (await fetch(`${sandbox.url}/`)).text();
      for (const text of [DEMO_SELLER.sellerId, DEMO_SELLER.clientId, DEMO_SELLER.clientSecret, 'Atzr|sandbox-demo', 'Sandbox Demo Store']) {
        expect(html).toContain(text);
      }
    } finally {
      await sandbox.close();
    }
  });

  it('seeds inventory, advances and speeds the clock, and resets', async () => {
    const sandbox = await startSandbox({ port: 0, dataDir: null, startTime: new Date('2026-03-01T00:00:00Z') });
    try {
      const seeded = await post(`${sandbox.url}/_sandbox/sellers/${DEMO_SELLER.sellerId}/inventory`, { items: [{ sellerSku: 'NEW-1', productName: 'New one', fulfillable: 7 }] });
      expect(seeded.status).toBe(200);
      const inventory = seeded.body.inventory as { sellerSku: string; fulfillable: number }[];
      expect(inventory.find((i) => i.sellerSku === 'NEW-1')?.fulfillable).toBe(7);
      expect(inventory).toHaveLength(31);

      const advanced = await post(`${sandbox.url}/_sandbox/clock`, { advanceSeconds: 86_400, speed: 60 });
      expect(advanced.body.speed).toBe(60);
      expect(advanced.body.nowMs as number).toBeGreaterThanOrEqual(Date.parse('2026-03-02T00:00:00Z'));

      const bad = await post(`${sandbox.url}/_sandbox/faults`, { errorShare: 2 });
      expect(bad.status).toBe(400);

      const reset = await post(`${sandbox.url}/_sandbox/reset`, {});
      const sellers = reset.body.sellers as { sellerId: string; skus: number }[];
      expect(sellers).toEqual([expect.objectContaining({ sellerId: DEMO_SELLER.sellerId, skus: 30 })]);
    } finally {
      await sandbox.close();
    }
  });
});
