import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { rowsOf } from '@/db/driver';
import { customers, fbaListings, fulfilmentOrderItems, fulfilmentOrderLog, fulfilmentOrders, outbox, saleBoxes, saleLog, salePackLines, stockLevels } from '@/db/schema';
import { ensurePriceTiers } from '@/lib/catalog/price-tiers';
import { saveSalesProcess } from '@/lib/reference/company';
import { createAdjustment } from '@/lib/stock/adjustments';
import { makeFbaConnection } from '@/test/fba-fixtures';
import { makeLocation, makeProduct, makeUser } from '@/test/fixtures';
import { createTestDb } from '@/test/db';
import { onHand } from '@/test/stock';
import { authoriseInvoice, recordPayment, undoInvoice } from './invoice';
import { authoriseOrder, undoOrder } from './order';
import { authorisePack, undoPack } from './pack';
import { authorisePick, undoPick } from './pick';
import { getSale } from './queries';
import { createSale } from './sales';
import { authoriseShip, copyFromPack, undoShip } from './ship';

let db: Db;
let userId: string;
let customerId: string;
beforeAll(async () => {
  db = (await createTestDb()).db;
  userId = (await makeUser(db)).id;
  await ensurePriceTiers(db);
  const [c] = await db.insert(customers).values({ name: `Cust ${Math.random()}`, shippingLine1: '1 Main St', shippingCity: 'Seattle', shippingPostalCode: '98101', shippingCountry: 'US', priceTier: 1 }).returning();
  customerId = c.id;
});

const shipTo = { shipToName: 'Jo Buyer', shipToLine1: '1 Main St', shipToLine2: null, shipToCity: 'Seattle', shipToState: 'WA', shipToPostalCode: '98101', shipToCountry: 'US', shipToPhone: null };

async function stockIn(productId: string, sku: string, locationId: string, quantity: number) {
  await createAdjustment(db, { reason: 'In', lines: [{ sku, locationId, binId: null, quantity, unitCost: 10_000 }] }, userId);
  void productId;
}

async function allocated(productId: string, locationId: string) {
  const [r] = await db.select({ a: stockLevels.allocated }).from(stockLevels).where(and(eq(stockLevels.productId, productId), eq(stockLevels.locationId, locationId)));
  return r?.a ?? 0;
}

async function sell(lines: { sku: string; quantity: number; locationId?: string; price?: number }[], comment: string | null = 'Thanks!') {
  return createSale(
    db,
    { customerId, priceTier: 1, ...shipTo, customerReference: 'PO-1', comment, lines: lines.map((l, i) => ({ index: i, sku: l.sku, quantity: l.quantity, price: l.price ?? 1_250, locationId: l.locationId ?? null })) },
    userId,
  );
}

async function fbaWithListing(productId: string, orderProcessing: 'Manual' | 'Automatic', sellerSku = `MSKU-${Math.random().toString(36).slice(2, 7)}`) {
  const { conn, location } = await makeFbaConnection(db, { orderProcessing });
  await db.insert(fbaListings).values({ connectionId: conn.id, sellerSku, productId, mappedBy: 'manual' });
  return { conn, location, sellerSku };
}

const logOf = async (saleId: string) => (await db.select().from(saleLog).where(eq(saleLog.saleId, saleId)).orderBy(saleLog.id)).map((l) => `${l.stage}: ${l.message}`);

