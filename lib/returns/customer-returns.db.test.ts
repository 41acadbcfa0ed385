import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { amazonOrders, amazonStores, fbaListings, saleCreditNoteLines, saleLog, stockLedger } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { clientForStore } from '@/lib/fba/connection-client';
import type { CustomerReturnRow } from '@/lib/fba/customer-returns-report';
import type { TestSandbox } from '@/lib/fba/sp-api/testing/harness';
import { DEMO_SELLER } from '@/sandbox/index';
import { postMovements } from '@/lib/stock/ledger';
import { createTestDb } from '@/test/db';
import { makeFbaConnection, startFastSandbox } from '@/test/fba-fixtures';
import { makeProduct } from '@/test/fixtures';
import { makeSaleWithLines } from '@/test/fulfilment-fixtures';
import { onHand } from '@/test/stock';
import { creditNotesOf } from './credit-notes';
import { downloadStoreReturns, importCustomerReturns } from './customer-returns';

let db: Db;
let seq = 0;
const US = 'ATVPDKIKX0DER';

beforeAll(async () => {
  db = (await createTestDb()).db;
});

async function makeStore(afnLocationId: string, over: Partial<typeof amazonStores.$inferInsert> = {}) {
  const [store] = await db
    .insert(amazonStores)
    .values({ name: `Store ${++seq}`, sellerId: `ASTORE${seq}${Date.now().toString(36).toUpperCase()}`, marketplaceIds: [US], refreshTokenEnc: encryptSecret('Atzr|sandbox-demo'), afnLocationId, ...over })
    .returning();
  return store;
}

/** Stock at a place, received at `unitCost` (scale 4). */
async function receive(productId: string, locationId: string, quantity: number, unitCost: number) {
  await db.transaction((tx) => postMovements(tx, [{ productId, locationId, binId: null, quantity, valued: true, unitCost, sourceType: 'adjustment', sourceId: randomUUID(), sourceLine: 1 }], null));
}

/** An AFN order imported as a sale from the FBA location: the sale's lines and the units it took out of stock there. */
async function importedOrder(storeId: string, locationId: string, amazonOrderId: string, lines: { productId: string; quantity: number }[]) {
  const sale = await makeSaleWithLines(db, { lines: lines.map((l) => ({ ...l, locationId })) });
  await db.transaction((tx) =>
    postMovements(tx, lines.map((l, i) => ({ productId: l.productId, locationId, binId: null, quantity: -l.quantity, valued: true, sourceType: 'sale' as const, sourceId: sale.id, sourceLine: i + 1 })), null),
  );
  const now = new Date();
  await db.insert(amazonOrders).values({ storeId, amazonOrderId, marketplaceId: US, fulfillmentChannel: 'AFN', amazonStatus: 'Shipped', purchaseDate: now, lastUpdateDate: now, items: [], state: 'Imported', saleId: sale.id, locationId });
  return sale;
}

const row = (over: Partial<CustomerReturnRow> & Pick<CustomerReturnRow, 'orderId' | 'sellerSku'>): CustomerReturnRow => ({
  returnDate: new Date('2026-05-02T10:00:00Z'),
  asin: null,
  fnsku: null,
  productName: null,
  quantity: 1,
  fulfillmentCenterId: 'PHX6',
  disposition: 'SELLABLE',
  reason: 'UNWANTED_ITEM',
  status: 'Unit returned to inventory',
  licensePlateNumber: `LPN${++seq}`,
  comment: null,
  ...over,
});

