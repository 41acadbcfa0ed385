import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { amazonOrders, amazonStores, fbaListings, fulfilmentOrders, saleLog, sales, stockLevels, type AmazonOrderItem } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { authorisePick } from '@/lib/sale/pick';
import { authoriseShip, copyFromPack } from '@/lib/sale/ship';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createTestDb } from '@/test/db';
import { onHand } from '@/test/stock';
import { applyAmazonOrder, retryHeldOrders, type DownloadedOrder, type StoreForImport } from './order-import';
import { saveStoreOrdersSetup } from './store-setup';

let db: Db;
let userId: string;
let store: StoreForImport;
let fbaLocation: string;
let connectionId: string;
let ownLocation: string;
let n = 0;

const uniq = () => `${Date.now().toString(36)}${(n++).toString(36)}`.toUpperCase();

beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
  const { conn, location } = await makeFbaConnection(db);
  fbaLocation = location.id;
  connectionId = conn.id;
  ownLocation = (await makeLocation(db)).id;
  const [row] = await db
    .insert(amazonStores)
    .values({ name: `Store ${uniq()}`, sellerId: conn.sellerId, marketplaceIds: ['ATVPDKIKX0DER'], refreshTokenEnc: encryptSecret('Atzr|x'), endpoint: 'sandbox' })
    .returning();
  await saveStoreOrdersSetup(db, { storeId: row.id, afnLocationId: fbaLocation, mfnLocationId: ownLocation, ordersFrom: new Date('2026-11-01T00:00:00Z'), ordersEnabled: false });
  store = (await db.select().from(amazonStores).where(eq(amazonStores.id, row.id)))[0];
});

async function product(stock: { at: string; quantity: number } | null = null) {
  const p = await makeProduct(db, { sku: `AMZ-${uniq()}` });
  if (stock) await createAdjustment(db, { reason: 'In', lines: [{ sku: p.sku, locationId: stock.at, binId: null, quantity: stock.quantity, unitCost: 5_000 }] }, userId);
  return p;
}

