import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { amazonOrders, amazonStores, fbaSyncRuns, fulfilmentOrders, outbox, saleLog, sales } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { createSpApiClient, type SpApiClient } from '@/lib/fba/sp-api';
import type { OperationName } from '@/lib/fba/sp-api/models/operations';
import { DEMO_CREDENTIALS, startTestSandbox, type TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { drainOutboxUntilIdle } from '@/lib/fulfilment/outbox-drain';
import { authorisePick } from '@/lib/sale/pick';
import { authoriseShip, copyFromPack } from '@/lib/sale/ship';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createTestDb } from '@/test/db';
import { onHand } from '@/test/stock';
import { downloadStoreOrders, drainOrdersDownloads, requestOrdersDownload } from './order-download';
import { saveStoreOrdersSetup } from './store-setup';

// Download orders against the sandbox: a seller of this test's own, orders placed through the
// sandbox's admin API, every Amazon call counted.

let db: Db;
let sandbox: TestSandbox;
let storeId: string;
let fbaLocation: string;
let ownLocation: string;
const sellerId = `AORDERS${Date.now().toString(36).toUpperCase()}`;
const token = `Atzr|orders-${sellerId.toLowerCase()}`;
const calls: OperationName[] = [];
let client: SpApiClient;
const HOUR = 3600_000;
const skus = ['ORD-A', 'ORD-B', 'ORD-C'].map((s) => `${s}-${sellerId.slice(-5)}`);

const deps = () => ({ clientFor: () => client });
const count = (op: OperationName) => calls.filter((c) => c === op).length;
const rowOf = async (amazonOrderId: string) => (await db.select().from(amazonOrders).where(eq(amazonOrders.amazonOrderId, amazonOrderId)))[0];
const saleOf = async (id: string) => (await db.select().from(sales).where(eq(sales.id, id)))[0];

async function place(orders: { fulfillmentChannel: 'AFN' | 'MFN'; items: { sellerSku: string; quantity: number; price?: number }[]; hoursAgo: number }[]) {
  const { nowMs } = await sandbox.admin<{ nowMs: number }>('GET', '/_sandbox/clock');
  const res = await sandbox.admin<{ amazonOrderIds: string[] }>('POST', `/_sandbox/sellers/${sellerId}/orders`, {
    orders: orders.map((o) => ({ fulfillmentChannel: o.fulfillmentChannel, items: o.items, purchaseDate: new Date(nowMs - o.hoursAgo * HOUR).toISOString() })),
  });
  return res.amazonOrderIds;
}

beforeAll(async () => {
  sandbox = await startTestSandbox({ clockSpeed: 1, rateScale: 100 });
  process.env.SANDBOX_URL = sandbox.url;
  process.env.SANDBOX_RATE_SCALE = '100';
  process.env.APP_ENCRYPTION_KEY ??= Buffer.alloc(32, 5).toString('base64');
  client = createSpApiClient({
    credentials: { ...DEMO_CREDENTIALS, refreshToken: token },
    endpoint: { sandboxUrl: sandbox.url },
    rateScale: 100,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, timeoutMs: 5_000 },
    onExchange: (e) => calls.push(e.operation),
  });
  await sandbox.admin('POST', '/_sandbox/sellers', {
    sellerId,
    refreshToken: token,
    storeName: 'Orders test store',
    marketplaceIds: ['ATVPDKIKX0DER'],
    clientId: DEMO_CREDENTIALS.clientId,
    clientSecret: DEMO_CREDENTIALS.clientSecret,
    items: skus.map((sellerSku) => ({ sellerSku, fulfillable: 50 })),
  });
  db = (await createTestDb()).db;
  const user = await makeUser(db);
  const { location } = await makeFbaConnection(db, { sellerId });
  fbaLocation = location.id;
  ownLocation = (await makeLocation(db)).id;
  for (const sku of skus) {
    await makeProduct(db, { sku });
    await createAdjustment(db, { reason: 'In', lines: [{ sku, locationId: fbaLocation, binId: null, quantity: 20, unitCost: 1000 }, { sku, locationId: ownLocation, binId: null, quantity: 20, unitCost: 1000 }] }, user.id);
  }
  const [store] = await db.insert(amazonStores).values({ name: 'Orders test store', sellerId, marketplaceIds: ['ATVPDKIKX0DER'], refreshTokenEnc: encryptSecret(token), endpoint: 'sandbox' }).returning();
  storeId = store.id;
  const { nowMs } = await sandbox.admin<{ nowMs: number }>('GET', '/_sandbox/clock');
  await saveStoreOrdersSetup(db, { storeId, afnLocationId: fbaLocation, mfnLocationId: ownLocation, ordersFrom: new Date(nowMs - 7 * 24 * HOUR), ordersEnabled: true });
});
afterAll(() => sandbox?.close());