describe('importCustomerReturns', () => {
  it('records a sellable and an unsellable return on one credit note; only the sellable unit is back in stock; a re-import adds nothing; unmatched rows are counted', async () => {
    const { conn, location } = await makeFbaConnection(db);
    const store = await makeStore(location.id);
    const kettle = await makeProduct(db, { sku: `KETTLE-${seq}` });
    const mug = await makeProduct(db, { sku: `MUG-${seq}` });
    const mugListing = `AMZ-MUG-${seq}`;
    // The mug is listed at Amazon under another seller SKU.
    await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: mugListing, productId: mug.id });
    await receive(kettle.id, location.id, 10, 12_0000);
    await receive(mug.id, location.id, 10, 3_5000);
    const sale = await importedOrder(store.id, location.id, '111-0000001-0000001', [
      { productId: kettle.id, quantity: 2 },
      { productId: mug.id, quantity: 3 },
    ]);
    // A held order (no sale) of the same store.
    await db.insert(amazonOrders).values({ storeId: store.id, amazonOrderId: '111-0000002-0000002', marketplaceId: US, fulfillmentChannel: 'AFN', amazonStatus: 'Shipped', purchaseDate: new Date(), lastUpdateDate: new Date(), items: [], state: 'Held', heldReason: 'SKU X maps to no product.' });
    expect(await onHand(db, kettle.id, location.id)).toBe(8);
    expect(await onHand(db, mug.id, location.id)).toBe(7);

    const rows = [
      row({ orderId: '111-0000001-0000001', sellerSku: kettle.sku, disposition: 'SELLABLE', reason: 'UNWANTED_ITEM' }),
      row({ orderId: '111-0000001-0000001', sellerSku: mugListing, quantity: 2, disposition: 'CUSTOMER_DAMAGED', reason: 'DAMAGED_BY_CUSTOMER' }),
      row({ orderId: '111-0000002-0000002', sellerSku: kettle.sku }),
      row({ orderId: '999-NOT-OURS', sellerSku: kettle.sku }),
    ];
    expect(await importCustomerReturns(db, store.id, rows)).toEqual({ creditNotes: 1, lines: 2, restocked: 1, unsellable: 2, unmatched: 2 });
    expect(await onHand(db, kettle.id, location.id)).toBe(9);
    expect(await onHand(db, mug.id, location.id)).toBe(7);
    // The sellable kettle came back at the cost it went out at.
    const [back] = await db.select().from(stockLedger).where(eq(stockLedger.sourceType, 'return'));
    expect(back).toMatchObject({ productId: kettle.id, locationId: location.id, quantity: 1, unitCost: 12_0000 });

    const notes = await creditNotesOf(db, sale.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ number: expect.stringMatching(/^CR-\d{5}$/), source: 'customer_return', sourceLabel: 'Amazon customer return', reference: '111-0000001-0000001', total: 3000 });
    expect(notes[0].lines).toEqual([
      expect.objectContaining({ sku: kettle.sku, quantity: 1, disposition: 'SELLABLE', reason: 'UNWANTED_ITEM', restocked: true, amount: 1000, location: location.name }),
      expect.objectContaining({ sku: mug.sku, quantity: 2, disposition: 'CUSTOMER_DAMAGED', reason: 'DAMAGED_BY_CUSTOMER', restocked: false, amount: 2000 }),
    ]);
    const log = (await db.select().from(saleLog).where(eq(saleLog.saleId, sale.id)).orderBy(asc(saleLog.id))).at(-1);
    expect(log).toMatchObject({ stage: 'Invoice', message: `Credit note ${notes[0].number} (Amazon customer return 111-0000001-0000001): 1 unit back in stock, 2 units unsellable, recorded only.` });

    // The same report again (an overlapping download): nothing new.
    expect(await importCustomerReturns(db, store.id, rows)).toEqual({ creditNotes: 0, lines: 0, restocked: 0, unsellable: 0, unmatched: 2 });
    expect(await onHand(db, kettle.id, location.id)).toBe(9);
    expect(await creditNotesOf(db, sale.id)).toHaveLength(1);
  });

  it('a SKU on no line of the sale, and mapped to no product of it, is unmatched', async () => {
    const { location } = await makeFbaConnection(db);
    const store = await makeStore(location.id);
    const p = await makeProduct(db);
    await receive(p.id, location.id, 5, 1_0000);
    await importedOrder(store.id, location.id, '222-0000001-0000001', [{ productId: p.id, quantity: 1 }]);
    expect(await importCustomerReturns(db, store.id, [row({ orderId: '222-0000001-0000001', sellerSku: 'SOMETHING-ELSE' })])).toMatchObject({ creditNotes: 0, unmatched: 1 });
  });
});

describe('downloadStoreReturns against the sandbox', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startFastSandbox();
  });
  afterAll(() => sandbox?.close());

  it('reads the store’s returns report, credits the sale, and moves the store’s cursor', async () => {
    const { conn, location } = await makeFbaConnection(db);
    const store = await makeStore(location.id, { sellerId: DEMO_SELLER.sellerId, ordersFrom: new Date(Date.now() - 5 * 24 * 3600_000) });
    const p = await makeProduct(db, { sku: `RET-${seq}` });
    await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku: 'DEMO-001', productId: p.id });
    await receive(p.id, location.id, 5, 2_0000);
    const placed = await sandbox.admin<{ amazonOrderIds: string[] }>('POST', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/orders`, {
      orders: [{ fulfillmentChannel: 'AFN', items: [{ sellerSku: 'DEMO-001', quantity: 2 }] }],
    });
    const orderId = placed.amazonOrderIds[0];
    await sandbox.advance(2 * 24 * 3600);
    await sandbox.admin('POST', `/_sandbox/sellers/${DEMO_SELLER.sellerId}/returns`, { returns: [{ orderId, sellerSku: 'DEMO-001', quantity: 1, disposition: 'SELLABLE' }] });
    const sale = await importedOrder(store.id, location.id, orderId, [{ productId: p.id, quantity: 2 }]);

    const client = await clientForStore(db, store.id);
    const sleep = () => sandbox.advance(60).then(() => undefined);
    const result = await downloadStoreReturns(db, store.id, client, { sleep });
    expect(result).toEqual({ creditNotes: 1, lines: 1, restocked: 1, unsellable: 0, unmatched: 0 });
    expect(await onHand(db, p.id, location.id)).toBe(4);
    const [after] = await db.select().from(amazonStores).where(eq(amazonStores.id, store.id));
    expect(after.lastReturnsAt).toBeInstanceOf(Date);
    expect((await creditNotesOf(db, sale.id))[0].lines[0]).toMatchObject({ disposition: 'SELLABLE', restocked: true });

    // The next download reads the last 3 days again: the same return adds nothing.
    expect(await downloadStoreReturns(db, store.id, client, { sleep })).toMatchObject({ creditNotes: 0, lines: 0 });
    expect((await db.select().from(saleCreditNoteLines)).filter((l) => l.productId === p.id)).toHaveLength(1);
  });
});