describe('a sale of own stock through every stage', () => {
  it('allocates on Order, moves stock on Pick, boxes, ships without a fulfilment order, invoices and takes payment; each undo reverses', async () => {
    await saveSalesProcess(db, { autoPick: false, autoPack: false, autoShip: false });
    const main = await makeLocation(db);
    const p = await makeProduct(db, { defaultLocationId: main.id });
    await stockIn(p.id, p.sku, main.id, 10);
    const sale = await sell([{ sku: p.sku, quantity: 4 }]);
    expect(sale.number).toMatch(/^SO-\d{5}$/);

    await authoriseOrder(db, sale.id, userId);
    expect(await allocated(p.id, main.id)).toBe(4);
    expect(await onHand(db, p.id, main.id)).toBe(10);

    await undoOrder(db, sale.id, userId);
    expect(await allocated(p.id, main.id)).toBe(0);
    await authoriseOrder(db, sale.id, userId);

    await authorisePick(db, sale.id, {}, userId);
    expect(await onHand(db, p.id, main.id)).toBe(6);
    expect(await allocated(p.id, main.id)).toBe(0);

    await undoPick(db, sale.id, userId);
    expect(await onHand(db, p.id, main.id)).toBe(10);
    expect(await allocated(p.id, main.id)).toBe(4);
    await authorisePick(db, sale.id, {}, userId);

    await authorisePack(db, sale.id, {}, userId);
    await expect(undoPick(db, sale.id, userId)).rejects.toThrow(/Undo Pack first/);
    const s1 = (await getSale(db, sale.id))!;
    const lines = await copyFromPack(db, s1);
    const shipped = await authoriseShip(db, { saleId: sale.id, shippingOption: 'Expedited', carrier: 'UPS', trackingNumber: '1Z999', skipFulfilment: false, lines }, userId);
    expect(shipped.fulfilmentOrders).toEqual([]);
    expect(shipped.sale.carrier).toBe('UPS');

    await authoriseInvoice(db, { saleId: sale.id, dueDate: new Date('2030-01-31T00:00:00Z') }, userId);
    const s2 = (await getSale(db, sale.id))!;
    expect(s2.invoiceTotal).toBe(5_000);
    expect(s2.invoiceNumber).toMatch(/^INV-\d{5}$/);
    expect(await recordPayment(db, { saleId: sale.id, amount: 2_000, paidOn: new Date(), method: 'Card', reference: 'r1' }, userId)).toEqual({ paid: 2_000, balance: 3_000 });
    await expect(undoInvoice(db, sale.id, userId)).rejects.toThrow(/refund/);
    await expect(recordPayment(db, { saleId: sale.id, amount: -2_500, paidOn: new Date(), method: null, reference: null }, userId)).rejects.toThrow(/cannot exceed/);

    await undoShip(db, sale.id, userId);
    await undoPack(db, sale.id, userId);
    await undoPick(db, sale.id, userId);
    expect(await onHand(db, p.id, main.id)).toBe(10);
    const log = await logOf(sale.id);
    expect(log).toContain('Pick: Authorised: 4 units picked.');
    expect(log.some((l) => l.startsWith('Invoice: Payment of 20.00 recorded (Card); balance owed 30.00'))).toBe(true);
    expect(log.filter((l) => l.includes('Undone')).length).toBe(5);
  });

  it('refuses an order whose stock is short, naming product, location, wanted and available', async () => {
    const main = await makeLocation(db, 'Short St');
    const p = await makeProduct(db, { sku: 'SHORT-1', defaultLocationId: main.id });
    await stockIn(p.id, p.sku, main.id, 2);
    const a = await sell([{ sku: p.sku, quantity: 2 }]);
    await authoriseOrder(db, a.id, userId);
    const b = await sell([{ sku: p.sku, quantity: 1 }]);
    await expect(authoriseOrder(db, b.id, userId)).rejects.toThrow('None of SKU SHORT-1 is available at Short St: 1 unit needed.');
    expect((await getSale(db, b.id))!.orderStatus).toBe('Draft');
  });

  it('refuses a Pick moved to a place that is short, with the pick rule wording', async () => {
    const main = await makeLocation(db);
    const other = await makeLocation(db, 'Other Place');
    const p = await makeProduct(db, { sku: 'MOVE-1', defaultLocationId: main.id });
    await stockIn(p.id, p.sku, main.id, 5);
    const s = await sell([{ sku: p.sku, quantity: 3 }]);
    await authoriseOrder(db, s.id, userId);
    await expect(authorisePick(db, s.id, { 1: { locationId: other.id, binId: null } }, userId)).rejects.toThrow('None of SKU MOVE-1 is available at Other Place: 3 units needed.');
    expect(await allocated(p.id, main.id)).toBe(3);
  });
});

