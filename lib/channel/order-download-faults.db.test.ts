import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { amazonOrders, amazonStores, fbaSyncRuns, products, sales } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { createSpApiClient, type SpApiClient } from '@/lib/fba/sp-api';
import type { OperationName } from '@/lib/fba/sp-api/models/operations';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { createAdjustment } from '@/lib/stock/adjustments';
import { createTestDb } from '@/test/db';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { onHand } from '@/test/stock';
import { requestOrdersDownload, runOrdersDownload } from './order-download';
import { saveStoreOrdersSetup } from './store-setup';

// Issue 13 "Faults": order downloads while Amazon answers 10% of calls 5xx, loses answers, answers
// slowly and throttles everything for a while. A download that meets a failure stops with Amazon's
// words; the next one carries on from the same cursor. Every order becomes one sale, none twice,
// none half imported (items and, for merchant-fulfilled orders, the ship-to address).

// Two pages of getOrders (100 a page).
const ORDERS = 110;
const HOUR = 3600_000;

let db: Db;
let sandbox: TestSandbox;
let storeId: string;
let fbaLocation: string;
let ownLocation: string;
let client: SpApiClient;
const calls: { operation: OperationName; status: number }[] = [];
const sellerId = `AFAULTS${Date.now().toString(36).toUpperCase()}`;
const token = `Atzr|faults-${sellerId.toLowerCase()}`;
const skus = ['FLT-A', 'FLT-B', 'FLT-C'].map((s) => `${s}-${sellerId.slice(-5)}`);