function order(channel: 'AFN' | 'MFN', status: string, items: { sku: string; quantity: number; price?: number }[], over: Partial<DownloadedOrder> = {}): DownloadedOrder {
  const id = `111-${uniq()}`;
  return {
    amazonOrderId: id,
    marketplaceId: 'ATVPDKIKX0DER',
    fulfillmentChannel: channel,
    amazonStatus: status,
    purchaseDate: new Date('2026-11-20T10:00:00Z'),
    lastUpdateDate: new Date('2026-11-20T11:00:00Z'),
    currency: 'USD',
    orderTotal: items.reduce((s, i) => s + (i.price ?? 1999) * i.quantity, 0),
    items: items.map<AmazonOrderItem>((i, k) => ({ orderItemId: `${id}-${k}`, sellerSku: i.sku, asin: null, title: null, quantity: i.quantity, quantityShipped: 0, price: (i.price ?? 1999) * i.quantity, tax: 0 })),
    shipTo: channel === 'MFN' ? { name: 'Jo Buyer', line1: '1 Main St', line2: null, city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US', phone: null } : null,
    region: { city: 'Seattle', state: 'WA', postalCode: '98101', country: 'US' },
    ...over,
  };
}

const rowOf = async (o: DownloadedOrder) => (await db.select().from(amazonOrders).where(eq(amazonOrders.amazonOrderId, o.amazonOrderId)))[0];
const saleOf = async (id: string) => (await db.select().from(sales).where(eq(sales.id, id)))[0];
const allocatedAt = async (productId: string, locationId: string) =>
  (await db.select({ a: stockLevels.allocated }).from(stockLevels).where(and(eq(stockLevels.productId, productId), eq(stockLevels.locationId, locationId)))).reduce((s, r) => s + r.a, 0);

describe('Amazon-fulfilled (AFN) orders', () => {
  it('a shipped AFN order becomes a sale picked, packed, shipped by Amazon and invoiced, with no fulfilment order, and the FBA stock drops', async () => {
    const p = await product({ at: fbaLocation, quantity: 10 });
    const o = order('AFN', 'Shipped', [{ sku: p.sku, quantity: 3, price: 2450 }]);
    expect(await applyAmazonOrder(db, store, o)).toBe('imported');
    const row = await rowOf(o);
    expect(row.state).toBe('Imported');
    const sale = await saleOf(row.saleId!);
    expect([sale.orderStatus, sale.pickStatus, sale.packStatus, sale.shipStatus, sale.invoiceStatus]).toEqual(['Authorised', 'Authorised', 'Authorised', 'Authorised', 'Authorised']);
    expect(sale.invoiceTotal).toBe(3 * 2450);
    expect(sale.skipFulfilment).toBe(true);
    expect(sale.customerReference).toBe(o.amazonOrderId);
    expect(await onHand(db, p.id, fbaLocation)).toBe(7);
    expect(await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.saleId, sale.id))).toHaveLength(0);
    const log = (await db.select().from(saleLog).where(eq(saleLog.saleId, sale.id)).orderBy(asc(saleLog.id))).map((l) => l.message).join('\n');
    expect(log).toContain(`Amazon order ${o.amazonOrderId}`);
    expect(log).toContain('Shipped by Amazon');
  });

  it('downloading the same order again changes nothing: one sale, the stock dropped once', async () => {
    const p = await product({ at: fbaLocation, quantity: 5 });
    const o = order('AFN', 'Shipped', [{ sku: p.sku, quantity: 2 }]);
    await applyAmazonOrder(db, store, o);
    expect(await applyAmazonOrder(db, store, o)).toBe('unchanged');
    expect(await applyAmazonOrder(db, store, { ...o, items: null, lastUpdateDate: new Date('2026-11-21T00:00:00Z') })).toBe('unchanged');
    expect(await db.select().from(amazonOrders).where(eq(amazonOrders.amazonOrderId, o.amazonOrderId))).toHaveLength(1);
    expect(await db.select().from(sales).where(eq(sales.customerReference, o.amazonOrderId))).toHaveLength(1);
    expect(await onHand(db, p.id, fbaLocation)).toBe(3);
  });

  it('an unshipped AFN order holds its units (allocated) until Amazon ships it; then the stock leaves', async () => {
    const p = await product({ at: fbaLocation, quantity: 4 });
    const o = order('AFN', 'Unshipped', [{ sku: p.sku, quantity: 1 }]);
    expect(await applyAmazonOrder(db, store, o)).toBe('imported');
    const sale = await saleOf((await rowOf(o)).saleId!);
    expect([sale.orderStatus, sale.pickStatus]).toEqual(['Authorised', 'Draft']);
    expect(await onHand(db, p.id, fbaLocation)).toBe(4);
    expect(await allocatedAt(p.id, fbaLocation)).toBe(1);
    expect(await applyAmazonOrder(db, store, { ...o, amazonStatus: 'Shipped', items: null, lastUpdateDate: new Date('2026-11-21T11:00:00Z') })).toBe('shipped');
    expect(await onHand(db, p.id, fbaLocation)).toBe(3);
    expect(await allocatedAt(p.id, fbaLocation)).toBe(0);
    expect((await saleOf(sale.id)).invoiceStatus).toBe('Authorised');
  });

  it('an order Amazon cancels before shipping cancels the sale and gives the allocated stock back', async () => {
    const p = await product({ at: fbaLocation, quantity: 2 });
    const o = order('AFN', 'Unshipped', [{ sku: p.sku, quantity: 2 }]);
    await applyAmazonOrder(db, store, o);
    expect(await allocatedAt(p.id, fbaLocation)).toBe(2);
    expect(await applyAmazonOrder(db, store, { ...o, amazonStatus: 'Canceled', items: null, lastUpdateDate: new Date('2026-11-20T12:00:00Z') })).toBe('cancelled');
    const row = await rowOf(o);
    expect(row.state).toBe('Cancelled');
    expect((await saleOf(row.saleId!)).orderStatus).toBe('Voided');
    expect(await allocatedAt(p.id, fbaLocation)).toBe(0);
    expect(await onHand(db, p.id, fbaLocation)).toBe(2);
  });

  it('an order cancelled at Amazon before it was ever imported is skipped, with no sale', async () => {
    const p = await product({ at: fbaLocation, quantity: 2 });
    const o = order('AFN', 'Canceled', [{ sku: p.sku, quantity: 1 }]);
    expect(await applyAmazonOrder(db, store, o)).toBe('skipped');
    expect((await rowOf(o)).saleId).toBeNull();
  });

  it('too little stock at the FBA location holds the order with the numbers and what to do; nothing is half written', async () => {
    const p = await product({ at: fbaLocation, quantity: 1 });
    const o = order('AFN', 'Shipped', [{ sku: p.sku, quantity: 3 }]);
    expect(await applyAmazonOrder(db, store, o)).toBe('held');
    const row = await rowOf(o);
    expect(row.heldReason).toMatch(/Only 1 of SKU .* available .*3 units needed.*stocktake/s);
    expect(row.saleId).toBeNull();
    expect(await db.select().from(sales).where(eq(sales.customerReference, o.amazonOrderId))).toHaveLength(0);
    await createAdjustment(db, { reason: 'Counted', lines: [{ sku: p.sku, locationId: fbaLocation, binId: null, quantity: 2, unitCost: 5_000 }] }, userId);
    expect(await retryHeldOrders(db, store)).toContain('imported');
    expect(await onHand(db, p.id, fbaLocation)).toBe(0);
  });
});