describe('a sale shipped from FBA', () => {
  it('creates one Queued fulfilment order per external location with the outbox row only for Automatic connections; mixed sale boxed apart', async () => {
    await saveSalesProcess(db, { autoPick: false, autoPack: false, autoShip: false });
    const own = await makeLocation(db);
    const pOwn = await makeProduct(db, { defaultLocationId: own.id });
    const pA = await makeProduct(db);
    const pM = await makeProduct(db);
    const auto = await fbaWithListing(pA.id, 'Automatic', 'AMZ-A');
    const manual = await fbaWithListing(pM.id, 'Manual', 'AMZ-M');
    await stockIn(pOwn.id, pOwn.sku, own.id, 5);
    await stockIn(pA.id, pA.sku, auto.location.id, 5);
    await stockIn(pM.id, pM.sku, manual.location.id, 5);
    const sale = await sell([
      { sku: pOwn.sku, quantity: 1 },
      { sku: pA.sku, quantity: 2, locationId: auto.location.id },
      { sku: pM.sku, quantity: 3, locationId: manual.location.id },
    ]);
    await authoriseOrder(db, sale.id, userId);
    await authorisePick(db, sale.id, {}, userId);
    // A person cannot put FBA items in the own-stock box.
    await expect(authorisePack(db, sale.id, { 2: 1 }, userId)).rejects.toMatchObject({ fieldErrors: { 'box.2': [expect.stringContaining('boxed apart')] } });
    await authorisePack(db, sale.id, {}, userId);
    const boxes = await db.select().from(saleBoxes).where(eq(saleBoxes.saleId, sale.id)).orderBy(saleBoxes.boxNo);
    expect(boxes.map((b) => b.externalLocationId)).toEqual([null, auto.location.id, manual.location.id]);
    const packed = await db.select().from(salePackLines).where(eq(salePackLines.saleId, sale.id)).orderBy(salePackLines.pickLineNo);
    expect(packed.map((l) => l.boxNo)).toEqual([1, 2, 3]);

    const lines = await copyFromPack(db, (await getSale(db, sale.id))!);
    const r = await authoriseShip(db, { saleId: sale.id, shippingOption: 'Priority', carrier: null, trackingNumber: null, skipFulfilment: false, lines }, userId);
    expect(r.fulfilmentOrders.map((f) => f.location)).toEqual([auto.location.name, manual.location.name]);
    const fos = await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.saleId, sale.id)).orderBy(fulfilmentOrders.number);
    expect(fos.map((f) => [f.status, f.displayableOrderId, f.shippingSpeed, f.comment, f.shipToCity])).toEqual([
      ['Queued', sale.number, 'Priority', 'Thanks!', 'Seattle'],
      ['Queued', sale.number, 'Priority', 'Thanks!', 'Seattle'],
    ]);
    expect(fos[0].number).toMatch(/^FO-\d{5}$/);
    const items = await db.select().from(fulfilmentOrderItems).where(eq(fulfilmentOrderItems.orderId, fos[0].id));
    expect(items.map((i) => [i.sellerSku, i.quantity])).toEqual([['AMZ-A', 2]]);
    const calls = await db.select().from(outbox).where(sql`${outbox.subjectId} IN (${sql.raw(fos.map((f) => `'${f.id}'`).join(','))})`);
    expect(calls.map((c) => [c.subjectId, c.kind, c.payload])).toEqual([[fos[0].id, 'fo.create', { fulfillmentAction: 'Ship', version: 1 }]]);
    const foLog = await db.select().from(fulfilmentOrderLog).where(eq(fulfilmentOrderLog.orderId, fos[1].id));
    expect(foLog.map((l) => l.message)).toEqual([`Created from ${sale.number} shipment 1.`]);

    // Undo Ship: the automatic order has a call waiting (sent or being sent): left alone, logged,
    // Skip fulfilment ticked; the manual, Queued one with nothing waiting is voided.
    const undone = await undoShip(db, sale.id, userId);
    expect(undone.skipFulfilment).toBe(true);
    const after = await db.select().from(fulfilmentOrders).where(eq(fulfilmentOrders.saleId, sale.id)).orderBy(fulfilmentOrders.number);
    expect(after.map((f) => f.status)).toEqual(['Queued', 'Cancelled']);
    const autoLog = (await db.select().from(fulfilmentOrderLog).where(eq(fulfilmentOrderLog.orderId, fos[0].id))).map((l) => l.message);
    expect(autoLog).toContain('Ship was undone on the sale after this order was sent to Amazon; cancel it here if Amazon should not ship it.');
    expect((await logOf(sale.id)).some((l) => l.startsWith(`Ship: ${fos[0].number} (Queued): Ship was undone`))).toBe(true);
    const voidLog = (await db.select().from(fulfilmentOrderLog).where(eq(fulfilmentOrderLog.orderId, fos[1].id))).map((l) => l.message);
    expect(voidLog).toContain(`Voided: Ship was undone on ${sale.number}.`);

    // Re-authorising with Skip fulfilment ticked creates no fulfilment order.
    const again = await authoriseShip(db, { saleId: sale.id, shippingOption: 'Priority', carrier: null, trackingNumber: null, skipFulfilment: true, lines }, userId);
    expect(again.fulfilmentOrders).toEqual([]);
    expect(await db.$count(fulfilmentOrders, eq(fulfilmentOrders.saleId, sale.id))).toBe(2);
  });

  it('refuses Ship when a product has no listing in the connection’s catalog', async () => {
    const pX = await makeProduct(db, { sku: 'NOLIST-1' });
    const { conn, location } = await makeFbaConnection(db, { name: 'Demo FBA' });
    await stockIn(pX.id, pX.sku, location.id, 1);
    const sale = await sell([{ sku: pX.sku, quantity: 1, locationId: location.id }]);
    await authoriseOrder(db, sale.id, userId);
    await authorisePick(db, sale.id, {}, userId);
    const lines = await copyFromPack(db, (await getSale(db, sale.id))!);
    await expect(authoriseShip(db, { saleId: sale.id, shippingOption: 'Standard', carrier: null, trackingNumber: null, skipFulfilment: false, lines }, userId)).rejects.toThrow(
      'SKU NOLIST-1 is not in the FBA catalog of Demo FBA; map it in Integration → Fulfilment by Amazon → Catalog.',
    );
    void conn;
  });

  it('Sales Process Customisation: automatic Pick (all lines external) and Pack, AutoShip prepares but does not authorise', async () => {
    await saveSalesProcess(db, { autoPick: true, autoPack: true, autoShip: true });
    const p = await makeProduct(db);
    const fba = await fbaWithListing(p.id, 'Manual');
    await stockIn(p.id, p.sku, fba.location.id, 3);
    const sale = await sell([{ sku: p.sku, quantity: 2, locationId: fba.location.id }]);
    await authoriseOrder(db, sale.id, userId);
    const s = (await getSale(db, sale.id))!;
    expect([s.pickStatus, s.packStatus, s.shipStatus]).toEqual(['Authorised', 'Authorised', 'Draft']);
    expect(s.ship.map((l) => l.quantity)).toEqual([2]);
    expect(await onHand(db, p.id, fba.location.id)).toBe(1);
    expect(await db.$count(fulfilmentOrders, eq(fulfilmentOrders.saleId, sale.id))).toBe(0);

    // An own-stock line keeps Pick manual, and the log says why.
    const own = await makeLocation(db, 'Own Shelf');
    const q = await makeProduct(db, { defaultLocationId: own.id });
    await stockIn(q.id, q.sku, own.id, 3);
    const mixed = await sell([{ sku: q.sku, quantity: 1 }]);
    await authoriseOrder(db, mixed.id, userId);
    const m = (await getSale(db, mixed.id))!;
    expect(m.pickStatus).toBe('Draft');
    expect(m.log.map((l) => l.message).some((x) => x.startsWith('Automatic Pick not done') && x.includes('Own Shelf'))).toBe(true);
    await saveSalesProcess(db, { autoPick: false, autoPack: false, autoShip: false });
  });
});

describe('rows stay consistent', () => {
  it('allocated never exceeds on hand', async () => {
    const bad = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM stock_levels WHERE allocated > on_hand OR allocated < 0`));
    expect(Number(bad[0].n)).toBe(0);
  });
});