beforeAll(async () => {
  sandbox = await startTestSandbox({ clockSpeed: 1, rateScale: 200 });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.SANDBOX_RATE_SCALE = '200';
  client = createSpApiClient({
    credentials: { ...DEMO_CREDENTIALS, refreshToken: token },
    endpoint: { sandboxUrl: sandbox.url },
    rateScale: 200,
    retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 40, timeoutMs: 250 },
    onExchange: (e) => calls.push({ operation: e.operation, status: e.status }),
  });
  await sandbox.admin('POST', '/_sandbox/sellers', {
    sellerId,
    refreshToken: token,
    storeName: 'Faults store',
    marketplaceIds: ['ATVPDKIKX0DER'],
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
    items: skus.map((sellerSku) => ({ sellerSku, fulfillable: 1000 })),
  });
  db = (await createTestDb()).db;
  const user = await makeUser(db);
  fbaLocation = (await makeFbaConnection(db, { sellerId })).location.id;
  ownLocation = (await makeLocation(db)).id;
  for (const sku of skus) {
    await makeProduct(db, { sku });
    await createAdjustment(db, { reason: 'In', lines: [fbaLocation, ownLocation].map((locationId) => ({ sku, locationId, binId: null, quantity: 1000, unitCost: 1000 })) }, user.id);
  }
  const [store] = await db.insert(amazonStores).values({ name: 'Faults store', sellerId, marketplaceIds: ['ATVPDKIKX0DER'], refreshTokenEnc: encryptSecret(token), endpoint: 'sandbox' }).returning();
  storeId = store.id;
  const { nowMs } = await sandbox.admin<{ nowMs: number }>('GET', '/_sandbox/clock');
  await saveStoreOrdersSetup(db, { storeId, afnLocationId: fbaLocation, mfnLocationId: ownLocation, ordersFrom: new Date(nowMs - 7 * 24 * HOUR), ordersEnabled: true });
});
afterAll(() => sandbox?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const stockAt = async (locationId: string) => {
  let total = 0;
  for (const p of await db.select({ id: products.id }).from(products).where(inArray(products.sku, skus))) total += await onHand(db, p.id, locationId);
  return total;
};

describe('order downloads under Amazon faults', () => {
  it('every order once as a sale, nothing half imported; a failed download says why and the next one carries on', async () => {
    const { nowMs } = await sandbox.admin<{ nowMs: number }>('GET', '/_sandbox/clock');
    const placed = Array.from({ length: ORDERS }, (_, i) => ({
      fulfillmentChannel: i % 3 === 0 ? ('MFN' as const) : ('AFN' as const),
      items: i % 4 === 0 ? [{ sellerSku: skus[0], quantity: 1 }, { sellerSku: skus[1 + (i % 2)], quantity: 2 }] : [{ sellerSku: skus[i % 3], quantity: 1 + (i % 2) }],
      purchaseDate: new Date(nowMs - (1 + i) * HOUR).toISOString(),
    }));
    const { amazonOrderIds } = await sandbox.admin<{ amazonOrderIds: string[] }>('POST', `/_sandbox/sellers/${sellerId}/orders`, { orders: placed });
    const before = { afn: await stockAt(fbaLocation), mfn: await stockAt(ownLocation) };

    await sandbox.admin('POST', '/_sandbox/faults', { errorShare: 0.1, lostAnswerShare: 0.05, slowShare: 0.1, slowMs: 400, throttleStormSeconds: 1.5 });
    const failures: string[] = [];
    let runs = 0;
    for (; runs < 40; runs++) {
      const run = await requestOrdersDownload(db, storeId, 'schedule', null);
      const after = await runOrdersDownload(db, run.id, { clientFor: () => client, returns: null });
      if (after?.status === 'done') break;
      failures.push(after?.error ?? 'no run');
      await sleep(200);
    }
    await sandbox.admin('DELETE', '/_sandbox/faults');
    expect(runs).toBeLessThan(40);

    // The faults happened, and a failed download said what Amazon said, not "unexpected error".
    expect(calls.some((c) => c.status === 429) && calls.some((c) => c.status >= 500) && calls.some((c) => c.status === 0)).toBe(true);
    expect(failures.length).toBeGreaterThan(0);
    for (const f of failures) expect(f).toMatch(/^The order download stopped\. Amazon said: .*The orders read so far are kept/);

    const rows = await db.select().from(amazonOrders).where(eq(amazonOrders.storeId, storeId));
    expect(rows.map((r) => r.amazonOrderId).sort()).toEqual([...amazonOrderIds].sort());
    for (const r of rows) {
      const o = placed[amazonOrderIds.indexOf(r.amazonOrderId)];
      expect(r.state, r.amazonOrderId).toBe('Imported');
      expect(r.items.map((i) => `${i.sellerSku}×${i.quantity}`).sort(), r.amazonOrderId).toEqual(o.items.map((i) => `${i.sellerSku}×${i.quantity}`).sort());
      if (o.fulfillmentChannel === 'MFN') expect(r.shipTo?.line1, r.amazonOrderId).toBeTruthy();
    }
    // One sale per order (the link is unique), and no other sale.
    const saleIds = rows.map((r) => r.saleId);
    expect(new Set(saleIds).size).toBe(ORDERS);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(sales))[0].n).toBe(ORDERS);
    // Stock left Amazon's location once per unit Amazon shipped; our own still holds the merchant-fulfilled units (not shipped yet).
    const shippedUnits = rows.filter((r) => r.fulfillmentChannel === 'AFN' && r.amazonStatus === 'Shipped').reduce((n, r) => n + r.items.reduce((m, i) => m + i.quantity, 0), 0);
    expect(shippedUnits).toBeGreaterThan(0);
    expect(await stockAt(fbaLocation)).toBe(before.afn - shippedUnits);
    expect(await stockAt(ownLocation)).toBe(before.mfn);

    // A clean download afterwards changes nothing and reads no order again.
    calls.length = 0;
    const run = await requestOrdersDownload(db, storeId, 'schedule', null);
    await runOrdersDownload(db, run.id, { clientFor: () => client, returns: null });
    const [last] = await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.id, run.id));
    expect(last.status).toBe('done');
    expect(calls.filter((c) => c.operation !== 'getOrders')).toEqual([]);
    console.log(`[faults] ${ORDERS} orders imported in ${runs + 1} downloads (${failures.length} stopped by faults)`);
  }, 90_000);
});