describe('Download orders', () => {
  it('is refused until the store’s Setup says where orders are sold from', async () => {
    const [bare] = await db.insert(amazonStores).values({ name: 'Bare store', sellerId: `${sellerId}X`, marketplaceIds: ['ATVPDKIKX0DER'], refreshTokenEnc: encryptSecret('Atzr|bare'), endpoint: 'sandbox' }).returning();
    await expect(requestOrdersDownload(db, bare.id, 'force', null)).rejects.toThrow(/Save the Setup of store Bare store first/);
  });

  it('imports AFN and MFN orders with one getOrderItems each (and the address of MFN ones); a second download makes no sale and reads no order again', async () => {
    const [afn, mfn, pending] = await place([
      { fulfillmentChannel: 'AFN', items: [{ sellerSku: skus[0], quantity: 2, price: 12.5 }], hoursAgo: 40 },
      { fulfillmentChannel: 'MFN', items: [{ sellerSku: skus[1], quantity: 1 }, { sellerSku: skus[2], quantity: 3 }], hoursAgo: 3 },
      { fulfillmentChannel: 'AFN', items: [{ sellerSku: skus[2], quantity: 1 }], hoursAgo: 0 },
    ]);
    calls.length = 0;
    const first = await downloadStoreOrders(db, storeId, deps());
    expect([first.imported, first.pending]).toEqual([2, 1]);
    expect(count('getOrderItems')).toBe(2);
    expect(count('getOrderAddress')).toBe(1);
    expect(first.calls).toBe(calls.length);

    const afnRow = await rowOf(afn);
    expect([afnRow.state, afnRow.fulfillmentChannel, afnRow.amazonStatus, afnRow.items[0].price]).toEqual(['Imported', 'AFN', 'Shipped', 2500]);
    const afnSale = await saleOf(afnRow.saleId!);
    expect([afnSale.shipStatus, afnSale.invoiceStatus, afnSale.invoiceTotal]).toEqual(['Authorised', 'Authorised', 2500]);
    expect(await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.saleId, afnSale.id))).toHaveLength(0);
    expect(await onHand(db, (await db.query.products.findFirst({ where: (p, { eq: e }) => e(p.sku, skus[0]) }))!.id, fbaLocation)).toBe(18);

    const mfnRow = await rowOf(mfn);
    const mfnSale = await saleOf(mfnRow.saleId!);
    expect(mfnRow.shipTo?.name).toBeTruthy();
    expect([mfnSale.orderStatus, mfnSale.shipToName, mfnSale.shipToLine1]).toEqual(['Authorised', mfnRow.shipTo!.name, mfnRow.shipTo!.line1]);
    expect(await rowOf(pending)).toBeUndefined();

    calls.length = 0;
    const again = await downloadStoreOrders(db, storeId, deps());
    expect(again.imported).toBe(0);
    expect(count('getOrderItems') + count('getOrderAddress')).toBe(0);
    expect(await db.select().from(amazonOrders).where(eq(amazonOrders.storeId, storeId))).toHaveLength(2);
  });

  it('a buyer’s cancellation at Amazon reaches the next download and cancels the sale, releasing its stock', async () => {
    const [order] = await place([{ fulfillmentChannel: 'AFN', items: [{ sellerSku: skus[1], quantity: 4 }], hoursAgo: 2 }]);
    await downloadStoreOrders(db, storeId, deps());
    const row = await rowOf(order);
    expect([row.state, row.amazonStatus]).toEqual(['Imported', 'Unshipped']);
    await sandbox.admin('POST', `/_sandbox/sellers/${sellerId}/orders/${order}/cancel`);
    const result = await downloadStoreOrders(db, storeId, deps());
    expect(result.cancelled).toBe(1);
    expect((await rowOf(order)).state).toBe('Cancelled');
    expect((await saleOf(row.saleId!)).orderStatus).toBe('Voided');
  });

  it('an MFN order shipped from our own location is confirmed to Amazon with its carrier and tracking number', async () => {
    const [order] = await place([{ fulfillmentChannel: 'MFN', items: [{ sellerSku: skus[0], quantity: 1 }], hoursAgo: 1 }]);
    await downloadStoreOrders(db, storeId, deps());
    const saleId = (await rowOf(order)).saleId!;
    await authorisePick(db, saleId, {}, null);
    const lines = (await copyFromPack(db, await saleOf(saleId))).map((l) => ({ pickLineNo: l.pickLineNo, quantity: l.quantity }));
    await authoriseShip(db, { saleId, lines, shippingOption: 'Standard', carrier: 'ups', trackingNumber: '1Z999AA10123456784', skipFulfilment: false }, null);
    await drainOutboxUntilIdle(db, { workerId: 'orders-test', clientFor: () => client });
    const atAmazon = await sandbox.admin<{ status: string; shipment: { carrierCode: string; trackingNumber: string } | null }>('GET', `/_sandbox/sellers/${sellerId}/orders/${order}`);
    expect(atAmazon.status).toBe('Shipped');
    expect(atAmazon.shipment).toMatchObject({ carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect((await rowOf(order)).amazonStatus).toBe('Shipped');
    const log = (await db.select().from(saleLog).where(eq(saleLog.saleId, saleId))).map((l) => l.message);
    expect(log).toContain(`Amazon confirmed order ${order} as shipped (tracking 1Z999AA10123456784).`);
    // The next download sees Amazon's Shipped and changes nothing of the sale.
    expect((await downloadStoreOrders(db, storeId, deps())).cancelled).toBe(0);
  });

  it('a shipment without a tracking number is not confirmed, and the sale log says what to do', async () => {
    const [order] = await place([{ fulfillmentChannel: 'MFN', items: [{ sellerSku: skus[1], quantity: 1 }], hoursAgo: 1 }]);
    await downloadStoreOrders(db, storeId, deps());
    const saleId = (await rowOf(order)).saleId!;
    await authorisePick(db, saleId, {}, null);
    const lines = (await copyFromPack(db, await saleOf(saleId))).map((l) => ({ pickLineNo: l.pickLineNo, quantity: l.quantity }));
    await authoriseShip(db, { saleId, lines, shippingOption: 'Standard', carrier: null, trackingNumber: null, skipFulfilment: false }, null);
    expect(await db.select().from(outbox).where(eq(outbox.subjectId, (await rowOf(order)).id))).toHaveLength(0);
    const log = (await db.select().from(saleLog).where(eq(saleLog.saleId, saleId))).map((l) => l.message);
    expect(log.some((m) => m.startsWith('Amazon is not told this order shipped: it needs a tracking number.'))).toBe(true);
  });

  it('the worker runs a queued download: the orders, then Amazon’s customer returns report, and the run says what it did', async () => {
    const [order] = await place([{ fulfillmentChannel: 'AFN', items: [{ sellerSku: skus[0], quantity: 2 }], hoursAgo: 30 }]);
    await sandbox.admin('POST', `/_sandbox/sellers/${sellerId}/returns`, { returns: [{ orderId: order, sellerSku: skus[0], quantity: 1, disposition: 'SELLABLE' }] });
    const run = await requestOrdersDownload(db, storeId, 'force', null);
    expect((await requestOrdersDownload(db, storeId, 'force', null)).id).toBe(run.id); // a second press joins
    const drained = drainOrdersDownloads(db, deps());
    // Amazon prepares the returns report in 45 s of its time: let its clock run on.
    for (let i = 0; i < 20 && (await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.id, run.id)))[0].phase !== 'Reading returns'; i++) await new Promise((r) => setTimeout(r, 100));
    await sandbox.admin('POST', '/_sandbox/clock', { advanceSeconds: 120 });
    await drained;
    const [done] = await db.select().from(fbaSyncRuns).where(eq(fbaSyncRuns.id, run.id));
    expect(done.status).toBe('done');
    expect(done.summary).toMatch(/1 imported/);
    expect(done.summary).toMatch(/Customer returns: 1 credit note, 1 unit back in stock\./);
  }, 60_000);
  it('an order whose lines a sale cannot hold is held with the reason, a NUL in an address is dropped, and the other orders of the download are imported (issue 13)', async () => {
    const [zero, named, good] = await place([
      { fulfillmentChannel: 'AFN', items: [{ sellerSku: skus[0], quantity: 1 }], hoursAgo: 6 },
      { fulfillmentChannel: 'MFN', items: [{ sellerSku: skus[1], quantity: 1 }], hoursAgo: 5 },
      { fulfillmentChannel: 'AFN', items: [{ sellerSku: skus[2], quantity: 1 }], hoursAgo: 4 },
    ]);
    // What Amazon might send: a line with quantity 0, a buyer's name with a NUL in it.
    const odd: SpApiClient = Object.create(client);
    odd.getOrderItems = async (id, next) => {
      const page = await client.getOrderItems(id, next);
      return id === zero ? { ...page, items: page.items.map((i) => ({ ...i, QuantityOrdered: 0 })) } : page;
    };
    let name = '';
    odd.getOrderAddress = async (id) => {
      const a = await client.getOrderAddress(id);
      name = a?.Name ?? '';
      return id === named && a ? { ...a, Name: `${name.slice(0, 2)}\u0000${name.slice(2)}` } : a;
    };
    const salesBefore = (await db.select({ id: sales.id }).from(sales)).length;
    const summary = await downloadStoreOrders(db, storeId, { clientFor: () => odd });
    expect([summary.imported, summary.held]).toEqual([2, 1]);
    const held = await rowOf(zero);
    expect([held.state, held.saleId]).toEqual(['Held', null]);
    expect(held.heldReason).toBe(`Amazon's order has lines a sale cannot hold. line 1 (SKU ${skus[0]}): quantity 0 is not a whole number of units above 0. The order is read again at the next download.`);
    expect((await db.select({ id: sales.id }).from(sales)).length).toBe(salesBefore + 2);
    expect(name.length).toBeGreaterThan(2);
    expect((await saleOf((await rowOf(named)).saleId!)).shipToName).toBe(name);
    expect((await rowOf(good)).state).toBe('Imported');
  });
});