describe('unmapped SKUs', () => {
  it('an order whose SKU matches no product is held with a clear message, then imported once the product exists', async () => {
    const sku = `NEW-${uniq()}`;
    const o = order('AFN', 'Shipped', [{ sku, quantity: 1 }]);
    expect(await applyAmazonOrder(db, store, o)).toBe('held');
    expect((await rowOf(o)).heldReason).toContain(`SKU ${sku} matches no product`);
    await makeProduct(db, { sku });
    await createAdjustment(db, { reason: 'In', lines: [{ sku, locationId: fbaLocation, binId: null, quantity: 1, unitCost: 100 }] }, userId);
    expect(await applyAmazonOrder(db, store, { ...o, items: null })).toBe('imported');
    expect((await rowOf(o)).state).toBe('Imported');
  });
});

describe('merchant-fulfilled (MFN) orders', () => {
  it('an MFN order becomes a sale authorised at the mapped location, shipping to the buyer, and goes on through Pick and Ship by hand', async () => {
    const p = await product({ at: ownLocation, quantity: 6 });
    const o = order('MFN', 'Unshipped', [{ sku: p.sku, quantity: 2 }]);
    expect(await applyAmazonOrder(db, store, o)).toBe('imported');
    const sale = await saleOf((await rowOf(o)).saleId!);
    expect([sale.orderStatus, sale.pickStatus, sale.shipToName, sale.shipToCity]).toEqual(['Authorised', 'Draft', 'Jo Buyer', 'Seattle']);
    expect(await onHand(db, p.id, ownLocation)).toBe(6);
    await authorisePick(db, sale.id, {}, userId);
    expect(await onHand(db, p.id, ownLocation)).toBe(4);
  });

  it('an MFN order mapped to the FBA location becomes a fulfilment order when Ship is authorised', async () => {
    const p = await product({ at: fbaLocation, quantity: 3 });
    await db.insert(fbaListings).values({ connectionId, sellerSku: p.sku, productId: p.id, mappedBy: 'sku', fulfillable: 3, total: 3 });
    await saveStoreOrdersSetup(db, { storeId: store.id, afnLocationId: fbaLocation, mfnLocationId: fbaLocation, ordersFrom: new Date('2026-11-01T00:00:00Z'), ordersEnabled: false });
    const mcf = { ...store, mfnLocationId: fbaLocation };
    try {
      const o = order('MFN', 'Unshipped', [{ sku: p.sku, quantity: 1 }]);
      expect(await applyAmazonOrder(db, mcf, o)).toBe('imported');
      const saleId = (await rowOf(o)).saleId!;
      await authorisePick(db, saleId, {}, userId);
      const lines = (await copyFromPack(db, await saleOf(saleId))).map((l) => ({ pickLineNo: l.pickLineNo, quantity: l.quantity }));
      const shipped = await authoriseShip(db, { saleId, lines, shippingOption: 'Standard', carrier: null, trackingNumber: null, skipFulfilment: false }, userId);
      expect(shipped.fulfilmentOrders).toHaveLength(1);
      const [fo] = await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.saleId, saleId));
      expect([fo.status, fo.shipToName, fo.locationId]).toEqual(['Queued', 'Jo Buyer', fbaLocation]);
    } finally {
      await saveStoreOrdersSetup(db, { storeId: store.id, afnLocationId: fbaLocation, mfnLocationId: ownLocation, ordersFrom: new Date('2026-11-01T00:00:00Z'), ordersEnabled: false });
    }
  });

  it('a picked MFN order cancelled at Amazon puts the picked units back and voids the sale', async () => {
    const p = await product({ at: ownLocation, quantity: 5 });
    const o = order('MFN', 'Unshipped', [{ sku: p.sku, quantity: 2 }]);
    await applyAmazonOrder(db, store, o);
    const saleId = (await rowOf(o)).saleId!;
    await authorisePick(db, saleId, {}, userId);
    expect(await onHand(db, p.id, ownLocation)).toBe(3);
    expect(await applyAmazonOrder(db, store, { ...o, amazonStatus: 'Canceled', items: null, lastUpdateDate: new Date('2026-11-22T00:00:00Z') })).toBe('cancelled');
    expect(await onHand(db, p.id, ownLocation)).toBe(5);
    expect((await saleOf(saleId)).orderStatus).toBe('Voided');
  });
});
